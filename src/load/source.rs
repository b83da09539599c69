//! One `content/*.md` file → [`Source`]: front matter validated, body cut into numbered
//! paragraphs.
//!
//! Pure: takes the file's text and the path to name in messages, so tests need no disk.

use std::path::Path;

use super::markdown::{BlockKind, split_body};
use super::yaml::{RawFrontMatter, parse_front_matter};
use super::{Block, ListItem, Paragraph, Source, SourceMeta, required_text};
use crate::config::key_line;
use crate::error::Diagnostic;
use crate::ids::SourceId;

const FENCE: &str = "---";

/// Parses a source file; `path` is how messages name it.
pub fn parse_source(text: &str, path: &Path) -> Result<Source, Vec<Diagnostic>> {
    let digest = super::Digest::of(text.as_bytes());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body, body_line) = split_front_matter(text, path).map_err(|d| vec![d])?;
    let raw = parse_front_matter(front, path, 2)?;
    let located = |key: &str| key_line(front, key).map_or(1, |line| line + 1);
    let (id, meta) = validate(raw, path, &located)?;

    let mut paragraphs = Vec::new();
    let mut layout = Vec::new();
    let mut section: Option<String> = None;
    for block in split_body(body, body_line) {
        match block.kind {
            BlockKind::Heading(level) => {
                section = Some(block.text.clone());
                layout.push(Block::Heading {
                    text: block.text,
                    level,
                });
            }
            BlockKind::Figure => layout.push(Block::Figure { html: block.html }),
            BlockKind::Citable => {
                let n = u32::try_from(paragraphs.len() + 1).unwrap_or(u32::MAX);
                layout.push(Block::Paragraph(n));
                let items = (1..)
                    .zip(block.items)
                    .map(|(n, item)| ListItem {
                        n,
                        anchor: String::new(),
                        html: item.html,
                        text: item.text,
                    })
                    .collect();
                paragraphs.push(Paragraph {
                    n,
                    anchor: String::new(),
                    line: block.line,
                    html: block.html,
                    text: block.text,
                    section: section.clone(),
                    items,
                    ordered_from: block.ordered_from,
                });
            }
        }
    }
    assign_anchors(&mut paragraphs);
    if paragraphs.is_empty() {
        return Err(vec![
            Diagnostic::new(path, "the source has no paragraphs")
                .at_line(body_line)
                .with_hint("write the article's text below the closing `---` of the front matter"),
        ]);
    }
    Ok(Source {
        id,
        path: path.to_path_buf(),
        id_line: located("id"),
        published_line: located("published"),
        copy_of_line: located("copy_of"),
        digest,
        meta,
        paragraphs,
        layout,
    })
}

/// Gives every paragraph and list item its text anchor; anchors are unique across the source,
/// paragraphs and items alike, since they share the source's page.
fn assign_anchors(paragraphs: &mut [Paragraph]) {
    let texts: Vec<(&'static str, &str)> = paragraphs
        .iter()
        .flat_map(|p| {
            let kind = if p.items.is_empty() { "t" } else { "l" };
            std::iter::once((kind, p.text.as_str()))
                .chain(p.items.iter().map(|i| ("t", i.text.as_str())))
        })
        .collect();
    let mut anchors = crate::urls::text_anchors(texts).into_iter();
    for paragraph in paragraphs {
        paragraph.anchor = anchors.next().unwrap_or_default();
        for item in &mut paragraph.items {
            item.anchor = anchors.next().unwrap_or_default();
        }
    }
}

/// Splits `---\nYAML\n---\nbody` into the YAML, the body, and the body's first line number.
pub(crate) fn split_front_matter<'a>(
    text: &'a str,
    path: &Path,
) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != FENCE {
        return Err(Diagnostic::new(
            path,
            "missing front matter: the file must start with a `---` line",
        )
        .at_line(1)
        .with_hint(
            "start the file with `---`, the fields (id, title, …), a closing `---`, then the text",
        ));
    }
    let front_start = opening.len();
    let mut offset = front_start;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), FENCE | "...") {
            let body_start = offset + line.len();
            return Ok((&text[front_start..offset], &text[body_start..], index + 3));
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "front matter is not closed")
        .at_line(1)
        .with_hint("add a line `---` after the last front matter field"))
}

fn validate(
    raw: RawFrontMatter,
    path: &Path,
    located: &dyn Fn(&str) -> usize,
) -> Result<(SourceId, SourceMeta), Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let id = required_text(raw.id, "id", "a-stable-slug", path, &mut diagnostics);
    let title = required_text(
        raw.title,
        "title",
        "\"The article's headline\"",
        path,
        &mut diagnostics,
    );

    if !id.is_empty() && SourceId::parse(&id).is_none() {
        diagnostics.push(
            Diagnostic::new(path, format!("source id '{id}' is not a safe slug"))
                .at_line(located("id"))
                .with_hint(format!(
                    "use lowercase letters, digits and single hyphens, e.g. '{}'",
                    SourceId::suggest(&id)
                )),
        );
    }
    for (key, value) in [
        ("published", &raw.published),
        ("updated", &raw.updated),
        ("retrieved", &raw.retrieved),
    ] {
        if let Some(value) = value
            && !is_iso_date(value)
        {
            diagnostics.push(
                Diagnostic::new(path, format!("`{key}` is not a date: '{value}'"))
                    .at_line(located(key))
                    .with_hint("write dates as YYYY-MM-DD, e.g. 2025-09-03"),
            );
        }
    }
    if let Some(url) = &raw.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        diagnostics.push(
            Diagnostic::new(
                path,
                format!("`url` must start with http:// or https://: '{url}'"),
            )
            .at_line(located("url"))
            .with_hint("give the article's web address, or leave `url` out when it is not known"),
        );
    }
    let copy_of = raw
        .copy_of
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    let copy_of = match copy_of.map(|v| (v, SourceId::parse(v))) {
        Some((value, None)) => {
            diagnostics.push(
                Diagnostic::new(path, format!("`copy_of` is not a source id: '{value}'"))
                    .at_line(located("copy_of"))
                    .with_hint(format!(
                        "give the id of the source this one copies, e.g. '{}'",
                        SourceId::suggest(value)
                    )),
            );
            None
        }
        Some((_, parsed)) => parsed,
        None => None,
    };
    if copy_of.as_ref().is_some_and(|of| of.as_str() == id) {
        diagnostics.push(
            Diagnostic::new(path, format!("source '{id}' is named a copy of itself"))
                .at_line(located("copy_of"))
                .with_hint("give the id of the source this one copies, or remove `copy_of`"),
        );
    }
    let id = match SourceId::parse(&id) {
        Some(id) if diagnostics.is_empty() => id,
        _ => return Err(diagnostics),
    };
    let optional = |value: Option<String>| {
        value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Ok((
        id,
        SourceMeta {
            title,
            publisher: optional(raw.publisher),
            author: optional(raw.author),
            published: optional(raw.published),
            updated: optional(raw.updated),
            agency: optional(raw.agency),
            dateline: optional(raw.dateline),
            url: optional(raw.url),
            retrieved: optional(raw.retrieved),
            language: optional(raw.language),
            tags: raw.tags,
            copy_of,
        },
    ))
}

/// `YYYY-MM-DD` with a real month and day.
fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse_source(text, Path::new("content/x.md"))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn numbers_paragraphs_and_keeps_sections() {
        let source = parse_source(
            "---\nid: a\ntitle: T\n---\n\nOne.\n\n## Part\n\nTwo.\n",
            Path::new("content/a.md"),
        )
        .unwrap();
        assert_eq!(source.paragraphs.len(), 2);
        assert_eq!(source.paragraphs[1].n, 2);
        assert_eq!(source.paragraphs[1].line, 10);
        assert_eq!(source.paragraphs[1].section.as_deref(), Some("Part"));
        assert_eq!(source.id_line, 2);
    }

    #[test]
    fn reports_every_front_matter_problem_at_once() {
        assert_eq!(
            messages("---\nid: Not A Slug\npublished: 2025-13-01\nurl: javascript:x\n---\nText.\n"),
            [
                "content/x.md:1: missing required field `title`",
                "content/x.md:2: source id 'Not A Slug' is not a safe slug",
                "content/x.md:3: `published` is not a date: '2025-13-01'",
                "content/x.md:4: `url` must start with http:// or https://: 'javascript:x'",
            ]
        );
    }

    #[test]
    fn requires_front_matter_fences() {
        assert_eq!(
            messages("id: a\n"),
            ["content/x.md:1: missing front matter: the file must start with a `---` line"]
        );
        assert_eq!(
            messages("---\nid: a\n"),
            ["content/x.md:1: front matter is not closed"]
        );
    }

    #[test]
    fn checks_dates() {
        for ok in ["2024-02-29", "2025-09-03"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in ["2025-02-29", "2025-9-3", "03-09-2025", "2025-00-10", "soon"] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
