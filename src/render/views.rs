//! Builds the typed views of `pages.rs` from the analysis.
//!
//! Views borrow from the corpus wherever they can and hold ready-to-print values (relative
//! links, formatted scores, HTML with citations turned into links), so templates stay free of
//! logic and a misspelt field fails to compile here rather than at render time.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use super::pages::*;
use crate::analyse::{Analysis, Briefing};
use crate::cite::{Cite, CitedText, MARK_CLOSE, MARK_OPEN};
use crate::load::{Block, Paragraph, Source, Theme};

/// Everything the pages are built from, with the cross-references computed once.
pub struct SiteModel<'a> {
    /// The analysis.
    pub analysis: &'a Analysis<'a>,
    /// For each source, which themes cite which of its paragraphs (`None`: the whole source).
    cited_in: Vec<BTreeMap<usize, BTreeSet<Option<usize>>>>,
    /// `coverage[s][b]`: passages of source `s` in briefing `b`, counted once for all pages.
    coverage: Vec<Vec<usize>>,
    /// `passage_at[b][(source, paragraph)]`: where the paragraph stands among briefing `b`'s
    /// passages, which gives the page its anchor is on.
    passage_at: Vec<FxHashMap<(usize, usize), usize>>,
    /// Evidence passages per briefing page.
    per_page: usize,
    /// Each briefing's reference numbers by source, shared by all of its pages.
    numbers: Vec<BTreeMap<usize, usize>>,
}

/// Path of page `page` (from 0) of a theme's briefing, relative to the site root. The first
/// page is `themes/<id>.html`; later ones live in a folder of their own, which no theme id
/// can collide with.
pub fn theme_page_path(id: &str, page: usize) -> String {
    if page == 0 {
        format!("themes/{id}.html")
    } else {
        format!("themes/{id}/page-{}.html", page + 1)
    }
}

/// The prefix that leads from page `page` of a briefing back to the site root.
fn theme_page_root(page: usize) -> &'static str {
    if page == 0 { "../" } else { "../../" }
}

/// Scores print with at most two decimals.
pub fn format_score(score: f64) -> String {
    let rounded = (score * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A verbatim opening of the paragraph: its first sentence, cut at a word if very long.
pub fn preview(paragraph: &Paragraph) -> String {
    const LONGEST: usize = 240;
    let first = paragraph
        .text
        .split_sentence_bounds()
        .next()
        .unwrap_or(&paragraph.text)
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

fn source_label(source: &Source) -> &str {
    source
        .meta
        .publisher
        .as_deref()
        .unwrap_or(&source.meta.title)
}

impl<'a> SiteModel<'a> {
    /// Computes the cross-references of `analysis`.
    pub fn new(analysis: &'a Analysis<'a>) -> Self {
        let sources = analysis.corpus.sources.len();
        let mut cited_in = vec![BTreeMap::<usize, BTreeSet<Option<usize>>>::new(); sources];
        let mut coverage = vec![vec![0; analysis.briefings.len()]; sources];
        let mut passage_at = vec![FxHashMap::default(); analysis.briefings.len()];
        for (b, briefing) in analysis.briefings.iter().enumerate() {
            for (index, passage) in briefing.passages.iter().enumerate() {
                coverage[passage.source][b] += 1;
                passage_at[b].insert((passage.source, passage.paragraph), index);
                cited_in[passage.source]
                    .entry(briefing.theme)
                    .or_default()
                    .insert(Some(passage.paragraph + 1));
            }
            for cite in shown_text(briefing).flat_map(|text| text.groups.iter().flatten()) {
                cited_in[cite.source]
                    .entry(briefing.theme)
                    .or_default()
                    .insert(cite.paragraph);
            }
        }
        SiteModel {
            analysis,
            cited_in,
            coverage,
            passage_at,
            per_page: analysis.corpus.config.passages_per_page.max(1),
            numbers: analysis.briefings.iter().map(reference_numbers).collect(),
        }
    }

    fn site(&self, root: &'static str) -> SiteView<'a> {
        let corpus = self.analysis.corpus;
        SiteView {
            title: &corpus.config.title,
            description: &corpus.config.description,
            language: &corpus.config.language,
            root,
            nav: corpus
                .themes
                .iter()
                .map(|theme| NavItem {
                    id: &theme.id,
                    title: &theme.title,
                    href: format!("{root}themes/{}.html", theme.id),
                })
                .collect(),
        }
    }

    /// The index page.
    pub fn index_page(&self) -> IndexPage<'a> {
        let corpus = self.analysis.corpus;
        let themes = self
            .analysis
            .briefings
            .iter()
            .map(|briefing| {
                let theme = &corpus.themes[briefing.theme];
                let sources: BTreeSet<usize> = briefing.passages.iter().map(|p| p.source).collect();
                ThemeCard {
                    id: &theme.id,
                    title: &theme.title,
                    question: &theme.question,
                    href: format!("themes/{}.html", theme.id),
                    passage_count: briefing.passages.len(),
                    source_count: sources.len(),
                    top_point: briefing
                        .key_points
                        .first()
                        .map(|point| self.cited_html(point, "", &BTreeMap::new())),
                }
            })
            .collect();
        let sources = corpus
            .sources
            .iter()
            .enumerate()
            .map(|(s, source)| SourceRow {
                id: &source.id,
                title: &source.meta.title,
                byline: byline(source),
                href: format!("sources/{}.html", source.id),
                paragraph_count: source.paragraphs.len(),
                coverage: self
                    .analysis
                    .briefings
                    .iter()
                    .zip(&self.coverage[s])
                    .map(|(briefing, &count)| CoverageCell {
                        count,
                        href: format!("themes/{}.html", corpus.themes[briefing.theme].id),
                    })
                    .collect(),
            })
            .collect();
        IndexPage {
            site: self.site(""),
            themes,
            sources,
            paragraph_count: corpus.sources.iter().map(|s| s.paragraphs.len()).sum(),
        }
    }

    /// Number of pages of briefing `t`: its passages split `passages_per_page` at a time.
    pub fn theme_page_count(&self, t: usize) -> usize {
        self.analysis.briefings[t]
            .passages
            .len()
            .div_ceil(self.per_page)
            .max(1)
    }

    /// Link from a page under `root` to the passage of source `s`, paragraph index `p`, on
    /// briefing `b`'s page, or to the briefing when the paragraph is not one of its passages.
    fn passage_href(&self, root: &str, b: usize, s: usize, p: usize) -> String {
        let corpus = self.analysis.corpus;
        let theme = &corpus.themes[self.analysis.briefings[b].theme];
        match self.passage_at[b].get(&(s, p)) {
            Some(index) => format!(
                "{root}{}#{}-p{}",
                theme_page_path(&theme.id, index / self.per_page),
                corpus.sources[s].id,
                p + 1
            ),
            None => format!("{root}{}", theme_page_path(&theme.id, 0)),
        }
    }

    /// Page `page` (from 0) of theme `t`'s briefing.
    pub fn theme_page(&self, t: usize, page: usize) -> ThemePage<'a> {
        let corpus = self.analysis.corpus;
        let briefing = &self.analysis.briefings[t];
        let theme: &'a Theme = &corpus.themes[briefing.theme];
        let root = theme_page_root(page);
        let numbers = &self.numbers[t];
        let first_page = page == 0;
        let overview = briefing
            .overview
            .as_ref()
            .filter(|_| first_page)
            .map(|text| self.cited_html(text, root, numbers));
        let key_points = if briefing.overview.is_some() || !first_page {
            Vec::new()
        } else {
            briefing
                .key_points
                .iter()
                .map(|text| self.cited_html(text, root, numbers))
                .collect()
        };
        let on_page =
            page * self.per_page..((page + 1) * self.per_page).min(briefing.passages.len());
        let groups = briefing
            .groups
            .iter()
            .enumerate()
            .filter(|(_, group)| {
                group.passages.start < on_page.end && on_page.start < group.passages.end
            })
            .map(|(g, group)| {
                let shown =
                    group.passages.start.max(on_page.start)..group.passages.end.min(on_page.end);
                GroupView {
                    title: &group.title,
                    anchor: format!("group-{}", g + 1),
                    continued: group.passages.start < on_page.start,
                    passages: briefing.passages[shown]
                        .iter()
                        .map(|passage| {
                            let source: &'a Source = &corpus.sources[passage.source];
                            let paragraph = &source.paragraphs[passage.paragraph];
                            PassageView {
                                anchor: format!("{}-p{}", source.id, paragraph.n),
                                source_id: &source.id,
                                source_title: &source.meta.title,
                                source_label: source_label(source),
                                n: paragraph.n,
                                href: format!(
                                    "{root}sources/{}.html#{}",
                                    source.id,
                                    paragraph.anchor()
                                ),
                                reference: numbers[&passage.source],
                                quote: preview(paragraph),
                                html: &paragraph.html,
                                score: format_score(passage.score),
                                terms: &passage.terms,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let group_nav = briefing
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| GroupLink {
                title: &group.title,
                href: format!(
                    "{root}{}#group-{}",
                    theme_page_path(&theme.id, group.passages.start / self.per_page),
                    g + 1
                ),
                count: group.passages.len(),
            })
            .collect();

        // The reference list holds the sources cited on this page, numbered as on every page.
        let cited_here: BTreeSet<usize> = briefing.passages[on_page.clone()]
            .iter()
            .map(|p| p.source)
            .chain(
                shown_text(briefing)
                    .filter(|_| first_page)
                    .flat_map(|text| text.groups.iter().flatten().map(|cite| cite.source)),
            )
            .collect();
        let mut references: Vec<ReferenceView> = cited_here
            .into_iter()
            .map(|s| {
                let source: &'a Source = &corpus.sources[s];
                ReferenceView {
                    number: numbers[&s],
                    id: &source.id,
                    title: &source.meta.title,
                    publisher: source.meta.publisher.as_deref(),
                    author: source.meta.author.as_deref(),
                    published: source.meta.published.as_deref(),
                    url: source.meta.url.as_deref(),
                    href: format!("{root}sources/{}.html", source.id),
                }
            })
            .collect();
        references.sort_by_key(|r| r.number);

        let page_count = self.theme_page_count(t);
        let href = |p: usize| format!("{root}{}", theme_page_path(&theme.id, p));
        let pages = if page_count > 1 {
            (0..page_count)
                .map(|p| PageLink {
                    number: p + 1,
                    href: href(p),
                    current: p == page,
                })
                .collect()
        } else {
            Vec::new()
        };
        ThemePage {
            site: self.site(root),
            id: &theme.id,
            title: &theme.title,
            question: &theme.question,
            scope: &theme.scope,
            overview,
            key_points,
            groups,
            group_nav,
            passage_count: briefing.passages.len(),
            page: page + 1,
            pages,
            previous: (page > 0).then(|| href(page - 1)),
            next: (page + 1 < page_count).then(|| href(page + 1)),
            references,
            threshold: format_score(theme.threshold),
        }
    }

    /// The page of source `s`.
    pub fn source_page(&self, s: usize) -> SourcePage<'a> {
        let corpus = self.analysis.corpus;
        let source: &'a Source = &corpus.sources[s];
        let blocks = source
            .layout
            .iter()
            .map(|block| match block {
                Block::Heading { text, level } => BlockView {
                    kind: "heading",
                    text: Some(text),
                    level: *level,
                    html: None,
                    n: 0,
                    anchor: String::new(),
                    themes: Vec::new(),
                },
                Block::Figure { html } => BlockView {
                    kind: "figure",
                    text: None,
                    level: 0,
                    html: Some(html),
                    n: 0,
                    anchor: String::new(),
                    themes: Vec::new(),
                },
                Block::Paragraph(p) => {
                    let paragraph = &source.paragraphs[*p];
                    BlockView {
                        kind: "paragraph",
                        text: None,
                        level: 0,
                        html: Some(&paragraph.html),
                        n: paragraph.n,
                        anchor: paragraph.anchor(),
                        themes: self.analysis.filings[s][*p]
                            .iter()
                            .map(|filing| {
                                let theme = &corpus.themes[filing.theme];
                                ParagraphTheme {
                                    id: &theme.id,
                                    title: &theme.title,
                                    href: self.passage_href("../", filing.theme, s, *p),
                                    score: format_score(filing.score),
                                    terms: filing.terms.join(", "),
                                }
                            })
                            .collect(),
                    }
                }
            })
            .collect();
        let cited_in = self.cited_in[s]
            .iter()
            .map(|(&t, paragraphs)| {
                let theme = &corpus.themes[t];
                Backlink {
                    title: &theme.title,
                    href: format!("../themes/{}.html", theme.id),
                    whole_source: paragraphs.contains(&None),
                    paragraphs: paragraphs
                        .iter()
                        .flatten()
                        .map(|&n| ParagraphLink {
                            n,
                            href: format!("#p{n}"),
                        })
                        .collect(),
                }
            })
            .collect();
        SourcePage {
            site: self.site("../"),
            id: &source.id,
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

    /// Replaces the citation markers of `text` with links. With reference numbers, a link
    /// reads `[2, ¶4]`; without (the index), it names the publisher.
    pub fn cited_html(
        &self,
        text: &CitedText,
        root: &str,
        numbers: &BTreeMap<usize, usize>,
    ) -> String {
        let mut out = String::with_capacity(text.html.len() + 200 * text.groups.len());
        let mut rest = text.html.as_str();
        while let Some(open) = rest.find(MARK_OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let Some(close) = after.find(MARK_CLOSE) else {
                break;
            };
            let group = after[..close]
                .parse::<usize>()
                .ok()
                .and_then(|k| text.groups.get(k));
            if let Some(group) = group {
                out.push_str(&self.citation_links(group, root, numbers));
            }
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    fn citation_links(
        &self,
        group: &[Cite],
        root: &str,
        numbers: &BTreeMap<usize, usize>,
    ) -> String {
        let corpus = self.analysis.corpus;
        let links: Vec<String> = group
            .iter()
            .map(|cite| {
                let source = &corpus.sources[cite.source];
                let label = match numbers.get(&cite.source) {
                    Some(number) => number.to_string(),
                    None => escape(source_label(source)),
                };
                match cite.paragraph {
                    Some(n) => {
                        let quote = escape(&preview(&source.paragraphs[n - 1]));
                        format!(
                            "<a class=\"cite\" href=\"{root}sources/{id}.html#p{n}\" data-quote=\"{quote}\" title=\"{quote}…\">{label}, ¶{n}</a>",
                            id = source.id
                        )
                    }
                    None => format!(
                        "<a class=\"cite\" href=\"{root}sources/{id}.html\" title=\"{title}\">{label}</a>",
                        id = source.id,
                        title = escape(&source.meta.title)
                    ),
                }
            })
            .collect();
        format!("<span class=\"citation\">[{}]</span>", links.join("; "))
    }
}

/// The texts of a briefing the page shows: the overview, or the key points when there is none.
fn shown_text(briefing: &Briefing) -> Box<dyn Iterator<Item = &CitedText> + '_> {
    match &briefing.overview {
        Some(overview) => Box::new(std::iter::once(overview).chain(briefing.key_points.first())),
        None => Box::new(briefing.key_points.iter()),
    }
}

/// Numbers the sources a briefing page cites, in order of first citation: the text at the
/// top, then the passages.
fn reference_numbers(briefing: &Briefing) -> BTreeMap<usize, usize> {
    let mut numbers = BTreeMap::new();
    let cited_sources = shown_text(briefing)
        .flat_map(|text| text.groups.iter().flatten().map(|cite| cite.source))
        .chain(briefing.passages.iter().map(|p| p.source));
    for source in cited_sources {
        let next = numbers.len() + 1;
        numbers.entry(source).or_insert(next);
    }
    numbers
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

fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
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
        let paragraph = Paragraph {
            n: 1,
            line: 1,
            html: String::new(),
            text: "First one here. Second.".into(),
            section: None,
        };
        assert_eq!(preview(&paragraph), "First one here.");
        let long = Paragraph {
            text: "word ".repeat(100),
            ..paragraph
        };
        let cut = preview(&long);
        assert!(long.text.contains(&cut) && cut.len() < 245);
    }
}
