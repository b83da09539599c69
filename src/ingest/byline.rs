//! Who wrote a copied article and when: the byline and dateline below its headline, and the
//! author's bio block and the publisher's name in the page's after-matter.
//!
//! Part of the plain-text reader (`text`); the date reader also serves the HTML metadata,
//! whose `article:published_time` and JSON-LD dates come as timestamps. Dates are accepted
//! only in the shapes news pages print them (`September 3, 2025`, `3 Sept. 2025`,
//! `2025-09-03`), always with a year, so a sentence that names a month is never a date.

use super::draft::DraftMeta;
use super::text::word_count;
use crate::analyse::figures::month_number;

/// Fills author and published from byline and date lines just below the headline, and
/// removes them.
pub(super) fn read_byline(body: &mut Vec<&str>, meta: &mut DraftMeta) {
    let mut i = 0;
    while i < body.len().min(6) {
        let line = body[i];
        if word_count(line) > 14 {
            i += 1;
            continue;
        }
        let author = byline_author(line);
        // A date alone on a short line is a dateline; in a sentence it is text.
        let date = find_date(line)
            .filter(|_| author.is_some() || (word_count(line) <= 8 && !line.ends_with('.')));
        if author.is_none() && date.is_none() {
            i += 1;
            continue;
        }
        if meta.author.is_none() {
            meta.author = author;
        }
        if meta.published.is_none() {
            meta.published = date;
        }
        body.remove(i);
    }
}

/// The name in `By Jane Doe`, `Written by Jane Doe | 3 Sep 2025`, `Author: Jane Doe`.
fn byline_author(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let start = [
        "by ",
        "written by ",
        "posted by ",
        "words by ",
        "author: ",
        "authors: ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))?
    .len();
    let rest = &line[start..];
    let end = rest
        .find(['|', '•', '·', '—', '\u{2013}'])
        .into_iter()
        .chain(
            [" - ", " on ", ", published", " published", " updated", ", "]
                .iter()
                .filter_map(|sep| rest.to_lowercase().find(sep)),
        )
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches([',', '.']);
    let words = word_count(name);
    ((1..=8).contains(&words) && name.chars().next().is_some_and(char::is_uppercase))
        .then(|| name.to_string())
}

/// A date written in a short line: `September 3, 2025`, `3 Sept. 2025`, `2025-09-03`, with
/// anything around it (`Published`, a time); as `YYYY-MM-DD`.
pub fn find_date(line: &str) -> Option<String> {
    if word_count(line) > 14 {
        return None;
    }
    let tokens: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .map(|t| {
            t.trim_matches(|c: char| c == '.' || c == '(' || c == ')')
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    for token in &tokens {
        if let Some(date) = iso_date(token) {
            return Some(date);
        }
    }
    for (i, token) in tokens.iter().enumerate() {
        let Some(month) = month_number(token) else {
            continue;
        };
        let day_of = |t: Option<&String>| {
            t.map(|t| t.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
                .and_then(|t| t.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d))
        };
        let year_of = |t: Option<&String>| {
            t.and_then(|t| t.parse::<u32>().ok())
                .filter(|y| (1900..=2100).contains(y))
        };
        // Month Day Year, then Day Month Year.
        if let (Some(day), Some(year)) = (day_of(tokens.get(i + 1)), year_of(tokens.get(i + 2))) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
        if i > 0
            && let (Some(day), Some(year)) = (day_of(tokens.get(i - 1)), year_of(tokens.get(i + 1)))
        {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// `2025-09-03`, also as the start of a timestamp.
fn iso_date(token: &str) -> Option<String> {
    let date = token.get(..10)?;
    let bytes = date.as_bytes();
    let shape = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    (shape && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| date.to_string())
}

/// Reads the after-matter for the author's bio block and the publisher's name.
pub(super) fn read_after_matter(tail: &[String], meta: &mut DraftMeta) {
    for (i, line) in tail.iter().enumerate().take(12) {
        let lower = line.to_lowercase();
        for prefix in ["further reading on ", "more from "] {
            if meta.publisher.is_none() && lower.starts_with(prefix) && word_count(line) <= 8 {
                let name = line[prefix.len()..].trim().trim_end_matches(['.', ':']);
                if name.chars().next().is_some_and(char::is_uppercase) {
                    meta.publisher = Some(name.to_string());
                }
            }
        }
        let bio_follows = tail.get(i + 1).is_some_and(|next| {
            next.contains(" | ")
                || ["is a ", "is an ", "is the "]
                    .iter()
                    .any(|p| next.to_lowercase().contains(p))
        });
        if meta.author.is_none() && is_name(line) && bio_follows {
            meta.author = Some(line.clone());
        }
    }
}

/// Two to four capitalised words of letters: how a person's name stands alone on a line.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates() {
        let cases = [
            ("September 3, 2025", Some("2025-09-03")),
            ("Published 3 Sept. 2025, 10:04", Some("2025-09-03")),
            ("Updated: 2025-09-03T10:00:00Z", Some("2025-09-03")),
            ("Posted: Fri 6:45 PM, Feb 16, 2018", Some("2018-02-16")),
            ("May the best one win", None),
            ("In 2025 the parade", None),
        ];
        for (line, expected) in cases {
            assert_eq!(find_date(line).as_deref(), expected, "{line}");
        }
    }
}
