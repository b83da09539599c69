//! Stage 2, analyse: [`Corpus`] → [`Analysis`]. Pure: no I/O, and the result owns its values,
//! so it can outlive the build that made it (a server keeps the last good one).
//!
//! The work is split in two, map then reduce:
//!
//! 1. **Per source** ([`analyse_source`]): one source and the compiled themes in, that
//!    source's [`SourceAnalysis`] out — today the themes each paragraph is filed under. It
//!    reads nothing else, so sources are analysed in parallel, and the result depends only on
//!    the source's text and the themes: it can be cached under those two and reused when
//!    other sources change.
//! 2. **Across sources** ([`assemble`]): every per-source result in, the briefings out — each
//!    theme's passages in their groups, the key points drawn from the strongest passages, and
//!    the editor's overview with its citations resolved. Citation errors from all overviews are
//!    reported together.

mod briefing;
pub mod claims;
mod classify;
pub(crate) mod copies;
pub mod entities;
pub mod estimative;
pub mod facts;
pub mod figures;
pub(crate) mod frame;
pub mod metadata;
pub mod quotes;
pub(crate) mod rates;
pub mod relative;
mod vocabulary;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use briefing::assemble;
pub use classify::{Classifier, Filing};
pub(crate) use vocabulary::Tokens;

use crate::cite::CitedText;
use crate::config::Config;
use crate::error::Error;
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Corpus, Digest, Source, Theme};

/// What the analysis found in one source: a pure function of the source and the themes.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceAnalysis {
    /// The source.
    pub source: SourceId,
    /// The themes each paragraph — or, for a list, each item — is filed under, in theme
    /// order. Paragraphs filed under no theme are absent.
    pub filings: BTreeMap<ParagraphRef, Vec<Filing>>,
    /// Its claims, quotations and mentions.
    pub facts: facts::SourceFacts,
}

/// The corpus with every paragraph filed and every briefing assembled.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Each source's own analysis, by source.
    pub sources: BTreeMap<SourceId, SourceAnalysis>,
    /// One briefing per theme, in theme order.
    pub briefings: Vec<Briefing>,
    /// What the sources say, compared across sources.
    pub facts: facts::Facts,
}

impl Analysis {
    /// The themes a paragraph is filed under (none for a paragraph or source it does not know).
    pub fn filings(&self, paragraph: &ParagraphRef) -> &[Filing] {
        self.sources
            .get(&paragraph.source)
            .and_then(|source| source.filings.get(paragraph))
            .map_or(&[], Vec::as_slice)
    }

    /// The briefing of a theme.
    pub fn briefing(&self, theme: &ThemeId) -> Option<&Briefing> {
        self.briefings
            .iter()
            .find(|briefing| &briefing.theme == theme)
    }
}

/// One theme's briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The theme.
    pub theme: ThemeId,
    /// The evidence passages in their groups, in page order (the theme's groups in their
    /// order, then the passages that fit none); within a group, strongest first. Empty groups
    /// are left out.
    pub groups: Vec<PassageGroup>,
    /// Quoted sentences from the strongest passages, each with its citation.
    pub key_points: Vec<CitedText>,
    /// The editor's overview, when one is written.
    pub overview: Option<CitedText>,
}

impl Briefing {
    /// Every passage, in page order.
    pub fn passages(&self) -> impl Iterator<Item = &Passage> {
        self.groups.iter().flat_map(|group| &group.passages)
    }

    /// How many passages the briefing holds.
    pub fn passage_count(&self) -> usize {
        self.groups.iter().map(|group| group.passages.len()).sum()
    }
}

/// Passages under one heading on the briefing page.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageGroup {
    /// The heading.
    pub title: String,
    /// Which of the theme's groups it is (its index in the theme's `groups`); `None` for the
    /// passages that fit none.
    pub definition: Option<usize>,
    /// The passages, strongest first.
    pub passages: Vec<Passage>,
}

/// A paragraph filed under a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The paragraph.
    pub paragraph: ParagraphRef,
    /// The classifier's score.
    pub score: f64,
    /// The matched terms, strongest first, by their place in the theme's `terms`.
    pub terms: Vec<u32>,
}

/// Analyses one source: files each of its paragraphs (each item of a list on its own) under
/// the themes it belongs to, reading the source as one article (a theme much of it is about
/// lowers the bar for the rest).
pub fn analyse_source(
    source: &Source,
    classifier: &Classifier,
    gazetteer: &entities::Gazetteer,
) -> SourceAnalysis {
    let (units, texts): (Vec<ParagraphRef>, Vec<&str>) = source.units().unzip();
    let filings = units
        .into_iter()
        .zip(classifier.classify_article(&source.meta.title, &texts))
        .filter(|(_, filed)| !filed.is_empty())
        .collect();
    SourceAnalysis {
        source: source.id.clone(),
        filings,
        facts: facts::extract(source, gazetteer),
    }
}

/// Analyses every source in parallel, then assembles the briefings.
pub fn analyse(corpus: &Corpus, config: &Config) -> Result<Analysis, Error> {
    analyse_reusing(corpus, config, BTreeMap::new()).map(|(analysis, _)| analysis)
}

/// A key for what a source's analysis depends on besides the source: the theme definitions
/// and the gazetteer. Per-source analyses made under the same key can be reused (see
/// [`analyse_reusing`]).
pub fn analysis_key(themes: &[Theme], entities: &[crate::load::Entity]) -> Digest {
    Digest::of(format!("{themes:?}\u{0}{entities:?}").as_bytes())
}

/// Analyses like [`analyse`], but takes each source's analysis from `reused` when it holds
/// one (made from the same text under the same [`analysis_key`]), and returns, besides
/// the analysis, the sources that were analysed afresh. The result is the same as
/// [`analyse`]'s, because a source's analysis depends on nothing but the source and the themes.
pub fn analyse_reusing(
    corpus: &Corpus,
    config: &Config,
    mut reused: BTreeMap<SourceId, SourceAnalysis>,
) -> Result<(Analysis, Vec<SourceId>), Error> {
    let classifier = Classifier::new(&corpus.themes);
    let gazetteer = entities::Gazetteer::new(&corpus.entities);
    let fresh: Vec<SourceId> = corpus
        .sources
        .iter()
        .filter(|source| !reused.contains_key(&source.id))
        .map(|source| source.id.clone())
        .collect();
    // A cached analysis names its themes with ids read from the cache, one allocation per
    // filing; the corpus's own ids replace them, so that a large corpus shares seven ids and
    // compares them without reading their bytes.
    let shared: rustc_hash::FxHashMap<&str, &ThemeId> = corpus
        .themes
        .iter()
        .map(|theme| (theme.id.as_str(), &theme.id))
        .collect();
    reused.par_iter_mut().for_each(|(_, analysis)| {
        for filing in analysis.filings.values_mut().flatten() {
            if let Some(&id) = shared.get(filing.theme.as_str()) {
                filing.theme = id.clone();
            }
        }
    });
    let computed: Vec<SourceAnalysis> = corpus
        .sources
        .par_iter()
        .filter(|source| !reused.contains_key(&source.id))
        .map(|source| analyse_source(source, &classifier, &gazetteer))
        .collect();
    let per_source: Vec<SourceAnalysis> = corpus
        .sources
        .iter()
        .filter_map(|source| reused.remove(&source.id))
        .chain(computed)
        .collect();
    let analysis = assemble(corpus, &classifier, per_source, config.key_points)?;
    Ok((analysis, fresh))
}
