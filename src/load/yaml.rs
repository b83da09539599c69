//! The only module that speaks YAML: a source's front matter and a theme definition.
//!
//! serde_yaml is deprecated upstream; keeping every call here means a swap to a maintained
//! fork touches one file. Functions return plain structs with every field optional, so the
//! caller can report *all* missing fields at once rather than serde's first one.

use std::path::Path;

use serde::Deserialize;

use crate::error::Diagnostic;

/// Front matter as written, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// Stable slug that names the source everywhere.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When the text was captured, `YYYY-MM-DD`.
    pub retrieved: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Free-form tags from the publisher or the editor.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A theme file as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    /// Short title.
    pub title: Option<String>,
    /// The question the briefing answers.
    pub question: Option<String>,
    /// What is filed under the theme, and what is not.
    #[serde(default)]
    pub scope: String,
    /// Minimum score for a paragraph to be filed.
    pub threshold: Option<f64>,
    /// Minimum number of distinct positive terms matched.
    #[serde(default = "default_min_terms")]
    pub min_terms: usize,
    /// Weighted vocabulary.
    #[serde(default)]
    pub terms: Vec<RawTerm>,
    /// How passages are grouped on the briefing page.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

fn default_min_terms() -> usize {
    2
}

/// One weighted term of a theme's vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// The word or phrase; a token ending in `*` matches any word starting with it.
    pub term: String,
    /// How much a match counts; negative for words that point away from the theme.
    pub weight: f64,
    /// Other spellings that count as the same term.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A group of passages on the briefing page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Heading of the group.
    pub title: String,
    /// Terms that send a passage to this group.
    pub terms: Vec<String>,
}

/// Parses any YAML document into `T`, located diagnostics on failure. Test fixtures and future
/// YAML inputs use this, so serde_yaml stays behind this module.
pub fn from_yaml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(&err, path, 1))
}

/// Parses front matter text that starts on line `first_line` of `path`.
pub fn parse_front_matter(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<RawFrontMatter, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(&err, path, first_line))
}

/// Parses a whole theme file.
pub fn parse_theme(text: &str, path: &Path) -> Result<RawTheme, Diagnostic> {
    from_yaml(text, path)
}

/// Turns serde_yaml's message into a located diagnostic, with the location moved out of the
/// message text and into the diagnostic's own fields.
fn yaml_diagnostic(err: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    let message = without_locations(&err.to_string());
    let mut diagnostic = Diagnostic::new(path, format!("invalid YAML: {message}"));
    if let Some(location) = err.location() {
        diagnostic = diagnostic.at(location.line() + first_line - 1, location.column());
    }
    diagnostic.with_hint(hint_for(&message))
}

/// Removes serde_yaml's " at line N column M" phrases: they count lines from the start of the
/// YAML, not of the file, and the diagnostic already carries the file's line and column.
fn without_locations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find(" at line ") {
        out.push_str(&rest[..index]);
        let after = &rest[index + " at line ".len()..];
        let skipped = after
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .map_or(after.len(), |(i, _)| i);
        rest = &after[skipped..];
    }
    out.push_str(rest);
    out
}

fn hint_for(message: &str) -> &'static str {
    if message.contains("unknown field") {
        "remove the key or correct its spelling; the README lists the accepted keys"
    } else if message.contains("invalid type") {
        "check the value's type: text, a number, or a list as the README shows"
    } else {
        "check the indentation and quote values that contain `: ` or start with a special character"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_yaml_syntax_error_at_file_line() {
        let err =
            parse_front_matter("id: a\ntitle: [unclosed\n", Path::new("c.md"), 2).unwrap_err();
        assert!(err.message.starts_with("invalid YAML:"), "{err}");
        assert!(err.line.unwrap() >= 3, "{err}");
    }

    #[test]
    fn strips_yaml_relative_locations() {
        assert_eq!(
            without_locations("found end at line 3 column 1, while scanning at line 2 column 8"),
            "found end, while scanning"
        );
    }

    #[test]
    fn rejects_unknown_front_matter_key() {
        let err = parse_front_matter("id: a\ntitel: x\n", Path::new("c.md"), 2).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown field `titel`"), "{err}");
    }

    #[test]
    fn reads_dates_and_numbers_as_text() {
        let raw = parse_front_matter(
            "id: a\ntitle: 1984\npublished: 2025-09-03\n",
            Path::new("c.md"),
            2,
        )
        .unwrap();
        assert_eq!(raw.title.as_deref(), Some("1984"));
        assert_eq!(raw.published.as_deref(), Some("2025-09-03"));
    }
}
