//! Claims across sources: the figures that several sources give for the same thing, grouped,
//! and where they disagree.
//!
//! A claim here is a figure ([`super::figures`]) with the sentence that states it. Two claims
//! from different sources are about the same thing when they count the same kind of thing
//! (troops and soldiers are one kind, leaders and heads of state another) and their sentences
//! share enough of their subject words ("parade", "Russia", "Ukraine"), or, for dates, when
//! their sentences share enough subject words. A group whose values can all hold at once
//! ("26" and "more than two dozen") corroborates; one where two cannot ("over 10,000" and
//! "thousands") is a discrepancy, and its positions are kept side by side.
//!
//! Everything is lexical and deterministic: no model, no probability; each claim keeps its
//! source, paragraph and exact words.

use std::collections::BTreeSet;
use std::ops::Range;

use super::figures::{Bound, Date, Reading, Unit, Value, figures};
use crate::ids::ParagraphRef;

/// One figure as a claim: where it is, its exact words, what it says, and the subject words
/// of its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The paragraph (or list item).
    pub at: ParagraphRef,
    /// The figure's byte range in the paragraph's text.
    pub span: Range<usize>,
    /// The figure's words.
    pub words: String,
    /// The sentence that states it.
    pub sentence: String,
    /// What it says.
    pub reading: Reading,
    /// The sentence's subject words, lowercased and stemmed, without the figure's own words.
    pub topic: BTreeSet<String>,
}

/// The claims of one paragraph's text.
pub fn claims_in(at: &ParagraphRef, text: &str) -> Vec<Claim> {
    figures(text)
        .into_iter()
        .filter(|figure| match &figure.reading {
            // A quantity with nothing counted cannot be compared with another.
            Reading::Quantity(value) => value.unit.is_some(),
            Reading::Date(_) => true,
        })
        .map(|figure| {
            let sentence = sentence_around(text, figure.span.clone());
            let own: BTreeSet<String> = subject_words(&text[figure.span.clone()]);
            let topic = subject_words(sentence)
                .into_iter()
                .filter(|word| !own.contains(word))
                .collect();
            Claim {
                at: at.clone(),
                words: text[figure.span.clone()].to_string(),
                span: figure.span,
                sentence: sentence.to_string(),
                reading: figure.reading,
                topic,
            }
        })
        .collect()
}

/// The sentence of `text` that holds `span`.
fn sentence_around(text: &str, span: Range<usize>) -> &str {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | ';');
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(c) && text[i + 1..].starts_with(' '))
        .map_or(0, |(i, _)| i + 1);
    let end = text[span.end..]
        .char_indices()
        .find(|&(i, c)| {
            ends(c) && text[span.end + i + 1..].is_empty()
                || ends(c) && text[span.end + i + 1..].starts_with(' ')
        })
        .map_or(text.len(), |(i, c)| span.end + i + c.len_utf8());
    text[start..end].trim()
}

/// Words that carry a sentence's subject: lowercased, stemmed crudely, without common words
/// and numbers.
fn subject_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .map(|word| {
            word.trim_end_matches(['’', '\''])
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|word| word.len() > 2 && !word.chars().all(|c| c.is_ascii_digit()))
        .filter(|word| !COMMON.contains(&word.as_str()))
        .map(|word| stem(&word))
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 4 {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

const COMMON: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "from",
    "has",
    "have",
    "had",
    "was",
    "were",
    "are",
    "its",
    "his",
    "her",
    "their",
    "they",
    "them",
    "been",
    "will",
    "would",
    "into",
    "than",
    "more",
    "over",
    "about",
    "after",
    "before",
    "since",
    "also",
    "not",
    "but",
    "who",
    "which",
    "what",
    "when",
    "where",
    "while",
    "said",
    "says",
    "say",
    "one",
    "two",
    "three",
    "some",
    "other",
    "such",
    "most",
    "many",
    "all",
    "any",
    "there",
    "here",
    "these",
    "those",
    "only",
    "just",
    "under",
    "nearly",
    "almost",
    "around",
    "approximately",
    "least",
    "first",
    "last",
    "new",
    "year",
    "years",
    "time",
    "times",
    "being",
    "did",
    "does",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "our",
    "out",
    "off",
    "per",
    "via",
    "upon",
    "both",
    "each",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "tens",
    "hundreds",
    "dozen",
];

/// Kinds of counted things that mean the same ("soldier" and "troop").
fn kind_of(noun: &str) -> &str {
    let last = noun.rsplit(' ').next().unwrap_or(noun);
    match last {
        "troop" | "soldier" | "personnel" | "military" | "serviceman" | "servicemen" => "troop",
        "leader" | "state" | "government" | "dignitary" | "president" => "leader",
        "country" | "nation" => "country",
        _ => last,
    }
}

/// A group of claims from two or more sources about one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    /// The claims, in source order.
    pub claims: Vec<Claim>,
    /// Whether two of the values cannot both hold.
    pub disputed: bool,
}

impl ClaimGroup {
    /// How many different sources the group draws on.
    pub fn sources(&self) -> usize {
        self.claims
            .iter()
            .map(|c| &c.at.source)
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// How much two claims' sentences share, weighting each shared word by how rare it is among
/// all the claims' sentences (a word every sentence has, like "parade" in a corpus about a
/// parade, tells nothing): the cosine of their word sets under inverse document frequency.
struct Similarity {
    idf: std::collections::BTreeMap<String, f64>,
}

impl Similarity {
    fn of(claims: &[Claim]) -> Similarity {
        let mut df: std::collections::BTreeMap<String, usize> = Default::default();
        for claim in claims {
            for word in &claim.topic {
                *df.entry(word.clone()).or_default() += 1;
            }
        }
        let n = claims.len().max(1) as f64;
        Similarity {
            idf: df
                .into_iter()
                .map(|(word, df)| (word, (1.0 + n / df as f64).ln()))
                .collect(),
        }
    }

    fn weight(&self, word: &str) -> f64 {
        self.idf.get(word).copied().unwrap_or(0.0).powi(2)
    }

    fn between(&self, a: &Claim, b: &Claim) -> f64 {
        let shared: f64 = a.topic.intersection(&b.topic).map(|w| self.weight(w)).sum();
        let norm = |c: &Claim| c.topic.iter().map(|w| self.weight(w)).sum::<f64>().sqrt();
        let denominator = norm(a) * norm(b);
        if denominator == 0.0 {
            0.0
        } else {
            shared / denominator
        }
    }
}

/// How similar two claims' sentences must be to be about the same thing.
const SAME_SUBJECT: f64 = 0.12;

/// Whether two claims are about the same thing: the same kind of count (or both dates that can
/// both hold) and sentences about the same subject.
fn same_subject(similarity: &Similarity, a: &Claim, b: &Claim) -> bool {
    let kind = match (&a.reading, &b.reading) {
        (Reading::Quantity(x), Reading::Quantity(y)) => match (&x.unit, &y.unit) {
            (Some(Unit::Count(p)), Some(Unit::Count(q))) => kind_of(p) == kind_of(q),
            (Some(p), Some(q)) => p == q,
            _ => false,
        },
        // Dates are grouped by the event they date; different dates of one event are rarer
        // than different events in one sentence, so only dates that agree are joined.
        (Reading::Date(x), Reading::Date(y)) => dates_agree(x, y),
        _ => false,
    };
    kind && similarity.between(a, b) >= SAME_SUBJECT
}

/// The interval a value allows.
fn interval(value: &Value) -> (f64, f64) {
    match value.bound {
        Bound::Exact => (value.amount, value.amount),
        Bound::Over => (value.amount, f64::INFINITY),
        Bound::Under => (0.0, value.amount),
        Bound::About => (value.amount * 0.8, value.amount * 1.2),
        Bound::Range => (value.amount, value.max.unwrap_or(value.amount)),
    }
}

/// Whether two claims can both hold.
pub fn compatible(a: &Reading, b: &Reading) -> bool {
    match (a, b) {
        (Reading::Quantity(x), Reading::Quantity(y)) => {
            let (x0, x1) = interval(x);
            let (y0, y1) = interval(y);
            x0 <= y1 && y0 <= x1
        }
        (Reading::Date(x), Reading::Date(y)) => dates_agree(x, y),
        _ => false,
    }
}

fn dates_agree(x: &Date, y: &Date) -> bool {
    x.year == y.year
        && (x.month.is_none() || y.month.is_none() || x.month == y.month)
        && (x.day.is_none() || y.day.is_none() || x.day == y.day)
}

/// Groups the claims of all sources: each group holds claims from at least two sources about
/// the same thing. Claims are joined to a group when they are about the same subject as one
/// of its claims; a claim joins at most one group (the first, in source order), so groups
/// never overlap. Deterministic: the input order is the corpus order.
pub fn group(claims: &[Claim]) -> Vec<ClaimGroup> {
    let similarity = Similarity::of(claims);
    let mut groups: Vec<Vec<&Claim>> = Vec::new();
    for claim in claims {
        // A claim joins a group only when it is about the same thing as every claim in it, so
        // groups do not chain from one subject to another.
        match groups.iter_mut().find(|group| {
            group
                .iter()
                .all(|other| same_subject(&similarity, claim, other))
        }) {
            Some(group) => group.push(claim),
            None => groups.push(vec![claim]),
        }
    }
    groups
        .into_iter()
        .map(|claims| ClaimGroup {
            disputed: claims.iter().enumerate().any(|(i, a)| {
                claims[i + 1..]
                    .iter()
                    .any(|b| !compatible(&a.reading, &b.reading))
            }),
            claims: claims.into_iter().cloned().collect(),
        })
        .filter(|group| group.sources() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SourceId;

    fn claims(source: &str, text: &str) -> Vec<Claim> {
        claims_in(
            &ParagraphRef::new(SourceId::parse(source).unwrap(), 1),
            text,
        )
    }

    #[test]
    fn troop_counts_for_one_parade_are_grouped_and_disputed() {
        let mut all = claims(
            "a",
            "The military parade in Beijing featured over 10,000 troops.",
        );
        all.extend(claims(
            "b",
            "Thousands of soldiers marched past in the Beijing parade.",
        ));
        all.extend(claims(
            "c",
            "The parade in Beijing was watched by 26 foreign leaders.",
        ));
        let groups = group(&all);
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert!(groups[0].disputed);
        assert_eq!(groups[0].sources(), 2);
    }

    #[test]
    fn agreeing_figures_corroborate() {
        let mut all = claims(
            "a",
            "The Beijing parade was attended by 26 foreign leaders.",
        );
        all.extend(claims(
            "b",
            "Twenty-six foreign heads of state attended the Beijing parade.",
        ));
        let groups = group(&all);
        assert_eq!(groups.len(), 1);
        assert!(!groups[0].disputed);
    }

    #[test]
    fn bounds_and_ranges_decide_compatibility() {
        let read = |text: &str| figures(text).remove(0).reading;
        assert!(compatible(
            &read("over 10,000 troops"),
            &read("tens of thousands of troops")
        ));
        assert!(!compatible(
            &read("over 10,000 troops"),
            &read("thousands of troops")
        ));
        assert!(compatible(
            &read("26 leaders"),
            &read("more than two dozen leaders")
        ));
        assert!(compatible(&read("in 2024"), &read("in June 2024")));
    }
}
