//! Who wrote a copied article, for whom and when: the byline, agency line, date lines and
//! dateline around its headline, and the author's bio block and the publisher's name in the
//! page's after-matter and footer.
//!
//! Part of the plain-text reader (`text`). The lines just below a headline are metadata in
//! a handful of shapes: `By Jane Doe`, `- By Stanley Reed`, `By SAMUEL OKAFOR` with an agency
//! line (`Associated Press`) below it, a name alone on its line (`Ryan Morgan`), date lines
//! ([`super::dates`]) and lone `Updated:` labels. Each recognised line is taken out of the
//! body; the first line that is none of them ends the header. The first paragraph's
//! dateline (`ROTTERDAM, Sept 3 (Reuters) -`) gives the wire agency and a day, and is taken
//! out of the paragraph so the timeline never reads it as an event.

use chrono::{Datelike, NaiveDate};

use super::dates::{DayOrder, scan_line};
use super::text::word_count;

/// What the header of a copied article gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Header {
    /// The author or authors, joined with " and ".
    pub author: Option<String>,
    /// A wire agency the story is credited to.
    pub agency: Option<String>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// The revision date.
    pub updated: Option<NaiveDate>,
    /// A month and year printed without a day.
    pub month_only: Option<(i32, u32)>,
}

/// Wire agencies by the names their copy is credited with, and the name to record.
const AGENCIES: &[(&str, &str)] = &[
    ("ap", "Associated Press"),
    ("the associated press", "Associated Press"),
    ("associated press", "Associated Press"),
    ("reuters", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("xinhua", "Xinhua"),
    ("bloomberg", "Bloomberg"),
    ("pti", "PTI"),
    ("press trust of india", "PTI"),
    ("ani", "ANI"),
    ("ians", "IANS"),
    ("dpa", "dpa"),
    ("efe", "EFE"),
    ("kyodo", "Kyodo"),
    ("kyodo news", "Kyodo"),
    ("yonhap", "Yonhap"),
    ("anadolu", "Anadolu"),
    ("anadolu agency", "Anadolu"),
    ("aa", "Anadolu"),
    ("tass", "TASS"),
    ("ria novosti", "RIA Novosti"),
    ("bernama", "Bernama"),
    ("upi", "UPI"),
    ("wam", "WAM"),
    ("spa", "SPA"),
    ("qna", "QNA"),
    ("kcna", "KCNA"),
    ("ansa", "ANSA"),
    ("cna", "CNA"),
    ("apa", "APA"),
    ("irna", "IRNA"),
];

/// The agency a short name credits, as it is recorded.
pub(crate) fn agency(name: &str) -> Option<&'static str> {
    let key = name
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '—' || c == '–')
        .trim()
        .to_lowercase();
    AGENCIES
        .iter()
        .find(|(credit, _)| *credit == key)
        .map(|(_, name)| *name)
}

/// Words that describe a byline's author rather than name them.
const ROLES: &[&str] = &[
    "correspondent",
    "editor",
    "reporter",
    "writer",
    "staff",
    "contributor",
    "columnist",
    "analyst",
    "chief",
    "fellow",
    "bureau",
    "desk",
    "special",
    "senior",
    "news",
    "team",
    "researcher",
    "professor",
    "director",
    "associate",
    "freelance",
    "journalist",
    "producer",
    "contributing",
];

/// Words that are not a name standing alone under a headline.
const NOT_NAMES: &[&str] = &[
    "key",
    "points",
    "analysis",
    "opinion",
    "news",
    "world",
    "live",
    "breaking",
    "summary",
    "highlights",
    "contents",
    "updated",
    "published",
    "share",
    "latest",
    "video",
    "photos",
    "comment",
    "explainer",
    "features",
    "feature",
    "business",
    "politics",
    "sports",
    "home",
    "top",
    "stories",
    "story",
    "read",
    "more",
    "the",
    "of",
    "and",
    "in",
    "on",
    "for",
    "to",
    "a",
];

/// Reads the header lines below the headline into `header`, removing them from `body`.
pub(crate) fn read_header(body: &mut Vec<&str>, order: DayOrder, header: &mut Header) {
    let mut i = 0;
    let mut after_byline = false;
    // A line just below the headline (or a byline) may be a lone name; later, only text.
    let mut name_allowed = true;
    while i < body.len().min(8) {
        let line = body[i];
        if word_count(line) > 24 {
            break;
        }
        if let Some(byline) = byline(line) {
            set(&mut header.author, byline.authors);
            if let Some(found) = byline.agency {
                header.agency.get_or_insert(found);
            }
            read_dates(line, order, 24, header);
            after_byline = true;
            name_allowed = false;
            body.remove(i);
            continue;
        }
        if let Some(found) = agency(line) {
            if after_byline || i == 0 {
                header.agency.get_or_insert(found.to_string());
                body.remove(i);
                continue;
            }
        }
        if read_dates(line, order, 2, header) {
            name_allowed = header.author.is_none();
            body.remove(i);
            continue;
        }
        if is_date_label(line) {
            // `Updated:` alone, its date on the next line.
            if let Some(next) = body.get(i + 1)
                && scan_line(next, order).is_date_line(2)
            {
                let joined = format!("{line} {next}");
                read_dates(&joined, order, 2, header);
                body.drain(i..=i + 1);
                continue;
            }
            body.remove(i);
            continue;
        }
        if name_allowed && header.author.is_none() && is_person_name(line) && i + 1 < body.len() {
            header.author = Some(line.to_string());
            name_allowed = false;
            body.remove(i);
            continue;
        }
        // Longer text is the body; short lines (a deck, a heading) are left in place.
        if word_count(line) >= 15 {
            break;
        }
        name_allowed = false;
        i += 1;
    }
}

/// Reads a date line into `header` if it is one (at most `allowed` other words).
pub(crate) fn read_dates(line: &str, order: DayOrder, allowed: usize, header: &mut Header) -> bool {
    let scan = scan_line(line, order);
    if !scan.is_date_line(allowed) || line.ends_with('.') && scan.other_words > 0 {
        return false;
    }
    if header.published.is_none() {
        header.published = scan.published;
    }
    if header.updated.is_none() {
        header.updated = scan.updated;
    }
    if header.month_only.is_none() {
        header.month_only = scan.month_only;
    }
    true
}

/// `Updated:`, `Published`, `Last updated` alone on a line.
fn is_date_label(line: &str) -> bool {
    let label = line
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    matches!(
        label.as_str(),
        "updated" | "published" | "last updated" | "posted" | "first published" | "date"
    )
}

fn set(slot: &mut Option<String>, authors: Vec<String>) {
    if slot.is_none() && !authors.is_empty() {
        *slot = Some(authors.join(" and "));
    }
}

/// A byline's authors and the agency it credits.
#[derive(Debug, Clone, Default, PartialEq)]
struct Byline {
    authors: Vec<String>,
    agency: Option<String>,
}

/// `By Jane Doe`, `- By Stanley Reed`, `By SAMUEL OKAFOR`, `By Jane Doe and John Roe`,
/// `Written by Jane Doe | 3 Sep 2025`, `By Jane Doe, Reuters`, `Author: Jane Doe`.
fn byline(line: &str) -> Option<Byline> {
    let line = line.trim_start_matches(['-', '–', '—', '•', '*', ' ']);
    let lower = line.to_lowercase();
    let start = [
        "by ",
        "by: ",
        "written by ",
        "posted by ",
        "words by ",
        "reported by ",
        "story by ",
        "author: ",
        "authors: ",
        "author ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))?
    .len();
    let rest = &line[start..];
    let rest_lower = rest.to_lowercase();
    let end = rest
        .find(['|', '•', '·', '—', '\u{2013}', '('])
        .into_iter()
        .chain(
            [
                " - ",
                " on ",
                ", published",
                " published",
                " updated",
                " posted",
                " in ",
            ]
            .iter()
            .filter_map(|sep| rest_lower.find(sep)),
        )
        .chain(first_date_word(rest))
        .min()
        .unwrap_or(rest.len());
    let mut out = Byline::default();
    // The agency in `By Jane Doe (Reuters)`.
    if let Some(open) = rest.find('(')
        && let Some(close) = rest[open..].find(')')
    {
        out.agency = agency(&rest[open + 1..open + close]).map(str::to_string);
    }
    let names = &rest[..end];
    // `Jane Doe, MSW, Senior Director, NACCHO; and John Roe, MD, …`: each author before
    // their credentials and affiliation, authors apart by semicolons.
    let parts: Vec<String> = if names.contains(';') {
        names
            .split(';')
            .filter_map(|segment| {
                let segment = segment.trim();
                let segment = segment.strip_prefix("and ").unwrap_or(segment);
                segment
                    .split(',')
                    .next()
                    .map(|name| name.trim().to_string())
            })
            .filter(|name| !name.is_empty())
            .collect()
    } else {
        split_names(names)
    };
    for part in parts {
        if let Some(found) = agency(&part) {
            out.agency.get_or_insert(found.to_string());
        } else if is_credential(&part) {
            continue;
        } else if is_role(&part) {
            // What follows a role (`Senior Director, Infectious Disease`) is an affiliation.
            break;
        } else if looks_like_name(&part) {
            out.authors.push(normal_case(&part));
        } else {
            break;
        }
    }
    (!out.authors.is_empty() || out.agency.is_some()).then_some(out)
}

/// Where a date begins in a byline written without a separator (`By Jane Doe September 3,
/// 2025`): the first month name or digit.
fn first_date_word(text: &str) -> Option<usize> {
    let mut offset = 0;
    for word in text.split(' ') {
        let bare = word.trim_end_matches([',', '.']).to_lowercase();
        let is_month = crate::text::calendar::month_word(&bare).is_some();
        if offset > 0 && (is_month || word.starts_with(|c: char| c.is_ascii_digit())) {
            return Some(offset);
        }
        offset += word.len() + 1;
    }
    None
}

/// `Jane Doe, John Roe and Ann Lee` → the three names; `Jane Doe & John Roe` likewise.
fn split_names(text: &str) -> Vec<String> {
    text.split(',')
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
        .flat_map(|p| p.split(" AND "))
        .map(|p| p.trim().trim_end_matches(['.', ':']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `MD`, `MSW`, `PhD`, `MPH`: letters after a name.
fn is_credential(part: &str) -> bool {
    let part = part.trim().trim_end_matches('.');
    (2..=5).contains(&part.len())
        && part.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
        && part.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !part.chars().skip(1).all(|c| c.is_ascii_lowercase())
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    lower
        .split_whitespace()
        .any(|w| ROLES.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// One to five words that start with a capital (or are initials), as a name is written.
fn looks_like_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && part.chars().count() <= 50
        && words.iter().all(|w| {
            let lower_particle = matches!(
                *w,
                "de" | "van" | "von" | "al" | "bin" | "da" | "del" | "la" | "le"
            );
            (w.chars().next().is_some_and(char::is_uppercase) || lower_particle)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
}

/// A name printed in capitals (`SAMUEL OKAFOR`) in normal case (`Samuel Okafor`); other
/// names as printed.
fn normal_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut out = String::new();
            let mut start = true;
            for c in word.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's name alone on its line: two to four capitalised words of letters, none of them
/// a word that labels a page's parts (`Key Points`, `Live Updates`).
pub(crate) fn is_person_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 40
        && words.iter().all(|w| {
            let bare = w.trim_end_matches('.');
            let initial = bare.len() == 1 && bare.chars().all(|c| c.is_uppercase());
            (initial || bare.chars().skip(1).any(char::is_lowercase))
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                && !NOT_NAMES.contains(&bare.to_lowercase().as_str())
                && crate::text::calendar::month_number(&bare.to_lowercase()).is_none()
        })
}

/// A wire dateline at the head of a paragraph: `ROTTERDAM, Sept 3 (Reuters) -`,
/// `DUBAI, United Arab Emirates (AP) —`, `WASHINGTON (Reuters) -`, `(Reuters) -`,
/// `NEW DELHI:`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    /// The place, as printed (`ROTTERDAM`, `DUBAI, United Arab Emirates`).
    pub place: Option<String>,
    /// Month and day, when printed.
    pub month_day: Option<(u32, u32)>,
    /// The agency in parentheses.
    pub agency: Option<String>,
    /// The paragraph's text after the dateline.
    pub rest_at: usize,
}

/// Reads a dateline at the start of `paragraph`.
pub(crate) fn dateline(paragraph: &str) -> Option<Dateline> {
    // The dateline ends at the first dash (or an Indian-style colon) within its first 80 bytes.
    let head_end = paragraph
        .char_indices()
        .take_while(|(i, _)| *i < 90)
        .find(|(i, c)| {
            matches!(c, '—' | '–')
                || *c == '-'
                    && paragraph[i + 1..].starts_with([' ', '-'])
                    && paragraph[..*i].ends_with(' ')
                || *c == ':' && paragraph[i + 1..].starts_with(' ')
        })
        .map(|(i, _)| i)?;
    let head = paragraph[..head_end].trim();
    let mut rest_at = head_end;
    for c in paragraph[head_end..].chars() {
        if matches!(c, '—' | '–' | '-' | ':' | ' ') {
            rest_at += c.len_utf8();
        } else {
            break;
        }
    }
    let colon = paragraph[head_end..].starts_with(':');
    let (before, agency_name) = match head.rfind('(') {
        Some(open) if head.ends_with(')') => {
            (head[..open].trim(), Some(&head[open + 1..head.len() - 1]))
        }
        _ => (head, None),
    };
    let agency = agency_name.and_then(|a| {
        agency(a)
            .map(str::to_string)
            .or_else(|| looks_like_name(a).then(|| a.trim().to_string()))
    });
    if agency_name.is_some() && agency.is_none() {
        return None;
    }
    let (place, month_day) = place_and_day(before)?;
    // Labels in capitals that open a paragraph are no place.
    const LABELS: &[&str] = &[
        "BREAKING",
        "BREAKING NEWS",
        "UPDATE",
        "UPDATED",
        "EXCLUSIVE",
        "WATCH",
        "LIVE",
        "ANALYSIS",
        "OPINION",
        "NOTE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "WARNING",
        "KEY POINTS",
        "FACT CHECK",
        "LISTEN",
        "READ MORE",
        "PHOTOS",
        "VIDEO",
        "CORRECTION",
        "CLARIFICATION",
    ];
    if place.as_deref().is_some_and(|p| LABELS.contains(&p)) {
        return None;
    }
    // A colon dateline must be a place in capitals; a dash one needs a capital place or an
    // agency, so an ordinary sentence with a dash is never cut.
    let colon_ok = !colon
        || agency.is_none()
            && month_day.is_none()
            && place
                .as_ref()
                .is_some_and(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            && paragraph[rest_at..].starts_with(char::is_uppercase);
    // A place alone before a dash (`WASHINGTON —`) is a dateline only before a long dash and
    // a capital, and at least four letters long: `US - China talks` is text.
    let bare_ok = colon
        || agency.is_some()
        || month_day.is_some()
        || paragraph[head_end..].starts_with(['—', '–'])
            && place
                .as_ref()
                .is_some_and(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            && paragraph[rest_at..].starts_with(char::is_uppercase);
    if place.is_none() && agency.is_none() || !colon_ok || !bare_ok {
        return None;
    }
    Some(Dateline {
        place,
        month_day,
        agency,
        rest_at,
    })
}

/// A dateline's place and its month and day, each when printed.
type PlaceAndDay = (Option<String>, Option<(u32, u32)>);

/// `ROTTERDAM, Sept 3` → the place and the day; `DUBAI, United Arab Emirates` → the place.
/// The place's first part must be in capitals.
fn place_and_day(text: &str) -> Option<PlaceAndDay> {
    if text.is_empty() {
        return Some((None, None));
    }
    let mut parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let mut month_day = None;
    if let Some(last) = parts.last() {
        let words: Vec<&str> = last.split_whitespace().collect();
        if let [month, day] = words.as_slice() {
            let month =
                crate::text::calendar::month_number(&month.trim_end_matches('.').to_lowercase());
            let day = day.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
            if let (Some(month), Some(day)) = (month, day) {
                month_day = Some((month, day));
                parts.pop();
            }
        }
    }
    let first = parts.first()?;
    let capitals = first.chars().any(char::is_alphabetic)
        && first
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
        && word_count(first) <= 4;
    let rest_ok = parts[1..]
        .iter()
        .all(|p| looks_like_name(p) && word_count(p) <= 4);
    (capitals && rest_ok && parts.len() <= 3).then(|| (Some(parts.join(", ")), month_day))
}

/// The day a dateline's month and day fall on: in the year of `reference` (the publication
/// date, the address's date or the capture date), the year before when that would put it
/// more than a month after the reference.
pub(crate) fn dateline_day(month_day: (u32, u32), reference: NaiveDate) -> Option<NaiveDate> {
    let (month, day) = month_day;
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day)?;
    if this_year > reference + chrono::Days::new(31) {
        NaiveDate::from_ymd_opt(reference.year() - 1, month, day)
    } else {
        Some(this_year)
    }
}

/// Reads the after-matter for the author's bio block and the publisher's name.
pub(crate) fn read_after_matter(
    tail: &[String],
    author: &mut Option<String>,
    publisher: &mut Option<String>,
) {
    for (i, line) in tail.iter().enumerate().take(12) {
        let lower = line.to_lowercase();
        for prefix in ["further reading on ", "more from "] {
            if publisher.is_none() && lower.starts_with(prefix) && word_count(line) <= 8 {
                let name = line[prefix.len()..].trim().trim_end_matches(['.', ':']);
                let first = name
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_lowercase();
                let not_a_name = ["this", "our", "the", "us", "same", "author", "section"]
                    .contains(&first.as_str())
                    && !name.contains(' ')
                    || ["this", "our", "these"].contains(&first.as_str());
                if name.chars().next().is_some_and(char::is_uppercase) && !not_a_name {
                    *publisher = Some(name.to_string());
                }
            }
        }
        let bio_follows = tail.get(i + 1).is_some_and(|next| {
            next.contains(" | ")
                || ["is a ", "is an ", "is the "]
                    .iter()
                    .any(|p| next.to_lowercase().contains(p))
        });
        if author.is_none() && is_person_name(line) && bio_follows {
            *author = Some(line.clone());
        }
    }
}

/// The reporters a wire story credits at its end: `Reporting by Neil Jerome Morales and Karen
/// Lema in Manila; Editing by Jane Roe` → the reporters (editors are not authors).
pub(crate) fn reporting_credit(line: &str) -> Option<String> {
    let rest = line.strip_prefix("Reporting by ")?;
    if word_count(line) > 40 {
        return None;
    }
    let first = rest.split(';').next()?.trim().trim_end_matches('.');
    let names: Vec<String> = split_names(first)
        .into_iter()
        .map(|name| match name.find(" in ") {
            Some(at) => name[..at].trim().to_string(),
            None => name,
        })
        .filter(|name| looks_like_name(name))
        .collect();
    (!names.is_empty()).then(|| names.join(" and "))
}

/// Whether a line is a wire story's closing credits (`Reporting by …; Editing by …`,
/// `Writing by …`, `Additional reporting by …`).
pub(crate) fn is_credit_line(line: &str) -> bool {
    word_count(line) <= 40
        && [
            "Reporting by ",
            "Writing by ",
            "Editing by ",
            "Additional reporting by ",
            "Compiled by ",
        ]
        .iter()
        .any(|p| line.starts_with(p))
}

/// The site's name in a copyright line: `© 2024 The Capital. All rights reserved.`,
/// `Copyright © 2025 Al Arabiya Network`, `(c) 2023 Example Media Ltd`.
pub(crate) fn copyright_holder(line: &str) -> Option<String> {
    if word_count(line) > 16 {
        return None;
    }
    let lower = line.to_lowercase();
    let at = ["©", "copyright", "(c) "]
        .iter()
        .filter_map(|mark| lower.find(mark).map(|i| i + mark.len()))
        .max()?;
    let rest = line.get(at..)?.trim_start_matches(['©', ' ', ':']);
    let rest =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | ','));
    let rest = rest.trim_start_matches(['©', ' ']);
    let end = [". ", " all rights", " |", " -", ","]
        .iter()
        .filter_map(|sep| rest.to_lowercase().find(sep))
        .min()
        .unwrap_or(rest.len());
    let holder = strip_company(&rest[..end]);
    (word_count(&holder) <= 6
        && holder.chars().next().is_some_and(char::is_uppercase)
        && holder.chars().any(char::is_alphabetic))
    .then_some(holder)
}

/// A company name without its legal suffix: `Example Media Ltd` → `Example Media`.
fn strip_company(name: &str) -> String {
    let mut name = name.trim().to_string();
    for suffix in [
        " Inc", " LLC", " Ltd", " Limited", " PLC", " GmbH", " Pvt", " Corp",
    ] {
        let trimmed = name.trim_end_matches(['.', ',', ' ']).to_string();
        if let Some(stripped) = trimmed.strip_suffix(suffix) {
            name = stripped.trim_end_matches([',', ' ']).to_string();
        } else {
            name = trimmed;
        }
    }
    name
}

#[cfg(test)]
#[allow(clippy::type_complexity)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<(Vec<String>, Option<String>)> {
        byline(line).map(|b| (b.authors, b.agency))
    }

    #[test]
    fn reads_bylines() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("By Jane Doe", &["Jane Doe"], None),
            ("- By Stanley Reed", &["Stanley Reed"], None),
            ("By SAMUEL OKAFOR", &["Samuel Okafor"], None),
            ("By Jane Doe and John Roe", &["Jane Doe", "John Roe"], None),
            (
                "By Jane Doe, John Roe and Ann Lee",
                &["Jane Doe", "John Roe", "Ann Lee"],
                None,
            ),
            ("By Jane Doe, Reuters", &["Jane Doe"], Some("Reuters")),
            ("By Jane Doe (AFP)", &["Jane Doe"], Some("AFP")),
            ("By Jane Doe, Senior Correspondent", &["Jane Doe"], None),
            ("Written by Jane Doe | 3 Sep 2025", &["Jane Doe"], None),
            ("By Jane Doe September 3, 2025", &["Jane Doe"], None),
            ("By Jane Doe • Published 3 Sep 2025", &["Jane Doe"], None),
            ("By Reuters", &[], Some("Reuters")),
            (
                "By Mohammed bin Salman al Saud",
                &["Mohammed bin Salman al Saud"],
                None,
            ),
        ];
        for &(line, authors, agency) in cases {
            let expected: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
            assert_eq!(
                names(line),
                Some((expected, agency.map(str::to_string))),
                "{line}"
            );
        }
        for line in [
            "By the way, the talks went on",
            "by far the largest",
            "Byline",
        ] {
            assert_eq!(names(line), None, "{line}");
        }
    }

    #[test]
    fn reads_a_header_below_the_headline() {
        let body_line = "The port reopened on Tuesday after a week of strikes that had stopped most of its container traffic.";
        let cases: &[(
            &[&str],
            Option<&str>,
            Option<&str>,
            Option<&str>,
            Option<&str>,
        )] = &[
            (
                &["Ryan Morgan", "12/19/2023", body_line],
                Some("Ryan Morgan"),
                None,
                Some("2023-12-19"),
                None,
            ),
            (
                &[
                    "By SAMUEL OKAFOR",
                    "Associated Press",
                    "March 6, 2024 12:36 PM - Updated: March 7, 2024",
                    body_line,
                ],
                Some("Samuel Okafor"),
                Some("Associated Press"),
                Some("2024-03-06"),
                Some("2024-03-07"),
            ),
            (
                &[
                    "- By Stanley Reed",
                    "Published: 03 Sep. 2025, 18:43 Updated",
                    body_line,
                ],
                Some("Stanley Reed"),
                None,
                Some("2025-09-03"),
                None,
            ),
            (
                &["Sept. 3, 2025", "Updated:", "Sept. 4, 2025", body_line],
                None,
                None,
                Some("2025-09-03"),
                Some("2025-09-04"),
            ),
            // A deck below the headline is text, and a name after it is not a byline.
            (
                &[
                    "The port's owners say the strike cost them dearly.",
                    body_line,
                ],
                None,
                None,
                None,
                None,
            ),
        ];
        for &(lines, author, agency, published, updated) in cases {
            let mut body: Vec<&str> = lines.to_vec();
            let mut header = Header::default();
            read_header(&mut body, DayOrder::MonthFirst, &mut header);
            let day =
                |s: Option<&str>| s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            assert_eq!(header.author.as_deref(), author, "{lines:?}");
            assert_eq!(header.agency.as_deref(), agency, "{lines:?}");
            assert_eq!(header.published, day(published), "{lines:?}");
            assert_eq!(header.updated, day(updated), "{lines:?}");
            assert_eq!(body.last(), Some(&body_line), "{lines:?}");
        }
    }

    #[test]
    fn reads_datelines() {
        let cases: &[(&str, Option<&str>, Option<(u32, u32)>, Option<&str>, &str)] = &[
            (
                "ROTTERDAM, Sept 3 (Reuters) - The port said",
                Some("ROTTERDAM"),
                Some((9, 3)),
                Some("Reuters"),
                "The port said",
            ),
            (
                "DUBAI, United Arab Emirates (AP) — A suspected attack",
                Some("DUBAI, United Arab Emirates"),
                None,
                Some("Associated Press"),
                "A suspected attack",
            ),
            (
                "WASHINGTON (Reuters) -- The talks",
                Some("WASHINGTON"),
                None,
                Some("Reuters"),
                "The talks",
            ),
            (
                "(Reuters) - Ships were",
                None,
                None,
                Some("Reuters"),
                "Ships were",
            ),
            (
                "BEIJING, Sept. 3 (Xinhua) -- China held",
                Some("BEIJING"),
                Some((9, 3)),
                Some("Xinhua"),
                "China held",
            ),
            (
                "NEW DELHI: India said on Monday",
                Some("NEW DELHI"),
                None,
                None,
                "India said on Monday",
            ),
            (
                "WASHINGTON — The talks began",
                Some("WASHINGTON"),
                None,
                None,
                "The talks began",
            ),
        ];
        for &(text, place, month_day, agency, rest) in cases {
            let found = dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found.place.as_deref(), place, "{text}");
            assert_eq!(found.month_day, month_day, "{text}");
            assert_eq!(found.agency.as_deref(), agency, "{text}");
            assert_eq!(&text[found.rest_at..], rest, "{text}");
        }
        for text in [
            "The talks - long delayed - began on Monday",
            "Xi said: the world faces a choice",
            "In a bold display (of unity) — the leaders met",
            "US: a statement",
            "BREAKING: The president has resigned",
            "EXCLUSIVE — The documents show",
            "US - China talks resumed on Monday",
            "NATO - the alliance met",
        ] {
            assert_eq!(dateline(text), None, "{text}");
        }
    }

    #[test]
    fn dates_a_dateline_near_its_reference() {
        let reference = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        assert_eq!(
            dateline_day((12, 30), reference),
            NaiveDate::from_ymd_opt(2024, 12, 30)
        );
        assert_eq!(
            dateline_day((1, 9), reference),
            NaiveDate::from_ymd_opt(2025, 1, 9)
        );
    }

    #[test]
    fn reads_a_wire_story_s_credits() {
        let cases = [
            (
                "Reporting by Neil Jerome Morales and Karen Lema in Manila; Editing by Jane Roe",
                Some("Neil Jerome Morales and Karen Lema"),
            ),
            (
                "Reporting by Jane Doe; Writing by John Roe",
                Some("Jane Doe"),
            ),
            ("Reporting was hard that week", None),
        ];
        for (line, authors) in cases {
            assert_eq!(reporting_credit(line).as_deref(), authors, "{line}");
        }
        assert!(is_credit_line("Editing by Jane Roe"));
    }

    #[test]
    fn reads_copyright_lines() {
        let cases = [
            (
                "© 2024 The Capital. All rights reserved.",
                Some("The Capital"),
            ),
            (
                "Copyright © 2025 Al Arabiya Network",
                Some("Al Arabiya Network"),
            ),
            ("(c) 2023 Example Media Ltd", Some("Example Media")),
            (
                "Copyright 2019-2025, Example News Inc.",
                Some("Example News"),
            ),
            (
                "The copyright of the photos is disputed by many of the people involved in it",
                None,
            ),
        ];
        for (line, holder) in cases {
            assert_eq!(copyright_holder(line).as_deref(), holder, "{line}");
        }
    }

    #[test]
    fn tells_names_from_labels() {
        for name in [
            "Ryan Morgan",
            "Jane Q. Doe",
            "Anne-Marie O’Neil",
            "J. R. Smith",
        ] {
            assert!(is_person_name(name), "{name}");
        }
        for line in [
            "Key Points",
            "Live Updates",
            "A section heading",
            "BREAKING NEWS",
        ] {
            assert!(!is_person_name(line), "{line}");
        }
    }
}
