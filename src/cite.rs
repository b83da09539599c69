//! Cited text: what a briefing says, as a sequence of text and citation parts.
//!
//! Two things produce cited text. The analysis builds it directly, part by part (a key point
//! is a quoted sentence followed by a citation of its paragraph). An editor writes it, as
//! Markdown with Pandoc-style citations in `themes/<id>.md` — `[@source-id]`,
//! `[@source-id, ¶4]`, `[@source-id, ¶4.2]` (item 2 of the list that is ¶4),
//! `[@a; @b, ¶2]` — and [`resolve_overview`] parses that, checks every
//! citation against the corpus, and reports every one that does not resolve with its line and
//! column. Only what an editor wrote is ever parsed; nothing generated goes through text and
//! back, and no marker is hidden in a string, so any character a source contains is shown as
//! it is.
//!
//! How a citation looks is decided once, by the renderer, for every page.

use serde::Serialize;

use crate::config::line_and_column;
use crate::error::Diagnostic;
use crate::ids::{ParagraphRef, SourceId};
use crate::load::{Corpus, Overview, Rendered, render_cited_markdown};

/// Text whose citations are resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CitedText {
    /// The parts, in reading order.
    pub parts: Vec<Part>,
}

/// One part of a cited text.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// HTML rendered from an editor's Markdown. Pieces are well-formed only together, in order:
    /// the piece before a citation can end inside a paragraph.
    Html(String),
    /// Words to show as they are (escaped when rendered): verbatim text of a source.
    Text(String),
    /// One bracket of citations, `[a, ¶2; b]`.
    Citation(Vec<Cite>),
}

/// One cited item: a whole source or one of its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum Cite {
    /// A paragraph of a source.
    Paragraph(ParagraphRef),
    /// A source as a whole.
    Source {
        /// The source.
        source: SourceId,
    },
}

impl Cite {
    /// The cited source.
    pub fn source(&self) -> &SourceId {
        match self {
            Cite::Paragraph(paragraph) => &paragraph.source,
            Cite::Source { source } => source,
        }
    }

    /// The cited paragraph, when the citation names one.
    pub fn paragraph(&self) -> Option<&ParagraphRef> {
        match self {
            Cite::Paragraph(paragraph) => Some(paragraph),
            Cite::Source { .. } => None,
        }
    }
}

impl CitedText {
    /// Every cited item, in reading order.
    pub fn cites(&self) -> impl Iterator<Item = &Cite> {
        self.parts.iter().flat_map(|part| match part {
            Part::Citation(cites) => cites.as_slice(),
            _ => &[],
        })
    }
}

/// Resolves the citations of an editor's overview against the corpus and renders its Markdown.
/// Every citation that does not resolve is reported, with its line and column.
pub fn resolve_overview(
    overview: &Overview,
    corpus: &Corpus,
) -> Result<CitedText, Vec<Diagnostic>> {
    let text = overview.text.as_str();
    let mut diagnostics = Vec::new();
    let mut starts = Vec::new();
    let pieces = render_cited_markdown(text, |reference, span| {
        starts.push(span.start);
        let diagnostic = |message: String| {
            let (line, column) = line_and_column(text, span.start);
            Diagnostic::new(&overview.path, message).at(line, column)
        };
        match parse_items(reference) {
            None => {
                diagnostics.push(
                    diagnostic(format!("malformed citation '[{reference}]'")).with_hint(SYNTAX),
                );
                None
            }
            Some(items) => {
                let before = diagnostics.len();
                let cites: Vec<Cite> = items
                    .into_iter()
                    .filter_map(|(id, paragraph)| {
                        check(corpus, &id, paragraph)
                            .map_err(|(message, hint)| {
                                diagnostics.push(diagnostic(message).with_hint(hint))
                            })
                            .ok()
                    })
                    .collect();
                (diagnostics.len() == before).then_some(cites)
            }
        }
    });
    for start in unclosed(text, &starts) {
        let (line, column) = line_and_column(text, start);
        diagnostics.push(
            Diagnostic::new(&overview.path, "citation is not closed with `]`")
                .at(line, column)
                .with_hint(SYNTAX),
        );
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let parts = pieces
        .into_iter()
        .map(|piece| match piece {
            Rendered::Html(html) => Part::Html(html),
            Rendered::Inline(cites) => Part::Citation(cites),
        })
        .collect();
    Ok(CitedText { parts })
}

const SYNTAX: &str = "write [@source-id], [@source-id, ¶4], [@source-id, ¶4.2] or [@a; @b, ¶2]";

/// Checks one cited item: the source exists, and so does the paragraph (and list item) if one
/// is named.
fn check(corpus: &Corpus, id: &str, locator: Option<Locator>) -> Result<Cite, (String, String)> {
    let source = SourceId::parse(id)
        .and_then(|id| corpus.source(&id))
        .ok_or_else(|| (format!("unknown source '{id}'"), known_ids_hint(corpus)))?;
    let Some((n, item)) = locator else {
        return Ok(Cite::Source {
            source: source.id.clone(),
        });
    };
    let last = source.last_paragraph();
    let paragraph = u32::try_from(n)
        .ok()
        .filter(|n| (1..=last).contains(n))
        .ok_or_else(|| {
            (
                format!("paragraph ¶{n} of source '{id}' does not exist"),
                format!("'{id}' has paragraphs ¶1 to ¶{last}"),
            )
        })?;
    let Some(item) = item else {
        return Ok(Cite::Paragraph(ParagraphRef::new(
            source.id.clone(),
            paragraph,
        )));
    };
    let items = source.paragraph(paragraph).map_or(0, |p| p.items.len());
    match u32::try_from(item) {
        Ok(i) if i >= 1 && (i as usize) <= items => Ok(Cite::Paragraph(ParagraphRef::item(
            source.id.clone(),
            paragraph,
            i,
        ))),
        _ if items == 0 => Err((
            format!("¶{n}.{item} of source '{id}' does not exist: ¶{n} is not a list"),
            format!("cite the paragraph as ¶{n}"),
        )),
        _ => Err((
            format!("¶{n}.{item} of source '{id}' does not exist"),
            format!("the list ¶{n} of '{id}' has items ¶{n}.1 to ¶{n}.{items}"),
        )),
    }
}

/// A paragraph number and, for a list item, the item's number: `¶4` or `¶4.2`.
type Locator = (u64, Option<u64>);

fn known_ids_hint(corpus: &Corpus) -> String {
    let shown = corpus.sources.len().min(8);
    let ids: Vec<&str> = corpus.sources[..shown]
        .iter()
        .map(|source| source.id.as_str())
        .collect();
    let more = if corpus.sources.len() > shown {
        ", …"
    } else {
        ""
    };
    format!(
        "cite a source by its front matter id: {}{more}",
        ids.join(", ")
    )
}

/// Offsets of every `[@` in `text` that opens no citation and is never closed on its line:
/// a citation the editor meant to write but did not finish. Escaped `\[@` and brackets that
/// Markdown read as something else (a link, code) are left alone.
fn unclosed(text: &str, citation_starts: &[usize]) -> Vec<usize> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("[@") {
        if citation_starts.contains(&start) || text[..start].ends_with('\\') {
            continue;
        }
        let rest = &text[start + 1..];
        let closed = rest
            .find([']', '[', '\n'])
            .is_some_and(|end| rest[end..].starts_with(']'));
        if !closed {
            found.push(start);
        }
    }
    found
}

/// `@a; @b, ¶2; @c, ¶4.1` → `[("a", None), ("b", Some((2, None))), ("c", Some((4, Some(1))))]`.
fn parse_items(inner: &str) -> Option<Vec<(String, Option<Locator>)>> {
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
                Some(locator) => {
                    let number = locator.strip_prefix('¶')?.trim();
                    Some(match number.split_once('.') {
                        Some((n, item)) => (n.parse().ok()?, Some(item.parse().ok()?)),
                        None => (number.parse().ok()?, None),
                    })
                }
            };
            Some((id.to_string(), paragraph))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_source;
    use std::path::{Path, PathBuf};

    fn corpus() -> Corpus {
        let source = |id: &str, body: &str| {
            parse_source(
                &format!("---\nid: {id}\ntitle: T\n---\n\n{body}"),
                Path::new("content/x.md"),
            )
            .unwrap()
        };
        Corpus {
            sources: vec![
                source("alpha", "One.\n\nTwo.\n\n- Three one\n- Three two\n"),
                source("beta", "Only.\n"),
            ],
            themes: Vec::new(),
            overviews: Default::default(),
        }
    }

    fn overview(text: &str) -> Overview {
        Overview {
            theme: crate::ids::ThemeId::parse("t").unwrap(),
            path: PathBuf::from("themes/t.md"),
            text: text.to_string(),
        }
    }

    fn alpha(n: u32) -> Cite {
        Cite::Paragraph(ParagraphRef::new(SourceId::parse("alpha").unwrap(), n))
    }

    #[test]
    fn parses_citation_forms() {
        let cases = [
            ("@a", Some(vec![("a", None)])),
            ("@a, ¶4", Some(vec![("a", Some((4, None)))])),
            (
                "@a; @b, ¶ 2",
                Some(vec![("a", None), ("b", Some((2, None)))]),
            ),
            ("@a, ¶4.2", Some(vec![("a", Some((4, Some(2))))])),
            ("@a, ¶4.", None),
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
    fn resolves_an_overview_into_parts() {
        let text = resolve_overview(
            &overview("Fine [@alpha, ¶2; @beta] and `[@code]`.\n"),
            &corpus(),
        )
        .unwrap();
        assert_eq!(
            text.parts,
            [
                Part::Html("<p>Fine ".into()),
                Part::Citation(vec![
                    alpha(2),
                    Cite::Source {
                        source: SourceId::parse("beta").unwrap()
                    }
                ]),
                Part::Html(" and <code>[@code]</code>.</p>\n".into()),
            ]
        );
        assert_eq!(text.cites().count(), 2);
    }

    #[test]
    fn private_use_characters_are_only_text() {
        let text = resolve_overview(
            &overview("A \u{E000}0\u{E001} b [@alpha, ¶1].\n"),
            &corpus(),
        )
        .unwrap();
        assert_eq!(
            text.parts[0],
            Part::Html("<p>A \u{E000}0\u{E001} b ".into())
        );
        assert_eq!(text.cites().collect::<Vec<_>>(), [&alpha(1)]);
    }

    #[test]
    fn reports_every_unresolved_citation_with_its_place() {
        let messages: Vec<String> = crate::error::sorted(
            resolve_overview(
            &overview("ok [@alpha] \\[@not]\nbad [@alpha, x] and [@nobody] and [@beta, ¶2] [@b\n[@alpha, ¶3.2] [@alpha, ¶3.3] [@alpha, ¶1.1]\n"),
                &corpus(),
            )
            .unwrap_err(),
        )
        .iter()
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect();
        assert_eq!(
            messages,
            [
                "themes/t.md:2:5: malformed citation '[@alpha, x]'",
                "themes/t.md:2:21: unknown source 'nobody'",
                "themes/t.md:2:35: paragraph ¶2 of source 'beta' does not exist",
                "themes/t.md:2:47: citation is not closed with `]`",
                "themes/t.md:3:16: ¶3.3 of source 'alpha' does not exist",
                "themes/t.md:3:31: ¶1.1 of source 'alpha' does not exist: ¶1 is not a list",
            ]
        );
    }
}
