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

use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::figures::{Bound, Date, Reading, Role, Trivial, Unit, Value, figures};
use super::frame::{self, Context, Frame};
use super::rates;
use crate::ids::{ParagraphRef, SourceId};
use crate::text::hash::{StableHasher, word_hash};

/// One figure as a claim: where it is, its exact words, what it says, and the subject words
/// of its sentence. Texts are kept as byte ranges of the paragraph's text, so a corpus of
/// wire copy (one sentence republished thousands of times) does not hold it thousands of
/// times.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The paragraph (or list item).
    pub at: ParagraphRef,
    /// The figure's byte range in the paragraph's text.
    pub span: Range<usize>,
    /// The byte range of the sentence that states it.
    pub sentence: Range<usize>,
    /// What it says.
    pub reading: Reading,
    /// Whether the reading was inferred from the article's date ("on Wednesday").
    pub inferred: bool,
    /// What the figure is to its sentence: only a [`Role::Stated`] date dates an event of the
    /// timeline.
    pub role: Role,
    /// Why the figure is not worth a reader's attention, when it is not: a bottom line or a
    /// ranking skips it (see [`Claim::is_trivial`]).
    pub trivial: Option<Trivial>,
    /// The sentence's subject words (lowercased, stemmed, without the counted noun), hashed
    /// to 32 bits (a collision only blurs a similarity; the cache stays half as large) and
    /// sorted.
    pub topic: Vec<u32>,
    /// A hash of the sentence's words and the reading: claims with equal keys state the same
    /// thing in the same words (the same wire copy in many outlets).
    pub statement: u64,
    /// What the figure belongs to and its context, compared before two claims are joined.
    pub frame: Frame,
}

impl Claim {
    /// Whether the claim's figure is trivial (a time of day, a count that opens a list, a vague
    /// duration on its own; see [`Trivial`]): it is read right, but a bottom line or a ranking
    /// should pass over it.
    pub fn is_trivial(&self) -> bool {
        self.trivial.is_some()
    }
}

/// The claims of one paragraph's text. A figure of the article's metadata (a dateline, a
/// byline, a "Published:" line) states nothing about the story and is no claim.
pub fn claims_in(at: &ParagraphRef, text: &str) -> Vec<Claim> {
    let mut found = figure_claims(at, text);
    let alone = Context {
        published: None,
        days: &[],
        entities: &[],
    };
    for claim in &mut found {
        claim.set_context(text, &alone);
    }
    found
}

/// The claims of one paragraph's text with their frames not read yet: the caller reads each
/// frame once, with what the rest of its source gives ([`Claim::set_context`]).
pub(crate) fn figure_claims(at: &ParagraphRef, text: &str) -> Vec<Claim> {
    figures(text)
        .into_iter()
        .map(|mut figure| {
            // "The death toll has risen to 1,644": a toll counts the dead.
            if let Reading::Quantity(value) = &mut figure.reading
                && value.unit.is_none()
                && counts_a_toll(text, figure.span.start)
            {
                value.unit = Some(Unit::Count("death".to_string()));
            }
            figure
        })
        .filter(|figure| match &figure.reading {
            // A quantity with nothing counted cannot be compared with another.
            Reading::Quantity(value) => value.unit.is_some(),
            _ => true,
        })
        .filter(|figure| figure.role != Role::Metadata)
        .map(|figure| {
            let mut claim = claim(at, text, figure.span, figure.reading, false);
            claim.role = figure.role;
            claim.trivial = figure.trivial;
            claim
        })
        .collect()
}

/// Whether the words before a bare number, in its sentence, speak of a death toll.
fn counts_a_toll(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let sentence_start = before.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
    let words: Vec<&str> = before[sentence_start..].split_whitespace().collect();
    words.iter().rev().take(8).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        w == "toll" || w == "tolls"
    })
}

/// A claim of `reading`, stated by the words at `span` of `text`; its frame is read by
/// [`Claim::set_context`].
pub fn claim(
    at: &ParagraphRef,
    text: &str,
    span: Range<usize>,
    reading: Reading,
    inferred: bool,
) -> Claim {
    let sentence = match reading {
        // A report without a figure is its sentence.
        Reading::Event | Reading::Statement => span.clone(),
        _ => sentence_around(text, span.clone()),
    };
    // The counted noun says what kind of thing is counted, which is compared on its own (see
    // `same_subject`); its qualifiers ("foreign" leaders) say which, and stay.
    let own: Vec<u32> = match &reading {
        Reading::Quantity(Value {
            unit: Some(Unit::Count(noun) | Unit::Duration(noun)),
            ..
        }) => subject_hashes(noun),
        // A date's own words ("Wednesday", "September") are its value, not its subject.
        Reading::Date(_) => subject_hashes(&text[span.clone()]),
        _ => Vec::new(),
    };
    let mut topic = subject_hashes(&text[sentence.clone()]);
    topic.retain(|word| own.binary_search(word).is_err());
    let mut words = StableHasher::default();
    let mut lower = String::new();
    for word in text[sentence.clone()].split(|c: char| !c.is_alphanumeric()) {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        lower.hash(&mut words);
    }
    format!("{reading:?}").hash(&mut words);
    Claim {
        at: at.clone(),
        span,
        sentence,
        reading,
        inferred,
        role: Role::Stated,
        trivial: None,
        topic,
        statement: words.finish(),
        // Read by `set_context`, once, with the rest of the source at hand.
        frame: Frame::default(),
    }
}

impl Claim {
    /// Reads the claim's frame again with what the rest of its source gives: the publication
    /// day, the days its sentence names and the gazetteer's entities in it.
    pub(crate) fn set_context(&mut self, text: &str, context: &Context) {
        self.frame = frame::frame(
            text,
            self.sentence.clone(),
            self.span.clone(),
            counted_noun(&self.reading),
            context,
        );
    }
}

/// The noun a quantity counts, if it counts one.
fn counted_noun(reading: &Reading) -> Option<&str> {
    match reading {
        Reading::Quantity(Value {
            unit: Some(Unit::Count(noun) | Unit::Duration(noun)),
            ..
        }) => Some(noun),
        _ => None,
    }
}

/// A sentence without a figure that names something the gazetteer knows, as a claim: its
/// subject words and the ids of the entities it names (`entities`) are compared.
pub fn event_claim(
    at: &ParagraphRef,
    text: &str,
    sentence: Range<usize>,
    entities: &[&str],
    statement: bool,
) -> Claim {
    let reading = if statement {
        Reading::Statement
    } else {
        Reading::Event
    };
    let mut claim = claim(at, text, sentence, reading, false);
    claim.set_context(
        text,
        &Context {
            published: None,
            days: &[],
            entities,
        },
    );
    claim.topic.extend(
        entities
            .iter()
            .map(|id| word_hash(&format!("@{id}")) | NAME_BIT),
    );
    claim.topic.sort_unstable();
    claim.topic.dedup();
    claim
}

/// Set in the hash of a gazetteer name among a claim's subject words.
pub(crate) const NAME_BIT: u32 = 1 << 31;

/// The byte range of the sentence of `text` that holds `span` (as [`crate::text::sentences`]
/// cuts them), or of its clause between semicolons, without surrounding spaces: a clause
/// after a semicolon states a figure of its own.
fn sentence_around(text: &str, span: Range<usize>) -> Range<usize> {
    let sentence = crate::text::sentences(text)
        .into_iter()
        .find(|s| s.start <= span.start && span.start < s.end)
        .map_or(0..text.len(), |s| s.start..s.end.max(span.end));
    let start = text[sentence.start..span.start]
        .rfind("; ")
        .map_or(sentence.start, |i| sentence.start + i + 1);
    let end = text[span.end..sentence.end]
        .find("; ")
        .map_or(sentence.end, |i| span.end + i + 1);
    let clause = &text[start..end];
    let lead = clause.len() - clause.trim_start().len();
    start + lead..start + clause.trim_end().len()
}

/// The hashes of the words that carry a sentence's subject, sorted: lowercased, stemmed
/// crudely, without common words and numbers. Made without a string per word, since it runs
/// for every sentence a claim is read from.
fn subject_hashes(text: &str) -> Vec<u32> {
    let mut hashes = Vec::new();
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'') {
        let word = word.trim_end_matches(['’', '\'']).trim_end_matches("’s");
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if lower.len() <= 2 || lower.chars().all(|c| c.is_ascii_digit()) || is_common(&lower) {
            continue;
        }
        // The top bit is kept for names ([`NAME_BIT`]).
        hashes.push(word_hash(stem(&lower)) & !NAME_BIT);
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

pub(crate) fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 4 {
                return stem;
            }
        }
    }
    word
}

/// Whether a lowercased word is one of [`COMMON`] (a set, built once: this runs for every word
/// of every sentence with a figure).
pub(crate) fn is_common(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON.iter().copied().collect())
        .contains(word)
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
    // Prepositions that say nothing of the subject ("along with", "according to").
    "along",
    "according",
    "including",
    "amid",
    "among",
    "across",
    "through",
    "during",
    "within",
    "without",
    "toward",
    "towards",
    "despite",
];

/// Kinds of counted things that mean the same ("soldier" and "troop").
fn kind_of(noun: &str) -> &str {
    let last = noun.rsplit(' ').next().unwrap_or(noun);
    match last {
        "troop" | "soldier" | "personnel" | "military" | "serviceman" | "servicemen" => "troop",
        // Casualty counts: "31 deaths", "31 people killed", "31 dead" (the action next to the
        // figure tells the dead from the injured, see `frame`).
        "people" | "person" | "death" | "fatality" | "dead" | "life" | "lives" | "civilian"
        | "resident" => "person",
        "leader" | "state" | "government" | "dignitary" | "president" => "leader",
        "country" | "nation" => "country",
        _ => last,
    }
}

/// A group of claims about one thing: indices into the claims given to [`group`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    /// The claims, in input order.
    pub claims: Vec<usize>,
    /// Whether two of the values cannot both hold.
    pub disputed: bool,
    /// Other groups (indices into [`group`]'s result, ascending) whose figures cannot hold with
    /// this group's and whose sentences share some of its subject, too little to say they are
    /// about the same thing ([`MAY_DIFFER`]) but enough that a reader should not be told
    /// that nothing contradicts it.
    pub differing: Vec<usize>,
}

impl ClaimGroup {
    /// How many different sources the group draws on.
    pub fn sources<C: Borrow<Claim>>(&self, claims: &[C]) -> usize {
        self.claims
            .iter()
            .map(|&c| &claims[c].borrow().at.source)
            .collect::<rustc_hash::FxHashSet<_>>()
            .len()
    }
}

/// How much two statements' sentences share, weighting each shared word by how rare it is
/// among all the statements (a word every sentence has, like "parade" in a corpus about a
/// parade, tells nothing): the cosine of their word sets under inverse document frequency.
/// Frequencies count distinct statements, so wire copy repeated a thousand times does not make
/// its own words look common.
struct Similarity {
    weight: HashMap<u32, f64>,
}

impl Similarity {
    fn of<'c>(statements: impl Iterator<Item = &'c Claim>) -> Similarity {
        let mut df: HashMap<u32, usize> = HashMap::new();
        let mut n = 0usize;
        for claim in statements {
            n += 1;
            for word in &claim.topic {
                *df.entry(*word).or_default() += 1;
            }
        }
        let n = n.max(1) as f64;
        Similarity {
            weight: df
                .into_iter()
                .map(|(word, df)| (word, (1.0 + n / df as f64).ln().powi(2)))
                .collect(),
        }
    }

    fn weight(&self, word: &u32) -> f64 {
        self.weight.get(word).copied().unwrap_or(0.0)
    }

    fn norm(&self, words: &[u32]) -> f64 {
        words.iter().map(|w| self.weight(w)).sum::<f64>().sqrt()
    }

    /// The cosine of two sorted word sets under the weights.
    fn between(&self, a: &[u32], b: &[u32]) -> f64 {
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight(&a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        let denominator = self.norm(a) * self.norm(b);
        if denominator == 0.0 {
            0.0
        } else {
            shared / denominator
        }
    }
}

/// A word shared by more statements than this does not propose candidates: it is too common to
/// say two statements are about one thing (its weight is small anyway), and following it would
/// make grouping quadratic on a large corpus.
const MAX_POSTING: usize = 400;

/// How many of its rarest words a sentence without a figure looks candidates up by.
const RARE_PROBES: usize = 10;

/// What two claims must share to be compared at all: the kind of thing counted, or the year
/// (as a hash, so that telling them apart costs no string).
fn block(reading: &Reading) -> Option<u64> {
    let mut hasher = StableHasher::default();
    match reading {
        Reading::Quantity(value) => match value.unit.as_ref()? {
            Unit::Count(noun) => (0u8, kind_of(noun)).hash(&mut hasher),
            Unit::Currency(_) => 1u8.hash(&mut hasher),
            Unit::Percent => 2u8.hash(&mut hasher),
            Unit::Duration(unit) => (3u8, unit).hash(&mut hasher),
            Unit::Anniversary => 6u8.hash(&mut hasher),
            Unit::Speed(unit) => (7u8, unit).hash(&mut hasher),
        },
        Reading::Date(date) => (4u8, date.year).hash(&mut hasher),
        Reading::Event | Reading::Statement => 5u8.hash(&mut hasher),
    }
    Some(hasher.finish())
}

/// How two values relate: the same value, values that can both hold, or values that cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    /// Equal quantities (amounts in two currencies equal at the reference rates), or equal
    /// dates.
    Same,
    /// Different but both can hold: "over 10,000" and "12,000", "2024" and "June 2024",
    /// "thousands" and "15,000".
    Compatible,
    /// They cannot both hold.
    Incompatible,
}

/// How the values of two readings relate.
pub(crate) fn relation(a: &Reading, b: &Reading) -> Relation {
    // "At least 31 people" and "31 people" give the same number.
    let same_number = match (a, b) {
        (Reading::Quantity(x), Reading::Quantity(y)) => {
            x.amount == y.amount && x.max.is_none() && y.max.is_none() && x.unit == y.unit
        }
        _ => false,
    };
    if same_value(a, b) || (same_number && compatible(a, b)) {
        Relation::Same
    } else if compatible(a, b) {
        Relation::Compatible
    } else {
        Relation::Incompatible
    }
}

/// Whether two claims are about the same thing, so that they can be one claim: the same kind
/// of thing counted (or dates that can both hold), frames that do not rule it out (see
/// [`frame`]), and sentences alike enough for how their values relate. Equal values need less
/// of the sentence in common than different ones, and values that cannot both hold are only
/// joined, as a disagreement, when everything else says they are about one thing.
fn same_subject(similarity: &Similarity, a: &Claim, b: &Claim) -> bool {
    let verdict = same_subject_inner(similarity, a, b);
    if tracing_joins() && a.at.source != b.at.source {
        eprintln!(
            "TRACE\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}",
            a.at.source,
            a.at.n,
            a.sentence.start,
            b.at.source,
            b.at.n,
            b.sentence.start,
            similarity.between(&a.topic, &b.topic),
            similarity.between(&a.frame.near, &b.frame.near),
            frame::times_differ(&a.frame, &b.frame),
            frame::names_differ(&a.frame, &b.frame),
            frame::actions_differ(&a.frame, &b.frame),
            verdict
        );
    }
    verdict
}

/// Whether `BRIEFING_TRACE_JOINS` is set: every comparison of two sources' claims is then
/// printed to stderr (their places, the two similarities, the frame's verdicts, the outcome),
/// a tuning aid for reading why two sentences were or were not joined.
fn tracing_joins() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("BRIEFING_TRACE_JOINS").is_some())
}

fn same_subject_inner(similarity: &Similarity, a: &Claim, b: &Claim) -> bool {
    let kind = match (&a.reading, &b.reading) {
        (Reading::Quantity(x), Reading::Quantity(y)) => match (&x.unit, &y.unit) {
            (Some(Unit::Count(p)), Some(Unit::Count(q))) => kind_of(p) == kind_of(q),
            (Some(Unit::Currency(_)), Some(Unit::Currency(_))) => true,
            // Different ordinals are different occasions ("the 70th anniversary" of a war
            // is a parade ten years before "the 80th").
            (Some(Unit::Anniversary), Some(Unit::Anniversary)) => x.amount == y.amount,
            (Some(p), Some(q)) => p == q,
            _ => false,
        },
        (Reading::Date(x), Reading::Date(y)) => dates_agree(x, y),
        (Reading::Event | Reading::Statement, Reading::Event | Reading::Statement) => true,
        _ => false,
    };
    if !kind {
        return false;
    }
    // Word for word the same, with the same value: one wire story, wherever it ran.
    if a.statement == b.statement {
        return true;
    }
    let (x, y) = (&a.frame, &b.frame);
    // A question, a contrast or a condition states nothing to corroborate; stories far apart
    // in time, or about different names, are different stories.
    if x.hedged || y.hedged || frame::times_differ(x, y) || frame::names_differ(x, y) {
        return false;
    }
    let topic = similarity.between(&a.topic, &b.topic);
    let near = if x.near.is_empty() || y.near.is_empty() {
        None
    } else {
        Some(similarity.between(&x.near, &y.near))
    };
    let near_at_least = |needed: f64| near.is_none_or(|n| n >= needed);
    match (&a.reading, &b.reading) {
        (Reading::Event | Reading::Statement, _) => {
            let names = frame::shared_names(x, y);
            // A report dated to a year ("In May 2025, … marched at Moscow's Victory Day
            // parade") and one with no date are often of two occasions with one name: they
            // need as much in common as reports sharing a single name.
            let one_dated = x.years.is_empty() != y.years.is_empty();
            !frame::actions_differ(x, y)
                && topic >= SAME_EVENT
                && ((names >= 2 && !one_dated) || (names >= 1 && topic >= SAME_EVENT_ONE_NAME))
        }
        (Reading::Date(_), _) => {
            // Not for dates inferred from "Wednesday": a week of news has many events on
            // each day.
            let needed = if a.inferred || b.inferred {
                SAME_DATE_INFERRED
            } else {
                SAME_DATE
            };
            match relation(&a.reading, &b.reading) {
                Relation::Same => topic >= needed && near_at_least(SAME_DATE_NEAR),
                Relation::Compatible => topic >= PRECISION_DATE && near_at_least(SAME_NEAR),
                Relation::Incompatible => false,
            }
        }
        (Reading::Quantity(p), Reading::Quantity(q)) => {
            if frame::actions_differ(x, y) {
                return false;
            }
            match relation(&a.reading, &b.reading) {
                // Equal values: a handful ("three leaders") needs much in common; a larger
                // count less, and less again when the figures' own words agree ("26 foreign
                // leaders", "twenty-six foreign heads of state").
                Relation::Same if handful(p) => {
                    topic >= DISAGREE_SUBJECT && near.is_some_and(|n| n >= SAME_NEAR)
                }
                Relation::Same => {
                    x.forecast == y.forecast
                        && ((topic >= SAME_VALUE_SUBJECT && near_at_least(SAME_VALUE_NEAR))
                            || topic >= SAME_VALUE_ALIKE
                            || (topic >= SAME_VALUE_NEAR_SUBJECT
                                && near.is_some_and(|n| n >= SAME_NEAR)))
                }
                // Values that differ but can both hold are one fact only when they are near
                // each other or one of them is vague ("thousands", "tens of thousands"):
                // "at least eight targets" and "at least 60 targets" are two strike waves.
                Relation::Compatible => {
                    x.forecast == y.forecast
                        && (vague(p) || vague(q) || gap_of_amounts(p, q) <= NEAR_VALUES)
                        && topic >= SAME_SUBJECT
                        && near_at_least(SAME_NEAR)
                }
                // A disagreement needs the same thing counted in the same context: much of
                // the sentence and of the figure's own words in common, a name in common,
                // and figures of one order that are not a handful ("three leaders" names a
                // group in the story, never a count to set against another).
                Relation::Incompatible => {
                    !a.inferred
                        && !b.inferred
                        && !handful(p)
                        && !handful(q)
                        && gap(p, q) <= MAY_DIFFER_GAP
                        && (x.names.is_empty()
                            || y.names.is_empty()
                            || frame::shared_names(x, y) >= 1)
                        && x.forecast == y.forecast
                        && topic >= DISAGREE_SUBJECT
                        && near.is_some_and(|n| n >= DISAGREE_NEAR)
                }
            }
        }
        _ => false,
    }
}

/// How similar two sentences must be, for values that differ but can both hold.
const SAME_SUBJECT: f64 = 0.18;

/// How similar two figures' own words must be, for values that differ but can both hold.
const SAME_NEAR: f64 = 0.15;

/// How similar the sentences of two claims of the same value must be.
const SAME_VALUE_SUBJECT: f64 = 0.08;

/// How similar the sentences of two claims of the same value must be when the figures' own
/// words are alike.
const SAME_VALUE_NEAR_SUBJECT: f64 = 0.04;

/// How similar the sentences of two claims of the same value must be for their near words
/// not to matter ("at least 31 deaths" and "killed at least 31 people").
const SAME_VALUE_ALIKE: f64 = 0.25;

/// How similar the figures' own words must be, for claims of the same value.
const SAME_VALUE_NEAR: f64 = 0.08;

/// How similar the sentences of two equal dates must be.
const SAME_DATE: f64 = 0.15;

/// How similar the sentences of two equal dates must be when one was inferred from a weekday.
const SAME_DATE_INFERRED: f64 = 0.3;

/// How similar the words next to two equal dates must be.
const SAME_DATE_NEAR: f64 = 0.05;

/// How similar the sentences of two dates given to different precision must be ("2024" and
/// "June 2024" for one treaty).
const PRECISION_DATE: f64 = 0.25;

/// How similar the sentences of two figures that cannot both hold must be to be set against
/// each other.
const DISAGREE_SUBJECT: f64 = 0.3;

/// How similar the words next to two figures that cannot both hold must be.
const DISAGREE_NEAR: f64 = 0.25;

/// How similar two sentences without a figure must be to report the same thing, naming two
/// of the same names.
const SAME_EVENT: f64 = 0.25;

/// How similar two sentences without a figure must be when they share only one name.
const SAME_EVENT_ONE_NAME: f64 = 0.45;

/// How similar the sentences of two incompatible figures of the same kind must be for each to
/// be shown as a figure that may contradict the other.
const MAY_DIFFER: f64 = 0.15;

/// How similar the words next to two such figures must be.
const MAY_DIFFER_NEAR: f64 = 0.2;

/// How many times larger one amount may be than the other for two values that can both hold
/// to be one fact.
const NEAR_VALUES: f64 = 1.5;

/// How many times larger the larger amount (the upper end of a range) is than the smaller,
/// in dollars for money.
fn gap_of_amounts(x: &Value, y: &Value) -> f64 {
    let scale = |v: &Value| match &v.unit {
        Some(Unit::Currency(code)) => rates::in_usd(1.0, code).unwrap_or(1.0),
        _ => 1.0,
    };
    let a = x.amount * scale(x);
    let b = y.amount * scale(y);
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    if low <= 0.0 {
        f64::INFINITY
    } else {
        high / low
    }
}

/// Whether a value is a handful: a count below [`A_HANDFUL`] names a group in the story.
fn handful(value: &Value) -> bool {
    value.amount.max(value.max.unwrap_or(0.0)) < A_HANDFUL
        && !matches!(value.unit, Some(Unit::Currency(_) | Unit::Percent))
}

/// How many times larger the nearer end of one figure is than the other's (1 when they
/// overlap).
fn gap(x: &Value, y: &Value) -> f64 {
    let (x0, x1) = interval(x);
    let (y0, y1) = interval(y);
    if x1 < y0 {
        y0 / x1.max(f64::MIN_POSITIVE)
    } else if y1 < x0 {
        x0 / y1.max(f64::MIN_POSITIVE)
    } else {
        1.0
    }
}

/// Whether two readings give the same value: equal quantities (amounts of money equal at the
/// reference rates, see [`rates`]), or equal dates.
pub(crate) fn same_value(a: &Reading, b: &Reading) -> bool {
    match (a, b) {
        (Reading::Quantity(x), Reading::Quantity(y)) => {
            if let (Some(Unit::Currency(p)), Some(Unit::Currency(q))) = (&x.unit, &y.unit)
                && p != q
            {
                return x.bound == y.bound
                    && x.max.is_none()
                    && y.max.is_none()
                    && rates::same_amount(x.amount, p, y.amount, q) == Some(true);
            }
            x.amount == y.amount && x.max == y.max && x.bound == y.bound
        }
        (Reading::Date(x), Reading::Date(y)) => x == y,
        _ => false,
    }
}

/// Whether a value is vague: a plural of a scale word ("thousands", "tens of thousands",
/// "hundreds"), which figures.rs reads as a range from twice to nine times its base.
fn vague(value: &Value) -> bool {
    value.bound == Bound::Range
        && value.max.is_some_and(|max| {
            let base = value.amount / 2.0;
            let exponent = base.log10();
            (max / value.amount - 4.5).abs() < 1e-9 && (exponent - exponent.round()).abs() < 1e-9
        })
}

/// The interval a value allows, in US dollars for money (see [`rates`]). A vague quantity
/// holds with any figure of its order and above: "thousands" of troops does not contradict
/// "over 15,000".
fn interval(value: &Value) -> (f64, f64) {
    let scale = match &value.unit {
        Some(Unit::Currency(code)) => rates::in_usd(1.0, code).unwrap_or(1.0),
        _ => 1.0,
    };
    let (low, high) = if vague(value) {
        (value.amount / 2.0, f64::INFINITY)
    } else {
        match value.bound {
            Bound::Exact => (value.amount, value.amount),
            Bound::Over => (value.amount, f64::INFINITY),
            Bound::Under => (0.0, value.amount),
            Bound::About => (value.amount * 0.8, value.amount * 1.2),
            Bound::Range => (value.amount, value.max.unwrap_or(value.amount)),
        }
    };
    (low * scale, high * scale)
}

/// Whether two claims can both hold.
pub fn compatible(a: &Reading, b: &Reading) -> bool {
    match (a, b) {
        (Reading::Quantity(x), Reading::Quantity(y)) => {
            let converted = match (&x.unit, &y.unit) {
                (Some(Unit::Currency(p)), Some(Unit::Currency(q))) if p != q => {
                    // Amounts in a currency the rates table lacks are not compared.
                    if rates::in_usd(1.0, p).is_none() || rates::in_usd(1.0, q).is_none() {
                        return true;
                    }
                    true
                }
                _ => false,
            };
            let (x0, x1) = interval(x);
            let (y0, y1) = interval(y);
            // Converted amounts are approximate: a little slack either way.
            let slack = if converted {
                1.0 + rates::SAME_AMOUNT
            } else {
                1.0
            };
            x0 <= y1 * slack && y0 <= x1 * slack
        }
        (Reading::Date(x), Reading::Date(y)) => dates_agree(x, y),
        (Reading::Event | Reading::Statement, Reading::Event | Reading::Statement) => true,
        _ => false,
    }
}

fn dates_agree(x: &Date, y: &Date) -> bool {
    x.year == y.year
        && (x.month.is_none() || y.month.is_none() || x.month == y.month)
        && (x.day.is_none() || y.day.is_none() || x.day == y.day)
}

/// A block's groups (statement indices) and its pairs of groups whose figures may differ.
type BlockGroups = (Vec<Vec<usize>>, Vec<(usize, usize)>);

/// Groups the statements `members` (indices, ascending) of one block: each joins the first
/// group all of whose members say the same as it does and none of whose sources gives a value
/// it cannot agree with (complete linkage, first fit, in corpus order), found through an
/// inverted index of subject words. `first` gives a statement's first claim, `all` every claim
/// that repeats it, `weights` the word weights a claim is compared by. Returns the groups as
/// statement indices, and the pairs of groups (places in the first list) whose figures may
/// differ about one thing (see [`ClaimGroup::differing`]).
fn group_block<'c>(
    members: &[usize],
    first: &(dyn Fn(usize) -> &'c Claim + Sync),
    all: &(dyn Fn(usize) -> Vec<&'c Claim> + Sync),
    weights: &(dyn Fn(&Claim) -> &'c Similarity + Sync),
) -> BlockGroups {
    let is_report = |claim: &Claim| matches!(claim.reading, Reading::Event | Reading::Statement);
    // Inverted index: word → statements (by place in `members`), in order.
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(members.len());
    // Statements (places in `members`) whose figures may differ about one thing.
    let mut differing: Vec<(usize, usize)> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Per group, the values each source gives in it.
    let mut readings: Vec<HashMap<&SourceId, Vec<&Reading>>> = Vec::new();
    for (at, &s) in members.iter().enumerate() {
        let claim = first(s);
        let weights_here = weights(claim);
        // Sentences without figures are many: they look for candidates through their rarest
        // words only (two sentences that say the same share some of them), so the work per
        // sentence stays bounded however large the corpus.
        let (probe, cap): (Vec<u32>, usize) = if is_report(claim) {
            let mut rare = claim.topic.clone();
            rare.sort_by(|a, b| {
                weights_here
                    .weight(b)
                    .total_cmp(&weights_here.weight(a))
                    .then(a.cmp(b))
            });
            rare.truncate(RARE_PROBES);
            (rare, MAX_POSTING / 4)
        } else {
            (claim.topic.clone(), MAX_POSTING)
        };
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for word in &probe {
            if let Some(list) = postings.get(word)
                && list.len() <= cap
            {
                candidates.extend(list.iter().copied());
            }
        }
        let mut similar: Vec<usize> = Vec::new();
        for other in candidates {
            let theirs = first(members[other]);
            if same_subject(weights_here, claim, theirs) {
                similar.push(other);
            } else if may_differ(weights_here, claim, theirs) {
                differing.push((other, at));
            }
        }
        let mut possible: Vec<usize> = similar.iter().map(|&other| group_of[other]).collect();
        possible.sort_unstable();
        possible.dedup();
        // A source does not contradict itself: two different values in one source are about
        // two different things, so a statement never joins a group holding a value from one
        // of its sources that it cannot agree with.
        let own: Vec<(&SourceId, &Reading)> = all(s)
            .into_iter()
            .map(|c| (&c.at.source, &c.reading))
            .collect();
        let joined = possible.into_iter().find(|&g| {
            groups[g]
                .iter()
                .all(|&member| similar.binary_search(&member).is_ok())
                && own.iter().all(|(source, reading)| {
                    readings[g].get(*source).is_none_or(|theirs| {
                        // Two sentences of one source without figures are two reports.
                        !is_report(claim) && theirs.iter().all(|r| compatible(r, reading))
                    })
                })
        });
        let g = match joined {
            Some(g) => g,
            None => {
                groups.push(Vec::new());
                readings.push(HashMap::new());
                groups.len() - 1
            }
        };
        groups[g].push(at);
        for (source, reading) in own {
            readings[g].entry(source).or_default().push(reading);
        }
        group_of.push(g);
        for word in &claim.topic {
            postings.entry(*word).or_default().push(at);
        }
    }
    let mut pairs: Vec<(usize, usize)> = differing
        .into_iter()
        .map(|(a, b)| (group_of[a], group_of[b]))
        .filter(|(a, b)| a != b)
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let groups = groups
        .into_iter()
        .map(|group| group.into_iter().map(|at| members[at]).collect())
        .collect();
    (groups, pairs)
}

/// Whether two figures of the same kind that are not grouped may still be about one thing and
/// cannot both hold: from different sources, frames that agree, and sentences and figures'
/// own words that share some of their subject, too little to set them against each other.
fn may_differ(similarity: &Similarity, a: &Claim, b: &Claim) -> bool {
    let (Reading::Quantity(x), Reading::Quantity(y)) = (&a.reading, &b.reading) else {
        return false;
    };
    // Counts and amounts of money only: durations in news are of many different things (a
    // 70-minute parade, a 50-minute car ride), and a handful ("two leaders", "three
    // nations") names a group in the story, not a reported figure.
    let same_kind = match (&x.unit, &y.unit) {
        (Some(Unit::Count(p)), Some(Unit::Count(q))) => kind_of(p) == kind_of(q),
        (Some(Unit::Currency(_)), Some(Unit::Currency(_))) => true,
        _ => false,
    };
    let (f, g) = (&a.frame, &b.frame);
    same_kind
        && a.at.source != b.at.source
        && !handful(x)
        && !handful(y)
        && !compatible(&a.reading, &b.reading)
        && gap(x, y) <= MAY_DIFFER_GAP
        && !f.hedged
        && !g.hedged
        && !frame::times_differ(f, g)
        && !frame::names_differ(f, g)
        && !frame::actions_differ(f, g)
        && similarity.between(&a.topic, &b.topic) >= MAY_DIFFER
        && !f.near.is_empty()
        && !g.near.is_empty()
        && similarity.between(&f.near, &g.near) >= MAY_DIFFER_NEAR
}

/// Counts below this name a group in the story rather than report a figure.
const A_HANDFUL: f64 = 10.0;

/// How many times larger the nearer end of one figure may be than the other's for the two to
/// be shown as possibly about one thing.
const MAY_DIFFER_GAP: f64 = 4.0;

/// Groups claims about the same thing. Every claim is in exactly one group; a group of one
/// source's claims is a single-source claim.
///
/// Claims in the same words with the same reading (wire copy) are one *statement* and are
/// grouped together first, so a corpus that repeats a sentence a thousand times compares it
/// once. Statements are then compared only with candidates: statements of the same kind of
/// figure ([`block`]) that share a subject word used by few statements (an inverted index),
/// never all pairs. A statement joins the earliest group whose every statement is about the
/// same subject (complete linkage, so groups do not chain from one subject to the next).
/// Deterministic: the input order decides every tie.
pub fn group<C: Borrow<Claim> + Sync>(claims: &[C]) -> Vec<ClaimGroup> {
    // Statements: the first claim of each, and every claim that repeats it.
    let mut statement_of: HashMap<(u64, Option<u64>), usize> = HashMap::new();
    let mut statements: Vec<Vec<usize>> = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let claim = claim.borrow();
        let key = (claim.statement, block(&claim.reading));
        let next = statements.len();
        let s = *statement_of.entry(key).or_insert(next);
        if s == next {
            statements.push(Vec::new());
        }
        statements[s].push(index);
    }
    let first = |s: usize| claims[statements[s][0]].borrow();
    // Word weights are counted among claims of their own family: sentences without figures
    // are many more than figures, and would otherwise set the weights figures are compared by.
    let is_report = |claim: &Claim| matches!(claim.reading, Reading::Event | Reading::Statement);
    let figures_weights =
        Similarity::of((0..statements.len()).map(first).filter(|c| !is_report(c)));
    let reports_weights = Similarity::of((0..statements.len()).map(first).filter(|c| is_report(c)));
    // Statements are compared only within their block (kind of figure, year), so each block
    // is grouped on its own, in parallel; a statement without a block stands alone.
    let mut blocks: Vec<(u64, Vec<usize>)> = Vec::new();
    let mut block_at: HashMap<u64, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in 0..statements.len() {
        match block(&first(s).reading) {
            Some(block) => {
                let at = *block_at.entry(block).or_insert_with(|| {
                    blocks.push((block, Vec::new()));
                    blocks.len() - 1
                });
                blocks[at].1.push(s);
            }
            None => groups.push(vec![s]),
        }
    }
    let grouped: Vec<BlockGroups> = blocks
        .par_iter()
        .map(|(_, members)| {
            let is_report =
                |claim: &Claim| matches!(claim.reading, Reading::Event | Reading::Statement);
            group_block(
                members,
                &|s| first(s),
                &|s| statements[s].iter().map(|&c| claims[c].borrow()).collect(),
                &|claim| {
                    if is_report(claim) {
                        &reports_weights
                    } else {
                        &figures_weights
                    }
                },
            )
        })
        .collect();
    // Pairs of groups whose figures may differ, by their first statements until the groups
    // are in their final order.
    let mut differing: Vec<(usize, usize)> = Vec::new();
    for (block, pairs) in grouped {
        for (a, b) in pairs {
            differing.push((block[a][0], block[b][0]));
        }
        groups.extend(block);
    }
    // In the order of their first statements, as one pass over the corpus would make them.
    groups.sort_unstable_by_key(|members| members[0]);
    let place: HashMap<usize, usize> = groups
        .iter()
        .enumerate()
        .map(|(at, members)| (members[0], at))
        .collect();
    let mut differing_of: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (a, b) in differing {
        let (a, b) = (place[&a], place[&b]);
        differing_of[a].push(b);
        differing_of[b].push(a);
    }
    groups
        .into_iter()
        .zip(differing_of)
        .map(|(members, mut differing)| {
            differing.sort_unstable();
            differing.dedup();
            let mut indices: Vec<usize> = members
                .iter()
                .flat_map(|&s| statements[s].iter().copied())
                .collect();
            indices.sort_unstable();
            let values: Vec<(&SourceId, &Reading)> = members
                .iter()
                .map(|&s| (&first(s).at.source, &first(s).reading))
                .collect();
            ClaimGroup {
                // Values that cannot both hold, from two different sources.
                disputed: values.iter().enumerate().any(|(i, (x, a))| {
                    values[i + 1..]
                        .iter()
                        .any(|(y, b)| x != y && !compatible(a, b))
                }),
                claims: indices,
                differing,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(source: &str, text: &str) -> Vec<Claim> {
        claims_in(
            &ParagraphRef::new(SourceId::parse(source).unwrap(), 1),
            text,
        )
    }

    /// The groups that draw on two or more sources.
    fn shared(all: &[Claim]) -> Vec<ClaimGroup> {
        group(all)
            .into_iter()
            .filter(|group| group.sources(all) >= 2)
            .collect()
    }

    #[test]
    fn troop_counts_for_one_parade_are_grouped_and_disputed() {
        let mut all = claims(
            "a",
            "The military parade in Beijing featured over 12,000 troops marching past.",
        );
        all.extend(claims(
            "b",
            "The military parade in Beijing featured about 5,000 troops marching past.",
        ));
        all.extend(claims(
            "c",
            "The parade in Beijing was watched by 26 foreign leaders.",
        ));
        let groups = shared(&all);
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert!(groups[0].disputed);
        assert_eq!(groups[0].sources(&all), 2);
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
        let groups = shared(&all);
        assert_eq!(groups.len(), 1);
        assert!(!groups[0].disputed);
    }

    #[test]
    fn reports_without_figures_group_across_sources_only() {
        let report = |source: &str, text: &str| {
            event_claim(
                &ParagraphRef::new(SourceId::parse(source).unwrap(), 1),
                text,
                0..text.len(),
                &["kim-jong-un", "beijing"],
                false,
            )
        };
        let all = vec![
            report(
                "a",
                "Kim Jong Un arrived in Beijing aboard his armoured train on Tuesday.",
            ),
            report(
                "b",
                "Kim Jong Un reached Beijing by armoured train after a long journey.",
            ),
            report(
                "b",
                "Kim Jong Un met Xi in Beijing for talks on trade and aid.",
            ),
            report(
                "c",
                "Grain prices in Beijing rose sharply as Kim Jong Un watched the weather.",
            ),
        ];
        let groups = shared(&all);
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert_eq!(groups[0].claims, vec![0, 1]);
    }

    #[test]
    fn a_figure_that_cannot_hold_with_a_claim_is_never_silently_agreeing() {
        let mut all = claims(
            "a",
            "The Tiananmen Square spectacle featured over 10,000 troops and new weaponry.",
        );
        all.extend(claims(
            "b",
            "The spectacle in Tiananmen Square will feature tens of thousands of troops.",
        ));
        all.extend(claims(
            "c",
            "The Tiananmen Square spectacle featured about 3,000 troops and new weaponry.",
        ));
        // A handful of the same kind is a group in the story, not a figure for the parade.
        all.extend(claims(
            "d",
            "The spectacle had three soldiers from each unit at the front.",
        ));
        let groups = group(&all);
        let parade = groups.iter().position(|g| g.claims.contains(&0)).unwrap();
        assert!(groups[parade].claims.contains(&1), "{groups:#?}");
        let low = groups.iter().position(|g| g.claims.contains(&2)).unwrap();
        // Either set against the parade's figure, or shown beside it as one that may differ.
        if low == parade {
            assert!(groups[parade].disputed);
        } else {
            assert!(groups[parade].differing.contains(&low), "{groups:#?}");
        }
        let handful = groups.iter().position(|g| g.claims == vec![3]).unwrap();
        assert!(groups[handful].differing.is_empty());
        assert!(!groups[parade].differing.contains(&handful));
    }

    #[test]
    fn different_anniversaries_are_different_occasions() {
        let mut all = claims(
            "a",
            "Japan did not attend China's parade for the 70th anniversary of the war's end.",
        );
        all.extend(claims(
            "b",
            "Taiwanese veterans were invited to China's parade for the 80th anniversary of the war's end.",
        ));
        all.extend(claims(
            "c",
            "Leaders gathered in China for the parade on the 80th anniversary of the war's end.",
        ));
        let groups = shared(&all);
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert_eq!(groups[0].claims, vec![1, 2]);
        assert!(!groups[0].disputed);
    }

    #[test]
    fn sentences_end_at_their_stops() {
        let text = "One is here. Two is there! And three? Yes.";
        let found: Vec<&str> = crate::text::sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            ["One is here.", "Two is there!", "And three?", "Yes."]
        );
    }

    #[test]
    fn bounds_and_ranges_decide_compatibility() {
        let read = |text: &str| figures(text).remove(0).reading;
        assert!(compatible(
            &read("over 10,000 troops"),
            &read("tens of thousands of troops")
        ));
        // In plain English "thousands" includes 15,000: a vague quantity holds with any
        // figure of its order and above.
        assert!(compatible(
            &read("over 15,000 troops"),
            &read("thousands of troops")
        ));
        assert!(!compatible(
            &read("over 15,000 troops"),
            &read("about 5,000 troops")
        ));
        assert!(compatible(
            &read("26 leaders"),
            &read("more than two dozen leaders")
        ));
        assert!(compatible(&read("in 2024"), &read("in June 2024")));
    }

    /// How two sentences from two sources are judged: joined as one claim (and whether the
    /// claim is then disputed), or kept apart.
    #[derive(Debug, PartialEq)]
    enum Judged {
        Apart,
        Agree,
        Disagree,
    }

    fn judge(a: &str, b: &str) -> Judged {
        let mut all = claims("a", a);
        all.extend(claims("b", b));
        let groups = shared(&all);
        match groups.first() {
            None => Judged::Apart,
            Some(group) if group.disputed => Judged::Disagree,
            Some(_) => Judged::Agree,
        }
    }

    /// Reports without a figure: two occasions that share a name are not one report.
    #[test]
    fn reports_join_on_their_occasion_not_on_a_shared_name() {
        let report = |source: &str, text: &str, ids: &[&str]| {
            let mut claim = event_claim(
                &ParagraphRef::new(SourceId::parse(source).unwrap(), 1),
                text,
                0..text.len(),
                ids,
                false,
            );
            claim.set_context(
                text,
                &Context {
                    published: None,
                    days: &[],
                    entities: ids,
                },
            );
            claim
        };
        let cases: &[(&str, &str, bool)] = &[
            (
                "In May 2025, Chinese and North Korean troops marched together at Moscow's Victory Day parade.",
                "Beijing's Victory Day parade showcases more than just ceremony and grandeur for China.",
                false,
            ),
            (
                "Will Putin, Xi and Kim stand together at the Beijing parade as a new axis?",
                "Putin, Xi and Kim stood together at the Beijing parade as a new axis.",
                false,
            ),
            (
                "Kim Jong Un arrived in Beijing aboard his armoured train for the parade.",
                "Kim Jong Un reached Beijing by armoured train for the parade.",
                true,
            ),
        ];
        for (a, b, joined) in cases {
            let all = vec![
                report("a", a, &["china", "north-korea"]),
                report("b", b, &["china", "north-korea"]),
            ];
            assert_eq!(!shared(&all).is_empty(), *joined, "\n  {a}\n  {b}");
        }
    }

    /// Every example the analyst found, and the rules behind them: a claim is joined on what it
    /// states (the thing counted and its context), never on shared words alone.
    #[test]
    fn claims_join_on_what_they_state() {
        use Judged::*;
        let cases: &[(&str, &str, Judged)] = &[
            // Two strike waves: the same words, different days and different counts.
            (
                "US forces carried out airstrikes against at least eight Houthi targets on Saturday.",
                "US forces carried out airstrikes against at least 60 Houthi targets on Tuesday.",
                Apart,
            ),
            // Without the days, counts that far apart are still not one fact.
            (
                "US forces carried out airstrikes against at least eight Houthi targets in Yemen.",
                "US forces carried out airstrikes against at least 60 Houthi targets in Yemen.",
                Apart,
            ),
            // One company's results ten years apart.
            (
                "Samsung posted an operating profit of 10.2 trillion won in 2013, the company said.",
                "Samsung posted an operating profit of 2.4 trillion won in 2023, the company said.",
                Apart,
            ),
            // A share of the vote is not a share of ballots counted.
            (
                "Milei's party won 40.7 percent of the vote in the midterm election.",
                "With 90.7 percent of ballots counted in the midterm election, Milei's party led.",
                Apart,
            ),
            // People killed and people injured.
            (
                "The earthquake in Myanmar killed 1,644 people, the junta said on Saturday.",
                "The earthquake in Myanmar injured 3,408 people, the junta said on Saturday.",
                Apart,
            ),
            // A handful at one meeting is never set against all the leaders present.
            (
                "Xi met three leaders at the Beijing parade before the ceremony.",
                "Xi met 26 foreign leaders at the Beijing parade before the ceremony.",
                Apart,
            ),
            // A contrast states no fact to join.
            (
                "Unlike Russia's Victory Day parade in May 2025, 26 foreign leaders attended.",
                "Beijing's Victory Day parade was attended by 26 foreign leaders.",
                Apart,
            ),
            // A question neither.
            (
                "Will Putin, Xi and Kim stand together with 26 foreign leaders at the parade?",
                "Putin, Xi and Kim stood together with 26 foreign leaders at the parade.",
                Apart,
            ),
            // The same count in other words corroborates.
            (
                "The Beijing parade was attended by 26 foreign leaders.",
                "Twenty-six foreign heads of state attended the Beijing parade.",
                Agree,
            ),
            // "Thousands" includes 15,000: no disagreement.
            (
                "North Korea has sent thousands of troops to fight for Russia in Kursk.",
                "North Korea has sent over 15,000 troops to fight for Russia in Kursk.",
                Agree,
            ),
            // One amount in two currencies, at the reference rates.
            (
                "Xi announced 10 billion yuan in loans to SCO members over the next three years.",
                "Xi announced $1.4 billion in loans to SCO members over the next three years.",
                Agree,
            ),
            // One treaty dated to different precision: no disagreement.
            (
                "Russia and North Korea signed a mutual defence treaty in 2024.",
                "Russia and North Korea signed a mutual defence treaty in June 2024.",
                Agree,
            ),
            // The same toll for the same day, given differently: a real disagreement.
            (
                "The Houthi health ministry said the US strikes on Sanaa killed 31 people on Saturday.",
                "The Houthi health ministry said the US strikes on Sanaa killed 20 people on Saturday.",
                Disagree,
            ),
        ];
        for (a, b, expected) in cases {
            assert_eq!(&judge(a, b), expected, "\n  {a}\n  {b}");
        }
    }
}
