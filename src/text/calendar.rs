//! Month and weekday names, as figures, relative dates and bylines read them and as pages
//! print them: one table, so "Sept." means September everywhere.

use chrono::Weekday;

/// The months' names, lowercase, January first.
pub(crate) const MONTHS: [&str; 12] = [
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
];

/// The weekdays' names, lowercase, Monday first (chrono's order).
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The number of a month named in lowercase: its full name, or any start of it of three or
/// more letters ("sep", "sept", "dec"). Lenient, for figures read from prose.
pub(crate) fn month_number(token: &str) -> Option<u32> {
    if token.len() < 3 || !token.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(token))
        .map(|n| n as u32 + 1)
}

/// A month's lowercase name or its abbreviation (`sep`, `sept`), not a word that only starts
/// like one (`mar` is March, `marine` is not): stricter than [`month_number`], for bylines,
/// where a longer word is seldom a month.
pub(crate) fn month_word(token: &str) -> Option<u32> {
    let month = month_number(token)?;
    let full = MONTHS[month as usize - 1];
    (token == full || token.len() <= 4).then_some(month)
}

/// The month's name with a capital ("September"), for pages; empty outside 1–12.
pub(crate) fn month_name(month: u32) -> String {
    let Some(name) = (month as usize).checked_sub(1).and_then(|m| MONTHS.get(m)) else {
        return String::new();
    };
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The month's name cut to three letters ("Sep"), for charts; empty outside 1–12.
pub(crate) fn month_abbreviation(month: u32) -> String {
    month_name(month).chars().take(3).collect()
}

/// The weekday a word names, written as a name is ("Wednesday"; not "wednesday").
pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    let mut chars = word.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let rest_lower = chars.all(|c| c.is_ascii_lowercase());
    let day = WEEKDAYS.iter().position(|d| *d == lower)?;
    rest_lower.then(|| Weekday::try_from(day as u8).ok())?
}

/// Whether a lowercase token is a weekday's name or a start of it of three or more letters
/// ("wed", "thurs"), as datelines abbreviate them.
pub(crate) fn is_weekday_word(token: &str) -> bool {
    token.len() >= 3 && WEEKDAYS.iter().any(|w| w.starts_with(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_month_names_and_abbreviations() {
        let cases = [
            ("september", Some(9), Some(9)),
            ("sept", Some(9), Some(9)),
            ("sep", Some(9), Some(9)),
            ("dec", Some(12), Some(12)),
            ("marc", Some(3), Some(3)),
            ("septem", Some(9), None),
            ("marine", None, None),
            ("ma", None, None),
            ("may", Some(5), Some(5)),
        ];
        for (token, number, word) in cases {
            assert_eq!(month_number(token), number, "{token}");
            assert_eq!(month_word(token), word, "{token}");
        }
        assert_eq!(month_name(9), "September");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
        assert_eq!(month_abbreviation(9), "Sep");
    }

    #[test]
    fn reads_weekdays_written_as_names() {
        assert_eq!(weekday("Wednesday"), Some(Weekday::Wed));
        assert_eq!(weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(weekday("wednesday"), None);
        assert_eq!(weekday("WEDNESDAY"), None);
        assert_eq!(weekday("Wed"), None);
        assert!(is_weekday_word("thurs") && is_weekday_word("monday"));
        assert!(!is_weekday_word("mo") && !is_weekday_word("month"));
    }
}
