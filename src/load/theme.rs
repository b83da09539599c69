//! One `themes/<id>.yaml` file → [`Theme`]: the briefing's title and question, and the
//! vocabulary the classifier files paragraphs with.
//!
//! The id is the file name, so a theme cannot disagree with its own file.

use std::path::Path;

use super::yaml::parse_theme as parse_yaml;
use super::{GroupDef, THEME_COLOURS, TermDef, Theme, required_text};
use crate::config::key_line;
use crate::error::Diagnostic;
use crate::ids::ThemeId;

/// Parses a theme file; `path` (ending in `<id>.yaml`) names it in messages and gives the id.
pub fn parse_theme(text: &str, path: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let id = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut diagnostics = Vec::new();
    if ThemeId::parse(&id).is_none() {
        diagnostics.push(
            Diagnostic::new(path, format!("theme id '{id}' (the file name) is not a safe slug"))
                .with_hint("rename the file with lowercase letters, digits and single hyphens, e.g. themes/western-response.yaml"),
        );
    }
    let raw = match parse_yaml(text, path) {
        Ok(raw) => raw,
        Err(found) => {
            diagnostics.extend(found);
            return Err(diagnostics);
        }
    };
    let at = |key: &str| key_line(text, key).unwrap_or(1);

    let title = required_text(
        raw.title,
        "title",
        "Military hardware",
        path,
        &mut diagnostics,
    );
    let question = required_text(
        raw.question,
        "question",
        "What did the parade show?",
        path,
        &mut diagnostics,
    );

    let threshold = match raw.threshold {
        Some(threshold) if threshold.is_finite() && threshold > 0.0 => threshold,
        Some(threshold) => {
            diagnostics.push(
                Diagnostic::new(
                    path,
                    format!("`threshold` must be a positive number, not {threshold}"),
                )
                .at_line(at("threshold"))
                .with_hint(
                    "a threshold of 4 to 6 files paragraphs that match two or three weighted terms",
                ),
            );
            0.0
        }
        None => {
            diagnostics.push(
                Diagnostic::new(path, "missing required field `threshold`")
                    .at_line(1)
                    .with_hint("add `threshold: 4.0`: the score a paragraph needs to be filed under the theme"),
            );
            0.0
        }
    };
    let colour = raw.colour.as_deref().and_then(|name| {
        let wanted = name.trim().to_lowercase();
        let found = THEME_COLOURS.iter().position(|colour| *colour == wanted);
        if found.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    path,
                    format!("`colour` '{name}' is not one of the theme colours"),
                )
                .at_line(at("colour"))
                .with_hint(format!(
                    "use one of {}, or leave `colour` out to get one no other theme has",
                    THEME_COLOURS.join(", ")
                )),
            );
        }
        found
    });
    if raw.terms.is_empty() {
        diagnostics.push(
            Diagnostic::new(path, "the theme has no `terms`")
                .at_line(at("terms"))
                .with_hint("list the weighted words and phrases that mark a paragraph as part of this theme"),
        );
    }

    let term_lines = lines_of_key(text, "term");
    let mut terms = Vec::with_capacity(raw.terms.len());
    for (index, term) in raw.terms.into_iter().enumerate() {
        let line = term_lines.get(index).copied().unwrap_or(1);
        for spelling in std::iter::once(&term.term).chain(&term.aliases) {
            if !spelling.chars().any(char::is_alphanumeric) {
                diagnostics.push(
                    Diagnostic::new(path, format!("term '{spelling}' has no letters or digits"))
                        .at_line(line)
                        .with_hint(
                            "a term is a word or phrase; end a word with * to match any ending",
                        ),
                );
            }
        }
        if !term.weight.is_finite() || term.weight == 0.0 {
            diagnostics.push(
                Diagnostic::new(path, format!("term '{}' needs a non-zero weight", term.term))
                    .at_line(line)
                    .with_hint("use a positive weight for words of the theme, a negative one for words that point away from it"),
            );
        }
        terms.push(TermDef {
            term: term.term,
            weight: term.weight,
            aliases: term.aliases,
            line,
        });
    }
    let groups = raw
        .groups
        .into_iter()
        .map(|group| GroupDef {
            title: group.title,
            terms: group.terms,
        })
        .collect();

    let id = match ThemeId::parse(&id) {
        Some(id) if diagnostics.is_empty() => id,
        _ => return Err(diagnostics),
    };
    Ok(Theme {
        id,
        path: path.to_path_buf(),
        title,
        question,
        scope: raw.scope.trim().to_string(),
        threshold,
        min_terms: raw.min_terms,
        colour,
        terms,
        groups,
    })
}

/// The 1-based lines of every `key:` entry, in order, list markers allowed (`- term: x`).
fn lines_of_key(text: &str, key: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches('-').trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(index, _)| index + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: Diplomacy\nquestion: Who met whom?\nthreshold: 4\nterms:\n  - term: summit*\n    weight: 3\n  - term: state visit\n    weight: 2\n    aliases: [official visit]\n";

    #[test]
    fn parses_theme_with_id_from_file_name() {
        let theme = parse_theme(GOOD, Path::new("themes/diplomacy.yaml")).unwrap();
        assert_eq!(theme.id.as_str(), "diplomacy");
        assert_eq!(theme.min_terms, 2);
        assert_eq!(theme.terms[1].line, 7);
        assert_eq!(theme.terms[1].aliases, ["official visit"]);
    }

    #[test]
    fn names_a_colour_from_the_palette() {
        let text = GOOD.replace("threshold: 4\n", "threshold: 4\ncolour: Teal\n");
        let theme = parse_theme(&text, Path::new("themes/diplomacy.yaml")).unwrap();
        assert_eq!(theme.colour.map(|c| THEME_COLOURS[c]), Some("teal"));
        assert_eq!(
            parse_theme(GOOD, Path::new("themes/d.yaml"))
                .unwrap()
                .colour,
            None
        );

        let text = GOOD.replace("threshold: 4\n", "threshold: 4\ncolour: '#ff0000'\n");
        let errors = parse_theme(&text, Path::new("themes/diplomacy.yaml")).unwrap_err();
        let message = errors[0].to_string();
        assert!(
            message.starts_with(
                "themes/diplomacy.yaml:4: `colour` '#ff0000' is not one of the theme colours"
            ),
            "{message}"
        );
        assert!(message.contains("blue, red, green"), "{message}");
    }

    #[test]
    fn reports_every_theme_problem() {
        let text = "title: X\nthreshold: -1\nterms:\n  - term: '!!'\n    weight: 0\n";
        let messages: Vec<String> = parse_theme(text, Path::new("themes/Bad_Id.yaml"))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "themes/Bad_Id.yaml: theme id 'Bad_Id' (the file name) is not a safe slug",
                "themes/Bad_Id.yaml:1: missing required field `question`",
                "themes/Bad_Id.yaml:2: `threshold` must be a positive number, not -1",
                "themes/Bad_Id.yaml:4: term '!!' has no letters or digits",
                "themes/Bad_Id.yaml:4: term '!!' needs a non-zero weight",
            ]
        );
    }
}
