//! `briefing.json`: everything the pages show, for programs.
//!
//! Paragraph text is plain text; overview and key points are HTML as on the pages, with their
//! citations also listed as data. Keys are written in a fixed order, so the file is
//! byte-identical across builds.

use serde::Serialize;

use super::views::{SiteModel, format_score};
use crate::cite::{Cite, CitedText};
use crate::load::Block;

#[derive(Serialize)]
struct Export<'a> {
    site: SiteInfo<'a>,
    sources: Vec<SourceExport<'a>>,
    themes: Vec<ThemeExport<'a>>,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct SourceExport<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retrieved: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    tags: &'a [String],
    href: String,
    paragraphs: Vec<ParagraphExport<'a>>,
    figures: Vec<&'a str>,
}

#[derive(Serialize)]
struct ParagraphExport<'a> {
    n: usize,
    anchor: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    text: &'a str,
    themes: Vec<&'a str>,
    scores: Vec<ScoreExport<'a>>,
}

#[derive(Serialize)]
struct ScoreExport<'a> {
    theme: &'a str,
    score: f64,
    terms: &'a [String],
}

#[derive(Serialize)]
struct ThemeExport<'a> {
    id: &'a str,
    title: &'a str,
    question: &'a str,
    scope: &'a str,
    href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    overview: Option<TextExport<'a>>,
    key_points: Vec<TextExport<'a>>,
    passages: Vec<PassageExport<'a>>,
}

#[derive(Serialize)]
struct TextExport<'a> {
    html: String,
    citations: Vec<CitationExport<'a>>,
}

#[derive(Serialize)]
struct CitationExport<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
}

#[derive(Serialize)]
struct PassageExport<'a> {
    source: &'a str,
    paragraph: usize,
    anchor: String,
    href: String,
    group: &'a str,
    score: f64,
    terms: &'a [String],
    text: &'a str,
}

fn rounded(score: f64) -> f64 {
    format_score(score).parse().unwrap_or(score)
}

/// Serialises the whole analysis as pretty-printed JSON.
pub fn export(model: &SiteModel) -> Vec<u8> {
    let analysis = model.analysis;
    let corpus = analysis.corpus;
    let citations = |text: &CitedText| -> Vec<CitationExport> {
        text.groups
            .iter()
            .flatten()
            .map(|cite: &Cite| CitationExport {
                source: &corpus.sources[cite.source].id,
                paragraph: cite.paragraph,
            })
            .collect()
    };
    let text_export = |text: &CitedText| TextExport {
        html: model.cited_html(text, "", &Default::default()),
        citations: citations(text),
    };
    let sources = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(s, source)| SourceExport {
            id: &source.id,
            title: &source.meta.title,
            publisher: source.meta.publisher.as_deref(),
            author: source.meta.author.as_deref(),
            published: source.meta.published.as_deref(),
            url: source.meta.url.as_deref(),
            retrieved: source.meta.retrieved.as_deref(),
            language: source.meta.language.as_deref(),
            tags: &source.meta.tags,
            href: format!("sources/{}.html", source.id),
            paragraphs: source
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, paragraph)| {
                    let filings = &analysis.filings[s][p];
                    ParagraphExport {
                        n: paragraph.n,
                        anchor: paragraph.anchor(),
                        section: paragraph.section.as_deref(),
                        text: &paragraph.text,
                        themes: filings
                            .iter()
                            .map(|f| corpus.themes[f.theme].id.as_str())
                            .collect(),
                        scores: filings
                            .iter()
                            .map(|f| ScoreExport {
                                theme: &corpus.themes[f.theme].id,
                                score: rounded(f.score),
                                terms: &f.terms,
                            })
                            .collect(),
                    }
                })
                .collect(),
            figures: source
                .layout
                .iter()
                .filter_map(|block| match block {
                    Block::Figure { html } => Some(html.as_str()),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    let themes = analysis
        .briefings
        .iter()
        .map(|briefing| {
            let theme = &corpus.themes[briefing.theme];
            let passages = briefing
                .groups
                .iter()
                .flat_map(|group| {
                    briefing.passages[group.passages.clone()]
                        .iter()
                        .map(move |passage| (group, passage))
                })
                .map(|(group, passage)| {
                    let source = &corpus.sources[passage.source];
                    let paragraph = &source.paragraphs[passage.paragraph];
                    PassageExport {
                        source: &source.id,
                        paragraph: paragraph.n,
                        anchor: paragraph.anchor(),
                        href: format!("sources/{}.html#{}", source.id, paragraph.anchor()),
                        group: &group.title,
                        score: rounded(passage.score),
                        terms: &passage.terms,
                        text: &paragraph.text,
                    }
                })
                .collect();
            ThemeExport {
                id: &theme.id,
                title: &theme.title,
                question: &theme.question,
                scope: &theme.scope,
                href: format!("themes/{}.html", theme.id),
                overview: briefing.overview.as_ref().map(text_export),
                key_points: briefing.key_points.iter().map(text_export).collect(),
                passages,
            }
        })
        .collect();
    let export = Export {
        site: SiteInfo {
            title: &corpus.config.title,
            description: &corpus.config.description,
            language: &corpus.config.language,
        },
        sources,
        themes,
    };
    let mut bytes = serde_json::to_vec_pretty(&export).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
