//! Date lines as news pages print them → dates, for the front matter `add` writes.
//!
//! A copied page carries its dates in a dozen shapes: `September 3, 2025`, `3 Sept. 2025`,
//! `2025-09-03T10:00:00Z`, `12/19/2023`, `19.12.2023`, `Published: 03 Sep. 2025, 18:43`,
//! `March 6, 2024 12:36 PM - Updated: March 7, 2024`. This reader splits a short line into
//! tokens and reads every date in it, with the label before it (`Published`, `Updated`, …)
//! deciding whether it is the publication or the revision date, and counts the words that
//! are neither dates, times, zones nor labels: a line made of little else is a *date line*,
//! metadata to take out of the body; a date inside a sentence is text.
//!
//! Only whole dates count: a day, a month and a year, checked by chrono (`2024-02-30` is no
//! date). A month and a year without a day (`September 2025`) is recognised, so its line is
//! known to be a date line, but gives no day to write. Numbers that only look like dates are
//! not read: `24/7` has no year, `1937-1945` is a span of years, `3-1` a score, `1.2.3` a
//! version. A numeric date whose first two numbers could both be the month (`03/04/2025`) is
//! read in the order the page's locale uses ([`DayOrder`]); one above 12 settles it.

use chrono::NaiveDate;

use crate::text::calendar::{is_weekday_word, month_word};

/// Which comes first in a numeric date when both numbers could be a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DayOrder {
    /// `12/19/2023`, as US pages print it; the default for English.
    #[default]
    MonthFirst,
    /// `19/12/2023`, as British, Indian, Australian and most other pages print it.
    DayFirst,
}

impl DayOrder {
    /// The order a page most likely uses, from its language tag (`en-GB`) or its address's
    /// country domain (`.co.uk`, `.in`, `.au`).
    pub(crate) fn hint(language: Option<&str>, url: Option<&str>) -> DayOrder {
        const DAY_FIRST_REGIONS: &[&str] = &[
            "gb", "uk", "ie", "in", "au", "nz", "za", "pk", "ng", "ke", "sg", "my", "hk", "ae",
            "qa", "sa", "eg", "lk", "bd", "np", "gh", "ug", "tz",
        ];
        if let Some(language) = language {
            let mut parts = language.split(['-', '_']);
            let base = parts.next().unwrap_or_default().to_ascii_lowercase();
            let region = parts.next().map(str::to_ascii_lowercase);
            if base != "en" {
                return DayOrder::DayFirst;
            }
            if let Some(region) = region {
                return if region == "us" {
                    DayOrder::MonthFirst
                } else {
                    DayOrder::DayFirst
                };
            }
        }
        let host = url
            .and_then(|u| u.split_once("://"))
            .map(|(_, rest)| rest.split(['/', '?', '#', ':']).next().unwrap_or_default())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match host.rsplit('.').next() {
            Some(tld) if DAY_FIRST_REGIONS.contains(&tld) => DayOrder::DayFirst,
            _ => DayOrder::MonthFirst,
        }
    }
}

/// What one line says of dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DateScan {
    /// The publication date: the first whole date not labelled as an update.
    pub published: Option<NaiveDate>,
    /// The revision date: the first whole date after `Updated`, `Modified`, ….
    pub updated: Option<NaiveDate>,
    /// A month and year given without a day, when that is all the line gives.
    pub month_only: Option<(i32, u32)>,
    /// Words that are none of dates, times, zones, weekdays or labels.
    pub other_words: usize,
}

impl DateScan {
    /// Whether the line gives any date, whole or month-only.
    pub(crate) fn has_date(&self) -> bool {
        self.published.is_some() || self.updated.is_some() || self.month_only.is_some()
    }

    /// A line of dates and little else (at most `allowed` other words): metadata, not text.
    pub(crate) fn is_date_line(&self, allowed: usize) -> bool {
        self.has_date() && self.other_words <= allowed
    }
}

/// Labels that make the next date the publication date.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "created",
    "date",
    "dated",
    "first",
    "issued",
    "released",
    "filed",
];
/// Labels that make the next date the revision date.
const UPDATED_LABELS: &[&str] = &[
    "updated", "update", "modified", "edited", "revised", "amended", "changed",
];
/// Words that sit in date lines without meaning anything else.
const FILLER: &[&str] = &[
    "on", "at", "last", "and", "-", "–", "—", "|", "/", "·", "•", "of", "the", "am", "pm", "a.m",
    "p.m", "min", "mins", "minute", "minutes", "read", "ago", "time", "reading", "hrs", "hr",
];
/// Time zones as news pages print them.
const ZONES: &[&str] = &[
    "utc", "gmt", "z", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst",
    "pdt", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "hkt", "sgt", "aest", "aedt",
    "acst", "awst", "nzst", "nzdt", "ast", "msk", "wib", "pkt", "gst", "sast", "wat", "eat", "cat",
    "ict", "pht",
];

/// One token of a line: its lowercased text without surrounding punctuation.
fn tokens(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')' | '•' | '·'))
        .map(|t| {
            t.trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '"' | '“' | '”' | '[' | ']'))
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Reads every date in a short line (up to 24 words; a longer line is prose).
pub(crate) fn scan_line(line: &str, order: DayOrder) -> DateScan {
    let mut scan = DateScan::default();
    let tokens = tokens(line);
    if tokens.len() > 24 {
        scan.other_words = tokens.len();
        return scan;
    }
    let cued = tokens
        .iter()
        .any(|t| is_time(t) || PUBLISHED_LABELS.contains(&t.as_str()) || is_updated_label(t));
    let mut next_is_update = false;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].as_str();
        if is_updated_label(token) {
            next_is_update = true;
            i += 1;
            continue;
        }
        if PUBLISHED_LABELS.contains(&token) {
            next_is_update = false;
            i += 1;
            continue;
        }
        if let Some((date, used)) = date_at(&tokens, i, order, cued) {
            match date {
                Found::Day(day) => {
                    let slot = if next_is_update {
                        &mut scan.updated
                    } else {
                        &mut scan.published
                    };
                    if slot.is_none() {
                        *slot = Some(day);
                    }
                }
                Found::Month(year, month) => {
                    scan.month_only.get_or_insert((year, month));
                }
            }
            next_is_update = false;
            i += used;
            continue;
        }
        if !is_noise(token) {
            scan.other_words += 1;
        }
        i += 1;
    }
    if scan.published.is_some() || scan.updated.is_some() {
        scan.month_only = None;
    }
    scan
}

/// The first whole date in a short text, in any of the shapes [`scan_line`] reads.
pub(crate) fn find_date(text: &str, order: DayOrder) -> Option<NaiveDate> {
    let scan = scan_line(text, order);
    scan.published.or(scan.updated)
}

fn is_updated_label(token: &str) -> bool {
    UPDATED_LABELS.contains(&token)
}

/// Times (`18:43`, `6:45pm`, `10h30`), zones, weekdays, labels and filler.
fn is_noise(token: &str) -> bool {
    is_time(token)
        || FILLER.contains(&token)
        || ZONES.contains(&token)
        || is_zone_offset(token)
        || is_weekday_word(token)
        || token.chars().all(|c| c.is_ascii_digit()) && token.len() <= 2
        || !token.chars().any(char::is_alphanumeric)
}

fn is_time(token: &str) -> bool {
    let token = token
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches("a.m")
        .trim_end_matches("p.m");
    let Some((hours, minutes)) = token.split_once([':', 'h']) else {
        return false;
    };
    let minutes = minutes.split(':').next().unwrap_or_default();
    (1..=2).contains(&hours.len())
        && hours.chars().all(|c| c.is_ascii_digit())
        && minutes.len() == 2
        && minutes.chars().all(|c| c.is_ascii_digit())
}

/// `gmt+3`, `utc+05:30`, `+0800`.
fn is_zone_offset(token: &str) -> bool {
    let rest = ["gmt", "utc"]
        .iter()
        .find_map(|z| token.strip_prefix(z))
        .unwrap_or(token);
    rest.starts_with(['+', '-'])
        && rest.len() > 1
        && rest[1..].chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// A date found at a token, whole or month-only.
enum Found {
    Day(NaiveDate),
    Month(i32, u32),
}

/// The date that starts at `tokens[i]`, and how many tokens it takes.
fn date_at(tokens: &[String], i: usize, order: DayOrder, cued: bool) -> Option<(Found, usize)> {
    let token = tokens[i].as_str();
    if let Some(day) = iso(token).or_else(|| numeric(token, order, cued)) {
        return Some((Found::Day(day), 1));
    }
    let day_of = |t: Option<&String>| {
        let t = t?.as_str();
        let digits = t
            .strip_suffix("st")
            .or_else(|| t.strip_suffix("nd"))
            .or_else(|| t.strip_suffix("rd"))
            .or_else(|| t.strip_suffix("th"))
            .unwrap_or(t);
        (digits.len() <= 2 && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let year_of = |t: Option<&String>| {
        let t = t?.as_str();
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let whole = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(Found::Day);
    // `3 Sept. 2025`, `3rd of September 2025`.
    if let Some(day) = day_of(Some(&tokens[i])) {
        let mut j = i + 1;
        if tokens.get(j).map(String::as_str) == Some("of") {
            j += 1;
        }
        if let Some(month) = tokens.get(j).and_then(|t| month_word(t))
            && let Some(year) = year_of(tokens.get(j + 1))
        {
            return Some((whole(year, month, day)?, j + 2 - i));
        }
        return None;
    }
    let month = month_word(token)?;
    // `September 3, 2025`, `Sept. 3rd 2025`.
    if let Some(day) = day_of(tokens.get(i + 1))
        && let Some(year) = year_of(tokens.get(i + 2))
    {
        return Some((whole(year, month, day)?, 3));
    }
    // `September 2025`.
    if let Some(year) = year_of(tokens.get(i + 1)) {
        return Some((Found::Month(year, month), 2));
    }
    None
}

/// `2025-09-03`, `2025/09/03`, also as the start of a timestamp (`2025-09-03t10:00:00z`).
fn iso(token: &str) -> Option<NaiveDate> {
    let date = token.get(..10)?;
    let bytes = date.as_bytes();
    let separator = bytes[4];
    if !matches!(separator, b'-' | b'/') || bytes[7] != separator {
        return None;
    }
    if token.len() > 10 && !token[10..].starts_with(['t', ' ']) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = date.get(range)?;
        part.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// `12/19/2023`, `19.12.2023`, `3-4-2025`; a two-digit year (`12/19/23`) only in a line that
/// also carries a time or a label, where it cannot be a fraction or a score.
fn numeric(token: &str, order: DayOrder, cued: bool) -> Option<NaiveDate> {
    let separator = token.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = token.split(separator).collect();
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    let small = |s: &str| {
        (1..=2).contains(&s.len())
            && s.chars().all(|c| c.is_ascii_digit())
            && s.parse::<u32>().is_ok()
    };
    if !small(a) || !small(b) || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = match year.len() {
        4 => year.parse().ok()?,
        2 if cued && separator == '/' => 2000 + year.parse::<i32>().ok()?,
        _ => return None,
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let (month, day) = if a > 12 {
        (b, a)
    } else if b > 12 || separator != '.' && order == DayOrder::MonthFirst {
        (a, b)
    } else {
        (b, a)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
#[allow(clippy::type_complexity)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn reads_the_date_lines_news_pages_print() {
        use DayOrder::{DayFirst, MonthFirst};
        // line, locale order, published, updated, is a date line
        let cases: &[(&str, DayOrder, Option<&str>, Option<&str>, bool)] = &[
            (
                "September 3, 2025",
                MonthFirst,
                Some("2025-09-03"),
                None,
                true,
            ),
            ("Sept. 3, 2025", MonthFirst, Some("2025-09-03"), None, true),
            ("3 Sept. 2025", MonthFirst, Some("2025-09-03"), None, true),
            (
                "3rd of September 2025",
                MonthFirst,
                Some("2025-09-03"),
                None,
                true,
            ),
            (
                "Wednesday, 3 September 2025 10:04 BST",
                MonthFirst,
                Some("2025-09-03"),
                None,
                true,
            ),
            ("12/19/2023", MonthFirst, Some("2023-12-19"), None, true),
            ("19/12/2023", MonthFirst, Some("2023-12-19"), None, true),
            ("03/04/2025", MonthFirst, Some("2025-03-04"), None, true),
            ("03/04/2025", DayFirst, Some("2025-04-03"), None, true),
            ("19.12.2023", MonthFirst, Some("2023-12-19"), None, true),
            (
                "Updated: 12/19/23 4:05 PM ET",
                MonthFirst,
                None,
                Some("2023-12-19"),
                true,
            ),
            (
                "March 6, 2024 12:36 PM - Updated: March 7, 2024",
                MonthFirst,
                Some("2024-03-06"),
                Some("2024-03-07"),
                true,
            ),
            (
                "Published: 03 Sep. 2025, 18:43 Updated",
                MonthFirst,
                Some("2025-09-03"),
                None,
                true,
            ),
            (
                "Published 3 Sep 2025 | Last updated 4 Sep 2025",
                MonthFirst,
                Some("2025-09-03"),
                Some("2025-09-04"),
                true,
            ),
            (
                "Updated: 2025-09-03T10:00:00Z",
                MonthFirst,
                None,
                Some("2025-09-03"),
                true,
            ),
            (
                "2025-09-03T10:00:00+08:00",
                MonthFirst,
                Some("2025-09-03"),
                None,
                true,
            ),
            (
                "Posted: Fri 6:45 PM, Feb 16, 2018",
                MonthFirst,
                Some("2018-02-16"),
                None,
                true,
            ),
            (
                "date 2024-04-29 3 min read",
                MonthFirst,
                Some("2024-04-29"),
                None,
                true,
            ),
            (
                "Mar 6, 2024 at 12:36 p.m. GMT+3",
                MonthFirst,
                Some("2024-03-06"),
                None,
                true,
            ),
            // A date in a sentence is text, not a date line.
            (
                "The talks on September 3, 2025 ended without a deal between them",
                MonthFirst,
                Some("2025-09-03"),
                None,
                false,
            ),
        ];
        for &(line, order, published, updated, is_line) in cases {
            let scan = scan_line(line, order);
            assert_eq!(
                scan.published,
                published.and_then(day),
                "published of {line}"
            );
            assert_eq!(scan.updated, updated.and_then(day), "updated of {line}");
            assert_eq!(scan.is_date_line(2), is_line, "date line: {line} {scan:?}");
        }
    }

    #[test]
    fn does_not_read_numbers_that_only_look_like_dates() {
        for line in [
            "24/7",
            "1937-1945",
            "The score was 3-1",
            "Version 1.2.3",
            "Web 2.0",
            "2024-02-30",
            "Marine Corps",
            "May the best one win",
            "In 2025 the parade",
            "13/13/2023",
            "5/10/15",
            "Rated 4.5/5",
        ] {
            let scan = scan_line(line, DayOrder::MonthFirst);
            assert!(!scan.has_date(), "{line}: {scan:?}");
        }
    }

    #[test]
    fn knows_a_month_without_a_day() {
        let scan = scan_line("September 2025", DayOrder::MonthFirst);
        assert_eq!(scan.month_only, Some((2025, 9)));
        assert!(scan.is_date_line(0));
        assert_eq!(scan.published, None);
    }

    #[test]
    fn takes_the_day_order_from_language_or_address() {
        let cases = [
            (Some("en-GB"), None, DayOrder::DayFirst),
            (
                Some("en-US"),
                Some("https://x.co.uk/a"),
                DayOrder::MonthFirst,
            ),
            (Some("fr"), None, DayOrder::DayFirst),
            (
                None,
                Some("https://www.thehindu.in/news"),
                DayOrder::DayFirst,
            ),
            (
                None,
                Some("https://www.bbc.co.uk/news/1"),
                DayOrder::DayFirst,
            ),
            (
                None,
                Some("https://apnews.com/article/x"),
                DayOrder::MonthFirst,
            ),
            (Some("en"), None, DayOrder::MonthFirst),
            (None, None, DayOrder::MonthFirst),
        ];
        for (language, url, order) in cases {
            assert_eq!(DayOrder::hint(language, url), order, "{language:?} {url:?}");
        }
    }
}
