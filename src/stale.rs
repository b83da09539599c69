//! Citations by number that a source moved under them.
//!
//! A citation written `[@id, ¶4]` names a position, not words: when a paragraph is inserted
//! above ¶4, or ¶4 is reworded, the citation silently lands on other words. Pinned citations
//! (`[@id, ¶4, "words"]`, see [`crate::cite`]) cannot go stale; plain ones are checked here
//! against what each cited paragraph said at the last successful build, which the build cache
//! remembers ([`crate::cache::Cache::cited_texts`]). Each one whose paragraph changed is
//! reported as a warning at the citation's file, line and column, with what the paragraph
//! said and where that text is now, until the editor changes the citation (or pins it).
//!
//! A project without a cache (a fresh clone) remembers nothing, so its first build reports
//! nothing; every build after that does.

use std::collections::{BTreeMap, BTreeSet};

use crate::cite::PlainCitation;
use crate::error::Diagnostic;
use crate::ids::ParagraphRef;
use crate::load::Corpus;

/// What each plainly cited paragraph said: the text the editor's citation was last checked
/// against.
pub type CitedTexts = BTreeMap<ParagraphRef, String>;

/// Checks each plain citation against what its paragraph said before. Returns the warnings
/// and what to remember for the next build: the current text of every paragraph cited without
/// a warning, and the remembered text of every one with a warning, so that it is reported
/// again until the citation is changed.
pub fn check(
    citations: &[PlainCitation],
    corpus: &Corpus,
    before: &CitedTexts,
) -> (Vec<Diagnostic>, CitedTexts) {
    let mut warnings = Vec::new();
    let mut remembered = CitedTexts::new();
    for citation in citations {
        let at = &citation.at;
        let Some(source) = corpus.source(&at.source) else {
            continue; // an unknown source is an error the analysis reports
        };
        let now = source.unit(at).map(|(text, _)| text);
        match (before.get(at), now) {
            (Some(said), now) if now != Some(said.as_str()) => {
                warnings.push(moved(citation, said, corpus));
                remembered.insert(at.clone(), said.clone());
            }
            (_, Some(now)) => {
                remembered.insert(at.clone(), now.to_string());
            }
            (_, None) => {} // a paragraph that does not exist is an error reported elsewhere
        }
    }
    (warnings, remembered)
}

/// The warning for a citation whose paragraph no longer says `said`.
fn moved(citation: &PlainCitation, said: &str, corpus: &Corpus) -> Diagnostic {
    let at = &citation.at;
    let id = at.source.as_str();
    let now = corpus
        .source(&at.source)
        .and_then(|source| where_now(source, said));
    let place = match &now {
        Some((to, true)) => format!("that text is now ¶{}", to.number()),
        Some((to, false)) => format!("most of that text is now ¶{}", to.number()),
        None => format!("no paragraph of '{id}' says that any more"),
    };
    let message = format!(
        "¶{} of '{id}' changed since the last build: it said “{}”; {place}",
        at.number(),
        excerpt(said, 160)
    );
    let hint = match &now {
        Some((to, _)) => format!(
            "check that the citation still says what you mean; to follow the words, pin them: [@{id}, ¶{}, \"{}\"]",
            to.number(),
            pin_words(said)
        ),
        None => format!(
            "check the citation against '{id}' as it is now; pin the words you cite ([@{id}, ¶{}, \"…\"]) so that it follows them",
            at.number()
        ),
    };
    Diagnostic::new(&citation.path, message)
        .at(citation.line, citation.column)
        .with_hint(hint)
}

/// Where `said` is in the source now: the paragraph or item that says exactly it (`true`), or
/// else the one that shares most of its words, if that is at least two thirds of them.
fn where_now(source: &crate::load::Source, said: &str) -> Option<(ParagraphRef, bool)> {
    if let Some((at, _)) = source.units().find(|(_, text)| *text == said) {
        return Some((at, true));
    }
    let words = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wanted = words(said);
    if wanted.is_empty() {
        return None;
    }
    source
        .units()
        .map(|(at, text)| (wanted.intersection(&words(text)).count(), at))
        .filter(|(shared, _)| shared * 3 >= wanted.len() * 2)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(_, at)| (at, false))
}

/// A few consecutive words of `text`, as written, with no quotation mark among them, that a
/// pinned citation can quote.
fn pin_words(text: &str) -> String {
    const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»'];
    let words: Vec<&str> = text.split(' ').collect();
    let clean = |word: &&&str| !word.contains(QUOTES) && !word.is_empty();
    let mut start = 0;
    while start < words.len() {
        let run = words[start..].iter().take(6).take_while(clean).count();
        if run >= 3 || start + run == words.len() {
            return words[start..start + run].join(" ");
        }
        start += run + 1;
    }
    words.iter().take(6).copied().collect::<Vec<_>>().join(" ")
}

/// The text cut to about `limit` characters at a word boundary, with "…" when cut.
fn excerpt(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_quote_words_without_quotation_marks() {
        assert_eq!(
            pin_words("Xi declared that “global governance has reached a new crossroads”"),
            "Xi declared that"
        );
        assert_eq!(
            pin_words("“Yes,” he said, and the talks began at noon"),
            "he said, and the talks began"
        );
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }
}
