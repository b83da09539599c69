//! Builds the typed views of `pages.rs` from the project, the corpus and the analysis.
//!
//! Views borrow wherever they can and hold ready-to-print values (relative links from
//! [`crate::urls`], formatted scores, citation labels), so templates stay free of logic and a
//! misspelt field fails to compile here rather than at render time. Cross-references (which
//! briefings cite a source, where a passage stands) are computed once, in [`SiteModel::new`].

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::labels::citation_labels;
use super::marks::mark_words;
use super::notes::{NoteBook, note_claims, note_context, note_text};
use super::pages::*;
use super::paging::{Paging, stable_hash_parts};
use crate::analyse::{Analysis, Briefing, Filing, SourceAnalysis};
use crate::cite::{Cite, CitedText, Part};
use crate::history::History;
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Block, Corpus, Digest, Project, Source, THEME_COLOURS, Theme};
use crate::urls::{self, Page};

/// Most sources the index lists with their coverage; larger sites list them on coverage
/// pages of this many sources each, so no page grows with the corpus.
pub const SOURCES_PER_PAGE: usize = 250;

/// A briefing's first page shows its evidence open when it has at most this many passages;
/// longer evidence starts folded, below the bottom line, so the page opens on its substance.
const EVIDENCE_OPEN: usize = 12;

/// A citation of this many words or more links to those words on the live page; a shorter one
/// (a figure, a name) to its whole paragraph, which is less likely to stand twice on the page.
const LIVE_WORDS_ALONE: usize = 4;

/// The briefings (in theme order) that cite a source, each with the paragraphs it cites
/// (`None`: the source as a whole).
type CitedIn<'a> = Vec<(&'a ThemeId, BTreeSet<Option<&'a ParagraphRef>>)>;

/// Everything the pages are built from, with the cross-references computed once.
pub struct SiteModel<'a> {
    /// Settings and templates.
    pub project: &'a Project,
    /// The sources and themes.
    pub corpus: &'a Corpus,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// What recent builds brought in, this one included.
    pub history: &'a History,
    /// Each source's citation label.
    labels: HashMap<SourceId, Arc<str>>,
    /// Themes by id.
    themes: HashMap<&'a ThemeId, &'a Theme>,
    /// For each source, the briefings (in theme order) that cite which of its paragraphs
    /// (`None`: the whole source).
    cited_in: FxHashMap<&'a SourceId, CitedIn<'a>>,
    /// Passages of each source per briefing, for the coverage matrix.
    coverage: FxHashMap<&'a ThemeId, FxHashMap<&'a SourceId, usize>>,
    /// Which page of its briefing each passage is on (an index into `briefing_pages`), and
    /// the number of its group in page order, from 1.
    passage_at: FxHashMap<&'a ThemeId, FxHashMap<&'a ParagraphRef, (usize, usize)>>,
    /// The pages of each briefing, cut so that they stay put as sources are added.
    briefing_pages: FxHashMap<&'a ThemeId, Vec<Span<String>>>,
    /// The pages of the unfiled list.
    unfiled_pages: Vec<Span<String>>,
    /// The pages of the list of sources (empty when the index lists them all).
    coverage_pages: Vec<Span<SourceId>>,
    /// The paragraphs filed under no theme, in source order.
    unfiled: Vec<ParagraphRef>,
    /// How many sources each briefing draws on.
    source_counts: FxHashMap<&'a ThemeId, usize>,
    /// What a page that quotes a source shows of it, for page keys: its text (digest) and its
    /// label, hashed together; looked up for every passage of every page, so kept at hand.
    shown_as: FxHashMap<&'a SourceId, Digest>,
    /// The sources by id: looked up for every passage, faster than the corpus's search.
    sources: FxHashMap<&'a SourceId, &'a Source>,
    /// Each source's filings by source id, for the same reason.
    analyses: FxHashMap<&'a SourceId, &'a SourceAnalysis>,
    /// Each theme's place in the order of `briefing.toml`, for its neighbours.
    theme_order: FxHashMap<&'a ThemeId, usize>,
    /// Each theme's colour class number (see [`theme_colours`]).
    theme_colours: FxHashMap<&'a ThemeId, usize>,
    /// The paragraphs the briefings' overviews (or key points) cite, each with the themes
    /// that cite it, in theme order: their source pages link back to the citation.
    cited_by: FxHashMap<&'a ParagraphRef, Vec<&'a ThemeId>>,
}

/// The ids of the claims and discrepancies a bottom line shows: what a briefing's "What
/// arrived" links to on the page itself.
fn shown_claims<'b>(bottom: &'b super::analysis::BottomLine<'_>) -> BTreeSet<&'b str> {
    bottom
        .corroborated
        .iter()
        .chain(&bottom.figures)
        .map(|c| c.id)
        .chain(bottom.discrepancies.iter().map(|d| d.id))
        .collect()
}

/// A filing's terms in words: each is its place in the theme's `terms`.
fn term_words<'a>(theme: &'a Theme, terms: &'a [u32]) -> impl Iterator<Item = &'a str> + 'a {
    terms
        .iter()
        .filter_map(|&term| theme.terms.get(term as usize))
        .map(|term| term.term.as_str())
}

/// The filings of a paragraph or list item, looked up in `analyses`.
fn filings_of<'a>(
    analyses: &FxHashMap<&SourceId, &'a SourceAnalysis>,
    at: &ParagraphRef,
) -> &'a [Filing] {
    analyses
        .get(&at.source)
        .and_then(|source| source.filings.get(at))
        .map_or(&[], Vec::as_slice)
}

/// Builds a page key: a BLAKE3 hash of the page's inputs, fed through [`Hash`] (whose
/// encoding is unambiguous: strings are terminated, sequences carry their length), so a key
/// costs no formatting. The parts are gathered and hashed at once, which is several times
/// faster than feeding BLAKE3 a few bytes at a time. The encoding may differ between platforms
/// and compiler versions, which is harmless: every key also covers the tool's executable.
struct KeyBuilder(Vec<u8>);

impl KeyBuilder {
    fn new(global: &Digest) -> KeyBuilder {
        let mut bytes = Vec::with_capacity(1024);
        bytes.extend_from_slice(&global.0);
        KeyBuilder(bytes)
    }

    fn add(&mut self, value: &(impl Hash + ?Sized)) {
        value.hash(self);
    }

    /// For the few parts (on the first page of a list) that have no [`Hash`].
    fn debug(&mut self, value: &impl std::fmt::Debug) {
        self.add(format!("{value:?}").as_str());
    }

    fn digest(&self) -> Digest {
        Digest::from_hash(&blake3::hash(&self.0))
    }
}

impl Hasher for KeyBuilder {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        let digest = self.digest();
        u64::from_le_bytes(digest.0[..8].try_into().unwrap_or_default())
    }
}

/// One page of a list: the item that opens it (`None` on the first page) and the items on it.
#[derive(Debug, Clone)]
struct Span<K> {
    from: Option<K>,
    items: Range<usize>,
}

/// Cuts a list, given by its items' keys, into pages of about `per_page` items that stay put
/// when items are added elsewhere (see [`Paging`]); a list with no item still has one page.
fn spans<K: Clone + AsRef<str>>(keys: &[K], per_page: usize) -> Vec<Span<K>> {
    let cut = Paging::around(per_page).cut(keys.iter().map(|k| k.as_ref().as_bytes()));
    spans_from(cut, |at| keys[at].clone())
}

/// The pages of a cut list; `key(i)` names the page that item `i` opens.
fn spans_from<K>(cut: Vec<Range<usize>>, key: impl Fn(usize) -> K) -> Vec<Span<K>> {
    if cut.is_empty() {
        return vec![Span {
            from: None,
            items: 0..0,
        }];
    }
    cut.into_iter()
        .enumerate()
        .map(|(page, items)| Span {
            from: (page > 0).then(|| key(items.start)),
            items,
        })
        .collect()
}

/// One briefing's cross-references (see [`SiteModel::new`]).
struct ThemeRefs<'a> {
    /// The page (an index into the briefing's pages) and group number of each passage.
    at: FxHashMap<&'a ParagraphRef, (usize, usize)>,
    /// Passages per source.
    counts: FxHashMap<&'a SourceId, usize>,
    /// What the briefing cites of each source (`None`: the whole source), sorted, once each.
    cites: Vec<(&'a SourceId, Option<&'a ParagraphRef>)>,
}

fn theme_refs<'a>(briefing: &'a Briefing, pages: &[Span<String>]) -> ThemeRefs<'a> {
    let mut refs = ThemeRefs {
        at: FxHashMap::default(),
        counts: FxHashMap::default(),
        cites: Vec::new(),
    };
    let grouped = briefing
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.passages.iter().map(move |p| (g + 1, p)));
    let mut page = 0;
    for (index, (group, passage)) in grouped.enumerate() {
        while pages.get(page).is_some_and(|p| p.items.end <= index) {
            page += 1;
        }
        let paragraph = &passage.paragraph;
        *refs.counts.entry(&paragraph.source).or_default() += 1;
        refs.at.insert(paragraph, (page, group));
        refs.cites.push((&paragraph.source, Some(paragraph)));
    }
    for item in shown_texts(briefing).flat_map(CitedText::cites) {
        refs.cites.push((item.source(), item.paragraph()));
    }
    refs.cites.sort_unstable();
    refs.cites.dedup();
    refs
}

/// [`spans`] of a list of passages, given as (source, paragraph anchor): keyed by their
/// [`urls::passage_anchor`], which is only made for the passages that open a page.
fn passage_spans(keys: &[(&SourceId, &str)], per_page: usize) -> Vec<Span<String>> {
    let cut = Paging::around(per_page).cut_hashed(keys.iter().map(|(source, anchor)| {
        stable_hash_parts(&[source.as_str().as_bytes(), b"__", anchor.as_bytes()])
    }));
    spans_from(cut, |at| urls::passage_anchor(keys[at].0, keys[at].1))
}

/// Scores print with at most two decimals.
pub fn format_score(score: f64) -> String {
    let rounded = (score * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A verbatim opening of a paragraph's text: its first sentence, cut at a word if very long.
pub fn preview(text: &str) -> String {
    const LONGEST: usize = 240;
    let first = crate::text::sentences(text)
        .first()
        .map_or(text, |s| &text[s.clone()])
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    if first.chars().count() <= LONGEST {
        return first.to_string();
    }
    let cut: String = first.chars().take(LONGEST).collect();
    match cut.rfind(' ') {
        Some(space) => cut[..space].to_string(),
        None => cut,
    }
}

/// A citation's tooltip: the cited `words` as they stand in the paragraph `text`, with `…`
/// only on a side where the paragraph has more words, so a complete text reads complete.
pub fn tip(text: &str, words: &str) -> String {
    let (before, after) = match text.find(words) {
        Some(at) => (&text[..at], &text[at + words.len()..]),
        None => ("", ""),
    };
    let mut tip = String::with_capacity(words.len() + 6);
    if before.chars().any(char::is_alphanumeric) {
        tip.push('…');
    }
    tip.push_str(words.trim());
    if after.chars().any(char::is_alphanumeric) {
        tip.push('…');
    }
    tip
}

/// Navigation from `page`, which is `pages[current]`. The first page lists the pages (the
/// first and last, and two neighbours each side); a later page links only to its neighbours
/// and to the first page, so that it shows nothing that changes when pages are added
/// elsewhere in the list.
fn page_nav(page: &Page, current: usize, pages: &[Page], start: &'static str) -> PageNav {
    const NEIGHBOURS: usize = 2;
    let count = pages.len();
    let mut nav = PageNav {
        count: if current == 0 { count.max(1) } else { 0 },
        previous: current
            .checked_sub(1)
            .and_then(|p| pages.get(p))
            .map(|to| page.link_to(to)),
        next: pages.get(current + 1).map(|to| page.link_to(to)),
        start: (current > 0).then(|| page.link_to(&pages[0])),
        start_label: start,
        links: Vec::new(),
    };
    if current == 0 && count > 1 {
        let shown = |p: usize| p == 0 || p + 1 == count || p <= NEIGHBOURS;
        let mut last_shown: Option<usize> = None;
        for p in (0..count).filter(|&p| shown(p)) {
            nav.links.push(PageLink {
                number: p + 1,
                href: page.link_to(&pages[p]),
                current: p == 0,
                gap_before: last_shown.is_some_and(|last| p > last + 1),
            });
            last_shown = Some(p);
        }
    }
    nav
}

fn byline(source: &Source) -> String {
    [
        source.meta.publisher.as_deref(),
        source.meta.author.as_deref(),
        source.meta.published.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The texts of a briefing its first page shows: the overview, or the key points when there
/// is none. (The index shows the first key point whatever the page shows.)
fn shown_texts(briefing: &Briefing) -> Box<dyn Iterator<Item = &CitedText> + '_> {
    match &briefing.overview {
        Some(overview) => Box::new(std::iter::once(overview).chain(briefing.key_points.first())),
        None => Box::new(briefing.key_points.iter()),
    }
}

/// The cited texts a briefing's first page shows above its evidence: the overview, or the
/// key points when there is none. Their citations carry ids that source pages link back to.
fn overview_texts(briefing: &Briefing) -> std::slice::Iter<'_, CitedText> {
    match &briefing.overview {
        Some(overview) => std::slice::from_ref(overview).iter(),
        None => briefing.key_points.iter(),
    }
}

/// Each theme's colour, the number of its class `t0`…`t7`. A theme whose file names a colour
/// has it; the others, in the order of `briefing.toml`, take the first colour no theme has
/// yet, so adding or moving a theme does not repaint the ones that named theirs, and no two
/// themes share a colour until there are more themes than colours.
fn theme_colours(themes: &[Theme]) -> FxHashMap<&ThemeId, usize> {
    let mut taken = [false; THEME_COLOURS.len()];
    for colour in themes.iter().filter_map(|theme| theme.colour) {
        taken[colour] = true;
    }
    themes
        .iter()
        .enumerate()
        .map(|(place, theme)| {
            let colour =
                theme
                    .colour
                    .unwrap_or_else(|| match taken.iter().position(|taken| !taken) {
                        Some(free) => {
                            taken[free] = true;
                            free
                        }
                        None => place % THEME_COLOURS.len(),
                    });
            (&theme.id, colour)
        })
        .collect()
}

impl<'a> SiteModel<'a> {
    /// Computes the cross-references of the analysis.
    pub fn new(
        project: &'a Project,
        corpus: &'a Corpus,
        analysis: &'a Analysis,
        history: &'a History,
    ) -> Self {
        let per_page = project.config.passages_per_page.max(1);
        // A passage's key is its anchor on the briefing page (source and paragraph anchor).
        let sources: FxHashMap<&SourceId, &Source> =
            corpus.sources.iter().map(|s| (&s.id, s)).collect();
        let analyses: FxHashMap<&SourceId, &SourceAnalysis> = analysis.sources.iter().collect();
        fn passage_key<'k>(
            sources: &FxHashMap<&SourceId, &'k Source>,
            at: &'k ParagraphRef,
        ) -> (&'k SourceId, &'k str) {
            let anchor = sources
                .get(&at.source)
                .and_then(|source| source.anchor(at))
                .unwrap_or_default();
            (&at.source, anchor)
        }
        let briefing_pages: FxHashMap<&ThemeId, Vec<Span<String>>> = analysis
            .briefings
            .par_iter()
            .map(|briefing| {
                let keys: Vec<(&SourceId, &str)> = briefing
                    .passages()
                    .map(|passage| passage_key(&sources, &passage.paragraph))
                    .collect();
                (&briefing.theme, passage_spans(&keys, per_page))
            })
            .collect();
        // Each briefing's cross-references, made side by side: where each passage is (page
        // and group), how many passages each source has in it, and what it cites.
        let per_theme: Vec<ThemeRefs> = analysis
            .briefings
            .par_iter()
            .map(|briefing| theme_refs(briefing, &briefing_pages[&briefing.theme]))
            .collect();
        let mut cited_in: FxHashMap<&SourceId, CitedIn> = FxHashMap::default();
        let mut coverage = FxHashMap::default();
        let mut passage_at = FxHashMap::default();
        for (briefing, refs) in analysis.briefings.iter().zip(per_theme) {
            let theme = &briefing.theme;
            let mut cites = refs.cites.as_slice();
            while let Some(&(source, _)) = cites.first() {
                let run = cites.partition_point(|(s, _)| *s == source);
                let paragraphs: BTreeSet<Option<&ParagraphRef>> =
                    cites[..run].iter().map(|&(_, n)| n).collect();
                cited_in
                    .entry(source)
                    .or_default()
                    .push((theme, paragraphs));
                cites = &cites[run..];
            }
            coverage.insert(theme, refs.counts);
            passage_at.insert(theme, refs.at);
        }
        let unfiled: Vec<ParagraphRef> = corpus
            .sources
            .iter()
            .flat_map(|source| source.units().map(|(at, _)| at))
            .filter(|paragraph| filings_of(&analyses, paragraph).is_empty())
            .collect();
        let unfiled_keys: Vec<(&SourceId, &str)> =
            unfiled.iter().map(|at| passage_key(&sources, at)).collect();
        let unfiled_pages = passage_spans(&unfiled_keys, per_page);
        let coverage_pages = if corpus.sources.len() > SOURCES_PER_PAGE {
            let ids: Vec<SourceId> = corpus.sources.iter().map(|s| s.id.clone()).collect();
            spans(&ids, SOURCES_PER_PAGE)
        } else {
            Vec::new()
        };
        let source_counts = analysis
            .briefings
            .iter()
            .map(|briefing| {
                let sources: BTreeSet<&SourceId> =
                    briefing.passages().map(|p| &p.paragraph.source).collect();
                (&briefing.theme, sources.len())
            })
            .collect();
        let theme_order: FxHashMap<&ThemeId, usize> = corpus
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| (&t.id, i))
            .collect();
        let theme_colours = theme_colours(&corpus.themes);
        let mut cited_by: FxHashMap<&ParagraphRef, Vec<&ThemeId>> = FxHashMap::default();
        for briefing in &analysis.briefings {
            for at in overview_texts(briefing)
                .flat_map(CitedText::cites)
                .filter_map(Cite::paragraph)
            {
                let themes = cited_by.entry(at).or_default();
                if !themes.contains(&&briefing.theme) {
                    themes.push(&briefing.theme);
                }
            }
        }
        for themes in cited_by.values_mut() {
            themes.sort_by_key(|theme| theme_order.get(theme).copied().unwrap_or(usize::MAX));
        }
        let labels = citation_labels(&corpus.sources);
        let shown_as = corpus
            .sources
            .iter()
            .map(|source| {
                let mut shown = KeyBuilder(Vec::new());
                shown.add(&source.digest);
                shown.add(&labels.get(&source.id));
                (&source.id, shown.digest())
            })
            .collect();
        SiteModel {
            project,
            corpus,
            analysis,
            history,
            unfiled,
            source_counts,
            shown_as,
            sources,
            analyses,
            theme_order,
            theme_colours,
            cited_by,
            labels,
            themes: corpus.themes.iter().map(|t| (&t.id, t)).collect(),
            cited_in,
            coverage,
            passage_at,
            briefing_pages,
            unfiled_pages,
            coverage_pages,
        }
    }

    /// The briefings (in theme order) that cite a source.
    pub fn briefings_citing(&self, source: &SourceId) -> impl Iterator<Item = &'a Theme> + '_ {
        self.cited_in
            .get(source)
            .into_iter()
            .flatten()
            .filter_map(|(theme, _)| self.themes.get(theme).copied())
    }

    /// The themes a paragraph or list item is filed under (see [`Analysis::filings`]).
    pub fn filings(&self, at: &ParagraphRef) -> &'a [Filing] {
        filings_of(&self.analyses, at)
    }

    /// The exact words a piece of evidence points at (empty if its source or paragraph is
    /// unknown, which the analysis never makes).
    pub fn words(&self, evidence: &crate::analyse::facts::Evidence) -> &'a str {
        self.source(&evidence.at.source)
            .and_then(|source| source.unit(&evidence.at))
            .and_then(|(text, _)| text.get(evidence.span.clone()))
            .unwrap_or("")
    }

    /// How many passages of a source a theme's briefing has.
    fn passages_of(&self, source: &SourceId, theme: &ThemeId) -> usize {
        self.coverage
            .get(theme)
            .and_then(|counts| counts.get(source))
            .copied()
            .unwrap_or(0)
    }

    /// The source with this id.
    fn source(&self, id: &SourceId) -> Option<&'a Source> {
        self.sources.get(id).copied()
    }

    pub(super) fn label(&self, source: &SourceId) -> Arc<str> {
        self.labels
            .get(source)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    pub(super) fn site(&self, page: &Page) -> SiteView<'a> {
        let config = &self.project.config;
        let base_url = config.base_url.as_deref();
        // The not-found page is shown in place of pages at any depth: its links start from
        // the published address when there is one, from the host's root otherwise.
        let root = match (page, base_url) {
            (Page::NotFound, Some(base)) => base,
            _ => page.root(),
        };
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            root,
            nav: self
                .corpus
                .themes
                .iter()
                .map(|theme| self.nav_item(theme, page))
                .collect(),
            page: match page {
                Page::Index => "index",
                Page::Briefing { .. } => "briefing",
                Page::Source(_) => "source",
                Page::Coverage { .. } => "coverage",
                Page::Unfiled { .. } => "unfiled",
                Page::Analysis(which) => which.name(),
                Page::Search => "search",
                Page::Print => "print",
                Page::Takeaway(_) => "takeaway",
                Page::NotFound => "not-found",
                Page::Json
                | Page::History
                | Page::Asset(_)
                | Page::SearchIndex(_)
                | Page::Sitemap
                | Page::SitemapPart(_)
                | Page::Feed => "",
            },
            canonical: base_url
                .filter(|_| *page != Page::NotFound)
                .map(|base| format!("{base}{}", page.path())),
            feed: base_url.map(|_| format!("{root}{}", Page::Feed.path())),
        }
    }

    /// The prefix of links from `page` to the site's root: relative, except on the not-found
    /// page, which a server shows at any depth (see [`Self::site`]).
    fn root_of(&self, page: &Page) -> &'a str {
        match (page, self.project.config.base_url.as_deref()) {
            (Page::NotFound, Some(base)) => base,
            _ => page.root(),
        }
    }

    /// A link to a theme's briefing from `page`, marked current on the briefing's own pages.
    fn nav_item(&self, theme: &'a Theme, page: &Page) -> NavItem<'a> {
        NavItem {
            id: theme.id.as_str(),
            title: &theme.title,
            href: format!("{}{}", self.root_of(page), Page::briefing(&theme.id).path()),
            current: matches!(page, Page::Briefing { theme: on, .. } if *on == theme.id),
            colour: self.colour(&theme.id),
        }
    }

    /// A theme's colour class number (see [`theme_colours`]).
    pub(super) fn colour(&self, theme: &ThemeId) -> usize {
        self.theme_colours.get(theme).copied().unwrap_or(0)
    }

    /// The not-found page.
    pub fn not_found_page(&self) -> NotFoundPage<'a> {
        let site = self.site(&Page::NotFound);
        let root = site.root;
        NotFoundPage {
            index_href: format!("{root}{}", Page::Index.path()),
            briefings: self
                .corpus
                .themes
                .iter()
                .map(|theme| BriefingLink {
                    title: &theme.title,
                    question: &theme.question,
                    href: format!("{root}{}", Page::briefing(&theme.id).path()),
                })
                .collect(),
            site,
        }
    }

    /// A paragraph's (or list item's) text on its source's live page, when the source has a
    /// `url`.
    fn live(&self, source: &Source, text: &str) -> Option<String> {
        urls::live_text_link(source.meta.url.as_deref()?, text)
    }

    /// Whether the sources are listed on coverage pages rather than on the index.
    fn paged_sources(&self) -> bool {
        !self.coverage_pages.is_empty()
    }

    /// The coverage pages (none when the index lists every source).
    pub fn coverage_pages(&self) -> Vec<Page> {
        self.coverage_pages
            .iter()
            .map(|span| Page::Coverage {
                from: span.from.clone(),
            })
            .collect()
    }

    /// The pages of the unfiled list (one, saying so, when every paragraph is filed).
    pub fn unfiled_pages(&self) -> Vec<Page> {
        self.unfiled_pages
            .iter()
            .map(|span| Page::Unfiled {
                from: span.from.clone(),
            })
            .collect()
    }

    /// The pages of a theme's briefing.
    pub fn briefing_pages(&self, theme: &ThemeId) -> Vec<Page> {
        self.briefing_pages
            .get(theme)
            .into_iter()
            .flatten()
            .map(|span| Page::Briefing {
                theme: theme.clone(),
                from: span.from.clone(),
            })
            .collect()
    }

    fn theme_cards(&self, page: &Page) -> Vec<ThemeCard<'a>> {
        self.analysis
            .briefings
            .iter()
            .filter_map(|briefing| {
                let theme = *self.themes.get(&briefing.theme)?;
                Some(ThemeCard {
                    id: theme.id.as_str(),
                    title: &theme.title,
                    question: &theme.question,
                    href: page.link_to(&Page::briefing(&theme.id)),
                    passage_count: briefing.passage_count(),
                    source_count: self
                        .source_counts
                        .get(&briefing.theme)
                        .copied()
                        .unwrap_or(0),
                    top_point: briefing
                        .key_points
                        .first()
                        .map(|point| self.cited(point, page)),
                    colour: self.colour(&theme.id),
                })
            })
            .collect()
    }

    fn source_rows(&self, sources: &'a [Source], page: &Page) -> Vec<SourceRow<'a>> {
        sources
            .iter()
            .map(|source| SourceRow {
                id: source.id.as_str(),
                title: &source.meta.title,
                byline: byline(source),
                href: page.link_to(&Page::Source(source.id.clone())),
                paragraph_count: source.paragraphs.len(),
                coverage: self
                    .analysis
                    .briefings
                    .iter()
                    .map(|briefing| CoverageCell {
                        count: self.passages_of(&source.id, &briefing.theme),
                        href: page.link_to(&Page::briefing(&briefing.theme)),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The index page.
    pub fn index_page(&self) -> IndexPage<'a> {
        let page = Page::Index;
        let paged = self.paged_sources();
        let mut themes = self.theme_cards(&page);
        let mut book = NoteBook::new(self, "");
        for point in themes.iter_mut().filter_map(|t| t.top_point.as_mut()) {
            note_text(&mut book, point);
        }
        IndexPage {
            site: self.site(&page),
            themes,
            notes: book.finish(),
            print_href: self
                .has_template("print.html")
                .then(|| page.link_to(&Page::Print)),
            sources: if paged {
                Vec::new()
            } else {
                self.source_rows(&self.corpus.sources, &page)
            },
            source_count: self.corpus.sources.len(),
            paragraph_count: self.corpus.sources.iter().map(|s| s.paragraphs.len()).sum(),
            all_sources: paged.then(|| PageLink {
                number: 1,
                href: page.link_to(&Page::Coverage { from: None }),
                current: false,
                gap_before: false,
            }),
            sources_per_page: SOURCES_PER_PAGE,
            unfiled_count: self.unfiled.len(),
            unfiled_href: page.link_to(&Page::Unfiled { from: None }),
            coverage_chart: self.coverage_chart(),
            arrivals: self.index_arrivals(&page),
        }
    }

    /// Sources × themes, one bar per theme (see [`super::charts::coverage`]).
    fn coverage_chart(&self) -> ChartView {
        let themes: Vec<super::charts::ThemeCoverage> = self
            .analysis
            .briefings
            .iter()
            .filter_map(|briefing| {
                let theme = *self.themes.get(&briefing.theme)?;
                Some(super::charts::ThemeCoverage {
                    title: &theme.title,
                    colour: self.colour(&theme.id),
                    sources: self.source_counts.get(&theme.id).copied().unwrap_or(0),
                    passages: briefing.passage_count(),
                })
            })
            .collect();
        super::charts::coverage("coverage-chart", &themes, self.corpus.sources.len())
    }

    /// A theme's dated events per month or year, for its briefing.
    fn timeline_chart(&self, theme: &ThemeId) -> Option<ChartView> {
        let dates = self
            .analysis
            .facts
            .timeline
            .iter()
            .filter(|event| event.themes.contains(theme))
            .map(|event| &event.date);
        super::charts::over_time("timeline-chart", "Dated events", dates)
    }

    /// The paragraphs filed under no theme, in source order.
    pub fn unfiled(&self) -> &[ParagraphRef] {
        &self.unfiled
    }

    /// Page `number` (from 0) of the paragraphs filed under no theme.
    pub fn unfiled_page(&self, number: usize) -> Option<UnfiledPage<'a>> {
        let span = self.unfiled_pages.get(number)?;
        let page = Page::Unfiled {
            from: span.from.clone(),
        };
        let mut paragraphs: Vec<UnfiledView> = self.unfiled[span.items.clone()]
            .iter()
            .filter_map(|at| {
                let source = self.source(&at.source)?;
                let (_, html) = source.unit(at)?;
                let anchor = urls::passage_anchor(&at.source, source.anchor(at)?);
                Some(UnfiledView {
                    cite: self.cite(&Cite::Paragraph(at.clone()), &page),
                    anchor,
                    source_title: &source.meta.title,
                    html,
                })
            })
            .collect();
        let mut book = NoteBook::new(self, "");
        for item in &mut paragraphs {
            if let Some(at) = item.cite.cite.paragraph().cloned() {
                book.shown(&at, &item.anchor);
            }
            book.preview(&mut item.cite);
        }
        let first = number == 0;
        Some(UnfiledPage {
            notes: book.finish(),
            site: self.site(&page),
            paragraphs,
            first_page: first,
            count: first.then_some(self.unfiled.len()),
            paragraph_count: first
                .then(|| self.corpus.sources.iter().map(|s| s.paragraphs.len()).sum()),
            pages: page_nav(
                &page,
                number,
                &self.unfiled_pages(),
                "The start of the list",
            ),
        })
    }

    /// Coverage page `number` (from 0).
    pub fn coverage_page(&self, number: usize) -> Option<CoveragePage<'a>> {
        let span = self.coverage_pages.get(number)?;
        let page = Page::Coverage {
            from: span.from.clone(),
        };
        let first = number == 0;
        Some(CoveragePage {
            site: self.site(&page),
            themes: self.site(&page).nav,
            sources: self.source_rows(&self.corpus.sources[span.items.clone()], &page),
            first_page: first,
            source_count: first.then_some(self.corpus.sources.len()),
            pages: page_nav(
                &page,
                number,
                &self.coverage_pages(),
                "The start of the list",
            ),
        })
    }

    /// Whether a paragraph is a passage of a theme's briefing.
    pub(super) fn is_passage(&self, theme: &ThemeId, paragraph: &ParagraphRef) -> bool {
        self.passage_at
            .get(theme)
            .is_some_and(|at| at.contains_key(paragraph))
    }

    /// Link from `from` to a paragraph's passage on a theme's briefing, or to the briefing when
    /// the paragraph is not one of its passages.
    pub(super) fn passage_href(
        &self,
        from: &Page,
        theme: &ThemeId,
        paragraph: &ParagraphRef,
    ) -> String {
        let on_page = self
            .passage_at
            .get(theme)
            .and_then(|at| at.get(paragraph))
            .and_then(|&(page, _)| {
                let span = self.briefing_pages.get(theme)?.get(page)?;
                let anchor = self.source(&paragraph.source)?.anchor(paragraph)?;
                Some((span, anchor))
            });
        match on_page {
            Some((span, anchor)) => from.link_to_anchor(
                &Page::Briefing {
                    theme: theme.clone(),
                    from: span.from.clone(),
                },
                &urls::passage_anchor(&paragraph.source, anchor),
            ),
            None => from.link_to(&Page::briefing(theme)),
        }
    }

    /// A cited text as the `cited` component shows it, with links from `page`.
    pub fn cited(&self, text: &'a CitedText, page: &Page) -> CitedView<'a> {
        let parts = text
            .parts
            .iter()
            .map(|part| match part {
                Part::Html(html) => PartView {
                    html: Some(html),
                    text: None,
                    cites: None,
                },
                Part::Text(text) => PartView {
                    html: None,
                    text: Some(text),
                    cites: None,
                },
                Part::Citation(cites) => PartView {
                    html: None,
                    text: None,
                    cites: Some(cites.iter().map(|cite| self.cite(cite, page)).collect()),
                },
            })
            .collect();
        CitedView { parts }
    }

    /// A cited text of a briefing's overview: as [`SiteModel::cited`], with an id on the first
    /// citation of each paragraph (`anchored` holds the paragraphs that have one already).
    fn cited_anchored(
        &self,
        text: &'a CitedText,
        page: &Page,
        anchored: &mut BTreeSet<&'a ParagraphRef>,
    ) -> CitedView<'a> {
        let mut view = self.cited(text, page);
        for (part, shown) in text.parts.iter().zip(&mut view.parts) {
            if let (Part::Citation(cites), Some(shown)) = (part, &mut shown.cites) {
                for (cite, shown) in cites.iter().zip(shown) {
                    if let Some(at) = cite.paragraph().filter(|at| anchored.insert(*at)) {
                        shown.id = self
                            .source(&at.source)
                            .and_then(|source| source.anchor(at))
                            .map(|anchor| urls::citing_anchor(&at.source, anchor));
                    }
                }
            }
        }
        view
    }

    /// Links from a paragraph of a source page back to the overview citations of it.
    fn cited_by(&self, page: &Page, source: &Source, at: &ParagraphRef) -> Vec<CitedBy<'a>> {
        let Some(anchor) = source.anchor(at) else {
            return Vec::new();
        };
        self.cited_by
            .get(at)
            .into_iter()
            .flatten()
            .filter_map(|theme| {
                let theme = *self.themes.get(theme)?;
                Some(CitedBy {
                    title: &theme.title,
                    href: page.link_to_anchor(
                        &Page::briefing(&theme.id),
                        &urls::citing_anchor(&at.source, anchor),
                    ),
                    colour: self.colour(&theme.id),
                })
            })
            .collect()
    }

    /// The sections of a briefing page that has `view`'s content, as the template shows them
    /// (their `h2`s); empty when there are fewer than three, where a list would only repeat
    /// the page.
    fn toc(view: &ThemePage<'a>) -> Vec<TocEntry<'a>> {
        let mut sections: Vec<(&'a str, &'a str)> = Vec::new();
        if !view.arrivals.is_empty() {
            sections.push((super::arrivals::SECTION, "What arrived"));
        }
        if let Some(b) = &view.bottom_line {
            sections.push(("bottom-line", "Bottom line"));
            if view.overview.is_some() {
                sections.push(("overview", "Overview"));
            } else if !view.key_points.is_empty() {
                sections.push(("key-points", "Key points"));
            }
            if !b.timeline.is_empty() {
                sections.push(("timeline", "Timeline"));
            }
            if !b.entities.is_empty() {
                sections.push(("whos-who", "Who's who"));
            }
            if !b.quotes.is_empty() {
                sections.push(("quotes", "Quotes"));
            }
        }
        sections.push(("evidence", "Evidence"));
        if !view.references.is_empty() {
            sections.push(("references", "References"));
        }
        if sections.len() < 3 {
            return Vec::new();
        }
        sections
            .into_iter()
            .map(|(id, title)| TocEntry {
                title,
                href: format!("#{id}"),
            })
            .collect()
    }

    /// A citation of a paragraph for its exact `words` (shown in previews; the paragraph's
    /// opening when `words` is empty), linked from `page`.
    pub(super) fn cite_words(
        &self,
        at: &ParagraphRef,
        words: &'a str,
        page: &Page,
    ) -> CiteView<'a> {
        let mut view = self.cite(&Cite::Paragraph(at.clone()), page);
        if !words.is_empty() {
            let text = self
                .source(&at.source)
                .and_then(|s| s.unit(at))
                .map(|(t, _)| t);
            view.tip = text.map_or_else(|| words.to_string(), |text| tip(text, words));
            view.quote = Some(words.to_string());
            view.exact = true;
            // A few words may stand elsewhere on the live page too; then the paragraph's
            // ends find the place more surely.
            if words.split_whitespace().count() >= LIVE_WORDS_ALONE {
                if let Some(source) = self.source(&at.source) {
                    view.live = self.live(source, words).or(view.live);
                }
            }
        }
        view
    }

    /// One cited item as the `citation` component shows it, linked from `page`.
    pub(super) fn cite(&self, cite: &Cite, page: &Page) -> CiteView<'a> {
        let source = self.source(cite.source());
        let title = source.map_or("", |s| s.meta.title.as_str());
        let label = self.label(cite.source());
        let (n, href, quote, tip) = match cite {
            Cite::Paragraph(paragraph) => {
                let text = source.and_then(|s| s.unit(paragraph)).map(|(text, _)| text);
                let quote = text.map(preview);
                (
                    Some(paragraph.number()),
                    page.link_to_paragraph(
                        &paragraph.source,
                        source.and_then(|s| s.anchor(paragraph)).unwrap_or_default(),
                    ),
                    quote.clone(),
                    match (text, quote) {
                        (Some(text), Some(quote)) => tip(text, &quote),
                        _ => title.to_string(),
                    },
                )
            }
            Cite::Source { source } => (
                None,
                page.link_to(&Page::Source(source.clone())),
                None,
                title.to_string(),
            ),
        };
        CiteView {
            label,
            n,
            href,
            quote,
            title,
            exact: false,
            tip,
            note: 0,
            note_href: String::new(),
            para: None,
            source_ref: None,
            cite: cite.clone(),
            id: None,
            live: match cite {
                Cite::Paragraph(paragraph) => {
                    source.and_then(|s| self.live(s, s.unit(paragraph)?.0))
                }
                Cite::Source { .. } => None,
            },
        }
    }

    /// Whether the project has the template `name` (the print pages' are optional).
    pub(super) fn has_template(&self, name: &str) -> bool {
        self.project.templates.pages.contains_key(name)
    }

    /// The source with this id, for the page's notes.
    pub(super) fn source_of(&self, id: &SourceId) -> Option<&'a Source> {
        self.source(id)
    }

    /// Page `number` (from 0) of a theme's briefing.
    pub fn theme_page(&self, theme: &'a Theme, number: usize) -> Option<ThemePage<'a>> {
        let briefing = self.analysis.briefing(&theme.id)?;
        let spans = self.briefing_pages.get(&theme.id)?;
        let on_page = spans.get(number)?.items.clone();
        let page = Page::Briefing {
            theme: theme.id.clone(),
            from: spans[number].from.clone(),
        };
        let first_page = number == 0;
        let page_of = |index: usize| {
            let at = spans.partition_point(|span| span.items.end <= index);
            Page::Briefing {
                theme: theme.id.clone(),
                from: spans.get(at).and_then(|span| span.from.clone()),
            }
        };
        let mut anchored = BTreeSet::new();
        let mut overview = briefing
            .overview
            .as_ref()
            .filter(|_| first_page)
            .map(|text| self.cited_anchored(text, &page, &mut anchored));
        let mut key_points = if briefing.overview.is_some() || !first_page {
            Vec::new()
        } else {
            briefing
                .key_points
                .iter()
                .map(|text| self.cited_anchored(text, &page, &mut anchored))
                .collect()
        };

        let mut groups: Vec<GroupView> = Vec::new();
        let mut group_nav = Vec::new();
        let mut cited_here: BTreeSet<&SourceId> = BTreeSet::new();
        let mut start = 0;
        for group in &briefing.groups {
            let range = start..start + group.passages.len();
            start = range.end;
            let anchor = urls::group_anchor(group.definition);
            if first_page {
                group_nav.push(GroupLink {
                    title: &group.title,
                    href: page.link_to_anchor(&page_of(range.start), &anchor),
                    count: group.passages.len(),
                });
            }
            let shown = range.start.max(on_page.start)..range.end.min(on_page.end);
            if shown.is_empty() {
                continue;
            }
            let passages = group.passages[shown.start - range.start..shown.end - range.start]
                .iter()
                .filter_map(|passage| {
                    let paragraph = &passage.paragraph;
                    let source = self.source(&paragraph.source)?;
                    let (text, html) = source.unit(paragraph)?;
                    let filing = self
                        .filings(paragraph)
                        .iter()
                        .find(|filing| filing.theme == theme.id)?;
                    let anchor = source.anchor(paragraph)?;
                    let words: Vec<&str> = filing.words(text).collect();
                    cited_here.insert(&source.id);
                    Some(PassageView {
                        anchor: urls::passage_anchor(&source.id, anchor),
                        source_id: source.id.as_str(),
                        source_title: &source.meta.title,
                        source_label: self.label(&source.id),
                        publisher: source.meta.publisher.as_deref(),
                        published: source.meta.published.as_deref(),
                        n: paragraph.number(),
                        href: page.link_to_paragraph(&source.id, anchor),
                        cite: self.cite(&Cite::Paragraph(paragraph.clone()), &page),
                        html: mark_words(html, &words),
                        words,
                        from_article: filing.from_article,
                        score: format_score(passage.score),
                        needed: format_score(filing.needed),
                        terms: term_words(theme, &passage.terms).collect(),
                    })
                })
                .collect();
            groups.push(GroupView {
                title: &group.title,
                anchor,
                continued: range.start < on_page.start,
                passages,
            });
        }

        // The reference list holds the sources cited on this page, by label.
        if first_page {
            cited_here.extend(shown_texts(briefing).flat_map(|t| t.cites().map(Cite::source)));
        }
        let mut references: Vec<ReferenceView> = cited_here
            .into_iter()
            .filter_map(|id| self.source(id))
            .map(|source| ReferenceView {
                label: self.label(&source.id),
                anchor: urls::reference_anchor(&source.id),
                id: source.id.as_str(),
                title: &source.meta.title,
                publisher: source.meta.publisher.as_deref(),
                author: source.meta.author.as_deref(),
                published: source.meta.published.as_deref(),
                url: source.meta.url.as_deref(),
                href: page.link_to(&Page::Source(source.id.clone())),
            })
            .collect();
        references.sort_by(|a, b| a.label.cmp(&b.label).then(a.id.cmp(b.id)));

        // Citations are numbered in the order the page shows them.
        let mut bottom_line = first_page.then(|| self.bottom_line(&theme.id, &page));
        let arrivals = match &bottom_line {
            Some(bottom) => self.briefing_arrivals(&theme.id, &page, &shown_claims(bottom)),
            None => Vec::new(),
        };
        let mut book = NoteBook::new(self, "");
        for passage in groups.iter().flat_map(|g| &g.passages) {
            if let Some(at) = passage.cite.cite.paragraph() {
                book.shown(at, &passage.anchor);
            }
        }
        if let Some(bottom) = &mut bottom_line {
            note_claims(&mut book, bottom);
        }
        for text in overview.iter_mut().chain(&mut key_points) {
            note_text(&mut book, text);
        }
        if let Some(bottom) = &mut bottom_line {
            note_context(&mut book, bottom);
        }
        for passage in groups.iter_mut().flat_map(|g| &mut g.passages) {
            book.preview(&mut passage.cite);
        }
        let pages = self.briefing_pages(&theme.id);
        let passage_count = briefing.passage_count();
        let place = self.theme_order.get(&theme.id).copied().unwrap_or(0);
        let neighbour = |at: Option<usize>| {
            at.and_then(|at| self.corpus.themes.get(at))
                .map(|theme| self.nav_item(theme, &page))
        };
        let mut view = ThemePage {
            bottom_line,
            notes: book.finish(),
            takeaway_href: self
                .has_template("takeaway.html")
                .then(|| page.link_to(&Page::Takeaway(theme.id.clone()))),
            evidence_open: !first_page || passage_count <= EVIDENCE_OPEN,
            site: self.site(&page),
            id: theme.id.as_str(),
            title: &theme.title,
            question: &theme.question,
            scope: &theme.scope,
            overview,
            key_points,
            groups,
            group_nav,
            first_page,
            passage_count: first_page.then_some(passage_count),
            pages: page_nav(&page, number, &pages, "The start of the briefing"),
            references,
            threshold: format_score(theme.threshold),
            colour: self.colour(&theme.id),
            toc: Vec::new(),
            previous_briefing: neighbour(place.checked_sub(1)),
            next_briefing: neighbour(Some(place + 1)),
            timeline_chart: if first_page {
                self.timeline_chart(&theme.id)
            } else {
                None
            },
            arrivals,
        };
        view.toc = Self::toc(&view);
        Some(view)
    }

    /// The page of a source.
    pub fn source_page(&self, source: &'a Source) -> SourcePage<'a> {
        let page = Page::Source(source.id.clone());
        let blocks = source
            .layout
            .iter()
            .filter_map(|block| match block {
                Block::Heading { text, level } => Some(BlockView {
                    kind: "heading",
                    text: Some(text),
                    level: *level,
                    html: None,
                    n: 0,
                    anchor: "",
                    number_anchor: String::new(),
                    live: None,
                    themes: Vec::new(),
                    items: Vec::new(),
                    ordered_from: None,
                    cited_by: Vec::new(),
                }),
                Block::Figure { html } => Some(BlockView {
                    kind: "figure",
                    text: None,
                    level: 0,
                    html: Some(html),
                    n: 0,
                    anchor: "",
                    number_anchor: String::new(),
                    live: None,
                    themes: Vec::new(),
                    items: Vec::new(),
                    ordered_from: None,
                    cited_by: Vec::new(),
                }),
                Block::Paragraph(n) => {
                    let paragraph = source.paragraph(*n)?;
                    let at = ParagraphRef::new(source.id.clone(), *n);
                    let items = paragraph
                        .items
                        .iter()
                        .map(|item| {
                            let at = ParagraphRef::item(source.id.clone(), *n, item.n);
                            ItemView {
                                anchor: &item.anchor,
                                number_anchor: urls::number_anchor(&at),
                                live: self.live(source, &item.text),
                                number: at.number(),
                                html: &item.html,
                                themes: self.margin(&page, &at),
                                cited_by: self.cited_by(&page, source, &at),
                            }
                        })
                        .collect();
                    Some(BlockView {
                        kind: "paragraph",
                        text: None,
                        level: 0,
                        html: Some(&paragraph.html),
                        n: paragraph.n,
                        anchor: &paragraph.anchor,
                        number_anchor: urls::number_anchor(&at),
                        // A list is linked item by item.
                        live: if paragraph.items.is_empty() {
                            self.live(source, &paragraph.text)
                        } else {
                            None
                        },
                        themes: self.margin(&page, &at),
                        cited_by: self.cited_by(&page, source, &at),
                        items,
                        ordered_from: paragraph.ordered_from,
                    })
                }
            })
            .collect();
        let cited_in = self
            .cited_in
            .get(&source.id)
            .into_iter()
            .flatten()
            .filter_map(|(theme, paragraphs)| {
                let theme = *self.themes.get(theme)?;
                Some(Backlink {
                    title: &theme.title,
                    href: page.link_to(&Page::briefing(&theme.id)),
                    whole_source: paragraphs.contains(&None),
                    paragraphs: paragraphs
                        .iter()
                        .flatten()
                        .filter_map(|at| {
                            Some(ParagraphLink {
                                n: at.number(),
                                href: format!("#{}", source.anchor(at)?),
                            })
                        })
                        .collect(),
                })
            })
            .collect();
        SourcePage {
            site: self.site(&page),
            id: source.id.as_str(),
            title: &source.meta.title,
            publisher: source.meta.publisher.as_deref(),
            author: source.meta.author.as_deref(),
            published: source.meta.published.as_deref(),
            updated: source.meta.updated.as_deref(),
            agency: source.meta.agency.as_deref(),
            dateline: source.meta.dateline.as_deref(),
            retrieved: source.meta.retrieved.as_deref(),
            url: source.meta.url.as_deref(),
            copy_of: source
                .meta
                .copy_of
                .as_ref()
                .and_then(|of| self.source(of))
                .map(|of| SourceLink {
                    title: &of.meta.title,
                    href: page.link_to(&Page::Source(of.id.clone())),
                }),
            blocks,
            cited_in,
        }
    }

    /// The themes a paragraph (or list item) is filed under, for the source page's margin.
    fn margin(&self, page: &Page, at: &ParagraphRef) -> Vec<ParagraphTheme<'a>> {
        self.analysis
            .filings(at)
            .iter()
            .filter_map(|filing| {
                let theme = *self.themes.get(&filing.theme)?;
                Some(ParagraphTheme {
                    id: theme.id.as_str(),
                    title: &theme.title,
                    href: self.passage_href(page, &theme.id, at),
                    score: format_score(filing.score),
                    terms: term_words(theme, &filing.terms)
                        .collect::<Vec<_>>()
                        .join(", "),
                    colour: self.colour(&theme.id),
                })
            })
            .collect()
    }

    /// The number (from 1) of the group a paragraph stands in on a theme's briefing.
    pub fn group_of(&self, theme: &ThemeId, paragraph: &ParagraphRef) -> Option<usize> {
        self.passage_at
            .get(theme)
            .and_then(|at| at.get(paragraph))
            .map(|&(_, group)| group)
    }

    /// A key for everything page `page` (the `number`-th of its list) is made from, so that a
    /// build can tell the page needs no rendering when its key is the one the last build
    /// wrote it with. `None` for files made on every build (the index, whose counts change with
    /// any source, and the assets, which are copied). The key covers what the page's view is built from: the tool, templates,
    /// settings and theme definitions (`global`), then what the page itself shows, down to the
    /// text of each source it quotes (its digest), each citation label, and the pages it links
    /// to. Tested by comparing incremental builds with clean ones.
    pub fn page_key(&self, global: &Digest, page: &Page, number: usize) -> Option<Digest> {
        let mut key = KeyBuilder::new(global);
        key.add(page);
        match page {
            // The index and the analysis pages draw on every source: made on every build.
            Page::Index
            | Page::Asset(_)
            | Page::Analysis(_)
            | Page::SearchIndex(_)
            | Page::Print
            | Page::Takeaway(_) => return None,
            // The sitemap and the feed list every source and page; the history is small and
            // made from the sources.
            Page::Sitemap | Page::SitemapPart(_) | Page::Feed | Page::History => return None,
            // The search page shows only what every page shows; the not-found page settings,
            // themes and templates only, which the global key covers.
            Page::Search | Page::NotFound => {}
            Page::Json => {
                // Every source, its label, and each filing's group on its briefing (which the
                // passages of the briefings, in order, settle). Filings are a function of the
                // source's text and the themes, which the global key covers.
                for source in &self.corpus.sources {
                    key.add(&source.digest);
                    key.add(&self.labels.get(&source.id));
                }
                for briefing in &self.analysis.briefings {
                    key.add(&briefing.theme);
                    key.debug(&(&briefing.overview, &briefing.key_points));
                    for group in &briefing.groups {
                        key.add(&(&group.title, group.definition, group.passages.len()));
                        for passage in &group.passages {
                            key.add(&passage.paragraph);
                        }
                    }
                }
            }
            Page::Source(id) => {
                let source = self.source(id)?;
                key.add(&source.digest);
                // A copy links to its original by the original's headline.
                let original = source.meta.copy_of.as_ref().and_then(|of| self.source(of));
                key.add(&original.map(|of| &of.meta.title));
                for (at, _) in source.units() {
                    for filing in self.filings(&at) {
                        // What the link to the passage depends on besides the source's own
                        // text: the briefing page it is on.
                        let on_page = self
                            .passage_at
                            .get(&filing.theme)
                            .and_then(|on| on.get(&at))
                            .and_then(|&(page, _)| {
                                Some(&self.briefing_pages.get(&filing.theme)?.get(page)?.from)
                            });
                        key.add(&(&filing.theme, on_page));
                    }
                }
                key.add(&self.cited_in.get(id));
                for (at, _) in source.units() {
                    key.add(&self.cited_by.get(&at));
                }
            }
            Page::Briefing { theme, .. } => {
                let briefing = self.analysis.briefing(theme)?;
                let spans = self.briefing_pages.get(theme)?;
                self.neighbours_key(&mut key, spans, number);
                let span = spans.get(number)?;
                let mut group_start = 0;
                for group in &briefing.groups {
                    // The part of the group on this page, as indexes into the group.
                    let from = span.items.start.saturating_sub(group_start);
                    let to = (span.items.end.saturating_sub(group_start)).min(group.passages.len());
                    if from < to {
                        // The group's heading, and whether it opens here or is continued.
                        key.add(&(&group.title, group.definition, from == 0, to - from));
                        for passage in &group.passages[from..to] {
                            key.add(&passage.paragraph);
                            self.source_key(&mut key, &passage.paragraph.source);
                        }
                    }
                    group_start += group.passages.len();
                }
                // The neighbouring briefings' titles are in the global key (the themes).
                if number == 0 {
                    key.add(&self.timeline_chart(theme).map(|chart| chart.svg));
                    // The bottom line shows claims from any source; its view is what counts.
                    let bottom_line = self.bottom_line(theme, page);
                    let bottom = serde_json::to_vec(&bottom_line).ok()?;
                    key.add(&bottom);
                    // What recent builds added: from the history, linked to where it is now.
                    let shown = shown_claims(&bottom_line);
                    let arrivals = self.briefing_arrivals(theme, page, &shown);
                    key.add(&serde_json::to_vec(&arrivals).ok()?);
                    key.debug(&(&briefing.overview, &briefing.key_points));
                    for cite in shown_texts(briefing).flat_map(CitedText::cites) {
                        self.source_key(&mut key, cite.source());
                    }
                    let mut start = 0;
                    for group in &briefing.groups {
                        let on = spans.partition_point(|span| span.items.end <= start);
                        key.add(&(&group.title, group.passages.len(), &spans.get(on)?.from));
                        start += group.passages.len();
                    }
                    for span in spans {
                        key.add(&span.from);
                    }
                }
            }
            Page::Unfiled { .. } => {
                self.neighbours_key(&mut key, &self.unfiled_pages, number);
                let span = self.unfiled_pages.get(number)?;
                for at in &self.unfiled[span.items.clone()] {
                    key.add(at);
                    self.source_key(&mut key, &at.source);
                }
                if number == 0 {
                    key.add(&(self.unfiled.len(), self.unfiled_pages.len()));
                    let paragraphs: usize =
                        self.corpus.sources.iter().map(|s| s.paragraphs.len()).sum();
                    key.add(&paragraphs);
                    for span in &self.unfiled_pages {
                        key.add(&span.from);
                    }
                }
            }
            Page::Coverage { .. } => {
                self.neighbours_key(&mut key, &self.coverage_pages, number);
                let span = self.coverage_pages.get(number)?;
                for source in &self.corpus.sources[span.items.clone()] {
                    key.add(&source.digest);
                    for briefing in &self.analysis.briefings {
                        key.add(&self.passages_of(&source.id, &briefing.theme));
                    }
                }
                if number == 0 {
                    key.add(&self.corpus.sources.len());
                    for span in &self.coverage_pages {
                        key.add(&span.from);
                    }
                }
            }
        }
        Some(key.digest())
    }

    /// Adds the pages before and after page `number` of a list to a key.
    fn neighbours_key<K: Hash>(&self, key: &mut KeyBuilder, spans: &[Span<K>], number: usize) {
        key.add(
            &number
                .checked_sub(1)
                .and_then(|p| spans.get(p))
                .map(|s| &s.from),
        );
        key.add(&spans.get(number + 1).map(|s| &s.from));
        key.add(&(number == 0));
    }

    /// Adds what a page shows of a source it cites or quotes to a key: its text and label.
    fn source_key(&self, key: &mut KeyBuilder, source: &SourceId) {
        key.add(&self.shown_as.get(source));
    }

    /// The key of a source's part of `briefing.json`: its id and text, its label, and the
    /// group each of its filed paragraphs stands in on its briefing (its filings are a function
    /// of its text and the themes, which every file's key covers).
    pub fn export_key(&self, source: &Source) -> Digest {
        let mut key = KeyBuilder::new(&Digest::default());
        key.add(&source.id);
        key.add(&self.shown_as.get(&source.id));
        // The filed units in their order, each looked up once by theme for its group.
        for (at, filings) in self
            .analyses
            .get(&source.id)
            .into_iter()
            .flat_map(|a| &a.filings)
        {
            key.add(&(at.n, at.item));
            for filing in filings {
                key.add(&(&filing.theme, self.group_of(&filing.theme, at)));
            }
        }
        key.digest()
    }

    /// Each source's citation label, for the export.
    pub fn labels(&self) -> &HashMap<SourceId, Arc<str>> {
        &self.labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes(colours: &[(&str, Option<&str>)]) -> Vec<Theme> {
        colours
            .iter()
            .map(|(id, colour)| {
                let colour = colour.map(|name| format!("colour: {name}\n")).unwrap_or_default();
                let text = format!("title: T\nquestion: Q\nthreshold: 3\n{colour}terms:\n  - term: a\n    weight: 1\n");
                crate::load::parse_theme(&text, std::path::Path::new(&format!("themes/{id}.yaml")))
                    .unwrap()
            })
            .collect()
    }

    fn colours_of(themes: &[Theme]) -> Vec<&'static str> {
        let colours = theme_colours(themes);
        themes
            .iter()
            .map(|theme| THEME_COLOURS[colours[&theme.id]])
            .collect()
    }

    #[test]
    fn a_theme_keeps_the_colour_it_names_and_the_others_never_share_one() {
        let named = themes(&[("a", None), ("b", Some("blue")), ("c", None)]);
        assert_eq!(colours_of(&named), ["red", "blue", "green"]);

        // Moving or adding themes does not repaint one that names its colour.
        let moved = themes(&[("new", None), ("c", None), ("b", Some("blue")), ("a", None)]);
        assert_eq!(colours_of(&moved), ["red", "green", "blue", "amber"]);

        // Past eight themes, colours are reused in order of place.
        let many: Vec<(String, Option<&str>)> = (0..10).map(|i| (format!("t{i}"), None)).collect();
        let many: Vec<(&str, Option<&str>)> =
            many.iter().map(|(id, c)| (id.as_str(), *c)).collect();
        let colours = colours_of(&themes(&many));
        assert_eq!(colours[..8], THEME_COLOURS);
        assert_eq!(colours[8..], ["blue", "red"]);
    }

    #[test]
    fn formats_scores_compactly() {
        assert_eq!(format_score(7.0), "7");
        assert_eq!(format_score(7.5), "7.5");
        assert_eq!(format_score(6.666), "6.67");
    }

    #[test]
    fn previews_first_sentence_verbatim() {
        assert_eq!(preview("First one here. Second."), "First one here.");
        let long = "word ".repeat(100);
        let cut = preview(&long);
        assert!(long.contains(&cut) && cut.len() < 245);
    }

    #[test]
    fn a_tip_shows_an_ellipsis_only_where_the_paragraph_goes_on() {
        let text = "Kim arrived by train. He met Xi.";
        let cases = [
            (text, "Kim arrived by train. He met Xi."),
            ("Kim arrived by train.", "Kim arrived by train.…"),
            ("He met Xi.", "…He met Xi."),
            ("by train", "…by train…"),
        ];
        for (words, want) in cases {
            assert_eq!(tip(text, words), want, "{words}");
        }
    }

    #[test]
    fn later_pages_show_only_their_neighbours() {
        let pages: Vec<Page> = (0..1000)
            .map(|p| Page::Unfiled {
                from: (p > 0).then(|| format!("s__t-{p}")),
            })
            .collect();
        let first = page_nav(&pages[0], 0, &pages, "start");
        let numbers: Vec<(usize, bool)> = first
            .links
            .iter()
            .map(|link| (link.number, link.gap_before))
            .collect();
        assert_eq!(numbers, [(1, false), (2, false), (3, false), (1000, true)]);
        assert_eq!(first.count, 1000);
        assert_eq!(first.previous, None);
        assert_eq!(first.next.as_deref(), Some("unfiled/s__t-1.html"));
        let later = page_nav(&pages[500], 500, &pages, "start");
        assert!(later.links.is_empty() && later.count == 0);
        assert_eq!(later.previous.as_deref(), Some("../unfiled/s__t-499.html"));
        assert_eq!(later.next.as_deref(), Some("../unfiled/s__t-501.html"));
        assert_eq!(later.start.as_deref(), Some("../unfiled.html"));
        let alone = page_nav(&pages[0], 0, &pages[..1], "start");
        assert!(alone.links.is_empty() && alone.next.is_none());
    }
}
