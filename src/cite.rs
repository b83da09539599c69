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

use std::ops::Range;

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
                    .filter_map(|item| {
                        check(corpus, item)
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

/// A citation of a paragraph by its number alone (`[@id, ¶4]`, `[@id, ¶4.2]`), where the
/// editor wrote it: the kind of citation a change to its source can silently re-point.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainCitation {
    /// The editor's file.
    pub path: std::path::PathBuf,
    /// 1-based line and column of the citation.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The paragraph (or list item) it names.
    pub at: ParagraphRef,
}

/// Every citation of an overview that names a paragraph by number without pinning words, in
/// reading order. Malformed citations are left out: [`resolve_overview`] reports those.
pub fn plain_citations(overview: &Overview) -> Vec<PlainCitation> {
    let text = overview.text.as_str();
    let mut found = Vec::new();
    render_cited_markdown(text, |reference, span| {
        let (line, column) = line_and_column(text, span.start);
        for item in parse_items(reference).unwrap_or_default() {
            let (Some((n, list_item)), None) = (item.locator, &item.words) else {
                continue;
            };
            let (Some(source), Ok(n)) = (SourceId::parse(&item.id), u32::try_from(n)) else {
                continue;
            };
            let at = match list_item.map(u32::try_from) {
                None => ParagraphRef::new(source, n),
                Some(Ok(i)) => ParagraphRef::item(source, n, i),
                Some(Err(_)) => continue,
            };
            found.push(PlainCitation {
                path: overview.path.clone(),
                line,
                column,
                at,
            });
        }
        None::<()>
    });
    found
}

/// One bracket of citations where the editor wrote it, with the sources it cites: what the
/// estimative-language lint ([`crate::analyse::estimative`]) counts to see how many sources a
/// sentence rests on, and reads around.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedSpan {
    /// Byte range of the bracket in the overview's text, `[` to `]`.
    pub span: Range<usize>,
    /// The sources it cites, each once, in the order written.
    pub sources: Vec<SourceId>,
}

/// Every citation bracket of an overview with the sources it cites, in reading order.
/// Malformed citations are left out: [`resolve_overview`] reports those, and the build stops.
pub fn cited_spans(overview: &Overview) -> Vec<CitedSpan> {
    let mut found = Vec::new();
    render_cited_markdown(&overview.text, |reference, span| {
        let mut sources: Vec<SourceId> = Vec::new();
        for item in parse_items(reference).unwrap_or_default() {
            if let Some(id) = SourceId::parse(&item.id).filter(|id| !sources.contains(id)) {
                sources.push(id);
            }
        }
        found.push(CitedSpan { span, sources });
        None::<()>
    });
    found
}

const SYNTAX: &str = "write [@source-id], [@source-id, ¶4], [@source-id, ¶4.2], [@source-id, \"quoted words\"] or [@a; @b, ¶2]";

/// Checks one cited item: the source exists, and so does the paragraph (and list item) if one
/// is named. An item that quotes words is pinned to them: it cites whichever paragraph (or
/// list item) holds those words now, so an edit above it never re-points it.
fn check(corpus: &Corpus, item: Item) -> Result<Cite, (String, String)> {
    let Item { id, locator, words } = item;
    let id = id.as_str();
    if let Some(words) = words {
        return pinned(corpus, id, locator, &words);
    }
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

/// Resolves `[@id, "words"]` (or `[@id, ¶4, "words"]`) to the paragraph or list item that
/// holds the words now. When several do, the one nearest the ¶ the editor named is taken;
/// without a ¶ that is an error, since the editor has to say which.
fn pinned(
    corpus: &Corpus,
    id: &str,
    locator: Option<Locator>,
    words: &str,
) -> Result<Cite, (String, String)> {
    let source = SourceId::parse(id)
        .and_then(|id| corpus.source(&id))
        .ok_or_else(|| (format!("unknown source '{id}'"), known_ids_hint(corpus)))?;
    let wanted = comparable(words);
    let holding: Vec<ParagraphRef> = source
        .units()
        .filter(|(_, text)| comparable(text).contains(&wanted))
        .map(|(at, _)| at)
        .collect();
    let shown = |at: &ParagraphRef| format!("¶{}", at.number());
    match (holding.as_slice(), locator) {
        ([], _) => Err((
            format!("no paragraph of source '{id}' contains the quoted words \"{words}\""),
            format!(
                "quote the words exactly as {} has them now (case, spelling and punctuation count)",
                source.path.display()
            ),
        )),
        ([only], _) => Ok(Cite::Paragraph(only.clone())),
        (several, None) => Err((
            format!(
                "the quoted words \"{words}\" occur in {} paragraphs of source '{id}': {}",
                several.len(),
                several.iter().map(shown).collect::<Vec<_>>().join(", ")
            ),
            format!(
                "quote more words, or name the paragraph: [@{id}, {}, \"{words}\"]",
                shown(&several[0])
            ),
        )),
        (several, Some((n, item))) => {
            let distance = |at: &ParagraphRef| {
                (
                    u64::from(at.n).abs_diff(n),
                    u64::from(at.item.unwrap_or(0)).abs_diff(item.unwrap_or(0)),
                )
            };
            let nearest = several
                .iter()
                .min_by_key(|at| distance(at))
                .unwrap_or(&several[0]);
            Ok(Cite::Paragraph(nearest.clone()))
        }
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

/// One cited item as written: the source id, the ¶ it names, and the words it quotes.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: String,
    locator: Option<Locator>,
    words: Option<String>,
}

/// `@a; @b, ¶2; @c, ¶4.1; @d, "the words"; @e, ¶3, “other words”` → one [`Item`] each.
/// Quoted words may hold commas and semicolons; `None` when anything is malformed.
fn parse_items(inner: &str) -> Option<Vec<Item>> {
    split_outside_quotes(inner, ';')?
        .into_iter()
        .map(|item| {
            let mut parts = split_outside_quotes(item, ',')?.into_iter();
            let id = parts.next()?.trim().strip_prefix('@')?.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return None;
            }
            let mut parsed = Item {
                id: id.to_string(),
                locator: None,
                words: None,
            };
            for part in parts {
                let part = part.trim();
                if let Some(number) = part.strip_prefix('¶') {
                    if parsed.locator.is_some() || parsed.words.is_some() {
                        return None;
                    }
                    let number = number.trim();
                    parsed.locator = Some(match number.split_once('.') {
                        Some((n, item)) => (n.parse().ok()?, Some(item.parse().ok()?)),
                        None => (number.parse().ok()?, None),
                    });
                } else {
                    let quoted = unquote(part)?;
                    if parsed.words.is_some() || quoted.trim().is_empty() {
                        return None;
                    }
                    parsed.words = Some(quoted.to_string());
                }
            }
            Some(parsed)
        })
        .collect()
}

/// The quote marks an editor may put around cited words: straight or curly.
const QUOTES: [(char, char); 2] = [('"', '"'), ('“', '”')];

/// `"words"` or `“words”` → `words`.
fn unquote(part: &str) -> Option<&str> {
    QUOTES.iter().find_map(|&(open, close)| {
        let inner = part.strip_prefix(open)?.strip_suffix(close)?;
        (!inner.contains(close)).then_some(inner)
    })
}

/// `text` cut at each `separator` that is not inside quotes; `None` when a quote is not
/// closed.
fn split_outside_quotes(text: &str, separator: char) -> Option<Vec<&str>> {
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut closing: Option<char> = None;
    for (at, c) in text.char_indices() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None if c == separator => {
                pieces.push(&text[from..at]);
                from = at + c.len_utf8();
            }
            None => {
                closing = QUOTES
                    .iter()
                    .find(|&&(open, _)| open == c)
                    .map(|&(_, close)| close);
            }
        }
    }
    if closing.is_some() {
        return None;
    }
    pieces.push(&text[from..]);
    Some(pieces)
}

/// Text as compared for a quotation: curly quotes and apostrophes straight, dashes one kind,
/// runs of white space one space, and no emphasis marks.
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '‘' | '’' | 'ʼ' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            '*' | '_' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
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
            entities: Vec::new(),
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
        let item = |id: &str, locator: Option<Locator>, words: Option<&str>| Item {
            id: id.to_string(),
            locator,
            words: words.map(str::to_string),
        };
        let cases = [
            ("@a", Some(vec![item("a", None, None)])),
            ("@a, ¶4", Some(vec![item("a", Some((4, None)), None)])),
            (
                "@a; @b, ¶ 2",
                Some(vec![
                    item("a", None, None),
                    item("b", Some((2, None)), None),
                ]),
            ),
            ("@a, ¶4.2", Some(vec![item("a", Some((4, Some(2))), None)])),
            (
                "@a, \"eight, or nine; million\"",
                Some(vec![item("a", None, Some("eight, or nine; million"))]),
            ),
            (
                "@a, ¶4, “ran over budget”; @b",
                Some(vec![
                    item("a", Some((4, None)), Some("ran over budget")),
                    item("b", None, None),
                ]),
            ),
            ("@a, \"unclosed", None),
            ("@a, \"\"", None),
            ("@a, \"x\", ¶4", None),
            ("@a, \"x\", \"y\"", None),
            ("@a, ¶4.", None),
            ("@a, p4", None),
            ("@", None),
            ("a", None),
        ];
        for (inner, expected) in cases {
            assert_eq!(parse_items(inner), expected, "{inner}");
        }
    }

    #[test]
    fn a_quoted_citation_follows_its_words() {
        let corpus = corpus();
        let resolve = |text: &str| {
            resolve_overview(&overview(text), &corpus).map(|text| {
                text.cites()
                    .map(|cite| cite.paragraph().map(|at| at.number()))
                    .collect::<Vec<_>>()
            })
        };
        // The words are found wherever they are, whatever ¶ the editor remembered.
        assert_eq!(
            resolve("A [@alpha, \"Two.\"].\n"),
            Ok(vec![Some("2".into())])
        );
        assert_eq!(
            resolve("A [@alpha, ¶1, \"Two\"].\n"),
            Ok(vec![Some("2".into())])
        );
        // List items are cited on their own; curly quotes and spacing do not matter.
        assert_eq!(
            resolve("A [@alpha, “Three  two”].\n"),
            Ok(vec![Some("3.2".into())])
        );
        // Words in several paragraphs: the named ¶ decides.
        assert_eq!(
            resolve("A [@alpha, ¶3, \"Three\"].\n"),
            Ok(vec![Some("3.1".into())])
        );
        let first_line = |text: &str| {
            resolve(text).unwrap_err()[0]
                .to_string()
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            first_line("A [@alpha, \"Three\"].\n"),
            "themes/t.md:1:3: the quoted words \"Three\" occur in 2 paragraphs of source 'alpha': ¶3.1, ¶3.2"
        );
        assert_eq!(
            first_line("\nA [@alpha, \"Four\"].\n"),
            "themes/t.md:2:3: no paragraph of source 'alpha' contains the quoted words \"Four\""
        );
    }

    #[test]
    fn finds_citation_brackets_with_their_distinct_sources() {
        let text = "A [@alpha, ¶1; @beta; @alpha, \"Two\"] b `[@code]` [@beta].\n";
        let cited = cited_spans(&overview(text));
        let spans: Vec<(&str, Vec<&str>)> = cited
            .iter()
            .map(|cited| {
                (
                    &text[cited.span.clone()],
                    cited.sources.iter().map(SourceId::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (
                    "[@alpha, ¶1; @beta; @alpha, \"Two\"]",
                    vec!["alpha", "beta"]
                ),
                ("[@beta]", vec!["beta"]),
            ]
        );
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
