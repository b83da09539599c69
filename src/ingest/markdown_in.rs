//! A Markdown file → its given front matter and body, for `briefing add`.
//!
//! Front matter is optional here (the loader requires it): a file without one is a body
//! whose first `# Heading`, if it opens the text, is taken as the title and removed, as a
//! Markdown article's headline. Given front matter is read with the loader's own YAML schema,
//! so an unknown key or a wrongly typed value is reported exactly as a build would.

use std::path::Path;

use crate::error::Diagnostic;
use crate::load::{RawFrontMatter, parse_front_matter, split_front_matter};

/// A Markdown input, split.
#[derive(Debug, Default, PartialEq)]
pub struct MarkdownInput {
    /// The front matter as given (all fields unset when there was none).
    pub front_matter: RawFrontMatter,
    /// The body, as written.
    pub body: String,
    /// The text of a leading `# Heading`, removed from the body.
    pub heading_title: Option<String>,
}

/// Splits `text` (the contents of `path`) into front matter and body.
pub fn read_markdown(text: &str, path: &Path) -> Result<MarkdownInput, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front_matter, body) = if text.lines().next().is_some_and(|l| l.trim_end() == "---") {
        let (front, body, _) = split_front_matter(text, path).map_err(|d| vec![d])?;
        (parse_front_matter(front, path, 2)?, body)
    } else {
        (RawFrontMatter::default(), text)
    };
    let (heading_title, body) = leading_heading(body);
    Ok(MarkdownInput {
        front_matter,
        body: body.trim_start_matches(['\n', '\r']).to_string(),
        heading_title,
    })
}

/// A `# Title` line before any other text, and the body after it.
fn leading_heading(body: &str) -> (Option<String>, &str) {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_end].trim_end();
    match line.strip_prefix("# ") {
        Some(title) if !title.trim().is_empty() => (
            Some(title.trim().trim_end_matches('#').trim().to_string()),
            &rest[line_end..],
        ),
        _ => (None, body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_markdown_with_and_without_front_matter() {
        let path = Path::new("in.md");
        let cases = [
            (
                "---\ntitle: Given\nauthor: A\n---\n\nText.\n",
                Some("Given"),
                None,
                "Text.\n",
            ),
            ("# A Title\n\nText.\n", None, Some("A Title"), "Text.\n"),
            (
                "Text first.\n\n# Later\n",
                None,
                None,
                "Text first.\n\n# Later\n",
            ),
        ];
        for (text, title, heading, body) in cases {
            let read = read_markdown(text, path).unwrap();
            assert_eq!(read.front_matter.title.as_deref(), title, "{text}");
            assert_eq!(read.heading_title.as_deref(), heading, "{text}");
            assert_eq!(read.body, body, "{text}");
        }
    }

    #[test]
    fn reports_bad_front_matter_like_the_loader() {
        let problems = read_markdown("---\ntitel: X\n---\nText.\n", Path::new("in.md"))
            .unwrap_err()
            .iter()
            .map(|d| d.location())
            .collect::<Vec<_>>();
        assert_eq!(problems, ["in.md:2"]);
    }
}
