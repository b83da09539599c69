//! Figures in a paragraph: numbers with what they count, and dates, normalised so that what
//! different sources say can be compared.
//!
//! A reader compares "over 10,000 troops" with "tens of thousands of troops" and "thousands of
//! soldiers": three sources, three different claims about one quantity. To let the analysis do
//! the same, every figure is read into a [`Value`]: an amount or a range, a [`Bound`] (exact,
//! over, under, about, range), and what it counts (a unit noun, a currency, per cent). Number
//! words count ("twenty-six" is 26), scale words multiply ("¥10 billion" and "10 billion yuan"
//! are one amount), vague plurals become ranges ("tens of thousands" is 20,000–90,000), and
//! qualifiers set the bound ("over", "nearly", "about"). Dates are read as precisely as the
//! text gives them: a year, a month, a day.
//!
//! Extraction is purely lexical and deterministic, works on one paragraph's plain text, and
//! keeps each figure's exact words (a byte range of the text), so every claim built from it
//! can be cited to the words that state it.

use std::ops::Range;

use crate::text::calendar::month_number;

/// How an amount relates to the true figure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// The amount as stated.
    Exact,
    /// More than the amount ("over 10,000", "more than 20").
    Over,
    /// Less than the amount ("nearly 30", "up to 5").
    Under,
    /// Roughly the amount ("about 50", "some 300").
    About,
    /// Between `min` and `max` ("tens of thousands", "10 to 12").
    Range,
}

/// What a figure counts.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Unit {
    /// Money, by ISO 4217 code (`CNY`, `USD`, `EUR`, `RUB`, `GBP`, `KRW`, `JPY`).
    Currency(String),
    /// A percentage.
    Percent,
    /// Years, months, days… as a duration ("a 14-year rule").
    Duration(String),
    /// A counted noun, singular and lowercase ("troop", "leader").
    Count(String),
    /// An anniversary by its ordinal ("the 80th anniversary"): the ordinal names the occasion,
    /// so two different ones are two occasions, never two figures for one.
    Anniversary,
}

/// A normalised figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    /// The amount (for a range, its lower end).
    pub amount: f64,
    /// For a range, its upper end.
    pub max: Option<f64>,
    /// How the amount relates to the true figure.
    pub bound: Bound,
    /// What it counts, when the text says.
    pub unit: Option<Unit>,
}

/// How precisely a date is known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `2019`.
    Year,
    /// `2024-06`.
    Month,
    /// `2025-09-03`.
    Day,
}

/// A date as precisely as the text gives it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month (1–12), when known.
    pub month: Option<u32>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u32>,
}

impl Date {
    /// A date; `day` counts only with a `month`.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Date {
        Date { year, month, day }
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// ISO 8601 as precise as known: `2019`, `2024-06`, `2025-09-03`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{:04}-{month:02}-{day:02}", self.year),
            (Some(month), None) => format!("{:04}-{month:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// What a figure is.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reading {
    /// A quantity.
    Quantity(Value),
    /// A date (a month and day without a year is left out: it needs the article's date).
    Date(Date),
    /// No figure: a sentence that reports a named event or state of affairs (its subject
    /// words and the gazetteer's names in it are what is compared).
    Event,
    /// No figure: a sentence that reports what someone said.
    Statement,
}

/// One figure found in a text: its exact words and what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The byte range of its words in the text.
    pub span: Range<usize>,
    /// What it says.
    pub reading: Reading,
}

/// A word of the text with its byte range; punctuation that ends a word is kept apart in
/// `trail` so phrases can stop at it.
#[derive(Debug, Clone)]
struct Word<'t> {
    text: &'t str,
    lower: String,
    span: Range<usize>,
    /// The word is followed by a comma, full stop, semicolon, colon, or closing bracket.
    stops: bool,
}

/// The words of `text` as the text layer reads them, each with its currency sign, percent
/// sign or possessive ending (`$10,000`, `60.5%`, `Korea’s`).
fn words(text: &str) -> Vec<Word<'_>> {
    crate::text::words(text)
        .iter()
        .map(|word| {
            let span = word.outer();
            let stops = text[span.end..].starts_with([
                '.', ',', '’', '\'', '-', ';', ':', ')', ']', '—', '–', '!', '?',
            ]);
            Word {
                text: &text[span.clone()],
                lower: text[span.clone()].to_lowercase(),
                span,
                stops,
            }
        })
        .collect()
}

/// Every figure in `text`, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let words = words(text);
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if let Some((figure, next)) = date_at(&words, at).or_else(|| quantity_at(&words, at)) {
            found.push(figure);
            at = next.max(at + 1);
        } else {
            at += 1;
        }
    }
    found
}

fn month(word: &str) -> Option<u32> {
    month_number(word.trim_end_matches('.'))
}

fn year(word: &str) -> Option<i32> {
    let digits = word.strip_suffix("s").unwrap_or(word);
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && digits == word)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1000..=2199).contains(y))
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date at word `at`: "3 September 2025", "September 3, 2025", "September 2025",
/// "in 2019". Returns the figure and the index of the word after it.
fn date_at(words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let span = |from: usize, to: usize| words[from].span.start..words[to - 1].span.end;
    let figure = |from, to, date: Date| {
        Some((
            Figure {
                span: span(from, to),
                reading: Reading::Date(date),
            },
            to,
        ))
    };
    let first = get(at)?;
    // "3 September 2025"
    if let (Some(d), Some(m)) = (day(first), get(at + 1).and_then(month)) {
        if let Some(y) = get(at + 2).and_then(year) {
            return figure(at, at + 3, Date::new(y, Some(m), Some(d)));
        }
    }
    if let Some(m) = month(first) {
        // Month names that are also words ("may", "march") only count next to a number.
        let capitalised = words[at].text.starts_with(|c: char| c.is_uppercase());
        if !capitalised {
            return None;
        }
        if let Some(d) = get(at + 1).and_then(day) {
            if let Some(y) = get(at + 2).and_then(year) {
                return figure(at, at + 3, Date::new(y, Some(m), Some(d)));
            }
            return None; // a day without a year needs the article's date
        }
        if let Some(y) = get(at + 1).and_then(year) {
            return figure(at, at + 2, Date::new(y, Some(m), None));
        }
        return None;
    }
    let y = year(first)?;
    // A number that reads as a year is one: news writes counts of that size with a comma
    // ("2,000 troops"). A qualified one is a quantity ("over 2000 troops"), read elsewhere.
    figure(at, at + 1, Date::new(y, None, None))
}

/// Whether a word after a number is what it counts rather than the next part of a sentence.
fn counted_noun(word: &str) -> bool {
    !FUNCTION_WORDS.contains(&word)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
        && month(word).is_none()
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "from", "by", "for",
    "with", "as", "that", "which", "who", "when", "while", "was", "were", "is", "are", "be",
    "been", "has", "had", "have", "will", "would", "it", "its", "this", "these", "those", "than",
    "after", "before", "since", "during", "into", "per", "each", "more", "less", "over", "under",
];

fn small_number(word: &str) -> Option<f64> {
    const ONES: [&str; 20] = [
        "zero",
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
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = ONES.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return Some((n as f64 + 2.0) * 10.0);
    }
    let (tens, ones) = word.split_once('-')?;
    let tens = TENS.iter().position(|w| *w == tens)? as f64;
    let ones = ONES[1..10].iter().position(|w| *w == ones)? as f64 + 1.0;
    Some((tens + 2.0) * 10.0 + ones)
}

fn scale(word: &str) -> Option<f64> {
    match word {
        "dozen" => Some(12.0),
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mn" | "m" => Some(1e6),
        "billion" | "bn" | "b" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

/// The plural scale words of vague amounts: "thousands" is 2,000–9,000.
fn plural_scale(word: &str) -> Option<f64> {
    match word {
        "dozens" => Some(12.0),
        "hundreds" => Some(1e2),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    }
}

fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "yuan" | "renminbi" | "rmb" | "cny" => "CNY",
        "dollar" | "dollars" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "ruble" | "rubles" | "rouble" | "roubles" | "rub" => "RUB",
        "pound" | "pounds" | "gbp" => "GBP",
        "won" | "krw" => "KRW",
        "yen" | "jpy" => "JPY",
        _ => return None,
    })
}

fn currency_sign(text: &str) -> Option<(&'static str, &str)> {
    for (sign, code) in [
        ("US$", "USD"),
        ("$", "USD"),
        ("¥", "CNY"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("₽", "RUB"),
        ("₩", "KRW"),
    ] {
        if let Some(rest) = text.strip_prefix(sign) {
            return Some((code, rest));
        }
    }
    None
}

fn duration_word(word: &str) -> Option<&'static str> {
    Some(match word.trim_end_matches('s') {
        "year" => "year",
        "month" => "month",
        "week" => "week",
        "day" => "day",
        "hour" => "hour",
        "minute" => "minute",
        "decade" => "decade",
        _ => return None,
    })
}

/// An ordinal: "80th", "1st", "eightieth", "tenth".
fn ordinal(word: &str) -> Option<f64> {
    let digits_part = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits_part.is_empty() && matches!(&word[digits_part.len()..], "st" | "nd" | "rd" | "th") {
        return digits_part.parse().ok();
    }
    const ORDINALS: [(&str, f64); 12] = [
        ("first", 1.0),
        ("second", 2.0),
        ("third", 3.0),
        ("fifth", 5.0),
        ("tenth", 10.0),
        ("twentieth", 20.0),
        ("thirtieth", 30.0),
        ("fortieth", 40.0),
        ("fiftieth", 50.0),
        ("sixtieth", 60.0),
        ("seventieth", 70.0),
        ("eightieth", 80.0),
    ];
    let (tens, ones) = match word.split_once('-') {
        Some((tens, ones)) => (small_number(tens)?, ones),
        None => (0.0, word),
    };
    ORDINALS
        .iter()
        .find(|(name, _)| *name == ones)
        .map(|(_, n)| tens + n)
}

/// A number written in digits: "10,000", "1.5", "26".
fn digits(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let plain: String = word
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    plain.parse().ok()
}

/// A quantity starting at word `at` (with the qualifier before it, if any).
fn quantity_at(words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    // The qualifier: "over", "more than", "nearly", "about", "at least", "up to".
    let (bound, start) = qualifier(words, at).unwrap_or((Bound::Exact, at));
    let mut i = start;
    let mut currency: Option<&str> = None;
    let first = words.get(i)?;
    let mut number_text = first.lower.as_str();
    if let Some((code, rest)) = currency_sign(first.text) {
        currency = Some(code);
        number_text = rest;
    }
    // A compound "14-year" is a number and its unit in one word.
    let (number_text, joined_unit) = match number_text.split_once('-') {
        Some((n, unit)) if digits(n).is_some() => (n, Some(unit)),
        _ => (number_text, None),
    };
    // "the 80th anniversary": eighty years since.
    if let (Some(n), Some("anniversary")) = (ordinal(number_text), get(i + 1)) {
        return Some((
            Figure {
                span: words[at].span.start..words[i + 1].span.end,
                reading: Reading::Quantity(Value {
                    amount: n,
                    max: None,
                    bound,
                    unit: Some(Unit::Anniversary),
                }),
            },
            i + 2,
        ));
    }
    let (mut amount, mut max, mut bound) = if let Some(n) = digits(number_text) {
        (n, None, bound)
    } else if let Some(n) = small_number(number_text) {
        (n, None, bound)
    } else if number_text == "a" && get(i + 1) == Some("dozen") {
        i += 1;
        (12.0, None, bound)
    } else if number_text == "tens" && get(i + 1) == Some("of") {
        // "tens of thousands": 20,000 to 90,000.
        let base = get(i + 2).and_then(plural_scale)?;
        i += 2;
        (base * 20.0, Some(base * 90.0), Bound::Range)
    } else if let Some(base) = plural_scale(number_text) {
        // "thousands of", "hundreds of thousands of".
        if get(i + 1) == Some("of") && get(i + 2).and_then(plural_scale).is_some() {
            let inner = get(i + 2).and_then(plural_scale)?;
            i += 2;
            (base * inner * 2.0, Some(base * inner * 9.0), Bound::Range)
        } else {
            (base * 2.0, Some(base * 9.0), Bound::Range)
        }
    } else {
        return None;
    };
    // A year is a date, not a quantity (see `date_at`).
    if joined_unit.is_none()
        && currency.is_none()
        && year(number_text).is_some()
        && bound == Bound::Exact
    {
        return None;
    }
    let number_only = words[i].text.contains(|c: char| c.is_ascii_digit())
        || small_number(&words[i].lower).is_some();
    i += 1;
    // Scale: "10 billion", "1.5 million".
    if max.is_none() && joined_unit.is_none() && !words[i - 1].stops {
        if let Some(factor) = get(i).and_then(scale) {
            amount *= factor;
            i += 1;
        }
    }
    // A range: "10 to 12", "10-12" is rare in news; "between 10 and 12" handled by the
    // qualifier "between".
    if bound == Bound::Range && max.is_none() {
        if let (Some("and" | "to"), Some(upper)) = (get(i), get(i + 1).and_then(digits)) {
            max = Some(upper);
            i += 2;
        } else {
            bound = Bound::Exact;
        }
    }
    let mut unit = None;
    if let Some(code) = currency {
        unit = Some(Unit::Currency(code.to_string()));
    } else if let Some(joined) = joined_unit {
        unit = match duration_word(joined) {
            Some(d) => Some(Unit::Duration(d.to_string())),
            None => (!joined.is_empty()).then(|| Unit::Count(singular(joined))),
        };
    } else if words[i - 1].text.ends_with('%') {
        unit = Some(Unit::Percent);
    } else if !words[i - 1].stops {
        match get(i) {
            Some("percent" | "per") => {
                unit = Some(Unit::Percent);
                i += if get(i) == Some("per") && get(i + 1) == Some("cent") {
                    2
                } else {
                    1
                };
            }
            Some(word) if currency_word(word).is_some() => {
                unit = currency_word(word).map(|c| Unit::Currency(c.to_string()));
                i += 1;
            }
            Some("of") if max.is_some() => {
                // "thousands of troops": what is counted follows "of".
                if let Some(noun) = unit_noun(words, i + 1) {
                    unit = Some(noun.0);
                    i = noun.1;
                }
            }
            Some(word) if duration_word(word).is_some() => {
                unit = duration_word(word).map(|d| Unit::Duration(d.to_string()));
                i += 1;
            }
            Some(_) => {
                if let Some(noun) = unit_noun(words, i) {
                    unit = Some(noun.0);
                    i = noun.1;
                }
            }
            None => {}
        }
    }
    // "One image", "one member": the word "one" is an article more often than a count.
    if words[start].lower == "one" && !matches!(unit, Some(Unit::Duration(_))) {
        return None;
    }
    // A bare small number word with nothing counted ("one of the…") is not a figure.
    if unit.is_none() && !number_only && max.is_none() {
        return None;
    }
    if unit.is_none() && max.is_none() && number_only && small_number(&words[start].lower).is_some()
    {
        return None;
    }
    let value = Value {
        amount,
        max,
        bound,
        unit,
    };
    Some((
        Figure {
            span: words[at].span.start..words[i - 1].span.end,
            reading: Reading::Quantity(value),
        },
        i,
    ))
}

/// The qualifier at word `at` and the word after it: "over", "more than", "nearly", …
fn qualifier(words: &[Word], at: usize) -> Option<(Bound, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let two = (get(at)?, get(at + 1).unwrap_or(""));
    let (bound, len) = match two {
        ("more" | "greater", "than") | ("at", "least") => (Bound::Over, 2),
        ("fewer" | "less", "than") | ("up", "to") => (Bound::Under, 2),
        ("over" | "above" | "exceeding", _) => (Bound::Over, 1),
        ("nearly" | "almost" | "under" | "below", _) => (Bound::Under, 1),
        ("about" | "around" | "approximately" | "roughly" | "some" | "circa", _) => {
            (Bound::About, 1)
        }
        ("an", "estimated") => (Bound::About, 2),
        ("between", _) => (Bound::Range, 1),
        _ => return None,
    };
    let next = get(at + len)?;
    let numeric = digits(
        next.trim_start_matches(|c: char| "¥$€£₽₩".contains(c))
            .trim_start_matches("us"),
    )
    .is_some()
        || small_number(next).is_some()
        || currency_sign(words[at + len].text).is_some()
        || next == "tens"
        || plural_scale(next).is_some();
    numeric.then_some((bound, at + len))
}

/// What a number counts: up to three words after it, ending before a function word or
/// punctuation; the last one, made singular, is the noun ("26 foreign leaders" → leader).
fn unit_noun(words: &[Word], at: usize) -> Option<(Unit, usize)> {
    // Adjectives may stand before the noun ("26 foreign leaders"); a counted noun is plural,
    // so the phrase ends at the first plural. Without one, the first word is the noun.
    let mut end = at;
    while end < words.len() && end < at + 3 && counted_noun(&words[end].lower) {
        end += 1;
        let word = &words[end - 1].lower;
        if words[end - 1].stops || plural(word) {
            break;
        }
    }
    if end == at {
        return None;
    }
    let last = &words[end - 1].lower;
    if end > at + 1 && !plural(last) {
        end = at + 1;
    }
    // "26 foreign heads of state": "heads of state" is one noun.
    let noun = &words[end - 1].lower;
    if noun == "heads" && words.get(end).is_some_and(|w| w.lower == "of") {
        if let Some(next) = words
            .get(end + 1)
            .filter(|w| w.lower == "state" || w.lower == "government")
        {
            return Some((Unit::Count(format!("head of {}", next.lower)), end + 2));
        }
    }
    Some((Unit::Count(singular(noun)), end))
}

/// Whether a lowercased word is part of how a number is written ("twenty", "billion",
/// "thousands", "dozen", "80th") or qualified ("over", "nearly", "about"): the frame of a claim
/// compares the other words of a figure, its modifiers ("foreign" leaders).
pub(crate) fn is_number_word(word: &str) -> bool {
    small_number(word).is_some()
        || scale(word).is_some()
        || plural_scale(word).is_some()
        || ordinal(word).is_some()
        || digits(word).is_some()
        || matches!(
            word,
            "a" | "an"
                | "of"
                | "dozen"
                | "dozens"
                | "tens"
                | "over"
                | "more"
                | "than"
                | "nearly"
                | "almost"
                | "about"
                | "around"
                | "some"
                | "roughly"
                | "least"
                | "at"
                | "up"
                | "to"
                | "under"
                | "fewer"
                | "less"
                | "between"
                | "and"
                | "approximately"
                | "estimated"
                | "per"
                | "cent"
                | "percent"
        )
}

/// Whether a word looks plural (ends in `s`, not `ss`).
fn plural(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("ss")
}

/// A plural noun made singular, crudely but consistently ("troops" → troop, "countries" →
/// country, "leaders" → leader).
fn singular(noun: &str) -> String {
    let noun = noun.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(stem) = noun.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if noun.ends_with("ss") || noun.ends_with("us") {
        return noun.to_string();
    }
    noun.strip_suffix('s').unwrap_or(noun).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(text: &str) -> Vec<(String, Value)> {
        figures(text)
            .into_iter()
            .filter_map(|f| match f.reading {
                Reading::Quantity(v) => Some((text[f.span].to_string(), v)),
                _ => None,
            })
            .collect()
    }

    fn dates(text: &str) -> Vec<(String, String)> {
        figures(text)
            .into_iter()
            .filter_map(|f| match f.reading {
                Reading::Date(d) => Some((text[f.span].to_string(), d.iso())),
                _ => None,
            })
            .collect()
    }

    fn count(noun: &str) -> Option<Unit> {
        Some(Unit::Count(noun.to_string()))
    }

    #[test]
    fn reads_counts_with_their_nouns_and_bounds() {
        let found = quantities("More than 10,000 troops marched, watched by 26 foreign leaders.");
        assert_eq!(found[0].0, "More than 10,000 troops");
        assert_eq!(found[0].1.amount, 10_000.0);
        assert_eq!(found[0].1.bound, Bound::Over);
        assert_eq!(found[0].1.unit, count("troop"));
        assert_eq!(found[1].0, "26 foreign leaders");
        assert_eq!(found[1].1.unit, count("leader"));
        assert_eq!(found[1].1.bound, Bound::Exact);
    }

    #[test]
    fn number_words_count() {
        let found = quantities("with twenty-six foreign heads of state present");
        assert_eq!(found[0].1.amount, 26.0);
        assert_eq!(found[0].1.unit, count("head of state"));
        assert_eq!(found[0].0, "twenty-six foreign heads of state");
    }

    #[test]
    fn vague_plurals_are_ranges() {
        let found = quantities("tens of thousands of soldiers and thousands of spectators");
        assert_eq!(found[0].1.bound, Bound::Range);
        assert_eq!(
            (found[0].1.amount, found[0].1.max),
            (20_000.0, Some(90_000.0))
        );
        assert_eq!(found[0].1.unit, count("soldier"));
        assert_eq!(
            (found[1].1.amount, found[1].1.max),
            (2_000.0, Some(9_000.0))
        );
        assert_eq!(found[1].1.unit, count("spectator"));
    }

    #[test]
    fn money_in_signs_and_words_is_one_amount() {
        let sign = quantities("a loan of ¥10 billion was agreed");
        let word = quantities("a loan of 10 billion yuan was agreed");
        assert_eq!(sign[0].1.amount, 1e10);
        assert_eq!(sign[0].1.unit, Some(Unit::Currency("CNY".into())));
        assert_eq!(sign[0].1, word[0].1);
        assert_eq!(sign[0].0, "¥10 billion");
        assert_eq!(word[0].0, "10 billion yuan");
    }

    #[test]
    fn percentages_durations_and_qualifiers() {
        let found = quantities("trade rose nearly 5% in his 14-year rule, about 30 percent of it");
        assert_eq!(found[0].1.bound, Bound::Under);
        assert_eq!(found[0].1.unit, Some(Unit::Percent));
        assert_eq!(found[1].1.unit, Some(Unit::Duration("year".into())));
        assert_eq!(found[1].1.amount, 14.0);
        assert_eq!(found[2].1.bound, Bound::About);
        assert_eq!(found[2].1.unit, Some(Unit::Percent));
    }

    #[test]
    fn dozens_scale_and_years_stay_dates() {
        let found = quantities("more than two dozen countries sent envoys");
        assert_eq!(found[0].1.amount, 24.0);
        assert_eq!(found[0].1.bound, Bound::Over);
        assert_eq!(
            dates("2025 sees a new order"),
            [("2025".to_string(), "2025".to_string())]
        );
        assert!(quantities("2025 sees a new order").is_empty());
    }

    #[test]
    fn anniversaries_are_counted_by_their_ordinal() {
        for text in [
            "the 80th anniversary of the end of the war",
            "its eightieth anniversary",
        ] {
            let found = quantities(text);
            assert_eq!(found[0].1.amount, 80.0, "{text}");
            assert_eq!(found[0].1.unit, Some(Unit::Anniversary));
        }
    }

    #[test]
    fn ordinary_words_are_not_figures() {
        assert!(quantities("one of the leaders said some of them may march").is_empty());
        assert!(dates("One may march in May").is_empty());
    }

    #[test]
    fn dates_as_precise_as_written() {
        assert_eq!(
            dates(
                "On 3 September 2025, after his visit in 2019 and talks in June 2024, and September 3, 2025."
            ),
            [
                ("3 September 2025".to_string(), "2025-09-03".to_string()),
                ("2019".to_string(), "2019".to_string()),
                ("June 2024".to_string(), "2024-06".to_string()),
                ("September 3, 2025".to_string(), "2025-09-03".to_string()),
            ]
        );
    }
}
