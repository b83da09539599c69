//! A source being added, before it is a file: what a reader recognised in the input (the
//! metadata and the body's blocks), and how it is written as a Markdown body.
//!
//! The readers (`text`, `html`, `markdown_in`) each produce a [`Draft`]; only this module
//! writes Markdown, so escaping is decided in one place. Inline text in a block is already
//! Markdown: the plain-text reader escapes what it copies with [`escape_inline`], the HTML
//! reader writes emphasis and links itself.

/// What the input says about itself; every field is optional because pages omit any of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftMeta {
    /// The headline.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The publisher or site name.
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Date of the last revision the page shows, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// The wire agency the story is credited to (`Reuters`, `Associated Press`).
    pub agency: Option<String>,
    /// The place of the story's dateline (`ROTTERDAM`), taken out of its first paragraph.
    pub dateline: Option<String>,
    /// The canonical address.
    pub url: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftBlock {
    /// A paragraph, as inline Markdown on one line.
    Paragraph(String),
    /// A section heading (written as `##`), as inline Markdown.
    Heading(String),
    /// A list; each item is inline Markdown.
    List {
        /// Numbered (`1.`) rather than bulleted (`-`).
        ordered: bool,
        /// The items.
        items: Vec<String>,
    },
    /// A block quote: its paragraphs, as inline Markdown.
    Quote(Vec<String>),
    /// Preformatted text, verbatim.
    Code(String),
    /// A table: rows of cells, each inline Markdown; the first row is the header.
    Table(Vec<Vec<String>>),
    /// An image's caption and credit (the image itself is not kept); plain text.
    Figure {
        /// What the picture shows.
        caption: String,
        /// Who took or owns it, e.g. `Image Source: NPR`.
        credit: Option<String>,
    },
}

/// A source as recognised in its input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// Metadata found in the input.
    pub meta: DraftMeta,
    /// The body, in order.
    pub blocks: Vec<DraftBlock>,
    /// What the reader had to guess or could not read, for the user to check.
    pub notes: Vec<String>,
}

impl Draft {
    /// The body as Markdown: blocks separated by blank lines, ending with a newline.
    pub fn body_markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            match block {
                DraftBlock::Paragraph(text) => push_line(&mut out, "", text),
                DraftBlock::Heading(text) => push_line(&mut out, "## ", text),
                DraftBlock::List { ordered, items } => {
                    for (n, item) in (1..).zip(items) {
                        let marker = if *ordered {
                            format!("{n}. ")
                        } else {
                            "- ".to_string()
                        };
                        push_line(&mut out, &marker, item);
                    }
                }
                DraftBlock::Quote(paragraphs) => {
                    for (i, text) in paragraphs.iter().enumerate() {
                        if i > 0 {
                            out.push_str(">\n");
                        }
                        push_line(&mut out, "> ", text);
                    }
                }
                DraftBlock::Code(text) => {
                    let fence = if text.contains("```") { "~~~~" } else { "```" };
                    out.push_str(fence);
                    out.push('\n');
                    out.push_str(text.trim_end_matches('\n'));
                    out.push('\n');
                    out.push_str(fence);
                    out.push('\n');
                }
                DraftBlock::Table(rows) => {
                    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                    for (i, row) in rows.iter().enumerate() {
                        let cells: Vec<String> = (0..width)
                            .map(|c| row.get(c).map_or(String::new(), |t| t.replace('|', "\\|")))
                            .collect();
                        push_line(&mut out, "", &format!("| {} |", cells.join(" | ")));
                        if i == 0 {
                            out.push_str(&format!("|{}\n", " --- |".repeat(width)));
                        }
                    }
                }
                DraftBlock::Figure { caption, credit } => {
                    let mut inner = html_escape::encode_text(caption).into_owned();
                    if let Some(credit) = credit {
                        if !inner.is_empty() {
                            inner.push(' ');
                        }
                        inner.push_str(&format!(
                            "<small>{}</small>",
                            html_escape::encode_text(credit)
                        ));
                    }
                    out.push_str(&format!(
                        "<figure>\n<figcaption>{inner}</figcaption>\n</figure>\n"
                    ));
                }
            }
        }
        out
    }

    /// The number of blocks that become citable paragraphs (headings and figures do not).
    pub fn paragraph_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| !matches!(b, DraftBlock::Heading(_) | DraftBlock::Figure { .. }))
            .count()
    }
}

/// Writes `prefix` + `text` as one line, with line breaks inside `text` turned into spaces.
fn push_line(out: &mut String, prefix: &str, text: &str) {
    out.push_str(prefix);
    out.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    out.push('\n');
}

/// Escapes plain text so Markdown reads it back as the same text: characters that would start
/// emphasis, links, code, HTML or an entity anywhere, and what would make a line a heading,
/// quote, list item or rule at its start.
pub fn escape_inline(text: &str) -> String {
    escape_line_start(&escape_chars(text))
}

/// Escapes the characters of plain text that Markdown would read as markup anywhere in a line
/// (emphasis, links, code, HTML, entities, strikethrough).
pub fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' => true,
            // `&amp;` and `&#8217;` are entities; a lone `&` is text.
            '&' => {
                chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count()
                    > 0
                    && chars[i + 1..]
                        .iter()
                        .find(|c| !(c.is_ascii_alphanumeric() || **c == '#'))
                        == Some(&';')
            }
            '!' => chars.get(i + 1) == Some(&'['),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make `line` a block other than a paragraph when it starts a line.
pub fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next();
    let needs = match first {
        Some('#' | '>' | '+' | '=' | '-') => {
            // `-` and `+` start a list only with a space after; `#` a heading likewise;
            // a line of only `-` or `=` is a rule or a setext underline.
            let rest = &trimmed[1..];
            rest.is_empty()
                || rest.starts_with(' ')
                || rest.starts_with('#')
                || trimmed.chars().all(|c| c == '-' || c == '=' || c == ' ')
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            let after = &trimmed[digits..];
            digits <= 9
                && (after.starts_with(". ")
                    || after.starts_with(") ")
                    || after == "."
                    || after == ")")
        }
        _ => false,
    };
    if !needs {
        return line.to_string();
    }
    if let Some(c) = first
        && c.is_ascii_digit()
    {
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        return format!("{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    format!("\\{trimmed}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_source;
    use std::path::Path;

    /// The text the loader reads back from one escaped line.
    fn read_back(line: &str) -> String {
        let file = format!("---\nid: x\ntitle: X\n---\n\n{line}\n");
        let source = parse_source(&file, Path::new("x.md")).unwrap();
        assert_eq!(source.paragraphs.len(), 1, "{line}");
        source.paragraphs[0].text.clone()
    }

    #[test]
    fn escaped_text_reads_back_unchanged() {
        for text in [
            "Plain words.",
            "A *star* and _under_ score, `tick` and [link](x) <b>tag</b>.",
            "# not a heading",
            "- not a list",
            "+ not a list",
            "1. not a list",
            "2025) not a list",
            "> not a quote",
            "---",
            "AT&T and &amp; and &#8217; and R&D;",
            "a | b | c",
            "~~struck~~ and a \\ backslash",
            "Look ![alt](x)",
            "-5 degrees",
            "1.5 million",
        ] {
            assert_eq!(read_back(&escape_inline(text)), text, "{text}");
        }
    }

    #[test]
    fn writes_blocks_as_markdown() {
        let draft = Draft {
            meta: DraftMeta::default(),
            blocks: vec![
                DraftBlock::Paragraph("One.".into()),
                DraftBlock::Heading("Part".into()),
                DraftBlock::Figure {
                    caption: "Leaders <meet>.".into(),
                    credit: Some("Image Source: NPR".into()),
                },
                DraftBlock::List {
                    ordered: false,
                    items: vec!["a".into(), "b".into()],
                },
                DraftBlock::Quote(vec!["q1".into(), "q2".into()]),
            ],
            notes: Vec::new(),
        };
        assert_eq!(
            draft.body_markdown(),
            "One.\n\n## Part\n\n<figure>\n<figcaption>Leaders &lt;meet&gt;. \
             <small>Image Source: NPR</small></figcaption>\n</figure>\n\n- a\n- b\n\n\
             > q1\n>\n> q2\n"
        );
        assert_eq!(draft.paragraph_count(), 3);
    }
}
