//! `briefing.toml` → [`Config`]: the site's title and description, how many key points a
//! briefing draws, and where the input and output folders are.
//!
//! Unknown keys are errors, not silently ignored: a misspelt `key_point = 3` should not leave
//! the user wondering why nothing changed.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Diagnostic;

/// The file name looked for in the project root.
pub const CONFIG_FILE: &str = "briefing.toml";

/// Site-wide settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown on every page.
    pub title: String,
    /// One or two sentences on what the site covers, shown on the index.
    #[serde(default)]
    pub description: String,
    /// BCP 47 language tag of the pages (`lang` attribute).
    #[serde(default = "default_language")]
    pub language: String,
    /// How many key points a briefing without an editor's overview draws from its passages.
    #[serde(default = "default_key_points")]
    pub key_points: usize,
    /// Evidence passages per briefing page; longer briefings continue on further pages, so a
    /// large corpus never makes a page too big to open.
    #[serde(default = "default_passages_per_page")]
    pub passages_per_page: usize,
    /// Theme ids in the order the index shows them; themes not listed follow, by id.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Where the input and output folders are, relative to the project root.
    #[serde(default)]
    pub paths: Paths,
}

/// Folder names, relative to the project root.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    /// Source articles (`*.md`).
    pub content: PathBuf,
    /// Theme definitions (`*.yaml`) and editors' overviews (`*.md`).
    pub themes: PathBuf,
    /// Tera templates and the `assets/` folder copied into the site.
    pub templates: PathBuf,
    /// The generated site.
    pub output: PathBuf,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            content: "content".into(),
            themes: "themes".into(),
            templates: "templates".into(),
            output: "site".into(),
        }
    }
}

fn default_language() -> String {
    "en".to_string()
}

fn default_key_points() -> usize {
    4
}

fn default_passages_per_page() -> usize {
    100
}

impl Config {
    /// Parses the text of `briefing.toml`; `shown_as` names the file in diagnostics.
    pub fn parse(text: &str, shown_as: &Path) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|err| {
            let mut diagnostic = Diagnostic::new(shown_as, first_line(err.message()));
            if let Some(span) = err.span() {
                let (line, column) = line_and_column(text, span.start);
                diagnostic = diagnostic.at(line, column);
            }
            diagnostic.with_hint(
                "see the README for the keys briefing.toml accepts (title, description, language, key_points, [paths])",
            )
        })?;
        if config.title.trim().is_empty() {
            return Err(Diagnostic::new(shown_as, "`title` is empty")
                .at_line(key_line(text, "title").unwrap_or(1))
                .with_hint("give the site a title, e.g. title = \"Beijing parade briefing\""));
        }
        if config.passages_per_page == 0 {
            return Err(
                Diagnostic::new(shown_as, "`passages_per_page` must be at least 1")
                    .at_line(key_line(text, "passages_per_page").unwrap_or(1))
                    .with_hint("leave it out for the default of 100"),
            );
        }
        Ok(config)
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// 1-based line and column of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The 1-based line on which a top-level `key = …` or `key: …` stands, for diagnostics about
/// a value that parsed but is not acceptable.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key).is_some_and(|rest| {
                matches!(rest.trim_start().chars().next(), Some('=') | Some(':'))
            })
        })
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let config = Config::parse("title = \"T\"\n", Path::new("briefing.toml")).unwrap();
        assert_eq!(config.title, "T");
        assert_eq!(config.key_points, 4);
        assert_eq!(config.paths.output, PathBuf::from("site"));
    }

    #[test]
    fn rejects_unknown_key_with_line() {
        let err = Config::parse("title = \"T\"\nkey_point = 3\n", Path::new("briefing.toml"))
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("unknown field `key_point`"), "{err}");
    }

    #[test]
    fn rejects_empty_title() {
        let err = Config::parse("title = \" \"\n", Path::new("briefing.toml")).unwrap_err();
        assert_eq!(
            err.to_string().lines().next().unwrap(),
            "briefing.toml:1: `title` is empty"
        );
    }

    #[test]
    fn finds_key_lines() {
        let text = "a: 1\nid: x\nidea: y\n";
        assert_eq!(key_line(text, "id"), Some(2));
        assert_eq!(key_line(text, "missing"), None);
        assert_eq!(line_and_column("ab\ncd", 4), (2, 2));
    }
}
