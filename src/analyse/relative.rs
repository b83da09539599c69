//! Dates a text gives relative to when it was written: "on Wednesday", "yesterday", "this
//! year", "September 3" without a year. They are resolved against the article's publication date, and only when that date is
//! known to the day; every date found here is an inference, and the timeline says so.
//!
//! A bare weekday in news copy is the most recent such day (the article reports what
//! happened); "next Monday" is the following one. A weekday that is the publication day
//! itself is that day.
//!
//! Words inside a quotation (or a speech in the first person: "Therefore, today I am
//! announcing…") are the speaker's: their "today" is the day of the speech, which is not the
//! article's. They are resolved against the day the sentence gives the speech ("…,” Xi said
//! on Wednesday" → that Wednesday), and without one give no date. "Today's order" is the
//! present, not a day.

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::figures::Date;
use crate::text::calendar::{month_number, weekday};

/// The relative dates of `text`, with their words' byte ranges, resolved against `published`;
/// a speaker's are resolved against the day of the speech, or not at all (see the module).
pub fn relative_dates(text: &str, published: NaiveDate) -> Vec<(Range<usize>, Date)> {
    let quoted = quotations(text);
    let sentences = crate::text::sentences(text);
    let sentence_of = |at: usize| {
        sentences
            .iter()
            .find(|s| s.start <= at && at < s.end)
            .cloned()
            .unwrap_or(0..text.len())
    };
    let in_quote = |span: &Range<usize>| {
        quoted
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end)
    };
    let mut found: Vec<(Range<usize>, Date)> = Vec::new();
    let mut speeches: Vec<Range<usize>> = Vec::new();
    for (span, date) in resolve(text, published) {
        if in_quote(&span) || present(text, &span) {
            continue;
        }
        let sentence = sentence_of(span.start);
        // The narrator's words of the sentence: a quotation's "we" is the speaker's.
        let narrated: String = text[sentence.clone()]
            .char_indices()
            .map(|(k, c)| {
                if in_quote(&(sentence.start + k..sentence.start + k)) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if first_person(&narrated) {
            speeches.push(sentence);
            continue;
        }
        found.push((span, date));
    }
    // The day a sentence gives the speech it quotes: a day found outside the speaker's words,
    // relative ("said on Wednesday") or written out ("said on September 3, 2025").
    let speech_day = |sentence: &Range<usize>, speech: &Range<usize>| -> Option<NaiveDate> {
        let outside = |span: &Range<usize>| span.end <= speech.start || speech.end <= span.start;
        let relative = found
            .iter()
            .filter(|(span, _)| sentence.start <= span.start && span.end <= sentence.end)
            .filter(|(span, _)| outside(span))
            .map(|(_, date)| *date);
        let written = super::figures::figures(&text[sentence.clone()])
            .into_iter()
            .filter(|f| outside(&(f.span.start + sentence.start..f.span.end + sentence.start)))
            .filter_map(|f| match f.reading {
                super::figures::Reading::Date(date) => Some(date),
                _ => None,
            });
        relative
            .chain(written)
            .find_map(|date| NaiveDate::from_ymd_opt(date.year, date.month?, date.day?))
    };
    let mut spoken = Vec::new();
    let speakers = quoted
        .iter()
        .map(|q| (sentence_of(q.start), q.clone()))
        .chain(speeches.into_iter().map(|s| (s.clone(), s)));
    for (sentence, speech) in speakers {
        let Some(day) = speech_day(&sentence, &speech) else {
            continue;
        };
        let words = &text[speech.clone()];
        for (span, date) in resolve(words, day) {
            let span = span.start + speech.start..span.end + speech.start;
            let outside_day = found.iter().any(|(s, _)| s.start == span.start);
            if !outside_day && !present(text, &span) && !spoken.iter().any(|(s, _)| s == &span) {
                spoken.push((span, date));
            }
        }
    }
    found.extend(spoken);
    found.sort_by_key(|(span, _)| span.start);
    found
}

/// The byte ranges inside quotation marks (“…”, "…"); a quotation still open at the end of
/// the text runs to its end, as a quotation carried into the next paragraph does.
fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        match (open, c) {
            (None, '“') | (None, '"') => open = Some((at + c.len_utf8(), c)),
            (Some((from, '“')), '”') | (Some((from, '"')), '"') => {
                out.push(from..at);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((from, _)) = open {
        out.push(from..text.len());
    }
    out
}

/// Whether the words at `span` are "today's": the present ("today's international order"),
/// not a day.
fn present(text: &str, span: &Range<usize>) -> bool {
    text[span.clone()].eq_ignore_ascii_case("today")
        && (text[span.end..].starts_with("’s") || text[span.end..].starts_with("'s"))
}

/// Whether a sentence outside quotation marks speaks in the first person ("today I am
/// announcing"): a speech or a statement printed as it was given.
fn first_person(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .any(|w| {
            matches!(
                w,
                "I" | "we" | "We" | "I’m" | "I'm" | "our" | "Our" | "my" | "My"
            )
        })
}

/// Every relative date of `text`, resolved against `published`, quotations or not.
fn resolve(text: &str, published: NaiveDate) -> Vec<(Range<usize>, Date)> {
    // A hyphenated word's parts are words here ("mid-September").
    let words: Vec<(usize, usize, &str)> = crate::text::words(text)
        .iter()
        .flat_map(|word| word.parts())
        .map(|(start, part)| (start, start + part.len(), part))
        .collect();
    let mut found = Vec::new();
    // Whether words `k` and `k + 1` are "last year", "this year" or "next year": the year
    // they name, by its shift from the article's.
    let year_after = |k: usize| -> Option<i32> {
        let (Some(which), Some(unit)) = (words.get(k), words.get(k + 1)) else {
            return None;
        };
        if !unit.2.eq_ignore_ascii_case("year") {
            return None;
        }
        match which.2.to_ascii_lowercase().as_str() {
            "last" => Some(-1),
            "this" => Some(0),
            "next" => Some(1),
            _ => None,
        }
    };
    let mut i = 0;
    while i < words.len() {
        let (start, end, word) = &words[i];
        // Every word a relative date is made of is short and plain ASCII: most words are
        // passed over without being lowercased.
        if word.len() > 9 || word.len() < 3 || !word.is_ascii() {
            i += 1;
            continue;
        }
        let lower = word.to_ascii_lowercase();
        let previous = if i >= 1 {
            words[i - 1].2.to_ascii_lowercase()
        } else {
            String::new()
        };
        // Where to go on from, when a date took words after this one ("June last year").
        let mut resume = None;
        let day = |date: NaiveDate| Date::new(date.year(), Some(date.month()), Some(date.day()));
        let mut take = |from: usize, to: usize, date: Option<Date>| {
            if let Some(date) = date {
                found.push((from..to, date));
            }
        };
        match lower.as_str() {
            "yesterday" => take(*start, *end, published.pred_opt().map(day)),
            "today" => take(*start, *end, Some(day(published))),
            "tomorrow" => take(*start, *end, published.succ_opt().map(day)),
            "year" | "month" if matches!(previous.as_str(), "this" | "last" | "next") => {
                let from = words[i - 1].0;
                let shift: i32 = match previous.as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                let date = if lower == "year" {
                    Some(Date::new(published.year() + shift, None, None))
                } else {
                    let months = published.year() * 12 + published.month0() as i32 + shift;
                    Some(Date::new(
                        months.div_euclid(12),
                        Some(months.rem_euclid(12) as u32 + 1),
                        None,
                    ))
                };
                // "last year's parade" and "this year" alike; "last year alone" too.
                take(from, *end, date);
            }
            _ if word.starts_with(char::is_uppercase) && month_number(&lower).is_some() => {
                // "September 3" or "3 September" with no year: the year is the article's (or the
                // one before, for a month well after the article's).
                let month = month_number(&lower).unwrap_or(1);
                let day_at = |k: usize| {
                    words
                        .get(k)
                        .and_then(|w| w.2.parse::<u32>().ok())
                        .filter(|d| (1..=31).contains(d) && words[k].2.len() <= 2)
                };
                let is_year = |k: usize| {
                    words
                        .get(k)
                        .is_some_and(|w| w.2.len() == 4 && w.2.chars().all(|c| c.is_ascii_digit()))
                };
                let (from, to, day) = match (day_at(i + 1), i.checked_sub(1).and_then(day_at)) {
                    (Some(day), _) if !is_year(i + 2) => (*start, words[i + 1].1, Some(day)),
                    (None, Some(day)) if !is_year(i + 1) => (words[i - 1].0, *end, Some(day)),
                    _ => (*start, *end, None),
                };
                // The word after the month, or after its day when the day follows it.
                let after = if to == *end { i + 1 } else { i + 2 };
                if let Some(shift) = year_after(after) {
                    // "June last year", "December 12 last year": the year is named, relatively.
                    let year = published.year() + shift;
                    let to = words[after + 1].1;
                    let date = match day {
                        Some(day) => NaiveDate::from_ymd_opt(year, month, day)
                            .map(|_| Date::new(year, Some(month), Some(day))),
                        None => Some(Date::new(year, Some(month), None)),
                    };
                    take(from, to, date);
                    resume = Some(after + 2);
                } else if let Some(day) = day {
                    let year = if month > published.month() + 2 {
                        published.year() - 1
                    } else {
                        published.year()
                    };
                    let valid = NaiveDate::from_ymd_opt(year, month, day).is_some();
                    take(
                        from,
                        to,
                        valid.then(|| Date::new(year, Some(month), Some(day))),
                    );
                } else if previous == "last" {
                    // "last May": the latest May before the article's month.
                    let year = if month < published.month() {
                        published.year()
                    } else {
                        published.year() - 1
                    };
                    take(
                        words[i - 1].0,
                        *end,
                        Some(Date::new(year, Some(month), None)),
                    );
                }
            }
            _ => {
                if let Some(weekday) = weekday(word) {
                    // Capitalised only, as names are written.
                    let ahead = previous == "next" || previous == "coming";
                    let from = if matches!(previous.as_str(), "next" | "last" | "coming") {
                        words[i - 1].0
                    } else {
                        *start
                    };
                    let date = resolve_weekday(published, weekday, ahead).map(day);
                    take(from, *end, date);
                }
            }
        }
        if let Some(next) = resume {
            i = next;
        } else {
            i += 1;
        }
    }
    found
}

/// The day called `weekday` nearest before (or on) `published`, or after it when `ahead`.
fn resolve_weekday(published: NaiveDate, weekday: Weekday, ahead: bool) -> Option<NaiveDate> {
    let today = published.weekday().num_days_from_monday() as i64;
    let wanted = weekday.num_days_from_monday() as i64;
    if ahead {
        let days = (wanted - today).rem_euclid(7);
        let days = if days == 0 { 7 } else { days };
        published.checked_add_days(Days::new(days as u64))
    } else {
        let days = (today - wanted).rem_euclid(7);
        published.checked_sub_days(Days::new(days as u64))
    }
}

/// The publication date of an article when it is known to the day (`YYYY-MM-DD`, perhaps
/// followed by a time).
pub fn publication_day(published: Option<&str>) -> Option<NaiveDate> {
    let published = published?;
    NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()
}

/// The day a news URL's path gives, when it gives one: `/2025/09/03/`, `/2025-09-03/`,
/// `/202509/04/` or `/20250903/`. Many publishers file articles by date, and an article
/// without a `published` date is still dated by its address. Only a plausible date counts.
pub fn url_day(url: Option<&str>) -> Option<NaiveDate> {
    let path = url?.split_once("://").map_or(url?, |(_, rest)| rest);
    let path = path.split(['?', '#']).next()?;
    let digits: Vec<&str> = path
        .split(['/', '-', '_', '.'])
        .filter(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let date = |y: &str, m: &str, d: &str| {
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(y, m, d).filter(|_| (1990..=2100).contains(&y))
    };
    digits
        .windows(3)
        .find_map(|w| {
            (w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2)
                .then(|| date(w[0], w[1], w[2]))
                .flatten()
        })
        .or_else(|| {
            digits.windows(2).find_map(|w| {
                (w[0].len() == 6 && w[1].len() <= 2)
                    .then(|| date(&w[0][..4], &w[0][4..], w[1]))
                    .flatten()
            })
        })
        .or_else(|| {
            digits
                .iter()
                .find(|part| part.len() == 8)
                .and_then(|part| date(&part[..4], &part[4..6], &part[6..]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(text: &str, published: &str) -> Vec<(String, String)> {
        let published = publication_day(Some(published)).unwrap();
        relative_dates(text, published)
            .into_iter()
            .map(|(span, date)| (text[span].to_string(), date.iso()))
            .collect()
    }

    #[test]
    fn resolves_relative_dates_against_the_publication_day() {
        // 2025-09-03 was a Wednesday.
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Kim arrived on Tuesday.", &[("Tuesday", "2025-09-02")]),
            ("The parade on Wednesday.", &[("Wednesday", "2025-09-03")]),
            (
                "They met last Thursday.",
                &[("last Thursday", "2025-08-28")],
            ),
            (
                "Talks resume next Monday.",
                &[("next Monday", "2025-09-08")],
            ),
            ("Xi spoke yesterday.", &[("yesterday", "2025-09-02")]),
            ("It opens today.", &[("today", "2025-09-03")]),
            ("Trade grew this year.", &[("this year", "2025")]),
            ("Since last year's summit.", &[("last year", "2024")]),
            ("Sales fell last month.", &[("last month", "2025-08")]),
            ("Nothing relative here, in 2019.", &[]),
            ("The May 9 parade in Moscow.", &[("May 9", "2025-05-09")]),
            (
                "Talks on 26 August went well.",
                &[("26 August", "2025-08-26")],
            ),
            (
                "Since December 12 last year.",
                &[("December 12 last year", "2024-12-12")],
            ),
            (
                "A pact signed in June last year.",
                &[("June last year", "2024-06")],
            ),
            ("Due in March next year.", &[("March next year", "2026-03")]),
            (
                "Both attended the parade last May.",
                &[("last May", "2025-05")],
            ),
            ("Unlike last October.", &[("last October", "2024-10")]),
            ("On September 3, 2025, troops marched.", &[]),
            ("It may 3 times fail.", &[]),
            ("We march on.", &[]),
            // A speaker's "today" is the day of the speech, given or not at all.
            ("“Therefore, today I am announcing a fund,” Xi said.", &[]),
            ("Therefore, today I am announcing a fund.", &[]),
            (
                "“Today we stand together,” Xi said on Tuesday.",
                &[("Today", "2025-09-02"), ("Tuesday", "2025-09-02")],
            ),
            (
                "“Yesterday we agreed,” Putin said on Tuesday.",
                &[("Yesterday", "2025-09-01"), ("Tuesday", "2025-09-02")],
            ),
            (
                "Xi said on Tuesday: “Today I am announcing a fund.”",
                &[("Tuesday", "2025-09-02"), ("Today", "2025-09-02")],
            ),
            ("It challenges today’s international order.", &[]),
            (
                "BEIJING, Sept 3 (Reuters) - Troops marched.",
                &[("Sept 3", "2025-09-03")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(w, d)| (w.to_string(), d.to_string()))
                .collect();
            assert_eq!(resolved(text, "2025-09-03"), want, "{text}");
        }
    }

    #[test]
    fn month_arithmetic_wraps_the_year() {
        assert_eq!(
            resolved("Prices rose last month.", "2025-01-15"),
            vec![("last month".to_string(), "2024-12".to_string())]
        );
    }

    #[test]
    fn news_urls_give_their_day() {
        let cases = [
            (
                "https://www.africanews.com/2025/09/03/putin-and-kim/",
                Some("2025-09-03"),
            ),
            (
                "http://www.example.cn/a/202509/04/WS68b8c76e.html",
                Some("2025-09-04"),
            ),
            (
                "https://example.org/news/2025-09-02-talks",
                Some("2025-09-02"),
            ),
            (
                "https://example.org/20250901/summit.html",
                Some("2025-09-01"),
            ),
            ("https://example.org/article/16316/post-image", None),
            ("https://example.org/2025/13/40/nonsense", None),
        ];
        for (url, want) in cases {
            assert_eq!(
                url_day(Some(url)).map(|d| d.to_string()).as_deref(),
                want,
                "{url}"
            );
        }
    }

    #[test]
    fn only_a_day_precise_publication_date_counts() {
        assert!(publication_day(Some("2025-09")).is_none());
        assert!(publication_day(None).is_none());
        assert!(publication_day(Some("2025-09-03T10:00:00Z")).is_some());
    }
}
