//! The typed views each template gets: one struct per page and the pieces they are made of.
//!
//! Fields hold ready-to-print values (relative links, formatted scores, sanitised HTML), so
//! templates stay free of logic; the README lists which page gets which view.

use serde::Serialize;

/// Fields every page gets.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// What the site covers.
    pub description: &'a str,
    /// `lang` attribute.
    pub language: &'a str,
    /// Prefix that leads from the page to the site root (`""` or `"../"`).
    pub root: &'static str,
    /// Every theme, for navigation.
    pub nav: Vec<NavItem<'a>>,
}

/// A link in the navigation.
#[derive(Serialize)]
pub struct NavItem<'a> {
    /// Theme id.
    pub id: &'a str,
    /// Theme title.
    pub title: &'a str,
    /// Link from the current page.
    pub href: String,
}

/// `index.html`.
#[derive(Serialize)]
pub struct IndexPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// One card per theme.
    pub themes: Vec<ThemeCard<'a>>,
    /// Every source.
    pub sources: Vec<SourceRow<'a>>,
    /// Number of paragraphs across all sources.
    pub paragraph_count: usize,
}

/// A theme's card on the index.
#[derive(Serialize)]
pub struct ThemeCard<'a> {
    /// Theme id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// The question the briefing answers.
    pub question: &'a str,
    /// Link to the briefing.
    pub href: String,
    /// Passages filed under the theme.
    pub passage_count: usize,
    /// Sources with at least one passage.
    pub source_count: usize,
    /// The first key point, as HTML with its citation.
    pub top_point: Option<String>,
}

/// A source in the index's list and coverage matrix.
#[derive(Serialize)]
pub struct SourceRow<'a> {
    /// Source id.
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Publisher, author and date, as far as known.
    pub byline: String,
    /// Link to the source page.
    pub href: String,
    /// Number of paragraphs.
    pub paragraph_count: usize,
    /// Passages per theme, in theme order (the coverage matrix row).
    pub coverage: Vec<CoverageCell>,
}

/// One cell of the coverage matrix.
#[derive(Serialize)]
pub struct CoverageCell {
    /// Passages of the source filed under the theme.
    pub count: usize,
    /// Link to the theme's briefing.
    pub href: String,
}

/// `themes/<id>.html`.
#[derive(Serialize)]
pub struct ThemePage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// Theme id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// The question the briefing answers.
    pub question: &'a str,
    /// What is filed here.
    pub scope: &'a str,
    /// The editor's overview as HTML with citation links.
    pub overview: Option<String>,
    /// Key points as HTML with citation links (shown when there is no overview).
    pub key_points: Vec<String>,
    /// Evidence passages on this page, in their groups.
    pub groups: Vec<GroupView<'a>>,
    /// Every group of the briefing, with a link to where it starts.
    pub group_nav: Vec<GroupLink<'a>>,
    /// Number of passages in the whole briefing.
    pub passage_count: usize,
    /// This page's number, from 1.
    pub page: usize,
    /// Links to every page of the briefing (empty when it has one page).
    pub pages: Vec<PageLink>,
    /// The previous page, if any.
    pub previous: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// The numbered reference list.
    pub references: Vec<ReferenceView<'a>>,
    /// The theme's threshold, for the "why" notes.
    pub threshold: String,
}

/// A group of passages.
#[derive(Serialize)]
pub struct GroupView<'a> {
    /// Heading.
    pub title: &'a str,
    /// Anchor of the heading.
    pub anchor: String,
    /// Whether the group began on an earlier page.
    pub continued: bool,
    /// The passages.
    pub passages: Vec<PassageView<'a>>,
}

/// A group in the briefing's table of groups.
#[derive(Serialize)]
pub struct GroupLink<'a> {
    /// Heading.
    pub title: &'a str,
    /// Link to the group's first passage, on whichever page it is.
    pub href: String,
    /// Passages in the group.
    pub count: usize,
}

/// A link to one page of a briefing.
#[derive(Serialize)]
pub struct PageLink {
    /// Page number, from 1.
    pub number: usize,
    /// Link from the current page.
    pub href: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// One evidence passage on a briefing page.
#[derive(Serialize)]
pub struct PassageView<'a> {
    /// Anchor of the passage on the briefing page.
    pub anchor: String,
    /// Source id.
    pub source_id: &'a str,
    /// Source headline.
    pub source_title: &'a str,
    /// Publisher or, failing that, the headline.
    pub source_label: &'a str,
    /// Paragraph number.
    pub n: usize,
    /// Link to the paragraph on the source page.
    pub href: String,
    /// Reference number in the page's list.
    pub reference: usize,
    /// The paragraph's opening words, as a preview that is a verbatim part of it.
    pub quote: String,
    /// The paragraph as sanitised HTML.
    pub html: &'a str,
    /// Score, formatted.
    pub score: String,
    /// Terms that matched, strongest first.
    pub terms: &'a [String],
}

/// An entry of a reference list.
#[derive(Serialize)]
pub struct ReferenceView<'a> {
    /// Its number.
    pub number: usize,
    /// Source id (also the entry's anchor, `ref-<id>`).
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Publisher, if named.
    pub publisher: Option<&'a str>,
    /// Author, if named.
    pub author: Option<&'a str>,
    /// Publication date, if known.
    pub published: Option<&'a str>,
    /// Original web address, if known.
    pub url: Option<&'a str>,
    /// Link to the source page.
    pub href: String,
}

/// `sources/<id>.html`.
#[derive(Serialize)]
pub struct SourcePage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// Source id.
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Publisher, if named.
    pub publisher: Option<&'a str>,
    /// Author, if named.
    pub author: Option<&'a str>,
    /// Publication date, if known.
    pub published: Option<&'a str>,
    /// Capture date, if known.
    pub retrieved: Option<&'a str>,
    /// Original web address, if known.
    pub url: Option<&'a str>,
    /// The body, block by block.
    pub blocks: Vec<BlockView<'a>>,
    /// The briefings that cite this source.
    pub cited_in: Vec<Backlink<'a>>,
}

/// One block of a source page.
#[derive(Serialize)]
pub struct BlockView<'a> {
    /// `heading`, `figure` or `paragraph`.
    pub kind: &'static str,
    /// Heading text.
    pub text: Option<&'a str>,
    /// Heading level.
    pub level: u8,
    /// Figure or paragraph HTML.
    pub html: Option<&'a str>,
    /// Paragraph number (0 for headings and figures).
    pub n: usize,
    /// Paragraph anchor.
    pub anchor: String,
    /// The themes the paragraph is filed under.
    pub themes: Vec<ParagraphTheme<'a>>,
}

/// A theme in a paragraph's margin.
#[derive(Serialize)]
pub struct ParagraphTheme<'a> {
    /// Theme id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link to the passage on the briefing page.
    pub href: String,
    /// Score, formatted.
    pub score: String,
    /// Terms that matched.
    pub terms: String,
}

/// A briefing that cites the source.
#[derive(Serialize)]
pub struct Backlink<'a> {
    /// Theme title.
    pub title: &'a str,
    /// Link to the briefing.
    pub href: String,
    /// The cited paragraphs, with links to them on this page.
    pub paragraphs: Vec<ParagraphLink>,
    /// Whether the briefing cites the source as a whole.
    pub whole_source: bool,
}

/// A link to a paragraph on the same page.
#[derive(Serialize)]
pub struct ParagraphLink {
    /// Number.
    pub n: usize,
    /// `#pN`.
    pub href: String,
}
