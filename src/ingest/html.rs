//! A saved web page → [`Draft`]: the article's text as Markdown blocks, and what the page
//! says about itself.
//!
//! Finding the article is `rs-trafilatura`'s job (a port of trafilatura, the best-scoring
//! extractor on the article-extraction benchmark among those available to us; MIT or
//! Apache-2.0). It returns the article twice: as plain text (its final decision, after its
//! own cleaning) and as the HTML of the element it chose (which still holds the headline,
//! datelines and share links that the plain text leaves out). This module walks that HTML
//! into Markdown blocks (headings, paragraphs, lists, quotes, tables, code, links, emphasis;
//! images dropped, figure captions kept as figures) and keeps a block only when its text is
//! part of the plain text, so the structure comes from the HTML and the choice of words from
//! the extractor. When there is no HTML to walk, the plain text's lines are the paragraphs.
//!
//! What the page says about itself is read by `html_meta`.

use scraper::{ElementRef, Html, Node, Selector};

use super::draft::{Draft, DraftBlock, escape_chars, escape_line_start};
use super::html_meta::{fill_from_extractor, page_meta};

/// Reads a decoded HTML page.
pub fn read_html(html: &str) -> Draft {
    let options = rs_trafilatura::Options {
        include_links: true,
        ..rs_trafilatura::Options::default()
    };
    let extracted = rs_trafilatura::extract_with_options(html, &options).ok();
    let document = Html::parse_document(html);
    let mut meta = page_meta(&document);
    let mut blocks = Vec::new();
    if let Some(result) = &extracted {
        let words = letters(&result.content_text);
        if let Some(content) = result.content_html.as_deref().filter(|h| !h.is_empty()) {
            blocks = Walker::default().blocks(content);
            if !words.is_empty() {
                blocks = keep_extracted(blocks, &words);
                // The extractor may have replaced its text (by a JSON-LD body, a fallback)
                // without replacing its HTML: then the HTML does not hold the article.
                let kept: usize = blocks.iter().map(|b| letters(&block_plain(b)).len()).sum();
                if kept * 5 < words.len() * 4 {
                    blocks.clear();
                }
            }
        }
        if blocks.is_empty() {
            blocks = result
                .content_text
                .lines()
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .map(|line| DraftBlock::Paragraph(escape_line_start(&escape_chars(&line))))
                .collect();
        }
        fill_from_extractor(&mut meta, &result.metadata);
    }
    // The headline is the title; repeated as the first block, it is not body text.
    if let (Some(title), Some(DraftBlock::Heading(first) | DraftBlock::Paragraph(first))) =
        (&meta.title, blocks.first())
        && normalise(first) == normalise(&escape_chars(title))
    {
        blocks.remove(0);
    }
    Draft {
        meta,
        blocks,
        notes: Vec::new(),
    }
}

/// Whitespace collapsed to single spaces, for comparing texts.
pub(super) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the letters and digits of `text`, lowercased: texts compared this way agree however
/// the extractor and the walk spaced them (`( 1 )` and `(1)`).
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text a reader sees of a block.
fn block_plain(block: &DraftBlock) -> String {
    match block {
        DraftBlock::Paragraph(t) | DraftBlock::Heading(t) => plain_of(t),
        DraftBlock::List { items: parts, .. } | DraftBlock::Quote(parts) => parts
            .iter()
            .map(|p| plain_of(p))
            .collect::<Vec<_>>()
            .join(" "),
        DraftBlock::Table(rows) => rows
            .iter()
            .flatten()
            .map(|c| plain_of(c))
            .collect::<Vec<_>>()
            .join(" "),
        DraftBlock::Code(text) => text.clone(),
        DraftBlock::Figure { .. } => String::new(),
    }
}

/// The blocks whose text the extractor kept (a list keeps the items it kept). `words` is the
/// extractor's text as [`letters`].
fn keep_extracted(blocks: Vec<DraftBlock>, words: &str) -> Vec<DraftBlock> {
    let kept = |markdown: &str| {
        let plain = letters(&plain_of(markdown));
        !plain.is_empty() && words.contains(&plain)
    };
    blocks
        .into_iter()
        .filter_map(|block| match block {
            DraftBlock::List { ordered, items } => {
                let items: Vec<String> = items.into_iter().filter(|i| kept(i)).collect();
                (!items.is_empty()).then_some(DraftBlock::List { ordered, items })
            }
            DraftBlock::Paragraph(ref t) | DraftBlock::Heading(ref t) => kept(t).then_some(block),
            DraftBlock::Quote(paragraphs) => {
                let paragraphs: Vec<String> = paragraphs.into_iter().filter(|p| kept(p)).collect();
                (!paragraphs.is_empty()).then_some(DraftBlock::Quote(paragraphs))
            }
            DraftBlock::Table(rows) => {
                let rows: Vec<Vec<String>> = rows
                    .into_iter()
                    .filter(|row| row.iter().any(|cell| kept(cell)))
                    .collect();
                (!rows.is_empty()).then_some(DraftBlock::Table(rows))
            }
            DraftBlock::Code(ref text) => words.contains(&letters(text)).then_some(block),
            DraftBlock::Figure { .. } => Some(block),
        })
        .collect()
}

/// The text a reader sees of inline Markdown this module wrote: escapes, emphasis marks and
/// link targets removed.
fn plain_of(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '`' | '[' => {}
            ']' if chars.peek() == Some(&'(') => {
                for skipped in chars.by_ref() {
                    if skipped == ')' {
                        break;
                    }
                }
            }
            ']' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "img", "picture", "video", "audio", "iframe",
    "object", "embed", "button", "form", "input", "select", "textarea", "nav", "canvas", "map",
    "head", "title", "meta", "link",
];

/// Elements that hold inline text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var", "wbr", "br", "hi", "ref",
];

/// Turns the extracted HTML into blocks.
#[derive(Default)]
struct Walker {
    /// The blocks so far.
    blocks: Vec<DraftBlock>,
    /// Inline Markdown collected outside any paragraph element, flushed as a paragraph.
    loose: String,
}

impl Walker {
    fn blocks(mut self, html: &str) -> Vec<DraftBlock> {
        let fragment = Html::parse_fragment(html);
        self.children(fragment.root_element());
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        let text = normalise(&std::mem::take(&mut self.loose));
        if !text.is_empty() {
            self.blocks
                .push(DraftBlock::Paragraph(escape_line_start(&text)));
        }
    }

    fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.loose.push_str(&escape_chars(text)),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef) {
        let name = element.value().name().to_ascii_lowercase();
        let name = name.as_str();
        if SKIPPED.contains(&name) {
            return;
        }
        if INLINE.contains(&name) {
            self.loose.push_str(&inline(element));
            return;
        }
        self.flush();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" => {
                let text = normalise(&inline(element));
                if !text.is_empty() {
                    self.blocks.push(DraftBlock::Heading(text));
                }
            }
            "p" | "dt" | "dd" | "caption" => self.paragraph(&inline(element)),
            "ul" | "ol" | "list" => {
                let mut items = Vec::new();
                list_items(element, &mut items);
                if !items.is_empty() {
                    self.blocks.push(DraftBlock::List {
                        ordered: name == "ol",
                        items,
                    });
                }
            }
            "blockquote" => {
                let inner = Walker::default().blocks(&element.inner_html());
                let paragraphs: Vec<String> = inner
                    .into_iter()
                    .filter_map(|b| match b {
                        DraftBlock::Paragraph(t) | DraftBlock::Heading(t) => Some(t),
                        DraftBlock::List { items, .. } => Some(items.join(" ")),
                        _ => None,
                    })
                    .collect();
                if !paragraphs.is_empty() {
                    self.blocks.push(DraftBlock::Quote(paragraphs));
                }
            }
            "pre" => {
                let text: String = element.text().collect();
                if !text.trim().is_empty() {
                    self.blocks.push(DraftBlock::Code(text));
                }
            }
            "table" => self.table(element),
            "figure" => {
                let caption = Selector::parse("figcaption").ok().and_then(|s| {
                    element
                        .select(&s)
                        .next()
                        .map(|c| normalise(&c.text().collect::<String>()))
                });
                if let Some(caption) = caption.filter(|c| !c.is_empty()) {
                    self.blocks.push(DraftBlock::Figure {
                        caption,
                        credit: None,
                    });
                }
            }
            "figcaption" => {}
            _ => {
                self.children(element);
                self.flush();
            }
        }
    }

    fn paragraph(&mut self, markdown: &str) {
        let text = normalise(markdown);
        if !text.is_empty() {
            self.blocks
                .push(DraftBlock::Paragraph(escape_line_start(&text)));
        }
    }

    fn table(&mut self, table: ElementRef) {
        let (Ok(rows), Ok(cells)) = (Selector::parse("tr"), Selector::parse("th, td")) else {
            return;
        };
        let rows: Vec<Vec<String>> = table
            .select(&rows)
            .map(|row| {
                row.select(&cells)
                    .map(|cell| normalise(&inline(cell)))
                    .collect::<Vec<_>>()
            })
            .filter(|row: &Vec<String>| row.iter().any(|c| !c.is_empty()))
            .collect();
        if !rows.is_empty() {
            self.blocks.push(DraftBlock::Table(rows));
        }
    }
}

/// The items of a list, nested lists' items following their parent's.
fn list_items(list: ElementRef, items: &mut Vec<String>) {
    for child in list.children().filter_map(ElementRef::wrap) {
        let name = child.value().name().to_ascii_lowercase();
        if matches!(name.as_str(), "li" | "item") {
            let mut own = String::new();
            let mut nested = Vec::new();
            for part in child.children() {
                match part.value() {
                    Node::Text(text) => own.push_str(&escape_chars(text)),
                    Node::Element(e) if matches!(e.name(), "ul" | "ol" | "list") => {
                        if let Some(part) = ElementRef::wrap(part) {
                            list_items(part, &mut nested);
                        }
                    }
                    Node::Element(_) => {
                        if let Some(part) = ElementRef::wrap(part) {
                            own.push_str(&inline(part));
                            own.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            let own = normalise(&own);
            if !own.is_empty() {
                items.push(own);
            }
            items.extend(nested);
        } else if matches!(name.as_str(), "ul" | "ol" | "list") {
            list_items(child, items);
        }
    }
}

/// Inline Markdown of an element's content: emphasis, links to web addresses, code; images
/// and scripts dropped, line breaks as spaces.
fn inline(element: ElementRef) -> String {
    let mut out = String::new();
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&escape_chars(text)),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name().to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
                    continue;
                }
                let inner = inline(child);
                match name.as_str() {
                    "br" => out.push(' '),
                    "em" | "i" => out.push_str(&wrap(&inner, "*")),
                    "strong" | "b" => out.push_str(&wrap(&inner, "**")),
                    "code" | "kbd" | "samp" | "tt" => {
                        let text: String = child.text().collect();
                        out.push_str(&wrap(&code_span(&text), ""));
                    }
                    "a" | "ref" => match e.attr("href").or_else(|| e.attr("target")) {
                        Some(href)
                            if (href.starts_with("https://") || href.starts_with("http://"))
                                && !inner.trim().is_empty() =>
                        {
                            let href = href
                                .replace('(', "%28")
                                .replace(')', "%29")
                                .replace(' ', "%20");
                            out.push_str(&wrap(&inner, "").replacen(
                                inner.trim(),
                                &format!("[{}]({href})", inner.trim()),
                                1,
                            ));
                        }
                        _ => out.push_str(&inner),
                    },
                    _ if INLINE.contains(&name.as_str()) => out.push_str(&inner),
                    // A block inside inline content (a `<div>` in a `<p>`) is a space apart.
                    _ => {
                        out.push(' ');
                        out.push_str(&inner);
                        out.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// `*inner*` with the spaces at its ends moved outside the marks, so Markdown reads the marks
/// as emphasis; nothing for empty content.
fn wrap(inner: &str, mark: &str) -> String {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return if inner.is_empty() {
            String::new()
        } else {
            " ".into()
        };
    }
    let before = if inner.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let after = if inner.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("{before}{mark}{trimmed}{mark}{after}")
}

/// A code span that holds `text` verbatim, with enough backticks around it.
fn code_span(text: &str) -> String {
    let text = normalise(text);
    if text.is_empty() {
        return String::new();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_html_into_markdown_blocks() {
        let html = "<div><h2>Part <em>one</em></h2><p>Text with <a href=\"https://x.org/a\">a link</a>, \
                    <b>bold </b>and <i>it</i>.<img src=x></p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>\
                    <blockquote><p>Quoted.</p></blockquote><figure><img src=y><figcaption>A cap</figcaption></figure>\
                    loose *text*<script>x()</script></div>";
        assert_eq!(
            Walker::default().blocks(html),
            [
                DraftBlock::Heading("Part *one*".into()),
                DraftBlock::Paragraph(
                    "Text with [a link](https://x.org/a), **bold** and *it*.".into()
                ),
                DraftBlock::List {
                    ordered: false,
                    items: vec!["a".into(), "b".into(), "c".into()]
                },
                DraftBlock::Quote(vec!["Quoted.".into()]),
                DraftBlock::Figure {
                    caption: "A cap".into(),
                    credit: None
                },
                DraftBlock::Paragraph("loose \\*text\\*".into()),
            ]
        );
    }

    #[test]
    fn plain_text_of_written_markdown() {
        let cases = [
            ("[a link](https://x.org/a), **bold**", "a link, bold"),
            ("5 \\* 3 \\[x\\]", "5 * 3 [x]"),
            ("`code`", "code"),
        ];
        for (markdown, plain) in cases {
            assert_eq!(plain_of(markdown), plain);
        }
    }
}
