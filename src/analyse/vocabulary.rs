//! Words and weighted terms: the tokenizer and the matcher the classifier is built on.
//!
//! Text is lowercased and cut into words at anything that is not a letter or digit; a
//! possessive `’s` is dropped so "Kim’s" matches "Kim". A term is tokenized the same way and
//! matches a run of consecutive words; a word written with a trailing `*` matches any word
//! that starts with it. Terms are indexed by their first word (or, for a prefix, its first
//! three letters), so matching a paragraph costs two hash look-ups per word, however large
//! the vocabulary — never words × terms.

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

/// Lowercased words of `text`, possessives dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut after_apostrophe = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            continue;
        }
        finish_word(&mut words, &mut current, after_apostrophe);
        after_apostrophe = matches!(c, '\'' | '’' | 'ʼ');
    }
    finish_word(&mut words, &mut current, after_apostrophe);
    words
}

/// Moves the word being read into `words`, unless it is empty or the `s` of a possessive.
fn finish_word(words: &mut Vec<String>, current: &mut String, after_apostrophe: bool) {
    let possessive = after_apostrophe && current == "s";
    if current.is_empty() || possessive {
        current.clear();
    } else {
        words.push(std::mem::take(current));
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

impl Piece {
    fn matches(&self, word: &str) -> bool {
        match self {
            Piece::Exact(exact) => exact == word,
            Piece::Prefix(prefix) => word.starts_with(prefix.as_str()),
        }
    }
}

/// A compiled spelling of a term.
#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    pieces: Vec<Piece>,
    /// Index of the term this spelling belongs to.
    term: usize,
}

fn compile(spelling: &str, term: usize) -> Option<Pattern> {
    let mut pieces = Vec::new();
    for raw in spelling.split_whitespace().flat_map(|w| w.split('-')) {
        let prefix = raw.ends_with('*');
        let mut found = words(raw.trim_end_matches('*'));
        if found.is_empty() {
            continue;
        }
        let last = found.pop().unwrap_or_default();
        pieces.extend(found.into_iter().map(Piece::Exact));
        pieces.push(if prefix {
            Piece::Prefix(last)
        } else {
            Piece::Exact(last)
        });
    }
    (!pieces.is_empty()).then_some(Pattern { pieces, term })
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
                match &pattern.pieces[0] {
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
    pub fn count(&self, words: &[String]) -> Vec<usize> {
        let mut counts = vec![0; self.terms];
        let mut covered_until = vec![0usize; self.terms];
        for start in 0..words.len() {
            let word = words[start].as_str();
            let exact = self.by_first_word.get(word).into_iter().flatten();
            let prefixed = prefix_key(word)
                .and_then(|key| self.by_prefix_key.get(key))
                .into_iter()
                .flatten();
            for pattern in exact.chain(prefixed).chain(&self.short_prefixes) {
                let end = start + pattern.pieces.len();
                if end <= words.len()
                    && start >= covered_until[pattern.term]
                    && pattern
                        .pieces
                        .iter()
                        .zip(&words[start..end])
                        .all(|(piece, word)| piece.matches(word))
                {
                    counts[pattern.term] += 1;
                    covered_until[pattern.term] = end;
                }
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn tokenizes_possessives_hyphens_and_case() {
        assert_eq!(
            w("Kim’s de-dollarization, U.S.-led!"),
            ["kim", "de", "dollarization", "u", "s", "led"]
        );
        assert_eq!(w("Xi's 80th"), ["xi", "80th"]);
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
