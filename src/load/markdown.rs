//! Markdown → blocks: the one module that configures pulldown-cmark and ammonia.
//!
//! A source body is cut into its top-level blocks. Headings and `<figure>` blocks become
//! layout; every other block (paragraph, whole list, quote, code block, table, raw HTML with
//! text) becomes a citable paragraph with sanitised HTML and plain text. Sources come from the
//! web, so any block that carries raw HTML or a link goes through ammonia; blocks of plain
//! prose skip it, because pulldown-cmark already escapes text and ammonia is the costly part.
//!
//! An editor's overview is rendered differently ([`render_cited_markdown`]): its citations
//! come out as values between pieces of HTML, never as markers inside the HTML, so no text a
//! source or an editor writes can be mistaken for a citation.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::highlight::highlight_block;

/// The Markdown extensions sources and overviews may use.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What a top-level block is.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// `##` and friends, with the level.
    Heading(u8),
    /// A `<figure>` HTML block: a caption, not body text.
    Figure,
    /// Everything a reader can cite.
    Citable,
}

/// One top-level block of a Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyBlock {
    /// What it is.
    pub kind: BlockKind,
    /// 1-based line in the file where it starts.
    pub line: usize,
    /// Sanitised HTML.
    pub html: String,
    /// Plain text (lines joined by `\n` for lists, tables and code).
    pub text: String,
    /// For a list: its items, each citable on its own.
    pub items: Vec<BodyItem>,
    /// For a list: the number of its first item when it is ordered.
    pub ordered_from: Option<u64>,
}

/// One item of a top-level list.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyItem {
    /// Sanitised HTML of the item's content, without the `<li>`.
    pub html: String,
    /// Plain text.
    pub text: String,
}

/// Cuts `body`, which starts on line `first_line` of its file, into top-level blocks.
pub fn split_body(body: &str, first_line: usize) -> Vec<BodyBlock> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of =
        |offset: usize| line_starts.partition_point(|&start| start <= offset) - 1 + first_line;

    let mut blocks = Vec::new();
    let mut current: Vec<Event> = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                if depth == 0 {
                    start = range.start;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let top_level_leaf = depth == 0 && !matches!(event, Event::End(_));
        current.push(event);
        if depth == 0 {
            if top_level_leaf {
                start = range.start;
            }
            if let Some(block) = finish_block(std::mem::take(&mut current), line_of(start)) {
                blocks.push(block);
            }
        }
    }
    blocks
}

fn finish_block(events: Vec<Event>, line: usize) -> Option<BodyBlock> {
    match events.first()? {
        Event::Start(Tag::Heading { level, .. }) => Some(BodyBlock {
            kind: BlockKind::Heading(heading_level(*level)),
            line,
            html: String::new(),
            text: plain_text(&events),
            items: Vec::new(),
            ordered_from: None,
        }),
        Event::Start(Tag::HtmlBlock) => {
            let raw: String = events
                .iter()
                .filter_map(|event| match event {
                    Event::Html(html) => Some(html.as_ref()),
                    _ => None,
                })
                .collect();
            let html = sanitise(&raw);
            let text = text_of_html(&html);
            if text.is_empty() {
                return None;
            }
            let is_figure = raw.trim_start().to_ascii_lowercase().starts_with("<figure");
            Some(BodyBlock {
                kind: if is_figure {
                    BlockKind::Figure
                } else {
                    BlockKind::Citable
                },
                line,
                html,
                text,
                items: Vec::new(),
                ordered_from: None,
            })
        }
        Event::Rule => None,
        first => {
            let text = plain_text(&events);
            if text.is_empty() {
                return None;
            }
            let ordered_from = match first {
                Event::Start(Tag::List(start)) => *start,
                _ => None,
            };
            let items = list_items(&events);
            Some(BodyBlock {
                kind: BlockKind::Citable,
                line,
                html: render_html(events),
                text,
                items,
                ordered_from,
            })
        }
    }
}

/// The items of a top-level list (empty for any other block), each rendered on its own.
fn list_items(events: &[Event]) -> Vec<BodyItem> {
    if !matches!(events.first(), Some(Event::Start(Tag::List(_)))) {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current: Vec<Event> = Vec::new();
    for event in &events[1..events.len().saturating_sub(1)] {
        match event {
            Event::Start(Tag::Item) if depth == 0 => {
                depth = 1;
                continue;
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                let inner = std::mem::take(&mut current);
                let text = plain_text(&inner);
                items.push(BodyItem {
                    html: render_html(inner),
                    text,
                });
                depth = 0;
                continue;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(event.clone());
    }
    items
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Renders events to HTML: code blocks highlighted, images turned into links (a page read
/// offline must not fetch remote images), and anything that could carry markup sanitised.
fn render_html(events: Vec<Event>) -> String {
    let needs_sanitising = events.iter().any(|event| {
        matches!(
            event,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
        )
    });
    let mut rewritten = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, body)) = code.take() {
                    rewritten.push(Event::Html(highlight_block(&body, &language).into()));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => rewritten.push(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })),
            Event::End(TagEnd::Image) => rewritten.push(Event::End(TagEnd::Link)),
            other => rewritten.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, rewritten.into_iter());
    if needs_sanitising {
        sanitise(&html)
    } else {
        html
    }
}

/// The words of a body's citable text, without rendering or sanitising anything: what
/// `briefing add` compares a new article with every source by, so reading 10,000 sources for
/// it stays cheap. Headings and raw HTML (figures) are left out, as they are not paragraphs;
/// every block ends with a line break, so words of two blocks never join.
pub(crate) fn body_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_heading = false;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) | Event::Code(text) if !in_heading => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::TableCell) => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Plain text of a block: inline markup dropped, soft breaks as spaces, one line per list
/// item, table row or code line.
fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::TableRow | TagEnd::CodeBlock) => {
                out.push('\n')
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    tidy_lines(&out)
}

/// Collapses white space inside each line, trims lines and drops empty ones.
fn tidy_lines(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    // Images and other embedded media are dropped: the site is read offline, and a remote
    // `src` would both fail and tell a server who is reading.
    builder
        .add_generic_attributes(["class"])
        .rm_tags(["img", "audio", "video", "source", "track", "picture"])
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

static TAG_STRIPPER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder.clean_content_tags(["script", "style"].into_iter().collect());
    builder
});

/// Removes scripts, event handlers, unsafe URLs and unknown tags from untrusted HTML.
fn sanitise(html: &str) -> String {
    SANITISER.clean(html).to_string()
}

/// The visible text of an HTML fragment.
fn text_of_html(html: &str) -> String {
    let stripped = TAG_STRIPPER.clean(html).to_string();
    tidy_lines(&html_escape::decode_html_entities(&stripped))
}

/// The byte ranges of an editor's Markdown that hold words other than the editor's own
/// prose: code spans, code blocks and block quotes. The estimative-language lint
/// ([`crate::analyse::estimative`]) reads around them, so that a source's words quoted as a
/// block, or a term written as code, is not taken for the editor's own judgement. Ranges may
/// nest (code inside a quote).
pub fn quoted_and_code_ranges(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Code(_) | Event::Start(Tag::CodeBlock(_) | Tag::BlockQuote(_))
            )
        })
        .map(|(_, range)| range)
        .collect()
}

/// A piece of an editor's rendered text, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Rendered<T> {
    /// HTML. The pieces are well-formed only together and in order: a citation can stand in
    /// the middle of a paragraph, so the piece before it ends inside that paragraph.
    Html(String),
    /// What the caller's `recognise` made of a bracketed `[@…]` reference.
    Inline(T),
}

/// The link destination that marks a reference `recognise` accepted. Only the parser's
/// broken-link callback produces links of an `…Unknown` type, so an editor's own link to a
/// URL that looks like this is never taken for a citation.
const RECOGNISED: &str = "briefing-citation:";

/// Renders an editor's Markdown to HTML, handing every bracketed `[@…]` that is not a link to
/// `recognise` with its byte range in `text`: what it returns stands in the output in place of
/// the brackets; where it returns `None`, the brackets stay as text.
///
/// An editor's text is the project's own, but it may be pasted from anywhere, so it is made
/// safe by construction rather than sanitised afterwards (which would need the whole HTML at
/// once): raw HTML is shown as text, images become links, and links keep only `http(s)`,
/// `mailto` and relative destinations.
pub fn render_cited_markdown<T>(
    text: &str,
    mut recognise: impl FnMut(&str, Range<usize>) -> Option<T>,
) -> Vec<Rendered<T>> {
    let items: RefCell<Vec<Option<T>>> = RefCell::new(Vec::new());
    let callback = |link: BrokenLink<'_>| {
        if !link.reference.starts_with('@') {
            return None;
        }
        let item = recognise(&link.reference, link.span.clone())?;
        let mut items = items.borrow_mut();
        items.push(Some(item));
        Some((
            CowStr::from(format!("{RECOGNISED}{}", items.len() - 1)),
            CowStr::from(""),
        ))
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));

    let pieces: RefCell<Vec<Rendered<T>>> = RefCell::new(Vec::new());
    let html = RefCell::new(String::new());
    let flush = || {
        let piece = std::mem::take(&mut *html.borrow_mut());
        if !piece.is_empty() {
            pieces.borrow_mut().push(Rendered::Html(piece));
        }
    };
    let mut skipping_link = false;
    let mut dropped_links = 0usize;
    // The HTML writer pulls one event, writes it, then pulls the next; so when a citation's
    // events arrive, everything before it is in `html`, and can be cut off as one piece.
    let events = parser.filter_map(|event| match event {
        Event::Start(Tag::Link {
            link_type:
                LinkType::ShortcutUnknown | LinkType::ReferenceUnknown | LinkType::CollapsedUnknown,
            ref dest_url,
            ..
        }) if dest_url.starts_with(RECOGNISED) => {
            let item = dest_url[RECOGNISED.len()..]
                .parse::<usize>()
                .ok()
                .and_then(|k| items.borrow_mut().get_mut(k).and_then(Option::take));
            if let Some(item) = item {
                flush();
                pieces.borrow_mut().push(Rendered::Inline(item));
            }
            skipping_link = true;
            None
        }
        _ if skipping_link => {
            if matches!(event, Event::End(TagEnd::Link)) {
                skipping_link = false;
            }
            None
        }
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
            if !is_safe_editor_url(dest_url) =>
        {
            dropped_links += 1;
            None
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Some(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })),
        Event::End(TagEnd::Link | TagEnd::Image) if dropped_links > 0 => {
            dropped_links -= 1;
            None
        }
        Event::End(TagEnd::Image) => Some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut sink = PieceWriter(&html);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut sink, events);
    flush();
    pieces.into_inner()
}

/// Appends the HTML writer's output to the piece being built.
struct PieceWriter<'a>(&'a RefCell<String>);

impl std::fmt::Write for PieceWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// Whether an editor's link may point at `url`: the web, mail, or a relative path.
fn is_safe_editor_url(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(index) if url[index..].starts_with(':') => {
            let scheme = url[..index].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_keeps_the_words_of_paragraphs_only() {
        let cases = [
            ("One *two* three.\n", "One two three.\n"),
            ("## Heading\n\nText.\n", "Text.\n"),
            ("A\nB\n\n- one\n- two\n", "A B\none\ntwo\n"),
            (
                "<figure><figcaption>Caption</figcaption></figure>\n\nText `code`.\n",
                "Text code.\n",
            ),
            ("> Quoted\n", "Quoted\n\n"),
        ];
        for (body, text) in cases {
            assert_eq!(body_text(body), text, "{body}");
        }
    }

    fn kinds(body: &str) -> Vec<(BlockKind, usize, String)> {
        split_body(body, 5)
            .into_iter()
            .map(|b| (b.kind, b.line, b.text))
            .collect()
    }

    #[test]
    fn splits_top_level_blocks_with_lines() {
        let body = "First para\ncontinues.\n\n## Heading\n\n- one\n- two\n\n<figure>\n<figcaption>A caption.</figcaption>\n</figure>\n\nLast.\n";
        assert_eq!(
            kinds(body),
            vec![
                (BlockKind::Citable, 5, "First para continues.".to_string()),
                (BlockKind::Heading(2), 8, "Heading".to_string()),
                (BlockKind::Citable, 10, "one\ntwo".to_string()),
                (BlockKind::Figure, 13, "A caption.".to_string()),
                (BlockKind::Citable, 17, "Last.".to_string()),
            ]
        );
    }

    #[test]
    fn keeps_each_list_item_citable() {
        let blocks = split_body(
            "- First *point*.\n- Second [link](https://e.org).\n\n3. Three\n4. Four\n",
            1,
        );
        assert_eq!(blocks.len(), 2);
        let texts: Vec<&str> = blocks[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["First point.", "Second link."]);
        assert_eq!(blocks[0].items[0].html, "First <em>point</em>.");
        assert!(blocks[0].items[1].html.contains("href=\"https://e.org\""));
        assert_eq!(blocks[0].ordered_from, None);
        assert_eq!(blocks[1].ordered_from, Some(3));
        assert_eq!(blocks[1].items.len(), 2);
        assert!(split_body("Just prose.\n", 1)[0].items.is_empty());
    }

    #[test]
    fn removes_scripts_and_event_handlers() {
        let body = "<p onclick=\"steal()\">Hi <script>alert(1)</script></p>\n\nA [link](javascript:alert(1)) and <img src=x onerror=alert(1)>.\n";
        let blocks = split_body(body, 1);
        let html: String = blocks.iter().map(|b| b.html.as_str()).collect();
        for bad in ["<script", "onclick", "onerror", "javascript:", "<img"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert_eq!(blocks[0].text, "Hi");
    }

    #[test]
    fn drops_html_blocks_without_text() {
        assert!(kinds("<script>alert(1)</script>\n\n<!-- note -->\n").is_empty());
    }

    #[test]
    fn highlights_fenced_code() {
        let blocks = split_body("```yaml\nevent: parade\n```\n", 1);
        assert!(blocks[0].html.contains("hl-"), "{}", blocks[0].html);
        assert_eq!(blocks[0].text, "event: parade");
    }

    #[test]
    fn turns_remote_images_into_links() {
        let blocks = split_body("![a map](https://example.org/m.png)\n", 1);
        assert!(!blocks[0].html.contains("<img"), "{}", blocks[0].html);
        assert!(
            blocks[0]
                .html
                .contains("href=\"https://example.org/m.png\"")
        );
    }

    fn citations_in(text: &str) -> Vec<Rendered<String>> {
        render_cited_markdown(text, |reference, span| {
            (!reference.contains("bad")).then(|| format!("{reference}@{}", span.start))
        })
    }

    fn joined(pieces: &[Rendered<String>]) -> String {
        pieces
            .iter()
            .map(|piece| match piece {
                Rendered::Html(html) => html.clone(),
                Rendered::Inline(_) => "CITE".to_string(),
            })
            .collect()
    }

    #[test]
    fn cuts_editor_html_at_citations() {
        let pieces = citations_in("Fine [@a, ¶2] and *more* [@b].\n\nNext [@bad] \\[@c].\n");
        assert_eq!(
            pieces,
            vec![
                Rendered::Html("<p>Fine ".into()),
                Rendered::Inline("@a, ¶2@5".into()),
                Rendered::Html(" and <em>more</em> ".into()),
                Rendered::Inline("@b@26".into()),
                Rendered::Html(".</p>\n<p>Next [@bad] [@c].</p>\n".into()),
            ]
        );
    }

    #[test]
    fn editor_text_cannot_inject_markup_or_forge_citations() {
        let text = "<script>alert(1)</script>\n\nA [link](javascript:alert(1)) and ![x](http://e.org/i.png) [c](briefing-citation:0) [ok](https://e.org).\n";
        let pieces = citations_in(text);
        assert!(
            pieces.iter().all(|p| matches!(p, Rendered::Html(_))),
            "{pieces:?}"
        );
        let html = joined(&pieces);
        assert!(
            !html.contains("<script") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains("<a href=\"http://e.org/i.png\">x</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://e.org\">ok</a>"), "{html}");
        assert!(html.contains("A link and"), "{html}");
    }

    #[test]
    fn finds_code_and_block_quotes_in_editor_text() {
        let text = "We `maybe` said.\n\n> perhaps\n\n```\nlikely\n```\n";
        let found: Vec<&str> = quoted_and_code_ranges(text)
            .into_iter()
            .map(|range| text[range].trim_end())
            .collect();
        assert_eq!(found, ["`maybe`", "> perhaps", "```\nlikely\n```"]);
    }

    #[test]
    fn a_citation_inside_a_table_keeps_the_table_whole() {
        let html = joined(&citations_in("| a | b |\n|---|---|\n| x [@a] | y |\n"));
        assert!(
            html.contains("<th>a</th>") && html.contains("<td>x CITE</td>"),
            "{html}"
        );
    }
}
