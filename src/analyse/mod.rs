//! Stage 2, analyse: [`Corpus`] → [`Analysis`]. Pure: no I/O.
//!
//! Every paragraph of every source is classified against every theme (in parallel, one source
//! per task); then each theme's briefing is assembled from the paragraphs filed under it: the
//! evidence passages in their groups, the key points drawn from the strongest passages, and
//! the editor's overview with its citations resolved. Citation errors from all overviews are
//! reported together.

mod classify;
mod vocabulary;

use std::path::PathBuf;

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

pub use classify::{Classifier, Filing};

use crate::cite::{CitedText, SourceIndex, resolve};
use crate::error::{Diagnostic, Error, sorted};
use crate::load::{Corpus, Theme};

/// The corpus with every paragraph filed and every briefing assembled.
#[derive(Debug)]
pub struct Analysis<'c> {
    /// What was analysed.
    pub corpus: &'c Corpus,
    /// `filings[s][p]`: the themes paragraph `p` of source `s` is filed under.
    pub filings: Vec<Vec<Vec<Filing>>>,
    /// One briefing per theme, in theme order.
    pub briefings: Vec<Briefing>,
}

/// One theme's briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// Index of the theme.
    pub theme: usize,
    /// The evidence passages, in page order (by group, then strongest first).
    pub passages: Vec<Passage>,
    /// The groups the passages fall into, in page order; empty groups are left out.
    pub groups: Vec<PassageGroup>,
    /// Quoted sentences from the strongest passages, each with its citation.
    pub key_points: Vec<CitedText>,
    /// The editor's overview, when one is written.
    pub overview: Option<CitedText>,
}

/// A paragraph filed under a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of the source.
    pub source: usize,
    /// Index of the paragraph in the source (its number is one more).
    pub paragraph: usize,
    /// The classifier's score.
    pub score: f64,
    /// The matched terms, strongest first.
    pub terms: Vec<String>,
}

/// Consecutive passages under one heading on the briefing page.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageGroup {
    /// The heading.
    pub title: String,
    /// Range of [`Briefing::passages`] in this group.
    pub passages: std::ops::Range<usize>,
}

/// Classifies the corpus and assembles every briefing.
pub fn analyse(corpus: &Corpus) -> Result<Analysis<'_>, Error> {
    let classifier = Classifier::new(&corpus.themes);
    let filings: Vec<Vec<Vec<Filing>>> = corpus
        .sources
        .par_iter()
        .map(|source| {
            source
                .paragraphs
                .iter()
                .map(|paragraph| classifier.classify(&paragraph.text))
                .collect()
        })
        .collect();

    let index = SourceIndex::new(&corpus.sources);
    let assembled: Vec<Result<Briefing, Vec<Diagnostic>>> = (0..corpus.themes.len())
        .into_par_iter()
        .map(|theme| assemble(corpus, &classifier, &filings, &index, theme))
        .collect();
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
        corpus,
        filings,
        briefings,
    })
}

fn assemble(
    corpus: &Corpus,
    classifier: &Classifier,
    filings: &[Vec<Vec<Filing>>],
    index: &SourceIndex,
    theme_index: usize,
) -> Result<Briefing, Vec<Diagnostic>> {
    let theme = &corpus.themes[theme_index];
    let mut by_strength = passages_of(filings, theme_index);
    by_strength.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| {
                corpus.sources[a.source]
                    .id
                    .cmp(&corpus.sources[b.source].id)
            })
            .then(a.paragraph.cmp(&b.paragraph))
    });
    let (passages, groups) = group_passages(corpus, classifier, theme, theme_index, &by_strength);

    let mut diagnostics = Vec::new();
    let generated_from = PathBuf::from(format!("{} (key points)", theme.path.display()));
    let mut key_points = Vec::new();
    for point in key_point_texts(corpus, classifier, theme_index, &by_strength) {
        match resolve(&point, &generated_from, 1, index) {
            Ok(text) => key_points.push(text),
            Err(found) => diagnostics.extend(found),
        }
    }
    let overview = match corpus.overviews.get(&theme.id) {
        Some(overview) => match resolve(&overview.text, &overview.path, 1, index) {
            Ok(text) => Some(text),
            Err(found) => {
                diagnostics.extend(found);
                None
            }
        },
        None => None,
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Briefing {
        theme: theme_index,
        passages,
        groups,
        key_points,
        overview,
    })
}

fn passages_of(filings: &[Vec<Vec<Filing>>], theme: usize) -> Vec<Passage> {
    let mut passages = Vec::new();
    for (source, paragraphs) in filings.iter().enumerate() {
        for (paragraph, filed) in paragraphs.iter().enumerate() {
            if let Some(filing) = filed.iter().find(|f| f.theme == theme) {
                passages.push(Passage {
                    source,
                    paragraph,
                    score: filing.score,
                    terms: filing.terms.clone(),
                });
            }
        }
    }
    passages
}

/// Orders passages by group (the theme's order, then "Other"), strongest first within each.
fn group_passages(
    corpus: &Corpus,
    classifier: &Classifier,
    theme: &Theme,
    theme_index: usize,
    by_strength: &[Passage],
) -> (Vec<Passage>, Vec<PassageGroup>) {
    let other = theme.groups.len();
    let mut buckets: Vec<Vec<Passage>> = vec![Vec::new(); other + 1];
    for passage in by_strength {
        let text = &corpus.sources[passage.source].paragraphs[passage.paragraph].text;
        let group = classifier.group(theme_index, text).unwrap_or(other);
        buckets[group].push(passage.clone());
    }
    let single = buckets.iter().filter(|b| !b.is_empty()).count() == 1;
    let mut passages = Vec::with_capacity(by_strength.len());
    let mut groups = Vec::new();
    for (group, bucket) in buckets.into_iter().enumerate() {
        if bucket.is_empty() {
            continue;
        }
        let title = match theme.groups.get(group) {
            Some(def) => def.title.clone(),
            None if single || theme.groups.is_empty() => "Passages".to_string(),
            None => "Other passages".to_string(),
        };
        let start = passages.len();
        passages.extend(bucket);
        groups.push(PassageGroup {
            title,
            passages: start..passages.len(),
        });
    }
    (passages, groups)
}

/// Key points as cited Markdown: the best sentence of each of the strongest passages, one
/// passage per source first so that no single source dominates, quoted verbatim.
fn key_point_texts(
    corpus: &Corpus,
    classifier: &Classifier,
    theme: usize,
    by_strength: &[Passage],
) -> Vec<String> {
    let wanted = corpus.config.key_points;
    let mut chosen: Vec<&Passage> = Vec::with_capacity(wanted);
    for passage in by_strength {
        if chosen.len() == wanted {
            break;
        }
        if !chosen.iter().any(|c| c.source == passage.source) {
            chosen.push(passage);
        }
    }
    for passage in by_strength {
        if chosen.len() == wanted {
            break;
        }
        if !chosen.iter().any(|c| std::ptr::eq(*c, passage)) {
            chosen.push(passage);
        }
    }
    chosen
        .into_iter()
        .map(|passage| {
            let source = &corpus.sources[passage.source];
            let paragraph = &source.paragraphs[passage.paragraph];
            let sentence = best_sentence(classifier, theme, &paragraph.text);
            format!(
                "“{}” [@{}, ¶{}]",
                escape_markdown(sentence),
                source.id,
                paragraph.n
            )
        })
        .collect()
}

/// The sentence of `text` that scores highest for the theme; short fragments only when
/// nothing longer exists. Returned verbatim, so it can be found in the paragraph.
fn best_sentence<'t>(classifier: &Classifier, theme: usize, text: &'t str) -> &'t str {
    const SHORTEST: usize = 40;
    let sentences: Vec<&str> = text
        .split_sentence_bounds()
        .flat_map(|s| s.split('\n'))
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

/// Backslash-escapes ASCII punctuation so quoted source text renders as written.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_punctuation() {
        assert_eq!(escape_markdown("a *b* [@c]"), "a \\*b\\* \\[\\@c\\]");
    }
}
