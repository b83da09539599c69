//! Sentences as byte ranges: the one splitter claims, event reports and the estimative lint
//! cut paragraphs with.
//!
//! UAX #29's sentence rules would split "U.S. officials said" after "U.S.", so the rules are
//! news copy's own. A sentence ends at `!`, `?`, `.` or `…` (and takes the closing quotes,
//! brackets and emphasis marks after it: `…he said.”` ends after the `”`) when whitespace or
//! the end of the text follows and the next word does not start in lower case. A full stop
//! then ends a sentence unless it closes an abbreviation:
//!
//! - a **title** (Gen., Mr., Dr., Sen., St., …) or **e.g.**, **i.e.**, **vs.** never ends
//!   one: a name or an example follows;
//! - **No.** and a month's abbreviation (Jan., Sept., …) before a number do not ("No. 1",
//!   "Sept. 3");
//! - any other abbreviation that can also close a sentence — **initials** (U.S., U.K.,
//!   J.R.R.), a **single capital** ("John F. Kennedy"), Inc., Corp., Ltd., Co., Jr., Sr.,
//!   etc., a month — ends one only when the next word is one that opens sentences and is
//!   not a name: "The", "A", "It", "He", "She", "They", "But", "In" and the like
//!   ([`OPENERS`]). So "sanctioned by the U.S. The next day" is two sentences and "the U.S.
//!   Navy" one. The rule errs towards joining: a sentence that ends in "U.S." before a name
//!   ("…the U.S. Kim said") stays joined to the next, which costs less than cutting
//!   "U.S. Secretary of State" in two.
//!
//! A full stop between digits (3.5) is no end, since no space follows it.

use std::ops::Range;

/// Titles before a name: never the end of a sentence.
const TITLES: &[&str] = &[
    "adm", "brig", "capt", "cdr", "cmdr", "col", "cpl", "det", "dr", "fr", "gen", "gov", "hon",
    "insp", "lt", "maj", "messrs", "mr", "mrs", "ms", "mx", "pres", "prof", "pvt", "rep", "rev",
    "sen", "sgt", "st", "supt",
];

/// Abbreviations that a name or an example always follows.
const NEVER_LAST: &[&str] = &["e.g", "i.e", "vs", "cf", "viz"];

/// Abbreviations that also close sentences: they end one only before an [`OPENERS`] word.
const MAY_BE_LAST: &[&str] = &[
    "inc", "corp", "ltd", "co", "plc", "bros", "jr", "sr", "etc", "al", "approx", "est", "dept",
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

/// Abbreviations that a number follows without ending the sentence ("No. 1", "Sept. 3").
const BEFORE_NUMBERS: &[&str] = &[
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vol", "p", "pp", "art", "fig",
];

/// Capitalised words that open sentences and are not names: after an abbreviation that can
/// close a sentence, one of them starts the next.
const OPENERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "during",
    "for",
    "from",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "no",
    "not",
    "now",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "we",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
];

/// Characters that close a sentence after its stop and stay with it.
fn closes(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '»' | '›' | '*' | '_'
    )
}

/// Characters that open the next sentence before its first word.
fn opens(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '"' | '“' | '‘' | '\'' | '«' | '‹' | '*' | '_'
    )
}

/// The byte ranges of the sentences of `text`, without the whitespace around them.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // A run of stops ("?!", "...") ends at its last.
        if chars
            .peek()
            .is_some_and(|&(_, n)| matches!(n, '.' | '!' | '?' | '…'))
        {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if !closes(n) {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next = next_word(rest);
        if next.starts_with(char::is_lowercase) {
            continue;
        }
        let ellipsis = c == '…' || text[..at].ends_with('.');
        if c == '.' && !ellipsis && continues_after(&text[..at], next) {
            continue;
        }
        push_trimmed(text, start..end, &mut found);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut found);
    found
}

fn push_trimmed(text: &str, range: Range<usize>, found: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        found.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

/// The start of the next word after whitespace and opening quotes or brackets.
fn next_word(rest: &str) -> &str {
    rest.trim_start().trim_start_matches(opens)
}

/// Whether a full stop after `before` closes an abbreviation that the text goes on after,
/// given the `next` word (see the module's rules).
fn continues_after(before: &str, next: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() || word.starts_with('.') {
        return false;
    }
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if TITLES.contains(&lower) || NEVER_LAST.contains(&lower) {
        return true;
    }
    let before_number = next.starts_with(|c: char| c.is_ascii_digit());
    if before_number {
        return BEFORE_NUMBERS.contains(&lower);
    }
    let initial = {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    };
    let initials = word.contains('.')
        && word.split('.').all(|l| {
            let mut chars = l.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        });
    if initial || initials || MAY_BE_LAST.contains(&lower) {
        let first: String = next
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        return !OPENERS.contains(&first.as_str());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn does_not_end_at_abbreviations_titles_and_initials() {
        let one = [
            "An attack on the U.S. military forces – with the support of allies – failed.",
            "Gen. Kim Yong Bok said.",
            "Lt. Col. Smith and Sgt. Park met Adm. Lee.",
            "Mr. and Mrs. Kim met Dr. Park, Prof. Li and Ms. Choi.",
            "Sen. Rubio, Rep. Smith and Gov. Newsom spoke at St. Paul’s.",
            "Martin Luther King Jr. said so.",
            "Apple Inc. shares and Acme Corp. bonds rose, as did Foo Ltd. and Bar Co. stock.",
            "Tanks, missiles, etc. were shown.",
            "It was Kim vs. Park.",
            "Arms, e.g. tanks, and i.e. Missiles.",
            "He was No. 1 in the polls.",
            "On Jan. 5 and Sept. 3 and Dec. 12 they met.",
            "John F. Kennedy was shot.",
            "J.R.R. Tolkien wrote it.",
            "It rose 3.5 percent.",
            "The U.K. Foreign Office and the U.N. Security Council and E.U. leaders met.",
            "He paused... and went on.",
        ];
        for text in one {
            assert_eq!(split(text), [text], "{text}");
        }
    }

    #[test]
    fn ends_where_sentences_end() {
        let cases: [(&str, &[&str]); 9] = [
            (
                "It rose 3.5 percent. Then it fell.",
                &["It rose 3.5 percent.", "Then it fell."],
            ),
            (
                "“We will win,” he said. “They will lose.”",
                &["“We will win,” he said.", "“They will lose.”"],
            ),
            ("Really? Yes! Fine.", &["Really?", "Yes!", "Fine."]),
            ("“Why?” he asked. No.", &["“Why?” he asked.", "No."]),
            (
                "It was sanctioned by the U.S. The next day it fired.",
                &["It was sanctioned by the U.S.", "The next day it fired."],
            ),
            (
                "Trade with the U.S. fell. U.S. officials said so.",
                &["Trade with the U.S. fell.", "U.S. officials said so."],
            ),
            (
                "He waited... Then he left.",
                &["He waited...", "Then he left."],
            ),
            ("(It ended.) Then more", &["(It ended.)", "Then more"]),
            ("Plan A. Then B.", &["Plan A.", "Then B."]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), expected, "{text}");
        }
    }

    #[test]
    fn ranges_leave_out_the_space_between_sentences() {
        let text = "  One.   Two?  ";
        assert_eq!(sentences(text), [2..6, 9..13]);
        assert!(sentences("   ").is_empty());
        assert_eq!(split("No stop at the end"), ["No stop at the end"]);
    }
}
