//! An editor's overview read as prose, for the estimative-language lint
//! ([`super::lint`]): which words are the editor's own, and where its sentences and
//! paragraphs run.
//!
//! Citations, code, block quotes, words in double quotes and URLs are blanked out byte for
//! byte rather than cut out, so every offset still points into the file as written and a
//! finding lands on the line and column the editor sees. Sentences and paragraphs are what
//! the lint counts sources over; they are found on the text itself (blank lines, list items,
//! full stops), which is all an overview's few paragraphs need.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::cite::CitedSpan;
use crate::ids::SourceId;
use crate::load::quoted_and_code_ranges;

/// An overview read for its own words: the text with everything that is not the editor's
/// prose blanked out, cut into words, sentences and paragraphs.
pub(super) struct Prose<'t> {
    /// The overview as written.
    pub(super) text: &'t str,
    /// `text` with citations, code, block quotes, double-quoted words and URLs replaced, byte
    /// for byte, by a character that is neither a letter nor a space (line breaks are kept),
    /// so every offset still points into `text`.
    masked: String,
    /// The words of `masked`, in order.
    pub(super) words: Vec<Word>,
    /// Byte ranges of the sentences, in order.
    sentences: Vec<Range<usize>>,
    /// Byte ranges of the paragraphs (blocks: a paragraph, a list item, a heading, a table
    /// row), in order.
    paragraphs: Vec<Range<usize>>,
    /// The citation brackets.
    citations: &'t [CitedSpan],
}

/// What replaces a left-out byte: a control character, which no word or sentence contains.
const BLANK: u8 = 0x01;

/// One word of prose (see [`crate::text::words`]): "2.5" is one word, "Kim's" is "Kim".
pub(super) struct Word {
    /// Byte offset of its first character.
    pub(super) start: usize,
    /// Byte offset just past it.
    pub(super) end: usize,
    /// The word in lowercase.
    pub(super) lower: String,
}

impl Word {
    /// Its value when it is a number.
    pub(super) fn number(&self) -> Option<f64> {
        if !self.lower.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.lower.replace(',', "").parse().ok()
    }
}

impl<'t> Prose<'t> {
    /// Reads `text`, whose citation brackets are `citations`.
    pub(super) fn read(text: &'t str, citations: &'t [CitedSpan]) -> Self {
        let mut left_out: Vec<Range<usize>> =
            citations.iter().map(|cited| cited.span.clone()).collect();
        left_out.extend(quoted_and_code_ranges(text));
        left_out.extend(urls(text));
        let blanked = blank(text, &left_out);
        let paragraphs = paragraphs(&blanked);
        // Quotations are found after citations are blanked, since a pinned citation quotes
        // words of its own.
        let quotes: Vec<Range<usize>> = paragraphs
            .iter()
            .flat_map(|paragraph| quotations(&blanked, paragraph.clone()))
            .collect();
        let masked = blank(&blanked, &quotes);
        let sentences = paragraphs
            .iter()
            .flat_map(|paragraph| sentences(&masked, paragraph.clone()))
            .collect();
        Prose {
            text,
            words: words(&masked),
            masked,
            sentences,
            paragraphs,
            citations,
        }
    }

    /// Whether words `i` and `i + 1` stand next to each other in a phrase: only spaces (at
    /// most one line break), hyphens or emphasis marks between them.
    pub(super) fn joined(&self, i: usize) -> bool {
        self.between(i).is_some_and(joins)
    }

    /// What stands between words `i` and `i + 1`, blanked out where it is not prose.
    pub(super) fn between(&self, i: usize) -> Option<&str> {
        let (left, right) = (self.words.get(i)?, self.words.get(i + 1)?);
        self.masked.get(left.end..right.start)
    }

    /// Words `range` as written, without emphasis marks and with spaces made single.
    pub(super) fn said(&self, range: Range<usize>) -> String {
        match (self.words.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= range.start && last < self.words.len() => {
                self.said_as_written(first.start..self.words[last].end)
            }
            _ => String::new(),
        }
    }

    /// The text of a byte range without emphasis marks and with spaces made single.
    pub(super) fn said_as_written(&self, range: Range<usize>) -> String {
        self.text
            .get(range)
            .unwrap_or_default()
            .replace(['*', '_'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The sentence holding byte `at` (empty when none does).
    pub(super) fn sentence_of(&self, at: usize) -> Range<usize> {
        containing(&self.sentences, at).unwrap_or(at..at)
    }

    /// The distinct sources cited in the sentence holding byte `at`, in the order cited, or,
    /// when that sentence holds no citation, those cited in its paragraph (then `true`).
    pub(super) fn sources_behind(&self, at: usize) -> (Vec<&'t SourceId>, bool) {
        let cited_in = |within: Range<usize>| {
            let brackets: Vec<&'t CitedSpan> = self
                .citations
                .iter()
                .filter(|cited| within.contains(&cited.span.start))
                .collect();
            let mut seen = BTreeSet::new();
            let sources: Vec<&'t SourceId> = brackets
                .iter()
                .flat_map(|cited| &cited.sources)
                .filter(|source| seen.insert(*source))
                .collect();
            (!brackets.is_empty()).then_some(sources)
        };
        if let Some(sources) = cited_in(self.sentence_of(at)) {
            return (sources, false);
        }
        let paragraph = containing(&self.paragraphs, at).unwrap_or(at..at);
        (cited_in(paragraph).unwrap_or_default(), true)
    }
}

/// Whether the text between two words lets them form a phrase.
pub(super) fn joins(between: &str) -> bool {
    !between.is_empty()
        && between.matches('\n').count() <= 1
        && between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '*' | '_'))
}

/// The range of `ranges` holding `at`.
fn containing(ranges: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    ranges.iter().find(|range| range.contains(&at)).cloned()
}

/// `text` with the bytes of `ranges` replaced by [`BLANK`], line breaks kept. Ranges are
/// widened to whole characters, so the result is still UTF-8 of the same length.
fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        let mut start = range.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = range.end.min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        for byte in &mut bytes[start..end] {
            if *byte != b'\n' {
                *byte = BLANK;
            }
        }
    }
    // Whole characters were replaced by ASCII, so this cannot fail; were it to, nothing
    // is left out rather than the build failing on a lint.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Byte ranges of the URLs written in `text`: `http://`, `https://`, `mailto:` and `www.`
/// up to a space or a bracket that closes them.
fn urls(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for scheme in ["http://", "https://", "mailto:", "www."] {
        for (start, _) in text.match_indices(scheme) {
            let at_word_start = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !at_word_start || found.iter().any(|url| url.contains(&start)) {
                continue;
            }
            let len = text[start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ')' | ']' | '"'))
                .unwrap_or(text.len() - start);
            found.push(start..start + len);
        }
    }
    found
}

/// The blocks of the text: runs of lines between blank lines, with a list item, a heading or
/// a table row opening a block of its own.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(start) = open.take() {
                blocks.push(start..at);
            }
        } else if opens_block(line) || open.is_none() {
            if let Some(start) = open.take() {
                blocks.push(start..at);
            }
            open = Some(at);
        }
        at += line.len();
    }
    if let Some(start) = open {
        blocks.push(start..text.len());
    }
    blocks
}

/// Whether a line starts a list item, a heading or a table row.
fn opens_block(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['#', '|']) {
        return true;
    }
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ');
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && {
        let rest = &line[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

/// Byte ranges of the double-quoted passages of one paragraph, quotation marks included:
/// `"…"` or `“…”`. A quotation mark left open in the paragraph quotes nothing.
fn quotations(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text[paragraph.clone()].char_indices() {
        let at = paragraph.start + at;
        match (open, c) {
            (Some((start, '"')), '"') | (Some((start, '“')), '”') => {
                found.push(start..at + c.len_utf8());
                open = None;
            }
            (None, '"' | '“') => open = Some((at, c)),
            _ => {}
        }
    }
    found
}

/// Byte ranges of the sentences of one paragraph, as the text layer cuts them.
fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    crate::text::sentences(&text[paragraph.clone()])
        .into_iter()
        .map(|sentence| paragraph.start + sentence.start..paragraph.start + sentence.end)
        .collect()
}

/// The words of the text, as the text layer reads them, a hyphenated word as its parts (the
/// lint's phrases run across hyphens, see [`joins`]).
fn words(text: &str) -> Vec<Word> {
    crate::text::words(text)
        .iter()
        .flat_map(|word| word.parts())
        .map(|(start, part)| Word {
            start,
            end: start + part.len(),
            lower: part.to_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_sentences_where_they_end() {
        let text = "The U.S. delegation left. Gen. Li stayed? **Yes.** then more\n\nNext.";
        let sentences: Vec<&str> = paragraphs(text)
            .into_iter()
            .flat_map(|p| sentences(text, p))
            .map(|range| text[range].trim())
            .collect();
        assert_eq!(
            sentences,
            [
                "The U.S. delegation left.",
                "Gen. Li stayed?",
                "**Yes.** then more",
                "Next."
            ]
        );
    }
}
