//! Direct quotations in a paragraph, with their speaker where the sentence names one.
//!
//! A quotation is words between quotation marks (“…” or "…") that run to at least four words:
//! shorter quoted phrases are mostly scare quotes or labels ("axis of upheaval", “fortress”).
//! The speaker is the name next to a verb of saying in the same sentence — before the quote
//! ("Military expert Yang Uk noted: “…”", "Xi declared that “…”") or after it ("“…,” Putin
//! said", "“…,” said Putin") — as a run of capitalised words; a pronoun is not a name, so such a
//! quote keeps no speaker rather than a guessed one. The quoted words are kept verbatim.

use std::ops::Range;

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The byte range of the quoted words (inside the marks) in the text.
    pub span: Range<usize>,
    /// The quoted words.
    pub text: String,
    /// Who the sentence says spoke them, as written.
    pub speaker: Option<String>,
}

/// Shortest quotation kept, in words.
const MIN_WORDS: usize = 4;

const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "stated",
    "states",
    "warned",
    "warns",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "stressed",
    "stresses",
    "announced",
    "announces",
    "asserted",
    "asserts",
    "argued",
    "argues",
    "explained",
    "explains",
    "remarked",
    "replied",
    "responded",
    "emphasized",
    "emphasised",
    "acknowledged",
    "observed",
    "according",
];

/// The quotations of `text`, in order.
pub fn quotes(text: &str) -> Vec<Quote> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some((open, close_mark)) = next_open(text, rest) {
        let inner_start = open + text[open..].chars().next().map_or(1, char::len_utf8);
        let Some(close) = text[inner_start..]
            .find(close_mark)
            .map(|i| inner_start + i)
        else {
            break;
        };
        let inner = &text[inner_start..close];
        let words = inner.split_whitespace().count();
        if words >= MIN_WORDS {
            let text_of = inner.trim_end_matches([',', ' ']).to_string();
            let speaker = speaker_before(&text[..open])
                .or_else(|| speaker_after(&text[close + close_mark.len_utf8()..]));
            found.push(Quote {
                span: inner_start..inner_start + text_of.len(),
                text: text_of,
                speaker,
            });
        }
        rest = close + close_mark.len_utf8();
    }
    found
}

/// The next opening mark at or after `from`, and the mark that closes it.
fn next_open(text: &str, from: usize) -> Option<(usize, char)> {
    text[from..]
        .char_indices()
        .find(|&(i, c)| {
            c == '“'
                || (c == '"'
                    && text[..from + i]
                        .chars()
                        .last()
                        .is_none_or(|p| !p.is_alphanumeric()))
        })
        .map(|(i, c)| (from + i, if c == '“' { '”' } else { '"' }))
}

/// The speaker named before a quotation, in the same sentence: "X said: “", "X declared that
/// “", "According to X, “".
fn speaker_before(before: &str) -> Option<String> {
    let sentence = before
        .rsplit_terminator(['.', '!', '?'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    // The last verb of saying before the quote, close to it (within six words).
    let verb = words
        .iter()
        .rposition(|w| SAYING.contains(&bare(w).to_lowercase().as_str()))
        .filter(|&v| words.len() - v <= 6)?;
    if bare(words[verb]).eq_ignore_ascii_case("according") {
        // "According to X, “…”"
        return name_from(&words[verb + 1..]);
    }
    // The subject: the clause before the verb, from its last comma.
    let clause_start = words[..verb]
        .iter()
        .rposition(|w| w.ends_with(','))
        .map_or(0, |p| p + 1);
    subject_name(&words[clause_start..verb])
}

/// The name in a clause that is the subject of a verb of saying: the first run of capitalised
/// words, passing over a lone capitalised word that opens the clause when a longer name
/// follows ("Military expert Yang Uk from …" → "Yang Uk"; "Xi declared" → "Xi").
fn subject_name(words: &[&str]) -> Option<String> {
    let mut runs: Vec<&[&str]> = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if capitalised(words[at]) {
            let len = words[at..].iter().take_while(|w| capitalised(w)).count();
            runs.push(&words[at..at + len]);
            at += len;
        } else {
            at += 1;
        }
    }
    let chosen = match runs.as_slice() {
        [] => return None,
        [only] => *only,
        [first, rest @ ..] if first.len() == 1 && std::ptr::eq(first.as_ptr(), words.as_ptr()) => {
            rest[0]
        }
        [first, ..] => *first,
    };
    name(chosen)
}

/// The speaker named after a quotation: "”, Putin said", "” said Putin", "”, he said" (none).
fn speaker_after(after: &str) -> Option<String> {
    let sentence = after
        .split_terminator(['.', '!', '?', '“', '"'])
        .next()
        .unwrap_or(after);
    let words: Vec<&str> = sentence.split_whitespace().take(8).collect();
    let verb = words
        .iter()
        .position(|w| SAYING.contains(&bare(w).to_lowercase().as_str()))?;
    if verb > 0 {
        // "”, Putin said"
        name_ending_at(&words[..verb])
    } else {
        // "” said Putin"
        name_from(&words[verb + 1..])
    }
}

/// The run of capitalised words that ends the slice ("Military expert Yang Uk" → "Yang Uk",
/// skipping a trailing "that"), or `None`.
fn name_ending_at(words: &[&str]) -> Option<String> {
    let mut end = words.len();
    while end > 0
        && matches!(
            bare(words[end - 1]),
            "that" | "has" | "had" | "also" | "then"
        )
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && capitalised(words[start - 1]) && !bare(words[start - 1]).ends_with(':') {
        start -= 1;
        if words[start].ends_with(',') && start + 1 < end {
            start += 1;
            break;
        }
    }
    name(&words[start..end])
}

/// The run of capitalised words that starts the slice.
fn name_from(words: &[&str]) -> Option<String> {
    let words: Vec<&str> = words
        .iter()
        .skip_while(|w| matches!(bare(w), "to" | "by"))
        .copied()
        .collect();
    let run = words.iter().take_while(|w| capitalised(w)).count();
    // Stop at the first word that ends a clause.
    let run = words[..run]
        .iter()
        .position(|w| w.ends_with(','))
        .map_or(run, |p| p + 1);
    name(&words[..run])
}

fn name(words: &[&str]) -> Option<String> {
    let name: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let first = *name.first()?;
    if PRONOUNS.contains(&first.to_lowercase().as_str()) || name.len() > 5 {
        return None;
    }
    Some(name.join(" "))
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "this", "that", "the",
];

fn capitalised(word: &str) -> bool {
    bare(word).starts_with(|c: char| c.is_uppercase())
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .trim_end_matches("’s")
        .trim_end_matches("'s")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        quotes(text)
            .into_iter()
            .map(|q| {
                assert_eq!(&text[q.span.clone()], q.text);
                (q.text, q.speaker)
            })
            .collect()
    }

    #[test]
    fn speakers_before_the_quote() {
        assert_eq!(
            found(
                "Military expert Yang Uk from Seoul’s Asan Institute noted: “I do believe that the sales for weapons are one of the purposes of this visit”."
            ),
            [(
                "I do believe that the sales for weapons are one of the purposes of this visit"
                    .to_string(),
                Some("Yang Uk".to_string())
            )]
        );
        assert_eq!(
            found(
                "Xi declared that “global governance has reached a new crossroads” and presented it."
            ),
            [(
                "global governance has reached a new crossroads".to_string(),
                Some("Xi".to_string())
            )]
        );
        assert_eq!(
            found(
                "South Korea’s National Intelligence Service states, “Standing side by side with Xi, he will reproduce it”."
            ),
            [(
                "Standing side by side with Xi, he will reproduce it".to_string(),
                Some("South Korea’s National Intelligence Service".to_string())
            )]
        );
    }

    #[test]
    fn speakers_after_the_quote_and_pronouns_left_out() {
        assert_eq!(
            found("“We will never accept this order,” Putin said."),
            [(
                "We will never accept this order".to_string(),
                Some("Putin".to_string())
            )]
        );
        assert_eq!(
            found("“We will never accept this order,” said Foreign Minister Wang Yi."),
            [(
                "We will never accept this order".to_string(),
                Some("Foreign Minister Wang Yi".to_string())
            )]
        );
        assert_eq!(
            found("“We will never accept this order,” he said."),
            [("We will never accept this order".to_string(), None)]
        );
    }

    #[test]
    fn short_quoted_phrases_are_not_quotations() {
        assert!(found("a defiant “axis of autocrats” flex, a moving “fortress”").is_empty());
    }
}
