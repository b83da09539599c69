//! Pandoc-style citations: `[@source-id]`, `[@source-id, ¶4]`, `[@a; @b, ¶2]`.
//!
//! Editors write them in `themes/<id>.md`; the analysis writes them in the key points it draws
//! from passages. Both go through [`resolve`], so a generated citation is checked exactly like
//! a written one. Every unresolved citation of a text is reported, with its line and column.
//! Resolved text is HTML with a marker where each citation stood; the renderer, which knows
//! page paths and reference numbers, replaces the markers with links.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Diagnostic;
use crate::load::{Source, render_editor_markdown};

/// Opens a citation marker in resolved HTML; the citation's index follows, then [`MARK_CLOSE`].
pub const MARK_OPEN: char = '\u{E000}';
/// Closes a citation marker.
pub const MARK_CLOSE: char = '\u{E001}';

/// One cited item: a source, and optionally one of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cite {
    /// Index of the source in the corpus.
    pub source: usize,
    /// The paragraph number (`¶n`), when the citation names one.
    pub paragraph: Option<usize>,
}

/// Text whose citations are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedText {
    /// Sanitised HTML with a marker for each citation group.
    pub html: String,
    /// The citation groups, by marker index; `[@a; @b]` is one group of two.
    pub groups: Vec<Vec<Cite>>,
}

/// A citation as written, before it is checked against the sources.
#[derive(Debug, Clone, PartialEq)]
struct Written {
    start: usize,
    end: usize,
    items: Vec<(String, Option<usize>)>,
}

/// Where each source id points: its index and paragraph count.
pub struct SourceIndex<'a> {
    by_id: HashMap<&'a str, (usize, usize)>,
}

impl<'a> SourceIndex<'a> {
    /// Indexes `sources` by id.
    pub fn new(sources: &'a [Source]) -> Self {
        let by_id = sources
            .iter()
            .enumerate()
            .map(|(index, s)| (s.id.as_str(), (index, s.paragraphs.len())))
            .collect();
        SourceIndex { by_id }
    }
}

/// Resolves the citations of Markdown `text` (from `path`, starting at line `first_line`) and
/// renders it to HTML with markers.
pub fn resolve(
    text: &str,
    path: &Path,
    first_line: usize,
    index: &SourceIndex,
) -> Result<CitedText, Vec<Diagnostic>> {
    let (written, mut diagnostics) = find(text, path, first_line);
    let mut groups = Vec::with_capacity(written.len());
    for citation in &written {
        let (line, column) = crate::config::line_and_column(text, citation.start);
        let at = |d: Diagnostic| d.at(line + first_line - 1, column);
        let mut group = Vec::new();
        for (id, paragraph) in &citation.items {
            match index.by_id.get(id.as_str()) {
                None => {
                    diagnostics.push(at(Diagnostic::new(path, format!("unknown source '{id}'"))
                        .with_hint(known_ids_hint(index))))
                }
                Some(&(source, count)) => match paragraph {
                    Some(n) if *n == 0 || *n > count => diagnostics.push(at(Diagnostic::new(
                        path,
                        format!("paragraph ¶{n} of source '{id}' does not exist"),
                    )
                    .with_hint(format!("'{id}' has paragraphs ¶1 to ¶{count}")))),
                    _ => group.push(Cite {
                        source,
                        paragraph: *paragraph,
                    }),
                },
            }
        }
        groups.push(group);
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut marked = String::with_capacity(text.len());
    let mut last = 0;
    for (k, citation) in written.iter().enumerate() {
        marked.push_str(&text[last..citation.start]);
        marked.push(MARK_OPEN);
        marked.push_str(&k.to_string());
        marked.push(MARK_CLOSE);
        last = citation.end;
    }
    marked.push_str(&text[last..]);
    Ok(CitedText {
        html: render_editor_markdown(&marked),
        groups,
    })
}

fn known_ids_hint(index: &SourceIndex) -> String {
    let mut ids: Vec<&str> = index.by_id.keys().copied().collect();
    ids.sort_unstable();
    let shown = ids.len().min(8);
    let more = if ids.len() > shown { ", …" } else { "" };
    format!(
        "cite a source by its front matter id: {}{more}",
        ids[..shown].join(", ")
    )
}

/// Finds every `[@…]` in `text`, with a diagnostic for each one that is malformed.
fn find(text: &str, path: &Path, first_line: usize) -> (Vec<Written>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find("[@") {
        let start = search_from + offset;
        if text[..start].ends_with('\\') {
            search_from = start + 2;
            continue;
        }
        let (line, column) = crate::config::line_and_column(text, start);
        let malformed = |message: String| {
            Diagnostic::new(path, message)
                .at(line + first_line - 1, column)
                .with_hint("write [@source-id], [@source-id, ¶4] or [@a; @b, ¶2]")
        };
        let rest = &text[start + 1..];
        let Some(close) = rest.find([']', '[', '\n']) else {
            diagnostics.push(malformed("citation is not closed with `]`".to_string()));
            break;
        };
        if !rest[close..].starts_with(']') {
            diagnostics.push(malformed("citation is not closed with `]`".to_string()));
            search_from = start + 2;
            continue;
        }
        let inner = &rest[..close];
        let end = start + 1 + close + 1;
        match parse_items(inner) {
            Some(items) => found.push(Written { start, end, items }),
            None => diagnostics.push(malformed(format!("malformed citation '[{inner}]'"))),
        }
        search_from = end;
    }
    (found, diagnostics)
}

/// `@a; @b, ¶2` → `[("a", None), ("b", Some(2))]`.
fn parse_items(inner: &str) -> Option<Vec<(String, Option<usize>)>> {
    inner
        .split(';')
        .map(|item| {
            let item = item.trim().strip_prefix('@')?;
            let (id, locator) = match item.split_once(',') {
                Some((id, locator)) => (id.trim(), Some(locator.trim())),
                None => (item.trim(), None),
            };
            if id.is_empty() || id.contains(char::is_whitespace) {
                return None;
            }
            let paragraph = match locator {
                None => None,
                Some(locator) => Some(locator.strip_prefix('¶')?.trim().parse::<usize>().ok()?),
            };
            Some((id.to_string(), paragraph))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_citation_forms() {
        let cases = [
            ("@a", Some(vec![("a", None)])),
            ("@a, ¶4", Some(vec![("a", Some(4))])),
            ("@a; @b, ¶ 2", Some(vec![("a", None), ("b", Some(2))])),
            ("@a, p4", None),
            ("@", None),
            ("a", None),
        ];
        for (inner, expected) in cases {
            let expected = expected.map(|items| {
                items
                    .into_iter()
                    .map(|(id, n)| (id.to_string(), n))
                    .collect::<Vec<_>>()
            });
            assert_eq!(parse_items(inner), expected, "{inner}");
        }
    }

    #[test]
    fn locates_malformed_citations() {
        let (found, diagnostics) = find(
            "ok [@a] \\[@not]\nbad [@a, x] and [@b",
            Path::new("t.md"),
            3,
        );
        assert_eq!(found.len(), 1);
        let messages: Vec<String> = diagnostics
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "t.md:4:5: malformed citation '[@a, x]'",
                "t.md:4:17: citation is not closed with `]`",
            ]
        );
    }
}
