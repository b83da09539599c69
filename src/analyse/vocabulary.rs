//! Words and weighted terms: the tokenizer and the matcher the classifier is built on.
//!
//! A paragraph is tokenized once ([`Tokens`]) from the words of [`crate::text::words`]:
//! lowercased, held in one buffer (no allocation per word). A possessive `’s` is dropped
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

use crate::text::WordKind;
use crate::text::words::in_capitals;

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

impl Tokens {
    /// Cuts `text` into words: the text layer's words, a hyphenated one as its parts,
    /// lowercased without apostrophes or the dots of initials ("U.S." is `us`, "O’Brien"
    /// `obrien`).
    pub fn new(text: &str) -> Tokens {
        let mut tokens = Tokens {
            buffer: String::with_capacity(text.len()),
            words: Vec::with_capacity(text.len() / 5),
        };
        for word in crate::text::words(text) {
            let initials = word.kind == WordKind::Initials;
            for (start, part) in word.parts() {
                let begin = tokens.buffer.len();
                for c in part.chars() {
                    if matches!(c, '\'' | '’' | 'ʼ') || (initials && c == '.') {
                        continue;
                    }
                    // Most text is ASCII: lowercasing it needs no table look-up or iterator.
                    if c.is_ascii() {
                        tokens.buffer.push(c.to_ascii_lowercase());
                    } else {
                        tokens.buffer.extend(c.to_lowercase());
                    }
                }
                tokens.words.push(Word {
                    lower: begin..tokens.buffer.len(),
                    source: start..start + part.len(),
                    caps: in_capitals(part),
                });
            }
        }
        tokens
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
