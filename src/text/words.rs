//! Words with their byte ranges: the one tokeniser every stage reads text through.
//!
//! The Unicode word boundaries of UAX #29 (`unicode-segmentation`) give the first cut: they
//! keep an accent written as a combining mark inside its word, keep "1,000" and "3.5"
//! whole and keep "don’t" whole. On top of them:
//!
//! - a possessive or contracted `’s` (`'s`, `ʼs`) is cut off and noted: `South Korea’s` is
//!   the word `Korea`, possessive, so it matches the name "South Korea"; a plural possessive
//!   (`soldiers’`) keeps its word and is noted the same way;
//! - a full stop, colon or underscore between letters separates words ("end.The",
//!   `_emphasis_`), except in dotted initials, which are one word with their last dot
//!   (`U.S.`, `J.R.R.`, `e.g.`);
//! - a hyphen between words joins them into one word whose parts are still reachable
//!   (`JuLang-3`, `anti-American`, `twenty-six`): a name keeps its hyphen, while filing and
//!   date-reading look at the parts; initials stay apart (`U.S.-led` is `U.S.` and `led`, so
//!   the name is found);
//! - a currency sign before a number (`$`, `US$`, `€`) and a percent sign after one are kept
//!   beside the word, so a figure's words are the word with them.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What a word is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// Letters only (and inner apostrophes and hyphens): "Korea", "anti-American".
    Letters,
    /// Digits with their separators: "10,000", "1.5", "2025".
    Number,
    /// Letters and digits: "80th", "JuLang-3", "F-35A".
    Alphanumeric,
    /// Single letters each followed by a full stop: "U.S.", "J.R.R.", "e.g.".
    Initials,
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word<'t> {
    /// The word as written, without a possessive ending or the signs beside it.
    pub(crate) text: &'t str,
    /// Where `text` stands in the text, in bytes.
    pub(crate) span: Range<usize>,
    /// What the word is made of.
    pub(crate) kind: WordKind,
    /// A currency sign written right before the word (`$`, `US$`, `€`), or "".
    pub(crate) sign: &'t str,
    /// What is written right after the word and belongs to it: a possessive ending (`’s`,
    /// `'s`, or the `’` of a plural), or a percent sign after a number; or "".
    pub(crate) ending: &'t str,
}

impl<'t> Word<'t> {
    /// Whether the word is followed by a possessive (or contracted) ending.
    #[allow(
        dead_code,
        reason = "the layer's interface; the quotation reader adopts it next"
    )]
    pub(crate) fn possessive(&self) -> bool {
        self.ending.starts_with(APOSTROPHES)
    }

    /// Whether the word starts with a capital letter.
    #[allow(
        dead_code,
        reason = "the layer's interface; the quotation reader adopts it next"
    )]
    pub(crate) fn capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    /// The word with its currency sign and ending: the words a figure is read from
    /// (`$10,000`, `60.5%`, `Korea’s`).
    pub(crate) fn outer(&self) -> Range<usize> {
        self.span.start - self.sign.len()..self.span.end + self.ending.len()
    }

    /// The parts of a hyphenated word, each with its byte offset in the text ("anti",
    /// "American"); a word without a hyphen is its one part.
    pub(crate) fn parts(&self) -> impl Iterator<Item = (usize, &'t str)> + 't {
        // Pieces end with their hyphen, whose length (one byte or three) moves the offset.
        self.text
            .split_inclusive(HYPHENS)
            .scan(self.span.start, |at, piece| {
                let here = *at;
                *at += piece.len();
                Some((here, piece.strip_suffix(HYPHENS).unwrap_or(piece)))
            })
            .filter(|(_, part)| !part.is_empty())
    }
}

/// Apostrophes, as typed and as typeset.
const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];

/// Hyphens that join two words into one (not dashes, which separate).
const HYPHENS: [char; 3] = ['-', '‐', '‑'];

/// Currency signs a figure may open with.
const CURRENCY: [char; 10] = ['$', '€', '£', '¥', '₽', '₩', '₹', '₺', '₴', '₦'];

/// The words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let segments: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
    let mut k = 0;
    while k < segments.len() {
        let (at, segment) = segments[k];
        k += 1;
        if !segment.chars().any(char::is_alphanumeric) {
            continue;
        }
        if is_initials(segment) {
            // The last dot is part of the initials ("U.S." is written with it).
            let end = at + segment.len();
            let dot = segments.get(k).is_some_and(|&(_, s)| s == ".");
            if dot {
                k += 1;
            }
            pieces.push(at..end + usize::from(dot));
            continue;
        }
        split_at_stops(text, at..at + segment.len(), &mut pieces);
    }
    let mut found: Vec<Word> = Vec::with_capacity(pieces.len());
    let mut p = 0;
    while p < pieces.len() {
        // Join pieces separated by one hyphen and nothing else.
        let start = pieces[p].start;
        let mut end = pieces[p].end;
        while let Some(next) = pieces.get(p + 1) {
            let between = &text[end..next.start];
            let hyphen = between.chars().count() == 1 && between.starts_with(HYPHENS);
            // Initials keep apart from what follows: "U.S.-led" names the U.S.
            let closed = possessive_at(&text[start..end]).is_some() || text[..end].ends_with('.');
            if !hyphen || closed {
                break;
            }
            end = next.end;
            p += 1;
        }
        p += 1;
        found.push(word(text, start..end));
    }
    attach_signs(text, &mut found);
    found
}

/// A word made of `text[span]`, its possessive ending cut off.
fn word(text: &str, span: Range<usize>) -> Word<'_> {
    let mut end = span.end;
    let mut ending = "";
    if let Some(cut) = possessive_at(&text[span.clone()]) {
        end = span.start + cut;
        ending = &text[end..span.end];
    } else if text[span.clone()].ends_with(['s', 'S']) {
        // A plural possessive: "soldiers’ families".
        if let Some(apostrophe) = text[span.end..]
            .chars()
            .next()
            .filter(|c| APOSTROPHES.contains(c))
        {
            let after = text[span.end + apostrophe.len_utf8()..].chars().next();
            if after.is_none_or(|c| !c.is_alphanumeric()) {
                ending = &text[span.end..span.end + apostrophe.len_utf8()];
            }
        }
    }
    let word = &text[span.start..end];
    Word {
        text: word,
        span: span.start..end,
        kind: kind_of(word),
        sign: "",
        ending,
    }
}

/// Where a possessive `’s` at the end of `word` starts, when the word has letters before it.
fn possessive_at(word: &str) -> Option<usize> {
    let stem = word.strip_suffix(['s', 'S'])?;
    let apostrophe = stem
        .chars()
        .next_back()
        .filter(|c| APOSTROPHES.contains(c))?;
    let stem = &stem[..stem.len() - apostrophe.len_utf8()];
    stem.chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        .then_some(stem.len())
}

/// Whether a UAX #29 word is dotted initials without their last dot: single letters joined
/// by full stops ("U.S", "J.R.R", "e.g").
fn is_initials(segment: &str) -> bool {
    segment.contains('.')
        && segment.split('.').all(|letter| {
            let mut chars = letter.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        })
}

/// Adds the words of one UAX #29 word to `pieces`: it is cut at full stops, colons and the
/// like between letters ("end.The", "Note:this"), and at underscores (Markdown emphasis);
/// a full stop or comma between digits ("3.5", "10,000") stays.
fn split_at_stops(text: &str, segment: Range<usize>, pieces: &mut Vec<Range<usize>>) {
    let body = &text[segment.clone()];
    let mut start = segment.start;
    let mut previous: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let stop = matches!(
            c,
            '.' | ':' | '·' | '_' | ',' | ';' | '\u{FF0E}' | '\u{2024}'
        ) && !(matches!(c, '.' | ',')
            && previous.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit()));
        if stop {
            let at = segment.start + i;
            if start < at {
                pieces.push(start..at);
            }
            start = at + c.len_utf8();
        }
        previous = Some(c);
    }
    if start < segment.end {
        pieces.push(start..segment.end);
    }
}

/// What `word` is made of.
fn kind_of(word: &str) -> WordKind {
    if is_initials(word.strip_suffix('.').unwrap_or(word)) && word.ends_with('.') {
        return WordKind::Initials;
    }
    let letters = word.chars().any(char::is_alphabetic);
    let digits = word.chars().any(|c| c.is_numeric());
    match (letters, digits) {
        (_, false) => WordKind::Letters,
        (false, true)
            if word
                .chars()
                .all(|c| c.is_numeric() || matches!(c, '.' | ',')) =>
        {
            WordKind::Number
        }
        _ => WordKind::Alphanumeric,
    }
}

/// Gives each number the currency sign right before it (with a currency code of capitals
/// written against it, as in "US$", which is then no word of its own) and the percent sign
/// right after it.
fn attach_signs<'t>(text: &'t str, found: &mut Vec<Word<'t>>) {
    let mut k = 0;
    while k < found.len() {
        let word = &found[k];
        let starts_with_digit = word.text.starts_with(|c: char| c.is_ascii_digit());
        if !starts_with_digit {
            k += 1;
            continue;
        }
        let start = word.span.start;
        let end = word.span.end;
        if word.ending.is_empty() && text[end..].starts_with('%') {
            found[k].ending = &text[end..end + 1];
        }
        let Some(sign) = text[..start]
            .chars()
            .next_back()
            .filter(|c| CURRENCY.contains(c))
        else {
            k += 1;
            continue;
        };
        let mut sign_start = start - sign.len_utf8();
        // A code of capitals against the sign ("US$", "HK$", "A$") is part of it.
        let code = k
            .checked_sub(1)
            .map(|j| &found[j])
            .filter(|w| {
                w.span.end == sign_start
                    && w.ending.is_empty()
                    && w.text.len() <= 3
                    && w.text.chars().all(|c| c.is_ascii_uppercase())
            })
            .map(|w| w.span.start);
        if let Some(code_start) = code {
            sign_start = code_start;
            found.remove(k - 1);
            k -= 1;
        }
        found[k].sign = &text[sign_start..start];
        k += 1;
    }
}

/// Whether `word` is written in capitals, as an acronym is: every letter upper case, or all
/// but a plural `s` ("ICBMs"), and at least two of them ("US", not the "I" or "A" that opens
/// a sentence). Dots of initials do not count ("U.S.").
pub(crate) fn in_capitals(word: &str) -> bool {
    let mut upper = 0;
    let mut letters = 0;
    let mut trailing_lower = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_uppercase() && trailing_lower == 0 {
            upper += 1;
        } else if c.is_lowercase() {
            trailing_lower += 1;
        }
    }
    upper >= 2 && (upper == letters || (trailing_lower == 1 && word.ends_with('s')))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word as `text`, with `’s`/`'s` for a possessive, `$…` for a sign, `…%` for a
    /// percent sign.
    fn shown(text: &str) -> Vec<String> {
        words(text)
            .iter()
            .map(|w| {
                assert_eq!(&text[w.span.clone()], w.text);
                format!("{}{}{}", w.sign, w.text, w.ending)
            })
            .collect()
    }

    #[test]
    fn cuts_off_possessives_with_either_apostrophe() {
        let cases: [(&str, &[(&str, bool)]); 6] = [
            (
                "South Korea’s army",
                &[("South", false), ("Korea", true), ("army", false)],
            ),
            ("Xi's 80th", &[("Xi", true), ("80th", false)]),
            (
                "the soldiers’ families",
                &[("the", false), ("soldiers", true), ("families", false)],
            ),
            (
                "Kim Jong-un’s visit",
                &[("Kim", false), ("Jong-un", true), ("visit", false)],
            ),
            (
                "don’t O’Brien rock’n’roll",
                &[("don’t", false), ("O’Brien", false), ("rock’n’roll", false)],
            ),
            (
                "People's Liberation Army",
                &[("People", true), ("Liberation", false), ("Army", false)],
            ),
        ];
        for (text, expected) in cases {
            let found: Vec<(&str, bool)> = words(text)
                .iter()
                .map(|w| (w.text, w.possessive()))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn keeps_hyphenated_words_whole_with_their_parts() {
        let found = words("JuLang-3, anti-American and twenty-six U.S.-led drills – then");
        assert_eq!(found[4].text, "U.S.");
        let texts: Vec<&str> = found.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            [
                "JuLang-3",
                "anti-American",
                "and",
                "twenty-six",
                "U.S.",
                "led",
                "drills",
                "then"
            ]
        );
        let parts: Vec<Vec<&str>> = found
            .iter()
            .map(|w| w.parts().map(|(_, p)| p).collect())
            .collect();
        assert_eq!(parts[0], ["JuLang", "3"]);
        assert_eq!(parts[1], ["anti", "American"]);
        assert_eq!(parts[3], ["twenty", "six"]);
        // A typeset hyphen is three bytes long.
        let text = "the anti‐American mid-September";
        let parts: Vec<(usize, &str)> = words(text).iter().flat_map(|w| w.parts()).collect();
        assert_eq!(
            parts,
            [
                (0, "the"),
                (4, "anti"),
                (11, "American"),
                (20, "mid"),
                (24, "September")
            ]
        );
        for (at, part) in parts {
            assert_eq!(&text[at..at + part.len()], part);
        }
        assert_eq!(found[0].kind, WordKind::Alphanumeric);
        assert_eq!(found[1].kind, WordKind::Letters);
    }

    #[test]
    fn reads_initials_as_one_word() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "the U.S. and U.K. envoys",
                &["the", "U.S.", "and", "U.K.", "envoys"],
            ),
            ("J.R.R. Tolkien wrote", &["J.R.R.", "Tolkien", "wrote"]),
            ("arms, e.g. tanks", &["arms", "e.g.", "tanks"]),
            ("John F. Kennedy", &["John", "F", "Kennedy"]),
            ("It ended.The next", &["It", "ended", "The", "next"]),
        ];
        for (text, expected) in cases {
            assert_eq!(shown(text), expected, "{text}");
        }
        let us = &words("the U.S. army")[1];
        assert_eq!((us.kind, us.span.clone()), (WordKind::Initials, 4..8));
    }

    #[test]
    fn reads_numbers_with_separators_and_signs() {
        let cases: [(&str, &[&str]); 6] = [
            ("over 10,000 troops", &["over", "10,000", "troops"]),
            (
                "rose 1.5 points, to 60.5%.",
                &["rose", "1.5", "points", "to", "60.5%"],
            ),
            ("$10,000 and €1.2bn", &["$10,000", "and", "€1.2bn"]),
            ("US$5 million", &["US$5", "million"]),
            ("in 2025, 3,000.", &["in", "2025", "3,000"]),
            ("the 1990s’ end", &["the", "1990s’", "end"]),
        ];
        for (text, expected) in cases {
            assert_eq!(shown(text), expected, "{text}");
        }
        let number = &words("10,000")[0];
        assert_eq!(number.kind, WordKind::Number);
        let money = &words("cost US$5 now")[1];
        assert_eq!((money.sign, money.outer()), ("US$", 5..9));
    }

    #[test]
    fn keeps_combining_accents_and_drops_emphasis_marks() {
        // "Zürich" written with a combining diaeresis.
        let text = "Zu\u{308}rich _Yes_ **no**";
        assert_eq!(shown(text), ["Zu\u{308}rich", "Yes", "no"]);
    }

    #[test]
    fn tells_words_in_capitals() {
        let cases = [
            ("US", true),
            ("ICBMs", true),
            ("U.S.", true),
            ("Us", false),
            ("I", false),
            ("NATO", true),
            ("JuLang", false),
        ];
        for (word, caps) in cases {
            assert_eq!(in_capitals(word), caps, "{word}");
        }
        assert!(words("Korea")[0].capitalised() && !words("korea")[0].capitalised());
    }
}
