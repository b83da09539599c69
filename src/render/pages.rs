//! The typed views each template gets: one struct per page and the pieces they are made of.
//!
//! Fields hold ready-to-print values (relative links, formatted scores, sanitised HTML), so
//! templates stay free of logic; the README lists which page gets which view.

use std::sync::Arc;

use serde::Serialize;

pub use super::charts::ChartView;

/// Fields every page gets.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// What the site covers.
    pub description: &'a str,
    /// `lang` attribute.
    pub language: &'a str,
    /// Prefix that leads from the page to the site root (`""`, `"../"`, …; on the not-found
    /// page, which a server shows at any depth, the `base_url` or `/`).
    pub root: &'a str,
    /// Every theme, for navigation.
    pub nav: Vec<NavItem<'a>>,
    /// Which kind of page this is, for the navigation's current-page marker: `index`,
    /// `briefing`, `source`, `coverage`, `unfiled`, `discrepancies`, `timeline`, `entities`.
    pub page: &'static str,
    /// The page's absolute address under the `base_url`, for `<link rel="canonical">`; `None`
    /// without a `base_url` (and on the not-found page, which stands for no address).
    pub canonical: Option<String>,
    /// Link to the Atom feed, for feed readers to discover it; `None` when there is none.
    pub feed: Option<String>,
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
    /// Whether the link leads to (a page of) the briefing being read: marked
    /// `aria-current="page"`.
    pub current: bool,
    /// The theme's colour, `0`–`7`, for the classes `t0`…`t7`: the one its file names, or one
    /// no other theme has, so each theme keeps one colour in the navigation, cards, tags and
    /// charts.
    pub colour: usize,
}

/// `index.html`.
#[derive(Serialize)]
pub struct IndexPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// One card per theme.
    pub themes: Vec<ThemeCard<'a>>,
    /// Every source with its coverage row; empty when the sources are listed page by page on
    /// the coverage pages instead (see `all_sources`).
    pub sources: Vec<SourceRow<'a>>,
    /// Number of sources.
    pub source_count: usize,
    /// Number of paragraphs across all sources.
    pub paragraph_count: usize,
    /// On a site with too many sources to list on the index: the first coverage page.
    pub all_sources: Option<PageLink>,
    /// How many sources a coverage page lists.
    pub sources_per_page: usize,
    /// Number of paragraphs filed under no theme.
    pub unfiled_count: usize,
    /// Link to the list of paragraphs filed under no theme.
    pub unfiled_href: String,
    /// Sources × themes as a chart: the share of sources each briefing draws on.
    pub coverage_chart: ChartView,
    /// Link to every briefing on one page, for print (`None` without a `print.html` template).
    pub print_href: Option<String>,
    /// The citations' endnotes and preview data.
    pub notes: PageNotes<'a>,
    /// What the recent builds brought in, newest first (empty before the first build that
    /// recorded one, or with `recent_builds = 0`).
    pub arrivals: Vec<super::arrivals::BuildView<'a>>,
}

/// `unfiled.html`: the paragraphs no theme takes, so an editor sees what the themes miss.
#[derive(Serialize)]
pub struct UnfiledPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// The paragraphs on this page.
    pub paragraphs: Vec<UnfiledView<'a>>,
    /// Whether this is the list's first page, the one that says how long the list is.
    pub first_page: bool,
    /// Number of unfiled paragraphs in the whole site (on the first page only, so that later
    /// pages stay the same when paragraphs are added elsewhere).
    pub count: Option<usize>,
    /// Number of paragraphs in the whole site (on the first page only).
    pub paragraph_count: Option<usize>,
    /// Pages navigation.
    pub pages: PageNav,
    /// The citations' endnotes and preview data.
    pub notes: PageNotes<'a>,
}

/// A paragraph filed under no theme.
#[derive(Serialize)]
pub struct UnfiledView<'a> {
    /// Element id of the passage.
    pub anchor: String,
    /// The paragraph's citation, for the `citation` component.
    pub cite: CiteView<'a>,
    /// The source's headline.
    pub source_title: &'a str,
    /// The paragraph as sanitised HTML.
    pub html: &'a str,
}

/// `coverage/page-<k>.html`: one page of the list of sources with their coverage, on sites
/// with too many sources for the index.
#[derive(Serialize)]
pub struct CoveragePage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// The themes, as the matrix's columns.
    pub themes: Vec<NavItem<'a>>,
    /// The sources on this page.
    pub sources: Vec<SourceRow<'a>>,
    /// Whether this is the list's first page.
    pub first_page: bool,
    /// Number of sources in the whole site (on the first page only).
    pub source_count: Option<usize>,
    /// Pages navigation.
    pub pages: PageNav,
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
    /// The first key point, with its citation.
    pub top_point: Option<CitedView<'a>>,
    /// The theme's colour (see [`NavItem::colour`]).
    pub colour: usize,
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
    /// On the first page: what the sources agree on, where they differ, key figures, the
    /// timeline, who's who and quotations.
    pub bottom_line: Option<super::analysis::BottomLine<'a>>,
    /// Whether the evidence starts unfolded.
    pub evidence_open: bool,
    /// The editor's overview, with its citations.
    pub overview: Option<CitedView<'a>>,
    /// Key points with their citations (shown when there is no overview).
    pub key_points: Vec<CitedView<'a>>,
    /// Evidence passages on this page, in their groups.
    pub groups: Vec<GroupView<'a>>,
    /// On the first page, every group of the briefing with a link to where it starts.
    pub group_nav: Vec<GroupLink<'a>>,
    /// Whether this is the briefing's first page (overview, groups, list of pages); later
    /// pages show only their passages, so they stay the same when sources are added elsewhere.
    pub first_page: bool,
    /// Number of passages in the whole briefing (on the first page only).
    pub passage_count: Option<usize>,
    /// Pages navigation.
    pub pages: PageNav,
    /// The sources cited on this page, by label.
    pub references: Vec<ReferenceView<'a>>,
    /// The theme's threshold, for the "why" notes.
    pub threshold: String,
    /// Link to the briefing as one file to mail or print (`None` without a `takeaway.html`
    /// template).
    pub takeaway_href: Option<String>,
    /// The citations' endnotes and preview data.
    pub notes: PageNotes<'a>,
    /// The theme's colour (see [`NavItem::colour`]).
    pub colour: usize,
    /// The page's sections (its `h2`s), for an "On this page" list; empty on a short page.
    pub toc: Vec<TocEntry<'a>>,
    /// The briefing before this one in the order of `briefing.toml`.
    pub previous_briefing: Option<NavItem<'a>>,
    /// The briefing after this one.
    pub next_briefing: Option<NavItem<'a>>,
    /// On the first page: the briefing's dated events per month or year.
    pub timeline_chart: Option<ChartView>,
    /// On the first page: what the recent builds added to this briefing, newest first.
    pub arrivals: Vec<super::arrivals::BriefingBuildView<'a>>,
}

/// A section of a page, in its table of contents.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    /// The section's heading.
    pub title: &'a str,
    /// `#` and the heading's id.
    pub href: String,
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

/// Navigation between the pages of a paginated list: the first and last pages and the
/// current page's neighbours, so its size does not grow with the number of pages.
#[derive(Serialize, Default)]
pub struct PageNav {
    /// How many pages there are, on the first page (1 when the list is not paginated); 0 on
    /// later pages, which do not say.
    pub count: usize,
    /// On the first page, the pages to link, in order (empty when there is one page).
    pub links: Vec<PageLink>,
    /// The previous page, if any.
    pub previous: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// On a later page, the list's first page.
    pub start: Option<String>,
    /// What the first page is, for the link's text ("The start of the briefing").
    pub start_label: &'static str,
}

/// A link to one page of a paginated list.
#[derive(Serialize)]
pub struct PageLink {
    /// Page number, from 1.
    pub number: usize,
    /// Link from the current page.
    pub href: String,
    /// Whether it is the current page.
    pub current: bool,
    /// Whether pages are skipped between the previous link and this one.
    pub gap_before: bool,
}

/// Text with citations, part by part, for the `cited` component.
#[derive(Serialize)]
pub struct CitedView<'a> {
    /// The parts in reading order.
    pub parts: Vec<PartView<'a>>,
}

/// One part of a cited text: exactly one field is set.
#[derive(Serialize)]
pub struct PartView<'a> {
    /// HTML to print as it is (from an editor's Markdown).
    pub html: Option<&'a str>,
    /// Words to print escaped (a source's verbatim text).
    pub text: Option<&'a str>,
    /// A bracket of citations, for the `citation` component.
    pub cites: Option<Vec<CiteView<'a>>>,
}

/// One cited item, as the `citation` component shows it on every page: `[label, ¶n]`.
#[derive(Serialize)]
pub struct CiteView<'a> {
    /// The source's citation label (publisher, author or short title).
    pub label: Arc<str>,
    /// The paragraph's number as shown after `¶` (`7`, or `7.2` for a list item), when a
    /// paragraph is cited.
    pub n: Option<String>,
    /// Link to the paragraph (or the source page).
    pub href: String,
    /// The cited words on the live page of the source, as a text-fragment link
    /// (`<url>#:~:text=…`), when the source has a `url` and a paragraph is cited.
    pub live: Option<String>,
    /// A verbatim part of the cited paragraph, for previews.
    pub quote: Option<String>,
    /// The source's headline.
    pub title: &'a str,
    /// An id for the citation itself, on a briefing's overview (or key points): the first
    /// citation of each paragraph there gets one, so the paragraph's source page can link
    /// back to where it is cited.
    pub id: Option<String>,
    /// Whether `quote` is the exact cited words (else the opening of a paragraph cited whole).
    pub exact: bool,
    /// The link's tooltip: the quote, with `…` only where the paragraph goes on (or the
    /// source's headline when no paragraph is cited).
    pub tip: String,
    /// The endnote's number on the page (0: none; evidence passages are their own note).
    pub note: usize,
    /// Link to the endnote on the page.
    pub note_href: String,
    /// Id of the element on the page that holds the cited paragraph's text, for previews.
    pub para: Option<String>,
    /// Id of the element on the page that holds the source's title, publisher and date.
    pub source_ref: Option<String>,
    /// What is cited, for the page's endnotes and preview data.
    #[serde(skip)]
    pub cite: crate::cite::Cite,
}

/// What a page's citations need beside them: the text of each cited paragraph once (for
/// previews, hidden) and the numbered endnotes (shown in print).
#[derive(Serialize, Default)]
pub struct PageNotes<'a> {
    /// The cited sources, in order of first citation, each with the cited paragraphs the page
    /// does not show elsewhere.
    pub sources: Vec<CitedSource<'a>>,
    /// The endnotes, numbered from 1 in order of first citation.
    pub endnotes: Vec<Endnote<'a>>,
    /// Id of the endnotes' heading.
    pub heading: String,
    /// Whether the endnotes link to the sources' live pages (in a take-away, which has no
    /// other way to them; the site's pages show the address as text and stay offline).
    pub link_urls: bool,
}

/// A cited source in a page's preview data.
#[derive(Serialize)]
pub struct CitedSource<'a> {
    /// Element id.
    pub id: String,
    /// Headline.
    pub title: &'a str,
    /// Publisher, if named.
    pub publisher: Option<&'a str>,
    /// Publication date, if known.
    pub published: Option<&'a str>,
    /// The cited paragraphs' plain texts.
    pub paragraphs: Vec<CitedParagraph<'a>>,
}

/// A cited paragraph's plain text in a page's preview data.
#[derive(Serialize)]
pub struct CitedParagraph<'a> {
    /// Element id.
    pub id: String,
    /// The text.
    pub text: &'a str,
}

/// One numbered endnote: what a citation points at, in words, for print.
#[derive(Serialize)]
pub struct Endnote<'a> {
    /// Its number, from 1.
    pub number: usize,
    /// Element id.
    pub anchor: String,
    /// The source's citation label.
    pub label: Arc<str>,
    /// Paragraph number as shown after `¶`, when a paragraph is cited.
    pub n: Option<String>,
    /// The cited words (the opening of a paragraph cited whole); empty for a whole source.
    pub words: String,
    /// Whether the paragraph has words before the cited ones.
    pub cut_before: bool,
    /// Whether the paragraph goes on after the cited words.
    pub cut_after: bool,
    /// Headline.
    pub title: &'a str,
    /// Publisher, if named.
    pub publisher: Option<&'a str>,
    /// Publication date, if known.
    pub published: Option<&'a str>,
    /// The original's web address, when it is an `http(s)` one.
    pub url: Option<&'a str>,
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
    /// The source's citation label.
    pub source_label: Arc<str>,
    /// The source's publisher, if named, for its badge.
    pub publisher: Option<&'a str>,
    /// The source's publication date, if known, for its badge.
    pub published: Option<&'a str>,
    /// Paragraph number as shown after `¶` (`7`, or `7.2` for a list item).
    pub n: String,
    /// Link to the paragraph on the source page.
    pub href: String,
    /// The citation of the paragraph, for the `citation` component.
    pub cite: CiteView<'a>,
    /// The paragraph as sanitised HTML, with the words that filed it marked.
    pub html: String,
    /// The words that filed it, as written in the paragraph.
    pub words: Vec<&'a str>,
    /// Whether it is filed here partly because its article is about the theme.
    pub from_article: bool,
    /// Score, formatted.
    pub score: String,
    /// The score this paragraph needed, formatted.
    pub needed: String,
    /// Terms that matched, strongest first.
    pub terms: Vec<&'a str>,
}

/// An entry of a reference list.
#[derive(Serialize)]
pub struct ReferenceView<'a> {
    /// The source's citation label, as the citations on the page show it.
    pub label: Arc<str>,
    /// Anchor of the entry.
    pub anchor: String,
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
    /// Date of the last revision the source shows, if known.
    pub updated: Option<&'a str>,
    /// The wire agency whose copy it is, if credited.
    pub agency: Option<&'a str>,
    /// The place of its dateline, if it has one.
    pub dateline: Option<&'a str>,
    /// Capture date, if known.
    pub retrieved: Option<&'a str>,
    /// Original web address, if known.
    pub url: Option<&'a str>,
    /// The source this one is a copy of (`copy_of`), linked.
    pub copy_of: Option<SourceLink<'a>>,
    /// The body, block by block.
    pub blocks: Vec<BlockView<'a>>,
    /// The briefings that cite this source.
    pub cited_in: Vec<Backlink<'a>>,
}

/// A link to a source's page, by its headline.
#[derive(Serialize)]
pub struct SourceLink<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to its page.
    pub href: String,
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
    pub n: u32,
    /// The anchor the site links to it by (from its opening words).
    pub anchor: &'a str,
    /// Its numbered anchor, `p<n>`, for readers who type a ¶ number.
    pub number_anchor: String,
    /// The paragraph on the source's live page (a text-fragment link), when it has a `url`.
    pub live: Option<String>,
    /// The themes the paragraph is filed under (for a list, see its items).
    pub themes: Vec<ParagraphTheme<'a>>,
    /// For a list: its items, each with its own anchor and themes.
    pub items: Vec<ItemView<'a>>,
    /// For an ordered list: the number of its first item.
    pub ordered_from: Option<u64>,
    /// The briefings whose overview (or key points) cite the paragraph, each linking back
    /// to the citation.
    pub cited_by: Vec<CitedBy<'a>>,
}

/// A link from a paragraph back to where a briefing's overview cites it.
#[derive(Serialize)]
pub struct CitedBy<'a> {
    /// The briefing's title.
    pub title: &'a str,
    /// Link to the citation on the briefing's first page.
    pub href: String,
    /// The theme's colour (see [`NavItem::colour`]).
    pub colour: usize,
}

/// One item of a list paragraph on its source page.
#[derive(Serialize)]
pub struct ItemView<'a> {
    /// The anchor the site links to it by (from its opening words).
    pub anchor: &'a str,
    /// Its numbered anchor, `p<n>-<i>`.
    pub number_anchor: String,
    /// The item on the source's live page (a text-fragment link), when it has a `url`.
    pub live: Option<String>,
    /// Number as shown after `¶`, `n.i`.
    pub number: String,
    /// The item's content as sanitised HTML.
    pub html: &'a str,
    /// The themes the item is filed under.
    pub themes: Vec<ParagraphTheme<'a>>,
    /// The briefings whose overview cites the item.
    pub cited_by: Vec<CitedBy<'a>>,
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
    /// The theme's colour (see [`NavItem::colour`]).
    pub colour: usize,
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
    /// Number as shown after `¶` (`7`, or `7.2` for a list item).
    pub n: String,
    /// `#pN`.
    pub href: String,
}

/// `404.html`: what a server shows for an address the site does not have.
#[derive(Serialize)]
pub struct NotFoundPage<'a> {
    /// Common fields; `root` and the links start from the site root, not from the page.
    pub site: SiteView<'a>,
    /// Link to the index.
    pub index_href: String,
    /// Every briefing, with its question.
    pub briefings: Vec<BriefingLink<'a>>,
}

/// A briefing as the not-found page lists it.
#[derive(Serialize)]
pub struct BriefingLink<'a> {
    /// Title.
    pub title: &'a str,
    /// The question it answers.
    pub question: &'a str,
    /// Link to its first page.
    pub href: String,
}
