//! Words and weighted terms: the tokenizer and the matcher the classifier is built on.
//!
//! A paragraph is tokenized once ([`Tokens`]): lowercased words, cut at anything that is not a
//! letter or digit, held in one buffer (no allocation per word). A possessive `’s` is dropped
//! so "Kim’s" matches "Kim". Each word remembers whether it was written in capitals, and
//! dotted initials are read as one word ("U.S." is "US"), so a term written in capitals
//! (`US`, `UN`, `EU`, `ICBM*`) matches only the acronym, never the pronoun "us" or the French
//! "un". A hyphen separates words, so "anti-Western" is "anti" "western" and a term written
//! with a hyphen matches it with a hyphen or a space.
//!
//! A term is tokenized the same way and matches a run of consecutive words; a word written
//! with a trailing `*` matches any word that starts with it. Terms are indexed by their first
//! word (or, for a prefix, its first three letters), so matching a paragraph costs two hash
//! look-ups per word, however large the vocabulary — never words × terms.

use std::ops::Range;

use rustc_hash::FxHashMap;

/// Prefix terms are indexed by this many leading characters.
const PREFIX_KEY: usize = 3;

/// The first `PREFIX_KEY` characters of `word`, if it has that many.
fn prefix_key(word: &str) -> Option<&str> {
    match word.char_indices().nth(PREFIX_KEY) {
        Some((end, _)) => Some(&word[..end]),
        None if word.chars().count() == PREFIX_KEY => Some(word),
        None => None,
    }
}

/// A text cut into words, once, for every theme to match against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    /// The lowercased words, one after another.
    buffer: String,
    /// The words, in order.
    words: Vec<Word>,
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    /// Its lowercased form's place in [`Tokens::buffer`].
    lower: Range<usize>,
    /// Where it stands in the text, as bytes: what a reader sees.
    source: Range<usize>,
    /// Whether it was written in capitals.
    caps: bool,
}

/// A word being read.
#[derive(Default)]
struct Reading {
    start: usize,
    /// Where the word starts in the text.
    source_start: usize,
    letters: usize,
    upper: usize,
    /// A lowercase letter after the capitals (the `s` of "ICBMs") ends the run of capitals.
    trailing_lower: usize,
}

impl Tokens {
    /// Cuts `text` into words.
    pub fn new(text: &str) -> Tokens {
        let mut tokens = Tokens {
            buffer: String::with_capacity(text.len()),
            words: Vec::with_capacity(text.len() / 5),
        };
        let mut reading = Reading::default();
        let mut in_word = false;
        // The separators since the last word: an apostrophe marks a possessive, a lone dot
        // between single capitals marks initials.
        let mut after_apostrophe = false;
        let mut only_a_dot = false;
        let mut dots_between_initials = false;
        for (at, c) in text.char_indices() {
            if c.is_alphanumeric() {
                if !in_word {
                    in_word = true;
                    dots_between_initials = only_a_dot;
                    reading = Reading {
                        start: tokens.buffer.len(),
                        source_start: at,
                        ..Reading::default()
                    };
                }
                if c.is_alphabetic() {
                    reading.letters += 1;
                    if c.is_uppercase() && reading.trailing_lower == 0 {
                        reading.upper += 1;
                    } else if c.is_lowercase() {
                        reading.trailing_lower += 1;
                    }
                }
                // Most text is ASCII: lowercasing it needs no table look-up or iterator.
                if c.is_ascii() {
                    tokens.buffer.push(c.to_ascii_lowercase());
                } else {
                    tokens.buffer.extend(c.to_lowercase());
                }
                continue;
            }
            if in_word {
                tokens.finish(&reading, at, after_apostrophe, dots_between_initials);
                in_word = false;
                only_a_dot = c == '.';
            } else {
                only_a_dot = false;
            }
            after_apostrophe = matches!(c, '\'' | '’' | 'ʼ');
        }
        if in_word {
            tokens.finish(
                &reading,
                text.len(),
                after_apostrophe,
                dots_between_initials,
            );
        }
        tokens
    }

    /// Ends the word read into the buffer from `reading.start`, which ends at byte
    /// `source_end` of the text.
    fn finish(
        &mut self,
        reading: &Reading,
        source_end: usize,
        after_apostrophe: bool,
        after_initial_dot: bool,
    ) {
        let range = reading.start..self.buffer.len();
        let word = &self.buffer[range.clone()];
        if after_apostrophe && word == "s" {
            self.buffer.truncate(reading.start);
            return;
        }
        let single_capital = reading.letters == 1 && reading.upper == 1 && word.len() <= 4;
        // "U.S.": a single capital right after "X." joins the initials before it.
        if single_capital && after_initial_dot {
            if let Some(previous) = self.words.last_mut() {
                let initials = &self.buffer[previous.lower.clone()];
                let joinable = initials.chars().all(char::is_alphabetic)
                    && (initials.chars().count() == 1 || (previous.caps && initials.len() <= 3));
                if joinable {
                    previous.lower.end = range.end;
                    previous.source.end = source_end;
                    previous.caps = true;
                    return;
                }
            }
        }
        // Capitals: every letter upper case, or all but a plural `s`; at least two of them.
        let caps = reading.upper >= 2
            && (reading.upper == reading.letters
                || (reading.trailing_lower == 1 && word.ends_with('s')));
        self.words.push(Word {
            lower: range,
            source: reading.source_start..source_end,
            caps,
        });
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Word `index`, lowercased.
    pub fn word(&self, index: usize) -> &str {
        &self.buffer[self.words[index].lower.clone()]
    }

    /// Whether word `index` was written in capitals.
    pub fn is_caps(&self, index: usize) -> bool {
        self.words[index].caps
    }

    /// Where words `range` stand in the text, as bytes from the first word's start to the
    /// last one's end.
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        match (
            self.words.get(range.start),
            self.words.get(range.end.wrapping_sub(1)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => {
                first.source.start..last.source.end
            }
            _ => 0..0,
        }
    }
}

/// One word of a pattern.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Matches this word exactly.
    Exact(String),
    /// Matches any word that starts with this.
    Prefix(String),
}

/// A word of a pattern, and whether it only matches a word written in capitals.
#[derive(Debug, Clone, PartialEq)]
struct PatternWord {
    piece: Piece,
    caps_only: bool,
}

impl PatternWord {
    fn matches(&self, tokens: &Tokens, index: usize) -> bool {
        if self.caps_only && !tokens.is_caps(index) {
            return false;
        }
        let word = tokens.word(index);
        match &self.piece {
            Piece::Exact(exact) => exact == word,
            Piece::Prefix(prefix) => word.starts_with(prefix.as_str()),
        }
    }
}

/// A compiled spelling of a term.
#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    words: Vec<PatternWord>,
    /// Index of the term this spelling belongs to.
    term: usize,
}

fn compile(spelling: &str, term: usize) -> Option<Pattern> {
    let mut words = Vec::new();
    for raw in spelling.split_whitespace().flat_map(|w| w.split('-')) {
        let prefix = raw.ends_with('*');
        let tokens = Tokens::new(raw.trim_end_matches('*'));
        for index in 0..tokens.len() {
            let word = tokens.word(index).to_string();
            let last = index + 1 == tokens.len();
            words.push(PatternWord {
                piece: if prefix && last {
                    Piece::Prefix(word)
                } else {
                    Piece::Exact(word)
                },
                caps_only: tokens.is_caps(index),
            });
        }
    }
    (!words.is_empty()).then_some(Pattern { words, term })
}

/// A set of terms compiled for matching.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Patterns whose first piece is an exact word, by that word.
    by_first_word: FxHashMap<String, Vec<Pattern>>,
    /// Patterns whose first piece is a prefix, by the prefix's first characters.
    by_prefix_key: FxHashMap<String, Vec<Pattern>>,
    /// Patterns whose first piece is a prefix too short to index: tried at every word.
    short_prefixes: Vec<Pattern>,
    terms: usize,
}

impl Matcher {
    /// Compiles terms given as lists of spellings (the term and its aliases); term `i` of the
    /// result is `spellings[i]`.
    pub fn new<'a>(spellings: impl IntoIterator<Item = Vec<&'a str>>) -> Matcher {
        let mut matcher = Matcher::default();
        for (term, forms) in spellings.into_iter().enumerate() {
            matcher.terms = term + 1;
            for pattern in forms.into_iter().filter_map(|form| compile(form, term)) {
                match &pattern.words[0].piece {
                    Piece::Exact(word) => matcher
                        .by_first_word
                        .entry(word.clone())
                        .or_default()
                        .push(pattern),
                    Piece::Prefix(prefix) => match prefix_key(prefix) {
                        Some(key) => matcher
                            .by_prefix_key
                            .entry(key.to_string())
                            .or_default()
                            .push(pattern),
                        None => matcher.short_prefixes.push(pattern),
                    },
                }
            }
        }
        matcher
    }

    /// How often each term occurs in `words`. At a given word the longest matching spelling
    /// of each term counts once, so "ballistic missiles" does not also count "missiles".
    pub fn count(&self, tokens: &Tokens) -> Vec<usize> {
        self.find(tokens).0
    }

    /// [`Matcher::count`], and every match: the term and the words it covers.
    pub fn find(&self, tokens: &Tokens) -> (Vec<usize>, Vec<(usize, Range<usize>)>) {
        let mut found = Vec::new();
        let mut counts = vec![0; self.terms];
        let mut covered_until = vec![0usize; self.terms];
        for start in 0..tokens.len() {
            let word = tokens.word(start);
            let exact = self.by_first_word.get(word).into_iter().flatten();
            let prefixed = prefix_key(word)
                .and_then(|key| self.by_prefix_key.get(key))
                .into_iter()
                .flatten();
            for pattern in exact.chain(prefixed).chain(&self.short_prefixes) {
                let end = start + pattern.words.len();
                if end <= tokens.len()
                    && start >= covered_until[pattern.term]
                    && pattern
                        .words
                        .iter()
                        .zip(start..end)
                        .all(|(piece, index)| piece.matches(tokens, index))
                {
                    counts[pattern.term] += 1;
                    covered_until[pattern.term] = end;
                    found.push((pattern.term, start..end));
                }
            }
        }
        (counts, found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Tokens {
        Tokens::new(text)
    }

    fn words_and_caps(text: &str) -> Vec<(String, bool)> {
        let tokens = w(text);
        (0..tokens.len())
            .map(|i| (tokens.word(i).to_string(), tokens.is_caps(i)))
            .collect()
    }

    #[test]
    fn tokenizes_possessives_hyphens_initials_and_capitals() {
        let cases: [(&str, &[(&str, bool)]); 5] = [
            (
                "Kim’s de-dollarization, U.S.-led!",
                &[
                    ("kim", false),
                    ("de", false),
                    ("dollarization", false),
                    ("us", true),
                    ("led", false),
                ],
            ),
            ("Xi's 80th", &[("xi", false), ("80th", false)]),
            (
                "The US told us; ICBMs and the UN.",
                &[
                    ("the", false),
                    ("us", true),
                    ("told", false),
                    ("us", false),
                    ("icbms", true),
                    ("and", false),
                    ("the", false),
                    ("un", true),
                ],
            ),
            (
                "Plan A. Then B.",
                &[("plan", false), ("a", false), ("then", false), ("b", false)],
            ),
            (
                "U.K. and E.U. leaders",
                &[
                    ("uk", true),
                    ("and", false),
                    ("eu", true),
                    ("leaders", false),
                ],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, bool)> =
                expected.iter().map(|(w, c)| (w.to_string(), *c)).collect();
            assert_eq!(words_and_caps(text), expected, "{text}");
        }
    }

    #[test]
    fn a_term_in_capitals_matches_only_the_acronym() {
        let matcher = Matcher::new([vec!["US"], vec!["ICBM*"], vec!["anti-Western"]]);
        assert_eq!(
            matcher.count(&w("Let us see: the US and U.S. envoys")),
            [2, 0, 0]
        );
        assert_eq!(matcher.count(&w("ICBMs; icbm")), [0, 1, 0]);
        assert_eq!(
            matcher.count(&w("anti-Western and anti Western views")),
            [0, 0, 2]
        );
    }

    #[test]
    fn counts_phrases_prefixes_and_aliases() {
        let matcher = Matcher::new([
            vec!["sanction*"],
            vec!["intercontinental ballistic missile*", "ICBM*"],
            vec!["de-dollarization"],
        ]);
        let text = w(
            "Sanctions and sanctioned states; intercontinental ballistic missiles and ICBMs. De-dollarization.",
        );
        assert_eq!(matcher.count(&text), [2, 2, 1]);
    }

    #[test]
    fn matches_short_and_long_prefixes() {
        let matcher = Matcher::new([vec!["un*"], vec!["sanc*"], vec!["é*"]]);
        assert_eq!(
            matcher.count(&w("UNSC sanctions; un; San; école")),
            [2, 1, 1]
        );
    }

    #[test]
    fn matches_whole_words_only() {
        let matcher = Matcher::new([vec!["war"], vec!["un"]]);
        assert_eq!(matcher.count(&w("warships under the UN")), [0, 1]);
    }
}
