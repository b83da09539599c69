//! Builds the typed views of `pages.rs` from the project, the corpus and the analysis.
//!
//! Views borrow wherever they can and hold ready-to-print values (relative links from
//! [`crate::urls`], formatted scores, citation labels), so templates stay free of logic and a
//! misspelt field fails to compile here rather than at render time. Cross-references (which
//! briefings cite a source, where a passage stands) are computed once, in [`SiteModel::new`].

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use super::labels::citation_labels;
use super::marks::mark_words;
use super::pages::*;
use crate::analyse::{Analysis, Briefing};
use crate::cite::{Cite, CitedText, Part};
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Block, Corpus, Project, Source, Theme};
use crate::urls::{self, Page};

/// Most sources the index lists with their coverage; larger sites list them on coverage
/// pages of this many sources each, so no page grows with the corpus.
pub const SOURCES_PER_PAGE: usize = 250;

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
    /// Each source's citation label.
    labels: HashMap<SourceId, Arc<str>>,
    /// Themes by id.
    themes: HashMap<&'a ThemeId, &'a Theme>,
    /// For each source, the briefings (in theme order) that cite which of its paragraphs
    /// (`None`: the whole source).
    cited_in: FxHashMap<&'a SourceId, CitedIn<'a>>,
    /// Passages of each source per briefing, for the coverage matrix.
    coverage: FxHashMap<(&'a SourceId, &'a ThemeId), usize>,
    /// Where each passage stands among its briefing's passages (which gives the page its
    /// anchor is on), and the number of its group, from 1.
    passage_at: FxHashMap<(&'a ThemeId, &'a ParagraphRef), (usize, usize)>,
    /// The paragraphs filed under no theme, in source order.
    unfiled: Vec<ParagraphRef>,
    /// How many sources each briefing draws on.
    source_counts: FxHashMap<&'a ThemeId, usize>,
    /// The preview of every filed paragraph, computed once for all the pages that cite it.
    previews: FxHashMap<&'a ParagraphRef, String>,
    /// Evidence passages per briefing page (and paragraphs per unfiled page).
    per_page: usize,
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
    let first = text
        .split_sentence_bounds()
        .next()
        .unwrap_or(text)
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

/// Navigation for page `current` (from 0) of `count` pages: the first and last pages and two
/// neighbours each side of the current one.
fn page_nav(current: usize, count: usize, href: impl Fn(usize) -> String) -> PageNav {
    const NEIGHBOURS: usize = 2;
    if count <= 1 {
        return PageNav {
            count: count.max(1),
            ..PageNav::default()
        };
    }
    let shown = |p: usize| p == 0 || p + 1 == count || p.abs_diff(current) <= NEIGHBOURS;
    let mut links = Vec::new();
    let mut last_shown: Option<usize> = None;
    for p in (0..count).filter(|&p| shown(p)) {
        links.push(PageLink {
            number: p + 1,
            href: href(p),
            current: p == current,
            gap_before: last_shown.is_some_and(|last| p > last + 1),
        });
        last_shown = Some(p);
    }
    PageNav {
        count,
        links,
        previous: (current > 0).then(|| href(current - 1)),
        next: (current + 1 < count).then(|| href(current + 1)),
    }
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

impl<'a> SiteModel<'a> {
    /// Computes the cross-references of the analysis.
    pub fn new(project: &'a Project, corpus: &'a Corpus, analysis: &'a Analysis) -> Self {
        let mut cited_in: FxHashMap<&SourceId, CitedIn> = FxHashMap::default();
        let mut coverage = FxHashMap::default();
        let mut passage_at = FxHashMap::default();
        let mut cite = |source: &'a SourceId, theme: &'a ThemeId, n: Option<&'a ParagraphRef>| {
            let briefings = cited_in.entry(source).or_default();
            match briefings.last_mut() {
                Some((last, paragraphs)) if *last == theme => {
                    paragraphs.insert(n);
                }
                _ => briefings.push((theme, BTreeSet::from([n]))),
            }
        };
        for briefing in &analysis.briefings {
            let theme = &briefing.theme;
            let grouped = briefing
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, group)| group.passages.iter().map(move |p| (g + 1, p)));
            for (index, (group, passage)) in grouped.enumerate() {
                let paragraph = &passage.paragraph;
                *coverage.entry((&paragraph.source, theme)).or_default() += 1;
                passage_at.insert((theme, paragraph), (index, group));
                cite(&paragraph.source, theme, Some(paragraph));
            }
            for item in shown_texts(briefing).flat_map(CitedText::cites) {
                cite(item.source(), theme, item.paragraph());
            }
        }
        let unfiled = corpus
            .sources
            .iter()
            .flat_map(|source| source.units().map(|(at, _)| at))
            .filter(|paragraph| analysis.filings(paragraph).is_empty())
            .collect();
        let source_counts = analysis
            .briefings
            .iter()
            .map(|briefing| {
                let sources: BTreeSet<&SourceId> =
                    briefing.passages().map(|p| &p.paragraph.source).collect();
                (&briefing.theme, sources.len())
            })
            .collect();
        let filed: Vec<&ParagraphRef> = analysis
            .sources
            .values()
            .flat_map(|source| source.filings.keys())
            .collect();
        let previews = filed
            .into_par_iter()
            .filter_map(|at| {
                let (text, _) = corpus.source(&at.source)?.unit(at)?;
                Some((at, preview(text)))
            })
            .collect();
        SiteModel {
            project,
            corpus,
            analysis,
            unfiled,
            source_counts,
            previews,
            labels: citation_labels(&corpus.sources),
            themes: corpus.themes.iter().map(|t| (&t.id, t)).collect(),
            cited_in,
            coverage,
            passage_at,
            per_page: project.config.passages_per_page.max(1),
        }
    }

    fn label(&self, source: &SourceId) -> Arc<str> {
        self.labels
            .get(source)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    fn site(&self, page: &Page) -> SiteView<'a> {
        let config = &self.project.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            root: page.root(),
            nav: self
                .corpus
                .themes
                .iter()
                .map(|theme| NavItem {
                    id: theme.id.as_str(),
                    title: &theme.title,
                    href: page.link_to(&Page::briefing(&theme.id)),
                })
                .collect(),
        }
    }

    /// Whether the sources are listed on coverage pages rather than on the index.
    fn paged_sources(&self) -> bool {
        self.corpus.sources.len() > SOURCES_PER_PAGE
    }

    /// Number of coverage pages (none when the index lists every source).
    pub fn coverage_page_count(&self) -> usize {
        if self.paged_sources() {
            self.corpus.sources.len().div_ceil(SOURCES_PER_PAGE)
        } else {
            0
        }
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
                        count: self
                            .coverage
                            .get(&(&source.id, &briefing.theme))
                            .copied()
                            .unwrap_or(0),
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
        IndexPage {
            site: self.site(&page),
            themes: self.theme_cards(&page),
            sources: if paged {
                Vec::new()
            } else {
                self.source_rows(&self.corpus.sources, &page)
            },
            source_count: self.corpus.sources.len(),
            paragraph_count: self.corpus.sources.iter().map(|s| s.paragraphs.len()).sum(),
            all_sources: paged.then(|| PageLink {
                number: 1,
                href: page.link_to(&Page::Coverage { page: 0 }),
                current: false,
                gap_before: false,
            }),
            sources_per_page: SOURCES_PER_PAGE,
            unfiled_count: self.unfiled.len(),
            unfiled_href: page.link_to(&Page::Unfiled { page: 0 }),
        }
    }

    /// The paragraphs filed under no theme, in source order.
    pub fn unfiled(&self) -> &[ParagraphRef] {
        &self.unfiled
    }

    /// Number of pages of the unfiled list (one, saying so, when every paragraph is filed).
    pub fn unfiled_page_count(&self) -> usize {
        self.unfiled.len().div_ceil(self.per_page).max(1)
    }

    /// Page `number` (from 0) of the paragraphs filed under no theme.
    pub fn unfiled_page(&self, number: usize) -> UnfiledPage<'a> {
        let page = Page::Unfiled { page: number };
        let start = (number * self.per_page).min(self.unfiled.len());
        let end = (start + self.per_page).min(self.unfiled.len());
        let paragraphs = self.unfiled[start..end]
            .iter()
            .filter_map(|at| {
                let source = self.corpus.source(&at.source)?;
                let (_, html) = source.unit(at)?;
                Some(UnfiledView {
                    cite: self.cite(&Cite::Paragraph(at.clone()), &page),
                    source_title: &source.meta.title,
                    html,
                })
            })
            .collect();
        UnfiledPage {
            site: self.site(&page),
            paragraphs,
            count: self.unfiled.len(),
            paragraph_count: self.corpus.sources.iter().map(|s| s.paragraphs.len()).sum(),
            page: number + 1,
            pages: page_nav(number, self.unfiled_page_count(), |p| {
                page.link_to(&Page::Unfiled { page: p })
            }),
        }
    }

    /// Coverage page `number` (from 0).
    pub fn coverage_page(&self, number: usize) -> CoveragePage<'a> {
        let page = Page::Coverage { page: number };
        let start = (number * SOURCES_PER_PAGE).min(self.corpus.sources.len());
        let end = (start + SOURCES_PER_PAGE).min(self.corpus.sources.len());
        CoveragePage {
            site: self.site(&page),
            themes: self.theme_cards(&page),
            sources: self.source_rows(&self.corpus.sources[start..end], &page),
            source_count: self.corpus.sources.len(),
            first: start + 1,
            page: number + 1,
            pages: page_nav(number, self.coverage_page_count(), |p| {
                page.link_to(&Page::Coverage { page: p })
            }),
        }
    }

    /// Number of pages of a theme's briefing: its passages split `passages_per_page` at a time.
    pub fn theme_page_count(&self, theme: &ThemeId) -> usize {
        self.analysis
            .briefing(theme)
            .map_or(0, Briefing::passage_count)
            .div_ceil(self.per_page)
            .max(1)
    }

    /// Link from `from` to a paragraph's passage on a theme's briefing, or to the briefing when
    /// the paragraph is not one of its passages.
    fn passage_href(&self, from: &Page, theme: &ThemeId, paragraph: &ParagraphRef) -> String {
        match self.passage_at.get(&(theme, paragraph)) {
            Some((index, _)) => from.link_to_anchor(
                &Page::Briefing {
                    theme: theme.clone(),
                    page: index / self.per_page,
                },
                &urls::passage_anchor(paragraph),
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

    /// One cited item as the `citation` component shows it, linked from `page`.
    fn cite(&self, cite: &Cite, page: &Page) -> CiteView<'a> {
        let source = self.corpus.source(cite.source());
        let title = source.map_or("", |s| s.meta.title.as_str());
        let label = self.label(cite.source());
        match cite {
            Cite::Paragraph(paragraph) => CiteView {
                label,
                n: Some(paragraph.number()),
                href: page.link_to_paragraph(paragraph),
                quote: self.previews.get(paragraph).cloned().or_else(|| {
                    source
                        .and_then(|s| s.unit(paragraph))
                        .map(|(text, _)| preview(text))
                }),
                title,
            },
            Cite::Source { source } => CiteView {
                label,
                n: None,
                href: page.link_to(&Page::Source(source.clone())),
                quote: None,
                title,
            },
        }
    }

    /// Page `number` (from 0) of a theme's briefing.
    pub fn theme_page(&self, theme: &'a Theme, number: usize) -> Option<ThemePage<'a>> {
        let briefing = self.analysis.briefing(&theme.id)?;
        let page = Page::Briefing {
            theme: theme.id.clone(),
            page: number,
        };
        let first_page = number == 0;
        let overview = briefing
            .overview
            .as_ref()
            .filter(|_| first_page)
            .map(|text| self.cited(text, &page));
        let key_points = if briefing.overview.is_some() || !first_page {
            Vec::new()
        } else {
            briefing
                .key_points
                .iter()
                .map(|text| self.cited(text, &page))
                .collect()
        };

        let on_page = number * self.per_page..(number + 1) * self.per_page;
        let mut groups = Vec::new();
        let mut group_nav = Vec::new();
        let mut cited_here: BTreeSet<&SourceId> = BTreeSet::new();
        let mut start = 0;
        for (g, group) in briefing.groups.iter().enumerate() {
            let range = start..start + group.passages.len();
            start = range.end;
            let anchor = urls::group_anchor(g + 1);
            group_nav.push(GroupLink {
                title: &group.title,
                href: page.link_to_anchor(
                    &Page::Briefing {
                        theme: theme.id.clone(),
                        page: range.start / self.per_page,
                    },
                    &anchor,
                ),
                count: group.passages.len(),
            });
            let shown = range.start.max(on_page.start)..range.end.min(on_page.end);
            if shown.is_empty() {
                continue;
            }
            let passages = group.passages[shown.start - range.start..shown.end - range.start]
                .iter()
                .filter_map(|passage| {
                    let paragraph = &passage.paragraph;
                    let source = self.corpus.source(&paragraph.source)?;
                    let (_, html) = source.unit(paragraph)?;
                    let filing = self
                        .analysis
                        .filings(paragraph)
                        .iter()
                        .find(|filing| filing.theme == theme.id)?;
                    cited_here.insert(&source.id);
                    Some(PassageView {
                        anchor: urls::passage_anchor(paragraph),
                        source_id: source.id.as_str(),
                        source_title: &source.meta.title,
                        source_label: self.label(&source.id),
                        n: paragraph.number(),
                        href: page.link_to_paragraph(paragraph),
                        cite: self.cite(&Cite::Paragraph(paragraph.clone()), &page),
                        html: mark_words(html, &filing.words),
                        words: &filing.words,
                        from_article: filing.from_article,
                        score: format_score(passage.score),
                        needed: format_score(filing.needed),
                        terms: &passage.terms,
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
            .filter_map(|id| self.corpus.source(id))
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

        let page_count = self.theme_page_count(&theme.id);
        Some(ThemePage {
            site: self.site(&page),
            id: theme.id.as_str(),
            title: &theme.title,
            question: &theme.question,
            scope: &theme.scope,
            overview,
            key_points,
            groups,
            group_nav,
            passage_count: briefing.passage_count(),
            page: number + 1,
            pages: page_nav(number, page_count, |p| {
                page.link_to(&Page::Briefing {
                    theme: theme.id.clone(),
                    page: p,
                })
            }),
            references,
            threshold: format_score(theme.threshold),
        })
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
                    anchor: String::new(),
                    themes: Vec::new(),
                    items: Vec::new(),
                    ordered_from: None,
                }),
                Block::Figure { html } => Some(BlockView {
                    kind: "figure",
                    text: None,
                    level: 0,
                    html: Some(html),
                    n: 0,
                    anchor: String::new(),
                    themes: Vec::new(),
                    items: Vec::new(),
                    ordered_from: None,
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
                                anchor: urls::anchor_of(&at),
                                number: at.number(),
                                html: &item.html,
                                themes: self.margin(&page, &at),
                            }
                        })
                        .collect();
                    Some(BlockView {
                        kind: "paragraph",
                        text: None,
                        level: 0,
                        html: Some(&paragraph.html),
                        n: paragraph.n,
                        anchor: urls::paragraph_anchor(paragraph.n),
                        themes: self.margin(&page, &at),
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
                        .map(|at| ParagraphLink {
                            n: at.number(),
                            href: format!("#{}", urls::anchor_of(at)),
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
            retrieved: source.meta.retrieved.as_deref(),
            url: source.meta.url.as_deref(),
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
                    terms: filing.terms.join(", "),
                })
            })
            .collect()
    }

    /// The number (from 1) of the group a paragraph stands in on a theme's briefing.
    pub fn group_of(&self, theme: &ThemeId, paragraph: &ParagraphRef) -> Option<usize> {
        self.passage_at
            .get(&(theme, paragraph))
            .map(|&(_, group)| group)
    }

    /// Each source's citation label, for the export.
    pub fn labels(&self) -> &HashMap<SourceId, Arc<str>> {
        &self.labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn page_navigation_stays_small() {
        let numbers = |current, count| -> Vec<(usize, bool)> {
            page_nav(current, count, |p| p.to_string())
                .links
                .iter()
                .map(|link| (link.number, link.gap_before))
                .collect()
        };
        assert!(numbers(0, 1).is_empty());
        assert_eq!(numbers(0, 3), [(1, false), (2, false), (3, false)]);
        assert_eq!(
            numbers(49, 1000),
            [
                (1, false),
                (48, true),
                (49, false),
                (50, false),
                (51, false),
                (52, false),
                (1000, true)
            ]
        );
        for count in [10, 100, 10_000] {
            for current in [0, count / 2, count - 1] {
                assert!(numbers(current, count).len() <= 7);
            }
        }
        let nav = page_nav(0, 3, |p| p.to_string());
        assert_eq!((nav.previous, nav.next.as_deref()), (None, Some("1")));
    }
}
