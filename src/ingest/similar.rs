//! Near copies: how much of one article's text another one has, from a small signature of
//! each.
//!
//! `briefing add` compares every new article with every source of the project, so what it
//! keeps of a source has to be small and the comparison cheap: a source's [`Signature`] is
//! the 128 smallest hashes of its shingles (every run of [`SHINGLE`] consecutive words of the
//! body, read by the analysis's own tokenizer, so case, punctuation, quotes and layout never
//! count) and how many distinct shingles it has. Two signatures estimate the Jaccard index of
//! the two shingle sets (a "bottom-k" sketch, exact for texts under 128 shingles), and from it
//! and the sizes how much of the shorter text the longer one holds ([`Likeness::contained`]).
//!
//! Containment is what makes a copy a copy: a syndicated text with a new headline and an
//! extra paragraph, or one that drops the last paragraph, holds nearly all of the other,
//! while two reports of one event by different publishers share names, quotes and stock
//! phrases but few runs of five words. [`NEAR_COPY`] is set far above what distinct reports
//! of one event share and far below what a trimmed copy keeps (the figures are in its doc).

use std::hash::Hasher;

use crate::analyse::Tokens;

/// Words per shingle. Four-word runs are common across reports of one event ("the end of
/// World War II"); five-word runs are rare outside quotes.
const SHINGLE: usize = 5;

/// Hashes kept per signature.
const SKETCH: usize = 128;

/// The containment from which an article is a near copy of another. Measured with
/// `tests/tools/similar.rs`: distinct reports of one event (the Beijing parade of September
/// 2025: the sample's five articles, six shorter reports by other publishers, two of them
/// from one news agency's copy) share at most 13% of the shorter text; among 181 unrelated
/// articles of the extraction benchmark the most is 32%, two press releases of one company
/// with the same closing paragraph about it. Copies keep far more: the sample's articles as
/// first pasted, before an editor tidied them into `content/`, 95–100%; a copy with one word
/// changed, a syndicated copy with a new headline and an extra paragraph, or one missing its
/// last paragraph, over 90% (see the tests).
pub const NEAR_COPY: f64 = 0.6;

/// The least share of the longer text's shingles the shorter text must have to be a copy of
/// it: a short brief that a long article quotes whole is not a copy of that article. Below
/// it, the estimate from two sketches is also too rough to trust.
const MIN_SHARE: f64 = 0.25;

/// What a source's text is compared by: a bottom-k sketch of its shingles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    /// The smallest shingle hashes, ascending, at most [`SKETCH`].
    sketch: Vec<u64>,
    /// How many distinct shingles the text has.
    shingles: usize,
    /// A hash of all the words in order: the same for the same text, whatever its layout,
    /// case or punctuation.
    words: u64,
}

/// How alike two texts are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Likeness {
    /// Estimated Jaccard index of the two shingle sets: shared shingles over all shingles.
    pub jaccard: f64,
    /// Estimated share of the shorter text's shingles the other text has.
    pub contained: f64,
    /// The shorter text's shingles as a share of the longer one's.
    pub share: f64,
}

impl Likeness {
    /// Whether one text is a near copy of the other.
    pub fn is_near_copy(&self) -> bool {
        self.contained >= NEAR_COPY && self.share >= MIN_SHARE
    }

    /// As a whole percentage, for messages.
    pub fn percent(&self) -> u32 {
        (self.contained * 100.0).floor() as u32
    }
}

impl Signature {
    /// The signature of a body given as its paragraphs' texts. Paragraph breaks do not
    /// count: a shingle may run across two paragraphs, so a copy that joins or splits
    /// paragraphs keeps its shingles.
    pub fn of<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Signature {
        let mut words: Vec<u64> = Vec::new();
        for text in paragraphs {
            let tokens = Tokens::new(text);
            words.extend((0..tokens.len()).map(|i| word_hash(tokens.word(i))));
        }
        let all = words.iter().fold(0, |hash, &word| mix(hash ^ word));
        let mut hashes: Vec<u64> = if words.len() < SHINGLE {
            // A text shorter than a shingle is one shingle of all its words.
            (!words.is_empty())
                .then(|| shingle_hash(&words))
                .into_iter()
                .collect()
        } else {
            words.windows(SHINGLE).map(shingle_hash).collect()
        };
        hashes.sort_unstable();
        hashes.dedup();
        let shingles = hashes.len();
        hashes.truncate(SKETCH);
        Signature {
            sketch: hashes,
            shingles,
            words: all,
        }
    }

    /// A hash of the text's words in order, to look up texts that are the same.
    pub(crate) fn text_hash(&self) -> u64 {
        self.words
    }

    /// How alike this text and `other` are, estimated from the two sketches.
    pub fn likeness(&self, other: &Signature) -> Likeness {
        if self.shingles == 0 || other.shingles == 0 {
            return Likeness {
                jaccard: 0.0,
                contained: 0.0,
                share: 0.0,
            };
        }
        // The union's smallest hashes are the smallest of both sketches together; among
        // them, the share both texts have estimates the Jaccard index.
        let (a, b) = (&self.sketch, &other.sketch);
        let (mut i, mut j, mut taken, mut both) = (0, 0, 0usize, 0usize);
        while taken < SKETCH && (i < a.len() || j < b.len()) {
            match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    both += 1;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => i += 1,
                (Some(_), None) => i += 1,
                _ => j += 1,
            }
            taken += 1;
        }
        let jaccard = both as f64 / taken as f64;
        let (small, large) = if self.shingles <= other.shingles {
            (self.shingles, other.shingles)
        } else {
            (other.shingles, self.shingles)
        };
        // |A ∩ B| = J (|A| + |B|) / (1 + J).
        let shared = jaccard * (small + large) as f64 / (1.0 + jaccard);
        Likeness {
            jaccard,
            contained: (shared / small as f64).min(1.0),
            share: small as f64 / large as f64,
        }
    }
}

fn word_hash(word: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// A shingle's hash, mixed to spread evenly: a sketch keeps the smallest, so the hashes must
/// be uniform, which FxHash alone is not.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut hash = 0x9e37_79b9_7f4a_7c15_u64;
    for &word in words {
        hash = mix(hash ^ word);
    }
    hash
}

/// The finaliser of MurmurHash3: every input bit reaches every output bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report written for the tests: five paragraphs about an invented event.
    const REPORT: [&str; 5] = [
        "The new deep-water harbour at Korvik opened on Monday after six years of building, \
         with the regional governor, Anna Lind, cutting a ribbon on the north quay before a \
         crowd of dock workers and their families.",
        "\"This harbour will carry our grain to markets we could only dream of,\" Lind said, \
         adding that the first ships would load barley from the inland farms by the end of \
         the month.",
        "The project cost 1.2 billion crowns, twice the first estimate, and its delays became \
         a campaign issue in last year's election, when the opposition called it a monument \
         to waste.",
        "Harbour officials said the quays can take vessels of up to 80,000 tonnes, and that \
         dredging of the outer channel will continue through the winter so that the largest \
         bulk carriers can enter at low tide.",
        "Fishermen who moored at the old town pier have been offered berths in a separate \
         basin, though some told reporters they feared the new traffic would drive away the \
         herring they depend on.",
    ];

    /// Another report of the same event by another publisher: the same names, figures and
    /// quote, in its own words.
    const OTHER_REPORT: [&str; 4] = [
        "Korvik's long-delayed harbour finally opened on Monday. Governor Anna Lind cut the \
         ribbon on the north quay and promised that grain from the inland farms would soon \
         leave by sea.",
        "\"This harbour will carry our grain to markets we could only dream of,\" Lind told the \
         crowd. The first barley shipments are due before the end of the month, officials \
         said.",
        "Critics point to the bill: at 1.2 billion crowns the harbour cost twice what was \
         planned, and the opposition made the overruns a theme of its election campaign.",
        "Local fishermen, moved to a new basin away from the bulk carriers, were less \
         enthusiastic, saying the ships could scare off the herring shoals.",
    ];

    fn likeness(a: &[&str], b: &[&str]) -> Likeness {
        Signature::of(a.iter().copied()).likeness(&Signature::of(b.iter().copied()))
    }

    fn with(replaced: &[(usize, &str, &str)]) -> Vec<String> {
        let mut copy: Vec<String> = REPORT.iter().map(|p| p.to_string()).collect();
        for &(n, from, to) in replaced {
            copy[n] = copy[n].replacen(from, to, 1);
        }
        copy
    }

    #[test]
    fn tells_copies_from_other_reports() {
        let one_word = with(&[(2, "twice", "double")]);
        let tidied = with(&[
            (0, "deep-water", "deep water"),
            (1, "\"This", "“This"),
            (1, "of,\"", "of,”"),
            (3, "80,000 tonnes, and", "80,000 tonnes; and"),
            (4, "Fishermen", "FISHERMEN"),
        ]);
        let mut syndicated: Vec<String> = vec!["Korvik harbour opens after six years".into()];
        syndicated.extend(with(&[]));
        syndicated.push(
            "Our correspondent adds that the governor left before the speeches ended.".into(),
        );
        let trimmed = with(&[]).into_iter().take(4).collect::<Vec<_>>();
        let joined = vec![REPORT.join(" ")];
        let cases: [(&str, Vec<String>, bool); 7] = [
            ("identical", with(&[]), true),
            ("one word changed", one_word, true),
            ("tidied", tidied, true),
            (
                "syndicated with a new headline and a paragraph",
                syndicated,
                true,
            ),
            ("last paragraph dropped", trimmed, true),
            ("paragraphs joined", joined, true),
            (
                "another report of the event",
                OTHER_REPORT.iter().map(|p| p.to_string()).collect(),
                false,
            ),
        ];
        for (name, copy, near) in cases {
            let copy: Vec<&str> = copy.iter().map(String::as_str).collect();
            let found = likeness(&REPORT, &copy);
            assert_eq!(found.is_near_copy(), near, "{name}: {found:?}");
            if near {
                assert!(found.contained >= 0.9, "{name}: {found:?}");
            } else {
                assert!(found.contained < NEAR_COPY / 3.0, "{name}: {found:?}");
            }
            // Alike either way round.
            assert_eq!(
                found.is_near_copy(),
                likeness(&copy, &REPORT).is_near_copy(),
                "{name}"
            );
        }
    }

    #[test]
    fn measures_exactly_below_the_sketch_size() {
        let cases: [(&[&str], &[&str], f64); 4] = [
            (&["a b c d e f"], &["a b c d e f"], 1.0),
            // Two shingles of six words; one of them shared.
            (&["a b c d e f"], &["a b c d e g"], 1.0 / 3.0),
            (&["a b c d e f"], &["u v w x y z"], 0.0),
            (&["a b"], &[""], 0.0),
        ];
        for (a, b, jaccard) in cases {
            let found = likeness(a, b);
            assert!(
                (found.jaccard - jaccard).abs() < 1e-9,
                "{a:?} {b:?}: {found:?}"
            );
        }
    }

    #[test]
    fn a_short_text_quoted_whole_is_not_a_copy_of_the_long_one() {
        let brief = [REPORT[1]];
        let found = likeness(&brief, &REPORT);
        assert!(found.contained > 0.9, "{found:?}");
        assert!(!found.is_near_copy(), "{found:?}");
    }

    #[test]
    fn the_sample_articles_are_not_copies_of_each_other() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut signatures = Vec::new();
        for path in crate::fsutil::files_with_extension(&dir, "md").unwrap() {
            let text = std::fs::read_to_string(&path).unwrap();
            let source = crate::load::parse_source(&text, &path).unwrap();
            signatures.push((
                source.id.clone(),
                Signature::of(source.paragraphs.iter().map(|p| p.text.as_str())),
            ));
        }
        assert_eq!(signatures.len(), 5);
        for (i, (a, first)) in signatures.iter().enumerate() {
            for (b, second) in &signatures[i + 1..] {
                let found = first.likeness(second);
                assert!(found.contained < 0.15, "{a} / {b}: {found:?}");
            }
        }
    }
}
