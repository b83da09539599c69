//! The reduce half of the analysis: every source's filings → one briefing per theme.
//!
//! A briefing gathers the paragraphs filed under its theme, sorts them strongest first (ties
//! by source id, then paragraph, so the order never depends on how the sources were listed),
//! puts each in the theme group whose terms it matches most, draws key points from the
//! strongest passages, and resolves the editor's overview.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{Analysis, Briefing, Classifier, Passage, PassageGroup, SourceAnalysis};
use crate::cite::{Cite, CitedText, Part, resolve_overview};
use crate::error::{Diagnostic, Error, sorted};
use crate::ids::{SourceId, ThemeId};
use crate::load::{Corpus, Theme};

/// Assembles the briefings from every source's analysis. `key_points` is how many key points
/// a briefing without an editor's overview draws.
pub fn assemble(
    corpus: &Corpus,
    classifier: &Classifier,
    per_source: Vec<SourceAnalysis>,
    key_points: usize,
) -> Result<Analysis, Error> {
    let sources: BTreeMap<SourceId, SourceAnalysis> = per_source
        .into_iter()
        .map(|analysis| (analysis.source.clone(), analysis))
        .collect();
    let (assembled, facts): (Vec<Result<Briefing, Vec<Diagnostic>>>, _) = rayon::join(
        || {
            corpus
                .themes
                .par_iter()
                .map(|theme| assemble_briefing(corpus, classifier, &sources, theme, key_points))
                .collect()
        },
        || super::facts::assemble(corpus, &sources),
    );
    let mut briefings = Vec::with_capacity(assembled.len());
    let mut diagnostics = Vec::new();
    for result in assembled {
        match result {
            Ok(briefing) => briefings.push(briefing),
            Err(found) => diagnostics.extend(found),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    Ok(Analysis {
        sources,
        briefings,
        facts,
    })
}

fn assemble_briefing(
    corpus: &Corpus,
    classifier: &Classifier,
    sources: &BTreeMap<SourceId, SourceAnalysis>,
    theme: &Theme,
    key_points: usize,
) -> Result<Briefing, Vec<Diagnostic>> {
    let mut by_strength = passages_of(sources, &theme.id);
    by_strength.sort_by(|(a, _), (b, _)| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.paragraph.cmp(&b.paragraph))
    });
    let overview = match corpus.overviews.get(&theme.id) {
        Some(overview) => Some(resolve_overview(overview, corpus)?),
        None => None,
    };
    Ok(Briefing {
        theme: theme.id.clone(),
        key_points: key_point_texts(corpus, classifier, &theme.id, &by_strength, key_points),
        groups: group_passages(theme, by_strength),
        overview,
    })
}

/// The paragraphs filed under `theme`, each with the group its filing chose.
fn passages_of(
    sources: &BTreeMap<SourceId, SourceAnalysis>,
    theme: &ThemeId,
) -> Vec<(Passage, Option<usize>)> {
    let mut passages = Vec::new();
    for analysis in sources.values() {
        for (paragraph, filed) in &analysis.filings {
            if let Some(filing) = filed.iter().find(|filing| &filing.theme == theme) {
                let passage = Passage {
                    paragraph: paragraph.clone(),
                    score: filing.score,
                    terms: filing.terms.clone(),
                };
                passages.push((passage, filing.group));
            }
        }
    }
    passages
}

/// The text of a passage's paragraph (empty if the corpus does not hold it, which assembly
/// never asks for).
fn text_of<'c>(corpus: &'c Corpus, passage: &Passage) -> &'c str {
    corpus
        .source(&passage.paragraph.source)
        .and_then(|source| source.unit(&passage.paragraph))
        .map_or("", |(text, _)| text)
}

/// Sorts passages into the theme's groups (in the theme's order, then "Other"), keeping the
/// strongest-first order within each.
fn group_passages(theme: &Theme, by_strength: Vec<(Passage, Option<usize>)>) -> Vec<PassageGroup> {
    let other = theme.groups.len();
    let mut buckets: Vec<Vec<Passage>> = vec![Vec::new(); other + 1];
    for (passage, group) in by_strength {
        buckets[group.unwrap_or(other).min(other)].push(passage);
    }
    let single = buckets.iter().filter(|b| !b.is_empty()).count() == 1;
    buckets
        .into_iter()
        .enumerate()
        .filter(|(_, bucket)| !bucket.is_empty())
        .map(|(group, passages)| {
            let title = match theme.groups.get(group) {
                Some(def) => def.title.clone(),
                None if single || theme.groups.is_empty() => "Passages".to_string(),
                None => "Other passages".to_string(),
            };
            PassageGroup {
                title,
                definition: (group < other).then_some(group),
                passages,
            }
        })
        .collect()
}

/// Key points: the best sentence of each of the strongest passages, quoted verbatim and cited
/// to its paragraph; one passage per source first, so that no single source dominates. A
/// sentence already chosen is not chosen again: wire copy republishes one paragraph in many
/// outlets, and a reader wants different points, not one point several times (the claims
/// section counts who reports what).
fn key_point_texts(
    corpus: &Corpus,
    classifier: &Classifier,
    theme: &ThemeId,
    by_strength: &[(Passage, Option<usize>)],
    wanted: usize,
) -> Vec<CitedText> {
    let mut chosen: Vec<(usize, &str)> = Vec::with_capacity(wanted);
    // Paragraph texts already looked at, so that a republished paragraph costs one lookup.
    let mut texts_seen: FxHashSet<&str> = FxHashSet::default();
    let mut sentences_seen: FxHashSet<String> = FxHashSet::default();
    for one_per_source in [true, false] {
        texts_seen.clear();
        for (at, (passage, _)) in by_strength.iter().enumerate() {
            if chosen.len() == wanted {
                break;
            }
            let taken = |&(c, _): &(usize, &str)| {
                c == at
                    || one_per_source
                        && by_strength[c].0.paragraph.source == passage.paragraph.source
            };
            if chosen.iter().any(taken) {
                continue;
            }
            let text = text_of(corpus, passage);
            if !texts_seen.insert(text) {
                continue;
            }
            let sentence = best_sentence(classifier, theme, text);
            if sentences_seen.insert(sentence_key(sentence)) {
                chosen.push((at, sentence));
            }
        }
    }
    chosen
        .into_iter()
        .map(|(at, sentence)| CitedText {
            parts: vec![
                Part::Text(format!("“{sentence}” ")),
                Part::Citation(vec![Cite::Paragraph(by_strength[at].0.paragraph.clone())]),
            ],
        })
        .collect()
}

/// A sentence as compared with another: its words, lowercased, so that two outlets' copies
/// that differ only in quotation marks, dashes or spacing are one.
fn sentence_key(sentence: &str) -> String {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentence of `text` that scores highest for the theme; short fragments only when
/// nothing longer exists. Returned verbatim, so it can be found in the paragraph.
fn best_sentence<'t>(classifier: &Classifier, theme: &ThemeId, text: &'t str) -> &'t str {
    const SHORTEST: usize = 40;
    let sentences: Vec<&str> = crate::text::sentences(text)
        .into_iter()
        .flat_map(|s| text[s].split('\n'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let long_enough: Vec<&str> = sentences
        .iter()
        .copied()
        .filter(|s| s.chars().count() >= SHORTEST)
        .collect();
    let candidates = if long_enough.is_empty() {
        &sentences
    } else {
        &long_enough
    };
    let mut best = candidates.first().copied().unwrap_or(text);
    let mut best_score = f64::NEG_INFINITY;
    for sentence in candidates {
        let score = classifier.score(theme, sentence);
        if score > best_score {
            best = sentence;
            best_score = score;
        }
    }
    best
}
