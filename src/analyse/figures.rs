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
    /// A speed, `km/h` or `mph` ("60 kilometers (37 miles) per hour" is one speed of 60 km/h:
    /// the bracketed conversion restates it, it is not a second distance).
    Speed(String),
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

/// What a figure is to the sentence that holds it. Only a [`Role::Stated`] date says that
/// something happened on that date, so only those make the timeline: "since 2015" measures from
/// 2015, "by 2030" is a target, "1937-1945" a period, "the largest since 1999" an opinion, and a
/// dateline or a "Published:" line dates the article, not an event. The value is read all the
/// same (a discrepancy over "since 2019" still counts), so the role rides beside it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// As stated: for a date, something happened (or happens) then.
    #[default]
    Stated,
    /// A point other things are measured from or to: "since 2015", "by 2030", "until 2024",
    /// "before 2020".
    Reference,
    /// A period from the date to `until`: "1937-1945", "between 1937 and 1945",
    /// "FY2022/23", "2022-23".
    Period {
        /// The period's last year (or day), as precisely as written.
        until: Date,
    },
    /// A date inside a comparison or an opinion, or naming a thing rather than dating an
    /// event: "as in 2019", "than in 2020", "2025 sees…", "this 2025 parade".
    Aside,
    /// A date of the article itself: a dateline ("BEIJING, Sept 3 (Reuters) -"), a byline,
    /// a "Published:", "Updated:" or "Date:" line, a photo credit.
    Metadata,
}

impl Role {
    /// Whether a date in this role is something that happened then: what the timeline lists.
    pub fn is_event(&self) -> bool {
        matches!(self, Role::Stated)
    }

    /// The name `briefing.json` uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Stated => "stated",
            Role::Reference => "reference",
            Role::Period { .. } => "period",
            Role::Aside => "aside",
            Role::Metadata => "metadata",
        }
    }
}

/// Why a figure, read right, is still not worth a reader's attention. A bottom line or a
/// ranking skips trivial figures; they stay in the analysis (and `briefing.json`) because they
/// are what the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trivial {
    /// A number with nothing counted ("rose to 30").
    Uncounted,
    /// A time of day ("11:30 GMT", "3 p.m."): when a statement was made, not a figure of the
    /// story.
    TimeOfDay,
    /// A count that only introduces a list ("Three implications follow.", "five core
    /// principles: …"): the list's items are the content.
    ListOpener,
    /// A vague duration standing alone ("about two months", "nearly a week"): it measures
    /// nothing the sentence names.
    LoneDuration,
}

impl Trivial {
    /// The name `briefing.json` uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            Trivial::Uncounted => "uncounted",
            Trivial::TimeOfDay => "time-of-day",
            Trivial::ListOpener => "list-opener",
            Trivial::LoneDuration => "lone-duration",
        }
    }
}

/// One figure found in a text: its exact words and what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The byte range of its words in the text.
    pub span: Range<usize>,
    /// What it says.
    pub reading: Reading,
    /// What it is to its sentence (see [`Role`]): only a stated date is an event.
    pub role: Role,
    /// Why it is not worth a reader's attention, when it is not (see [`Trivial`]).
    pub trivial: Option<Trivial>,
}

impl Figure {
    fn new(span: Range<usize>, reading: Reading) -> Figure {
        Figure {
            span,
            reading,
            role: Role::Stated,
            trivial: None,
        }
    }

    /// Whether the figure is trivial: a bottom line or a ranking should skip it.
    pub fn is_trivial(&self) -> bool {
        self.trivial.is_some()
    }
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

/// Every figure in `text`, in order, each with its [`Role`] and, when it has one, the reason it
/// is [`Trivial`].
pub fn figures(text: &str) -> Vec<Figure> {
    let words = words(text);
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if let Some((mut figure, next)) =
            date_at(text, &words, at).or_else(|| quantity_at(text, &words, at))
        {
            // A period stays one unless it dates the article; any other date takes the role
            // its words give it.
            let role = role_of(text, figure.span.clone());
            if role == Role::Metadata
                || (figure.role == Role::Stated && matches!(figure.reading, Reading::Date(_)))
            {
                figure.role = role;
            }
            if figure.trivial.is_none() {
                figure.trivial = trivial(text, &figure);
            }
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
/// "in 2019", "2025-09-03", or a period of years ("1937-1945", "FY2022/23"). Returns the
/// figure and the index of the word after it.
fn date_at(text: &str, words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let span = |from: usize, to: usize| words[from].span.start..words[to - 1].span.end;
    let figure =
        |from, to, date: Date| Some((Figure::new(span(from, to), Reading::Date(date)), to));
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
    if let Some(date) = iso_date(first) {
        return figure(at, at + 1, date);
    }
    if let Some(period) = period_at(text, words, at) {
        return Some(period);
    }
    let y = year(first)?;
    // A number that reads as a year is one: news writes counts of that size with a comma
    // ("2,000 troops"). A qualified one is a quantity ("over 2000 troops"), read elsewhere.
    figure(at, at + 1, Date::new(y, None, None))
}

/// `2025-09-03`, as metadata lines and some wires write dates. Only with its day: "2010-12"
/// in prose is a period of years.
fn iso_date(word: &str) -> Option<Date> {
    let mut parts = word.split('-');
    let y = year(parts.next()?)?;
    let m: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let d: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(Date::new(y, Some(m), Some(d)))
}

/// A period of years at word `at`: two years joined by a hyphen, a dash, a slash or "to"
/// ("1937-1945", "1937–45", "2022/23", "1937 to 1945"), "between 1937 and 1945", or a fiscal
/// year ("FY2022/2023", "FY2022"). One period, never two dates nor a count of a unit "1945".
fn period_at(text: &str, words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let lower = words[at].lower.as_str();
    let fiscal = lower.strip_prefix("fy");
    let lower = fiscal.unwrap_or(lower);
    let period = |from: i32, until: i32, to: usize| {
        let span = words[at].span.start..words[to - 1].span.end;
        let mut figure = Figure::new(span, Reading::Date(Date::new(from, None, None)));
        figure.role = Role::Period {
            until: Date::new(until, None, None),
        };
        Some((figure, to))
    };
    // "1937-1945", "2022-23", "FY2022-23" in one word.
    if let Some((a, b)) = lower.split_once('-') {
        let from = year(a)?;
        return period(from, end_year(from, b)?, at + 1);
    }
    let from = year(lower)?;
    let next = words.get(at + 1);
    let gap = next.map_or("", |w| text[words[at].span.end..w.span.start].trim());
    let joined = matches!(gap, "/" | "-" | "–" | "—");
    let between = at > 0 && words[at - 1].lower == "between";
    if let Some(next) = next {
        if joined {
            if let Some(until) = end_year(from, &next.lower) {
                return period(from, until, at + 2);
            }
        }
        let word = next.lower.as_str();
        if gap.is_empty() && (word == "to" || (between && word == "and")) {
            if let Some(until) = words.get(at + 2).and_then(|w| end_year(from, &w.lower)) {
                return period(from, until, at + 3);
            }
        }
    }
    // "FY2022" alone names one fiscal year.
    fiscal.and_then(|_| period(from, from, at + 1))
}

/// The last year of a period that starts in `from`, written in full ("1945") or by its last
/// two digits ("45", "23"): later than `from` and within a century of it.
fn end_year(from: i32, word: &str) -> Option<i32> {
    if let Some(until) = year(word) {
        return (from < until && until - from <= 100).then_some(until);
    }
    if word.len() != 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let two: i32 = word.parse().ok()?;
    let century = from - from.rem_euclid(100);
    let until = if two > from.rem_euclid(100) {
        century + two
    } else {
        century + 100 + two
    };
    // "1999/00" wraps into the next century; "2022/19" is no period.
    (until - from <= 1 || two > from.rem_euclid(100)).then_some(until)
}

/// What the words around a figure at `span` of `text` make of a date (see [`Role`]): a
/// metadata line or a dateline, a reference point ("since", "by", "until", "before"), an
/// aside (a comparison, a year as a sentence's subject or naming a thing), or as stated.
/// Works on the text, not on one tokeniser's words, so relative dates use it too.
pub(crate) fn role_of(text: &str, span: Range<usize>) -> Role {
    if is_metadata(text, span.clone()) {
        return Role::Metadata;
    }
    let before = words_before(text, span.start);
    let previous = before.first().map(String::as_str).unwrap_or("");
    let two = before.get(1).map(String::as_str).unwrap_or("");
    const REFERENCE: &[&str] = &[
        "since", "by", "until", "till", "before", "after", "through", "from", "ahead", "pre",
    ];
    // "since late 2023", "by early 2026": a part of the year between the word and the year.
    let part = matches!(
        previous,
        "late" | "early" | "mid" | "end" | "start" | "beginning"
    );
    if REFERENCE.contains(&previous)
        || matches!(previous, "throughout" | "into")
        || (part && (REFERENCE.contains(&two) || two == "of"))
        || (previous == "to" && matches!(two, "prior" | "up"))
    {
        return Role::Reference;
    }
    // "third quarter 2025", "full-year 2025", "fiscal 2025", "Q3 2025": a reporting period
    // named, not a day something happened.
    let period = |word: &str| {
        matches!(
            word,
            "quarter"
                | "half"
                | "full-year"
                | "fiscal"
                | "year"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "h1"
                | "h2"
                | "period"
        )
    };
    // "the third quarter of 2025", "the same period in 2024": a period as well.
    if period(previous) || (matches!(previous, "of" | "in") && period(two)) {
        return Role::Aside;
    }
    let compared = matches!(previous, "than" | "versus" | "vs" | "like")
        || (matches!(previous, "in" | "of" | "to" | "with")
            && matches!(two, "as" | "than" | "like" | "unlike" | "compared"))
        || (previous == "with" && two == "compared");
    if compared {
        return Role::Aside;
    }
    // "this 2025 parade": a year after a demonstrative names the thing talked about.
    let year_only = text[span.clone()].len() == 4;
    if year_only && matches!(previous, "this" | "that") {
        return Role::Aside;
    }
    // "2025 sees unprecedented integration": a year as a sentence's subject is characterised,
    // not dated.
    let next = text[span.end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let subject = before.is_empty()
        && matches!(
            next.as_str(),
            "sees"
                | "saw"
                | "marks"
                | "marked"
                | "is"
                | "was"
                | "will"
                | "brings"
                | "brought"
                | "promises"
                | "proved"
        );
    if year_only && subject {
        return Role::Aside;
    }
    Role::Stated
}

/// Up to two words before `at`, nearest first, lowercased and without punctuation; none past
/// a sentence's or a clause's end (a full stop, a colon, a dash, an opening bracket or quote).
fn words_before(text: &str, at: usize) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text[..at].split_whitespace().rev() {
        if out.len() == 2 {
            break;
        }
        // "Yes—2025": the dash ends the clause the date opens.
        let (raw, cut) = match raw.rsplit_once(['—', '–']) {
            Some((_, after)) => (after, true),
            None => (raw, false),
        };
        if raw.ends_with(['.', ':', ';', '!', '?']) {
            break;
        }
        let word: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if word.is_empty() {
            break;
        }
        out.push(word);
        if cut || raw.starts_with(['(', '“', '"', '‘']) {
            break;
        }
    }
    out
}

/// Labels that open a line of an article's metadata rather than of its story.
const METADATA_LABELS: &[&str] = &[
    "published",
    "updated",
    "last updated",
    "first published",
    "posted",
    "date",
    "dated",
    "photo",
    "photos",
    "photograph",
    "image",
    "picture",
    "credit",
    "file photo",
    "source",
];

/// Words in a short sentence that make it a photo credit.
const CREDIT_MARKS: &[&str] = &["photo:", "(photo", "photo by", "getty images", "file photo"];

/// Whether the figure at `span` belongs to the article's metadata: a line that opens with a
/// label ("Published:", "Updated", "Date:", "Photo:"), a byline ("By Jane Doe, September 3,
/// 2025"), a photo credit, or a dateline ("BEIJING, Sept 3 (Reuters) -"). Ingest strips most
/// of these; a paragraph that still holds one must not date an event.
pub(crate) fn is_metadata(text: &str, span: Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line = text[line_start..line_end].trim_start();
    let lower = line.to_lowercase();
    let short = line.split_whitespace().count() <= 25;
    let labelled = METADATA_LABELS.iter().any(|label| {
        lower
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with([':', ' ', '|']))
    });
    if short && labelled {
        return true;
    }
    // A byline: "By" and a capitalised name (not "By September…", a deadline).
    if short {
        let mut tokens = line.split_whitespace();
        if tokens.next() == Some("By") {
            let name = tokens.next().unwrap_or("");
            let bare = name
                .trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase();
            if name.starts_with(char::is_uppercase) && month_number(&bare).is_none() {
                return true;
            }
        }
        if CREDIT_MARKS.iter().any(|mark| lower.contains(mark)) {
            return true;
        }
    }
    dateline_holds(
        line,
        span.start
            .saturating_sub(line_start + (text[line_start..].len() - line.len())),
    )
}

/// Whether byte `at` of `line` lies in a dateline at its start: a place in capitals, then
/// (within the first 80 bytes) a dash or an agency in brackets before the story begins.
fn dateline_holds(line: &str, at: usize) -> bool {
    let first = line.split([',', ' ']).next().unwrap_or("");
    let place = first.len() >= 3 && first.chars().all(|c| c.is_uppercase() || c == '.');
    if !place {
        // "Bangkok, Mar 29 (AP) The death toll…": a place in title case, a comma, and an
        // agency in brackets soon after is a dateline too.
        let titled = first.len() >= 3
            && first.starts_with(char::is_uppercase)
            && line[first.len()..].starts_with(',');
        let mut head = line.len().min(60);
        while !line.is_char_boundary(head) {
            head -= 1;
        }
        let agency = line[..head].find(" (").and_then(|open| {
            let inner = &line[open + 2..];
            let close = inner.find(')')?;
            let name = &inner[..close];
            (name.len() >= 2
                && name.len() <= 12
                && name.chars().all(|c| c.is_uppercase() || c == '-'))
            .then_some(open + 2 + close + 1)
        });
        return titled && agency.is_some_and(|end| at < end);
    }
    let head = &line[..line.len().min(100)];
    let head = &head[..(0..=head.len())
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0)];
    let end = [" - ", " — ", " – ", "—", ") -", ")-"]
        .iter()
        .filter_map(|dash| head.find(dash))
        .min();
    end.is_some_and(|end| at < end)
}

/// Why a figure is trivial, from its reading and its sentence (see [`Trivial`]).
fn trivial(text: &str, figure: &Figure) -> Option<Trivial> {
    let Reading::Quantity(value) = &figure.reading else {
        return None;
    };
    let sentence = sentence_of(text, figure.span.clone());
    let rest = &text[figure.span.end..sentence.end];
    match &value.unit {
        None => Some(Trivial::Uncounted),
        Some(Unit::Count(noun)) if LIST_NOUNS.contains(&noun.as_str()) => {
            // "Three implications follow." "five core principles: sovereign equality, …"
            let introduces = rest.trim_start().starts_with(':')
                || text[sentence.clone()].split_whitespace().count() <= 5
                || rest
                    .trim()
                    .trim_end_matches(['.', ':'])
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| matches!(w, "follow" | "follows" | "stand" | "emerge"));
            introduces.then_some(Trivial::ListOpener)
        }
        Some(Unit::Duration(_)) if matches!(value.bound, Bound::About | Bound::Under) => {
            let next = rest
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let measures = matches!(
                next.as_str(),
                "of" | "ago" | "since" | "after" | "before" | "later" | "earlier" | "old"
            );
            (!measures).then_some(Trivial::LoneDuration)
        }
        _ => None,
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline_holds;

    #[test]
    fn a_title_case_place_with_an_agency_is_a_dateline() {
        let line = "Bangkok, Mar 29 (AP) The death toll rose on March 29.";
        assert!(dateline_holds(line, line.find("Mar 29").unwrap()));
        assert!(!dateline_holds(line, line.rfind("March 29").unwrap()));
        let story = "Beijing, the capital (and seat of government), said on March 29 it agreed.";
        assert!(!dateline_holds(story, story.find("March 29").unwrap()));
        // A multi-byte character where the head is cut is no fault.
        let curly = "Tiananmen, the square of Xi Jinping and China’s capital’s sights, 2025 (AP)";
        assert!(!dateline_holds(curly, curly.find("2025").unwrap()));
    }
}

/// Nouns that count the parts of an argument rather than things in the world.
const LIST_NOUNS: &[&str] = &[
    "implication",
    "reason",
    "point",
    "lesson",
    "question",
    "takeaway",
    "thing",
    "way",
    "factor",
    "issue",
    "scenario",
    "option",
    "step",
    "consideration",
    "observation",
    "conclusion",
    "principle",
    "area",
    "element",
    "pillar",
    "priority",
    "aspect",
    "theme",
    "goal",
    "trend",
    "pillar",
    "key",
];

/// The byte range of the sentence around `span`: from after the last full stop, question or
/// exclamation mark before it to the next one after it.
fn sentence_of(text: &str, span: Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '.' | '?' | '!');
    let start = text[..span.start]
        .rfind(|c: char| ends(c))
        .map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find(|c: char| ends(c))
        .map_or(text.len(), |i| span.end + i + 1);
    start..end
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
fn quantity_at(text: &str, words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    if let Some(time) = time_of_day(text, words, at) {
        return Some(time);
    }
    // The qualifier: "over", "more than", "nearly", "about", "at least", "up to".
    let (bound, start) = qualifier(words, at).unwrap_or((Bound::Exact, at));
    // "between 1937 and 1945" is a period, read as a date.
    if bound == Bound::Range && period_at(text, words, start).is_some() {
        return None;
    }
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
            Figure::new(
                words[at].span.start..words[i + 1].span.end,
                Reading::Quantity(Value {
                    amount: n,
                    max: None,
                    bound,
                    unit: Some(Unit::Anniversary),
                }),
            ),
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
    // "60 kilometers (37 miles)", "10 billion yuan ($1.4 billion)": the bracket restates the
    // figure in other units; its words belong to this figure, never to a second one.
    let mut closed = None;
    if unit.as_ref().is_some_and(measured) {
        if let Some((end, after)) = conversion(text, words, i) {
            i = end;
            closed = Some(after);
        }
    }
    if let Some((speed, end)) = speed(text, words, i, unit.as_ref(), closed.is_some()) {
        unit = Some(speed);
        if end > i {
            closed = None;
        }
        i = end;
    }
    // "10 billion yuan in loans over three years": "over" before a duration that follows a
    // verb or an amount spreads something across it; the duration is exact. Only words that
    // make the duration itself the bound keep "more than" ("for over three years", "over
    // three years of war", "over three years ago").
    let mut from = at;
    if bound == Bound::Over
        && words[at].lower == "over"
        && matches!(unit, Some(Unit::Duration(_)))
        && !duration_bounded(words, at, i)
    {
        bound = Bound::Exact;
        from = start;
    }
    let value = Value {
        amount,
        max,
        bound,
        unit,
    };
    Some((
        Figure::new(
            words[from].span.start..closed.unwrap_or(words[i - 1].span.end),
            Reading::Quantity(value),
        ),
        i,
    ))
}

/// Whether "over" before the duration from word `at` (the "over") to `end` bounds the
/// duration: after "for", "of", "in" or a verb of lasting, or before "of", "ago", "old",
/// "later", "earlier" or "since".
fn duration_bounded(words: &[Word], at: usize, end: usize) -> bool {
    const BEFORE: &[&str] = &[
        "for", "of", "in", "lasted", "lasting", "lasts", "took", "taken", "takes", "spent", "been",
        "after", "than",
    ];
    const AFTER: &[&str] = &["of", "ago", "old", "later", "earlier", "since", "long"];
    let before = at
        .checked_sub(1)
        .map(|k| &words[k])
        .filter(|w| !w.stops)
        .is_some_and(|w| BEFORE.contains(&w.lower.as_str()));
    let after = !words[end - 1].stops
        && words
            .get(end)
            .is_some_and(|w| AFTER.contains(&w.lower.as_str()));
    before || after
}

/// Whether a unit is one a bracketed conversion may restate: money, or a measure.
fn measured(unit: &Unit) -> bool {
    match unit {
        Unit::Currency(_) => true,
        Unit::Count(noun) => MEASURES.contains(&noun.as_str()),
        _ => false,
    }
}

/// Nouns of measure, singular, as [`singular`] makes them.
const MEASURES: &[&str] = &[
    "kilometer",
    "kilometre",
    "km",
    "mile",
    "meter",
    "metre",
    "foot",
    "feet",
    "ton",
    "tonne",
    "kilogram",
    "kg",
    "pound",
    "lb",
    "yard",
    "nautical mile",
    "knot",
];

/// The word after a bracketed restatement that opens at word `at` ("(37 miles)"), a quantity
/// alone in its brackets, and the byte after its closing bracket.
fn conversion(text: &str, words: &[Word], at: usize) -> Option<(usize, usize)> {
    let opening = text[words[at - 1].span.end..words.get(at)?.span.start].trim();
    if opening != "(" {
        return None;
    }
    let (_, end) = quantity_at(text, words, at)?;
    let after = words[end - 1].span.end;
    let closing = text[after..].trim_start();
    let at_bracket = after + (text[after..].len() - closing.len());
    closing.starts_with(')').then_some((end, at_bracket + 1))
}

/// A speed made of the distance just read (`unit`) and the words from `at`: "per hour", "an
/// hour", "/h"; or a speed unit word ("mph", "km/h"). Returns the speed's unit and the word
/// after it. `bracketed`: the distance was just restated in brackets, which end its words but
/// not the figure.
fn speed(
    text: &str,
    words: &[Word],
    at: usize,
    unit: Option<&Unit>,
    bracketed: bool,
) -> Option<(Unit, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let per_hour = || match (get(at), get(at + 1)) {
        (Some("per" | "an" | "a"), Some("hour")) => Some(at + 2),
        _ => None,
    };
    let distance = match unit? {
        Unit::Count(noun) => noun.as_str(),
        _ => return None,
    };
    if words[at - 1].stops && !bracketed {
        return None; // "(37 miles) per hour": the speed belongs to the figure outside
    }
    let speed = |name: &str| Unit::Speed(name.to_string());
    match distance {
        "mph" => Some((speed("mph"), at)),
        "kph" | "km/h" => Some((speed("km/h"), at)),
        "kilometer" | "kilometre" | "km" => {
            let slash = words.get(at).is_some_and(|w| {
                &text[words[at - 1].span.end..w.span.start] == "/" && w.lower == "h"
            });
            let end = if slash { Some(at + 1) } else { per_hour() };
            end.map(|end| (speed("km/h"), end))
        }
        "mile" => per_hour().map(|end| (speed("mph"), end)),
        _ => None,
    }
}

/// A time of day at word `at`: "11:30", "11:30 GMT", "3 p.m.", "10 am". Read so its numbers
/// are not counts of a unit "GMT"; nothing is counted, and it is [`Trivial::TimeOfDay`].
fn time_of_day(text: &str, words: &[Word], at: usize) -> Option<(Figure, usize)> {
    let get = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let hour: f64 = get(at)
        .filter(|w| (1..=2).contains(&w.len()))?
        .parse()
        .ok()
        .filter(|h| *h <= 24.0)?;
    let mut end = at + 1;
    let mut minutes = 0.0;
    let clock = words.get(at + 1).is_some_and(|w| {
        &text[words[at].span.end..w.span.start] == ":"
            && w.lower.len() == 2
            && w.lower.bytes().all(|b| b.is_ascii_digit())
    });
    if clock {
        minutes = get(at + 1)?.parse().ok()?;
        end += 1;
    }
    let zone = match (get(end), get(end + 1)) {
        (Some("local"), Some("time")) => 2,
        (
            Some(
                "gmt" | "utc" | "bst" | "cet" | "est" | "edt" | "et" | "jst" | "kst" | "am" | "pm"
                | "a.m" | "p.m",
            ),
            _,
        ) => 1,
        _ => 0,
    };
    if !clock && zone == 0 {
        return None;
    }
    end += zone;
    let mut figure = Figure::new(
        words[at].span.start..words[end - 1].span.end,
        Reading::Quantity(Value {
            amount: hour + minutes / 60.0,
            max: None,
            bound: Bound::Exact,
            unit: None,
        }),
    );
    figure.trivial = Some(Trivial::TimeOfDay);
    Some((figure, end))
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
pub(crate) fn singular(noun: &str) -> String {
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

    /// What one figure reads as, for the table below: its words, its value in short, its
    /// role and whether it is trivial.
    fn read(text: &str) -> Vec<(String, String, &'static str, Option<Trivial>)> {
        figures(text)
            .into_iter()
            .map(|f| {
                let value = match (&f.reading, f.role) {
                    (Reading::Date(d), Role::Period { until }) => {
                        format!("{}..{}", d.iso(), until.iso())
                    }
                    (Reading::Date(d), _) => d.iso(),
                    (Reading::Quantity(v), _) => format!(
                        "{:?} {} {:?}",
                        v.bound,
                        v.amount,
                        v.unit.as_ref().map(|u| match u {
                            Unit::Count(n) | Unit::Duration(n) | Unit::Speed(n) => n.clone(),
                            Unit::Currency(c) => c.clone(),
                            Unit::Percent => "%".into(),
                            Unit::Anniversary => "anniversary".into(),
                        })
                    ),
                    _ => String::new(),
                };
                (text[f.span].to_string(), value, f.role.as_str(), f.trivial)
            })
            .collect()
    }

    #[test]
    fn misreadings_found_by_the_analyst_read_right() {
        type Row = (&'static str, &'static str, &'static str, Option<Trivial>);
        let cases: &[(&str, &[Row])] = &[
            // A span, not a bound: the loans are spread over exactly three years.
            (
                "Beijing promised 10 billion yuan in loans over three years.",
                &[
                    (
                        "10 billion yuan",
                        "Exact 10000000000 Some(\"CNY\")",
                        "stated",
                        None,
                    ),
                    ("three years", "Exact 3 Some(\"year\")", "stated", None),
                ],
            ),
            (
                "The war has raged for over three years.",
                &[("over three years", "Over 3 Some(\"year\")", "stated", None)],
            ),
            (
                "After over three years of war, talks resumed.",
                &[("over three years", "Over 3 Some(\"year\")", "stated", None)],
            ),
            (
                "It had ended more than three years ago.",
                &[(
                    "more than three years",
                    "Over 3 Some(\"year\")",
                    "stated",
                    None,
                )],
            ),
            // One speed, its conversion kept in its words.
            (
                "The train travels at just 60 kilometers (37 miles) per hour.",
                &[(
                    "60 kilometers (37 miles) per hour",
                    "Exact 60 Some(\"km/h\")",
                    "stated",
                    None,
                )],
            ),
            (
                "It can reach 80 km/h on flat ground.",
                &[("80 km/h", "Exact 80 Some(\"km/h\")", "stated", None)],
            ),
            (
                "The convoy kept to 30 miles an hour.",
                &[("30 miles an hour", "Exact 30 Some(\"mph\")", "stated", None)],
            ),
            (
                "The bridge is 60 kilometers (37 miles) long.",
                &[(
                    "60 kilometers (37 miles)",
                    "Exact 60 Some(\"kilometer\")",
                    "stated",
                    None,
                )],
            ),
            (
                "a fund of 10 billion yuan ($1.4 billion) for the region",
                &[(
                    "10 billion yuan ($1.4 billion)",
                    "Exact 10000000000 Some(\"CNY\")",
                    "stated",
                    None,
                )],
            ),
            // Year ranges and fiscal years are one period each.
            (
                "the war of resistance, 1937-1945, ended",
                &[("1937-1945", "1937..1945", "period", None)],
            ),
            (
                "the war of 1937–1945 ended",
                &[("1937–1945", "1937..1945", "period", None)],
            ),
            (
                "fought from 1937 to 1945",
                &[("1937 to 1945", "1937..1945", "period", None)],
            ),
            (
                "fought between 1937 and 1945",
                &[("1937 and 1945", "1937..1945", "period", None)],
            ),
            (
                "Revenue for FY2022/2023 rose 5%.",
                &[
                    ("FY2022/2023", "2022..2023", "period", None),
                    ("5%", "Exact 5 Some(\"%\")", "stated", None),
                ],
            ),
            (
                "in 2022/23 the budget",
                &[("2022/23", "2022..2023", "period", None)],
            ),
            (
                "in 2022-23 the budget",
                &[("2022-23", "2022..2023", "period", None)],
            ),
            (
                "visits in 2019 and 2024",
                &[
                    ("2019", "2019", "stated", None),
                    ("2024", "2024", "stated", None),
                ],
            ),
            // Reference points are not events.
            (
                "sanctions in place since 2015",
                &[("2015", "2015", "reference", None)],
            ),
            ("neutral by 2030", &[("2030", "2030", "reference", None)]),
            ("valid until 2024", &[("2024", "2024", "reference", None)]),
            ("built before 2020", &[("2020", "2020", "reference", None)]),
            (
                "his first trip since 2019—signals",
                &[("2019", "2019", "reference", None)],
            ),
            // Years in comparisons and opinions are asides.
            ("growth as in 2019", &[("2019", "2019", "aside", None)]),
            ("higher than in 2020", &[("2020", "2020", "aside", None)]),
            (
                "Yes—2025 sees a new order.",
                &[("2025", "2025", "aside", None)],
            ),
            (
                "This 2025 parade isn’t just spectacle.",
                &[("2025", "2025", "aside", None)],
            ),
            (
                "The pact was signed in June 2024.",
                &[("June 2024", "2024-06", "stated", None)],
            ),
            // The article's metadata dates no event.
            (
                "BEIJING, Sept 3, 2025 (Reuters) - Troops marched in 2025.",
                &[
                    ("Sept 3, 2025", "2025-09-03", "metadata", None),
                    ("2025", "2025", "stated", None),
                ],
            ),
            (
                "Published: September 3, 2025 Updated: September 4, 2025",
                &[
                    ("September 3, 2025", "2025-09-03", "metadata", None),
                    ("September 4, 2025", "2025-09-04", "metadata", None),
                ],
            ),
            (
                "Date: 2025-09-03",
                &[("2025-09-03", "2025-09-03", "metadata", None)],
            ),
            (
                "By Jane Doe, September 3, 2025",
                &[("September 3, 2025", "2025-09-03", "metadata", None)],
            ),
            (
                "Photo: Reuters/Tingshu Wang, 3 September 2025",
                &[("3 September 2025", "2025-09-03", "metadata", None)],
            ),
            (
                "By 2030, China aims to lead.",
                &[("2030", "2030", "reference", None)],
            ),
            // Trivial figures.
            (
                "He spoke at 11:30 GMT.",
                &[(
                    "11:30 GMT",
                    "Exact 11.5 None",
                    "stated",
                    Some(Trivial::TimeOfDay),
                )],
            ),
            (
                "Three implications follow.",
                &[(
                    "Three implications",
                    "Exact 3 Some(\"implication\")",
                    "stated",
                    Some(Trivial::ListOpener),
                )],
            ),
            (
                "The plan rests on five core principles: equality, law and trust.",
                &[(
                    "five core principles",
                    "Exact 5 Some(\"principle\")",
                    "stated",
                    Some(Trivial::ListOpener),
                )],
            ),
            (
                "The talks lasted about two months.",
                &[(
                    "about two months",
                    "About 2 Some(\"month\")",
                    "stated",
                    Some(Trivial::LoneDuration),
                )],
            ),
            (
                "The index rose to 30 on Monday.",
                &[("30", "Exact 30 None", "stated", Some(Trivial::Uncounted))],
            ),
            (
                "More than 10,000 troops marched.",
                &[(
                    "More than 10,000 troops",
                    "Over 10000 Some(\"troop\")",
                    "stated",
                    None,
                )],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want
                .iter()
                .map(|(w, v, r, t)| (w.to_string(), v.to_string(), *r, *t))
                .collect();
            assert_eq!(read(text), want, "{text}");
        }
    }
}
