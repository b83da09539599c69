//! What a claim is about, beyond its value: the frame two claims must share before they are
//! joined as one fact, or set against each other as a disagreement.
//!
//! Two sentences that share many words often state different facts: "at least eight Houthi
//! targets" and "at least 60 Houthi targets" are two strike waves; Samsung's 2013 profit is
//! not its 2023 profit; "48.4% of the vote" is not "90.7% of ballots counted". A reader tells
//! them apart by what the number belongs to and by the context around it, so the frame keeps
//! exactly that, read from the words alone:
//!
//! - **near**: the content words next to the figure (a few on each side): what it counts and
//!   what is done to it ("ballots counted", "in loans", "sent to Russia");
//! - **actions**: the kinds of action named next to it (killed, injured, attended, struck…),
//!   so "53 killed" is never "53 injured";
//! - **names**: the names in the sentence (capitalised words, demonyms read as their country:
//!   "Korean" is Korea), and the gazetteer's ids;
//! - **time**: years and days the sentence names besides the value itself, and the source's
//!   publication day, so stories ten years apart are not one story;
//! - **hedged**: a question, a contrast ("unlike…") or a condition states no fact to join.
//!
//! Everything is hashed (the frame is cached with the source) and compared in
//! [`super::claims`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::claims::{is_common, stem};
use super::figures::{is_number_word, singular};
use crate::text::hash::word_hash;

/// The frame of one claim (see the module's documentation). Word sets are sorted hashes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Frame {
    /// Content words within [`NEAR`] words of the figure, without numbers and the counted noun.
    pub near: Vec<u32>,
    /// The kinds of action named within [`NEAR`] words of the figure, as bits of [`ACTIONS`].
    pub actions: u32,
    /// Names in the sentence, lowercased, demonyms read as their country, and the
    /// gazetteer's ids of the entities it names.
    pub names: Vec<u32>,
    /// The names within [`NEAR`] words of the figure: whose troops, whose profit, which
    /// country's targets.
    pub near_names: Vec<u32>,
    /// Years the sentence names besides the claim's own value.
    pub years: Vec<i32>,
    /// Days (from the common era) the sentence names besides the claim's own value.
    pub days: Vec<i32>,
    /// The weekdays the sentence names besides the claim's own value, as bits (Monday first):
    /// what tells two strike waves apart when the source's date is not known.
    pub weekdays: u8,
    /// The source's publication day (from the common era), when known.
    pub published: Option<i32>,
    /// The sentence is a question, a contrast or a condition.
    pub hedged: bool,
    /// The figure is a forecast or a target ("expected to be between 59% and 61%"), not a
    /// reported value: it is never one fact with a reported one.
    pub forecast: bool,
}

/// How many words on each side of a figure are its near context.
pub(crate) const NEAR: usize = 5;

/// Kinds of action, each the stems that name it. A figure next to "killed" and one next to
/// "injured" count different people, however alike their sentences.
pub(crate) const ACTIONS: &[&[&str]] = &[
    &["kill", "dead", "death", "die", "fatalit", "toll", "lives"],
    &["injur", "wound", "hurt"],
    &["missing"],
    &["arrest", "detain", "captur", "prisoner", "jail"],
    &["displac", "evacuat", "flee", "fled", "refugee", "homeless"],
    &["attend", "gather", "guest", "invit", "delegat"],
    &[
        "sent", "send", "deploy", "dispatch", "suppl", "transfer", "ship",
    ],
    &["strike", "struck", "bomb", "airstrike", "raid", "target"],
    &["march", "parade", "review", "formation"],
    &["sign", "agreement", "accord", "pact", "memorand"],
    &["pledg", "promis", "offer", "grant", "lend", "loan", "aid"],
    &["vote", "ballot", "elect", "seat", "won", "win"],
    &["count", "tally", "tallied"],
    &["profit", "revenue", "sales", "earn", "income", "loss"],
    &["trade", "export", "import", "turnover"],
    &["invest", "fund", "financ"],
    &["spend", "budget", "cost"],
    &[
        "grow", "growth", "rise", "rose", "increas", "fell", "fall", "drop", "declin",
    ],
];

/// Stems of words that make a figure a forecast or a target.
const FORECAST: &[&str] = &[
    "expect",
    "forecast",
    "guid",
    "project",
    "predict",
    "outlook",
    "anticipat",
    "target",
    "aim",
    "goal",
    "plan",
    "estimat",
];

/// Capitalised words that are not names: sentence openers, titles, months and weekdays.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "it",
    "he",
    "she",
    "they",
    "we",
    "this",
    "that",
    "these",
    "those",
    "as",
    "after",
    "before",
    "while",
    "when",
    "with",
    "by",
    "of",
    "to",
    "from",
    "its",
    "his",
    "her",
    "their",
    "our",
    "some",
    "many",
    "more",
    "most",
    "president",
    "prime",
    "minister",
    "leader",
    "general",
    "gen",
    "mr",
    "mrs",
    "ms",
    "dr",
    "chairman",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "state",
    "supreme",
    "premier",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "according",
    "meanwhile",
    "however",
    "also",
    "both",
    "all",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "if",
    "unlike",
    "despite",
    "since",
    "until",
    "during",
    "earlier",
    "later",
    "last",
    "next",
    "first",
    "new",
    "other",
    "several",
    "only",
];

/// Demonyms and their country, so that "North Korean troops" and "North Korea's troops" name
/// one country. Other demonyms fall to the crude rule in [`name_key`].
const DEMONYMS: &[(&str, &str)] = &[
    ("chinese", "china"),
    ("japanese", "japan"),
    ("vietnamese", "vietnam"),
    ("taiwanese", "taiwan"),
    ("lebanese", "lebanon"),
    ("sudanese", "sudan"),
    ("british", "britain"),
    ("french", "france"),
    ("dutch", "netherlands"),
    ("turkish", "turkey"),
    ("polish", "poland"),
    ("spanish", "spain"),
    ("swedish", "sweden"),
    ("danish", "denmark"),
    ("finnish", "finland"),
    ("irish", "ireland"),
    ("israeli", "israel"),
    ("pakistani", "pakistan"),
    ("yemeni", "yemen"),
    ("iraqi", "iraq"),
    ("saudi", "saudi"),
    ("thai", "thailand"),
    ("greek", "greece"),
    ("swiss", "switzerland"),
    ("american", "us"),
    ("americans", "us"),
    ("u.s", "us"),
    ("usa", "us"),
    ("filipino", "philippines"),
    ("philippine", "philippines"),
];

/// A name's comparison key: lowercased, a demonym read as its country ("korean" → "korea",
/// "russian" → "russia", "indian" → "india").
pub(crate) fn name_key(word: &str) -> String {
    let lower: String = word
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let lower = lower.trim_end_matches('.').to_string();
    if let Some((_, country)) = DEMONYMS.iter().find(|(d, _)| *d == lower) {
        return (*country).to_string();
    }
    for (suffix, replace) in [("ians", "ia"), ("ian", "ia"), ("eans", "ea"), ("ean", "ea")] {
        if let Some(stem) = lower.strip_suffix(suffix)
            && stem.len() >= 3
        {
            return format!("{stem}{replace}");
        }
    }
    lower
}

/// A word of a sentence: its byte range in the paragraph and its text.
struct Token<'t> {
    span: Range<usize>,
    text: &'t str,
}

/// The words of `text[range]` as the text layer reads them (a possessive ending is not part
/// of the word), with their byte ranges in `text`.
fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let base = range.start;
    crate::text::words(&text[range])
        .into_iter()
        .map(|word| Token {
            span: base + word.span.start..base + word.span.end,
            text: &text[base + word.span.start..base + word.span.end],
        })
        .collect()
}

/// A word's hash as a claim's subject words are hashed (see `claims::subject_hashes`), so that
/// the near words are weighed by the same table.
fn hash_of(word: &str) -> u32 {
    word_hash(word) & !super::claims::NAME_BIT
}

/// What the rest of a sentence gives a claim's frame.
pub(crate) struct Context<'a> {
    /// The source's publication day.
    pub published: Option<i32>,
    /// Days the sentence names (explicit or resolved), each with its words' byte range.
    pub days: &'a [(Range<usize>, i32)],
    /// The gazetteer's ids of the entities named in the sentence.
    pub entities: &'a [&'a str],
}

/// The frame of the figure at `span` of `text`, whose sentence is `sentence`.
pub(crate) fn frame(
    text: &str,
    sentence: Range<usize>,
    span: Range<usize>,
    counted: Option<&str>,
    context: &Context,
) -> Frame {
    let words = tokens(text, sentence.clone());
    let sentence_text = &text[sentence.clone()];
    let lower_sentence = sentence_text.to_lowercase();
    // The figure's place among the words: the first word at or after its start.
    let first = words
        .iter()
        .position(|w| w.span.end > span.start)
        .unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|w| w.span.start < span.end)
        .map_or(first, |i| i + 1);
    // A report without a figure is its whole sentence: every word is its context, none is
    // a value.
    let report = span == sentence;
    let (first, last) = if report { (0, 0) } else { (first, last) };
    let around = if report {
        0..words.len()
    } else {
        first.saturating_sub(NEAR)..(last + NEAR).min(words.len())
    };
    let mut near = Vec::new();
    // The action closest to the figure is what is done to what it counts ("53 people were
    // killed in the strikes": killed, not struck); after it wins a tie.
    let mut closest: Option<(usize, usize)> = None;
    for (i, word) in words.iter().enumerate() {
        if !around.contains(&i) {
            continue;
        }
        let lower = word.text.to_lowercase();
        let inside = first <= i && i < last;
        if let Some(kind) = action_of(&lower) {
            let distance = if i < first {
                2 * (first - i)
            } else if i >= last {
                2 * (i - last) + 1
            } else {
                0
            };
            if closest.is_none_or(|(best, _)| distance < best) {
                closest = Some((distance, kind));
            }
        }
        // Inside the figure, its modifiers count ("foreign" leaders, "Houthi" targets); its
        // number and its counted noun do not (the noun is compared on its own).
        if inside
            && (is_number_word(&lower) || counted.is_some_and(|c| c.contains(&*singular(&lower))))
        {
            continue;
        }
        if lower.len() <= 2 || lower.chars().any(|c| c.is_ascii_digit()) || is_common(&lower) {
            continue;
        }
        near.push(hash_of(stem(&lower)));
    }
    let actions = closest.map_or(0, |(_, kind)| 1u32 << kind);
    let forecast = !report
        && words[around.clone()].iter().any(|w| {
            let lower = w.text.to_lowercase();
            FORECAST.iter().any(|stem| lower.starts_with(stem))
        });
    near.sort_unstable();
    near.dedup();
    let mut names: Vec<u32> = Vec::new();
    let mut near_names: Vec<u32> = Vec::new();
    // A run of capitalised words next to each other is one name ("Kim Jong Un", "Victory
    // Day"): counted once, so that two sentences sharing one long name do not seem to share
    // several.
    let mut run: Vec<String> = Vec::new();
    let mut run_near = false;
    let mut flush = |run: &mut Vec<String>, near: &mut bool| {
        if !run.is_empty() {
            let hash = hash_of(&format!("@{}", run.join(" ")));
            names.push(hash);
            if *near {
                near_names.push(hash);
            }
        }
        run.clear();
        *near = false;
    };
    for (i, word) in words.iter().enumerate() {
        // The figure's own words ("Twenty-six") are its value, not a name.
        let inside = !report && word.span.start < span.end && word.span.end > span.start;
        let key = name_key(word.text);
        // A capitalised first word is a name only when the paragraph also capitalises it
        // inside a sentence ("Leaders gathered…" is not; "Russia sent…" is, where Russia
        // recurs).
        let is_name = !inside
            && word.text.starts_with(|c: char| c.is_uppercase())
            && key.len() >= 2
            && !NOT_NAMES.contains(&key.as_str())
            && !(i == 0 && (is_common(&key) || !capitalised_inside(text, word.text)));
        let adjacent = i > 0
            && text[words[i - 1].span.end..word.span.start]
                .trim()
                .is_empty();
        if !is_name || !adjacent {
            flush(&mut run, &mut run_near);
        }
        if is_name {
            run.push(key);
            run_near |= around.contains(&i);
        }
    }
    flush(&mut run, &mut run_near);
    names.extend(
        context
            .entities
            .iter()
            .map(|id| hash_of(&format!("@@{id}"))),
    );
    names.sort_unstable();
    names.dedup();
    near_names.sort_unstable();
    near_names.dedup();
    let mut years: Vec<i32> = words
        .iter()
        .filter(|w| report || w.span.end <= span.start || w.span.start >= span.end)
        .filter_map(|w| year(w.text))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut days: Vec<i32> = context
        .days
        .iter()
        .filter(|(at, _)| sentence.start <= at.start && at.end <= sentence.end)
        .filter(|(at, _)| report || at.end <= span.start || at.start >= span.end)
        .map(|(_, day)| *day)
        .collect();
    days.sort_unstable();
    days.dedup();
    let weekdays = words
        .iter()
        .filter(|w| report || w.span.end <= span.start || w.span.start >= span.end)
        .filter_map(|w| {
            crate::text::calendar::WEEKDAYS
                .iter()
                .position(|d| w.text.eq_ignore_ascii_case(d))
        })
        .fold(0u8, |bits, day| bits | 1 << day);
    Frame {
        near,
        actions,
        names,
        near_names,
        years,
        days,
        weekdays,
        published: context.published,
        hedged: hedged(&lower_sentence),
        forecast,
    }
}

/// Which kind of action (a place in [`ACTIONS`]) a lowercased word names.
fn action_of(lower: &str) -> Option<usize> {
    ACTIONS
        .iter()
        .position(|stems| stems.iter().any(|stem| lower.starts_with(stem)))
}

/// A year between 1800 and 2100 written as four digits.
fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// Whether a lowercased sentence asks, contrasts or supposes rather than states: its figures
/// and events are not facts to corroborate.
fn hedged(lower: &str) -> bool {
    let trimmed = lower.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    trimmed.ends_with('?')
        || lower.starts_with("unlike ")
        || lower.starts_with("if ")
        || lower.starts_with("whether ")
        || lower.starts_with("compared ")
        || [
            " unlike ",
            " compared with ",
            " compared to ",
            " in contrast to ",
        ]
        .iter()
        .any(|marker| lower.contains(marker))
}

/// Whether two frames' times rule out one fact: sentences naming only different years, or
/// only different days, or sources published far apart.
pub(crate) fn times_differ(a: &Frame, b: &Frame) -> bool {
    let disjoint = |x: &[i32], y: &[i32]| {
        !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.binary_search(v).is_ok())
    };
    let published_apart = match (a.published, b.published) {
        (Some(x), Some(y)) => (x - y).abs() > PUBLISHED_APART,
        _ => false,
    };
    // Weekdays tell days apart only within one week: between sources whose days are known
    // they are resolved into `days` instead.
    let weekdays_apart = a.weekdays != 0 && b.weekdays != 0 && a.weekdays & b.weekdays == 0;
    disjoint(&a.years, &b.years)
        || disjoint(&a.days, &b.days)
        || published_apart
        || (weekdays_apart && a.days.is_empty() && b.days.is_empty())
}

/// Days between two sources' publication past which their figures are of different stories.
pub(crate) const PUBLISHED_APART: i32 = 60;

/// Whether two frames name only different actions next to their figures.
pub(crate) fn actions_differ(a: &Frame, b: &Frame) -> bool {
    a.actions != 0 && b.actions != 0 && a.actions & b.actions == 0
}

/// Whether both figures have names next to them and they share none: Samsung's profit is
/// not TSMC's, targets in Sanaa are not targets in Saada. Names elsewhere in the sentences
/// are often incidental, and weigh in the sentences' similarity instead.
pub(crate) fn names_differ(a: &Frame, b: &Frame) -> bool {
    !a.near_names.is_empty()
        && !b.near_names.is_empty()
        && !a
            .near_names
            .iter()
            .any(|n| b.near_names.binary_search(n).is_ok())
}

/// Whether `text` writes `word` capitalised after another word of its sentence (not first).
fn capitalised_inside(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].trim_end();
        at > 0
            && text[..at].ends_with(char::is_whitespace)
            && !before.is_empty()
            && !before.ends_with(['.', '!', '?', ':', '"', '“', '”'])
    })
}

/// How many names two frames share.
pub(crate) fn shared_names(a: &Frame, b: &Frame) -> usize {
    a.names
        .iter()
        .filter(|n| b.names.binary_search(n).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_at(text: &str, figure: &str) -> Frame {
        let start = text.find(figure).unwrap();
        frame(
            text,
            0..text.len(),
            start..start + figure.len(),
            None,
            &Context {
                published: None,
                days: &[],
                entities: &[],
            },
        )
    }

    #[test]
    fn names_read_demonyms_as_their_country() {
        let cases = [
            ("Korean", "korea"),
            ("Korea’s", "korea"),
            ("Russian", "russia"),
            ("Chinese", "china"),
            ("U.S.", "us"),
            ("Indian", "india"),
            ("Houthi", "houthi"),
        ];
        for (word, key) in cases {
            assert_eq!(name_key(word), key, "{word}");
        }
    }

    #[test]
    fn the_actions_next_to_a_figure_tell_killed_from_injured() {
        let killed = frame_at(
            "At least 53 people were killed in the strikes.",
            "53 people",
        );
        let injured = frame_at(
            "At least 53 people were injured in the strikes, officials said.",
            "53 people",
        );
        assert!(actions_differ(&killed, &injured));
        let dead = frame_at("The strikes left 53 people dead.", "53 people");
        assert!(!actions_differ(&killed, &dead));
    }

    #[test]
    fn years_and_publication_days_separate_stories() {
        let then = frame_at(
            "Samsung's profit in 2013 reached 10 trillion won.",
            "10 trillion won",
        );
        let now = frame_at(
            "Samsung's profit in 2023 reached 10 trillion won.",
            "10 trillion won",
        );
        assert!(times_differ(&then, &now));
        let mut a = frame_at("Profit reached 10 trillion won.", "10 trillion won");
        let mut b = a.clone();
        a.published = Some(738_000);
        b.published = Some(738_000 + PUBLISHED_APART + 1);
        assert!(times_differ(&a, &b));
        b.published = Some(738_003);
        assert!(!times_differ(&a, &b));
    }

    #[test]
    fn questions_contrasts_and_conditions_are_hedged() {
        let cases = [
            ("Will 26 leaders really attend the parade?", true),
            ("Unlike Russia's parade in May, 26 leaders attended.", true),
            ("If 26 leaders attend, it will be a record.", true),
            ("Twenty-six leaders attended the parade.", false),
        ];
        for (text, expected) in cases {
            assert_eq!(hedged(&text.to_lowercase()), expected, "{text}");
        }
    }

    #[test]
    fn near_words_say_what_a_percentage_is_of() {
        let vote = frame_at("Milei's party won 40.7% of the vote nationwide.", "40.7%");
        let counted = frame_at(
            "With 90.7% of ballots counted, the ruling coalition led.",
            "90.7%",
        );
        assert!(!vote.near.iter().any(|w| counted.near.contains(w)));
    }
}
