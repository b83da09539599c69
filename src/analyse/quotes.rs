//! Direct quotations in one source, each with its speaker where the text says who it is, and
//! the quoted terms beside them.
//!
//! Per source, like the rest of [`super::facts::extract`]: the source's paragraphs and list
//! items in reading order go in, its [`Quote`]s and [`Term`]s come out. The whole source is
//! read at once because attribution crosses sentences and paragraphs: a leader's speech quoted
//! over two sentences names its speaker after the second, a paragraph that opens with “ and
//! has no closing mark goes on in the next (the news convention), "He also said “…”" means
//! the last person named, and a quotation paragraph may follow "Putin told reporters:".
//!
//! How it reads a source:
//!
//! 1. **Marks.** Quotation marks pair in any mix — “…”, "…", “…", "…” — with single ‘…’ inside
//!    them kept as part of the words, and ‘…’ outside them read as a quotation too (an
//!    apostrophe, as in “Xi’s”, never opens or closes one). An opening mark that is not closed
//!    by the end of its paragraph runs to that end.
//! 2. **Blanking.** Each paragraph is copied with the quoted words blanked out (bytes kept, so
//!    positions stay valid) and cut into sentences (with [`crate::text::sentences`], and
//!    after a stop that ends a quotation, `.”`), so that words inside a quotation are never
//!    read as its attribution.
//! 3. **Attribution** ([`speaker`]), best first: the quotation's own sentence ("Xi declared
//!    that “…”", "“…,” said Putin"); then, for a sentence that is nothing but a quotation, the
//!    next sentence (a bare "Xi said." or a quotation attributed after it, "“…,” Xi told the
//!    crowd.") or the previous one (a verb of saying with a named subject, "Putin told
//!    reporters:"); when both neighbours name different people, neither. A continued
//!    paragraph's parts share one speaker. "He"/"she" is followed back to the last person
//!    named as a subject or speaker, and gives none when another person is named since.
//! 4. **Quote or term.** A quotation with no verb of saying near it and no speaker is a term
//!    ("anti-American axis of upheaval", a moving “fortress”), unless it is a whole sentence
//!    on its own; one shorter than four words is a quote only with a named speaker and a verb
//!    of saying ("Xi declared that the world faced a choice between “peace or war.”").
//!
//! Precision comes first: a speaker that is not certain is left out, never guessed; a
//! pronoun, a nationality ("South Korean officials") or a title alone is never a speaker.
//! The quoted words are kept verbatim.

mod speaker;

use std::ops::Range;

use speaker::{Attribution, Who};

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The byte range of the quoted words (inside the marks) in the text.
    pub span: Range<usize>,
    /// The quoted words.
    pub text: String,
    /// Who the source says spoke them: a name without its title ("Xi Jinping"), or an
    /// organisation as named ("China’s foreign ministry").
    pub speaker: Option<String>,
}

/// A phrase in quotation marks that nobody is said to speak: a label, a coinage, a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The byte range of the words (inside the marks) in the text.
    pub span: Range<usize>,
    /// The words.
    pub text: String,
}

/// A source's quotations and terms, each with the unit (paragraph or item) it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<K> {
    /// Quotations, in reading order.
    pub quotes: Vec<(K, Quote)>,
    /// Terms, in reading order.
    pub terms: Vec<(K, Term)>,
}

/// Shortest quotation kept without a named speaker, in words.
const MIN_WORDS: usize = 4;

/// How many sentences back a pronoun is followed.
const PRONOUN_REACH: usize = 4;

/// The quotations of one text read as a source of one paragraph.
pub fn quotes(text: &str) -> Vec<Quote> {
    in_source(&[((), text)])
        .quotes
        .into_iter()
        .map(|(_, q)| q)
        .collect()
}

/// The quotations and terms of a source's units (paragraphs and items, in reading order).
pub fn in_source<K: Clone>(units: &[(K, &str)]) -> Found<K> {
    let read: Vec<Unit> = units.iter().map(|(_, text)| Unit::read(text)).collect();
    let sentences: Vec<Sentence> = read
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| {
            unit.sentences.iter().map(move |range| Sentence {
                unit: u,
                range: range.clone(),
            })
        })
        .collect();
    let context = Context::new(&read, &sentences);
    let marked = context.attribute();
    let mut found = Found {
        quotes: Vec::new(),
        terms: Vec::new(),
    };
    for (m, speaker, kind) in marked {
        let unit = &read[m.unit];
        let mark = &unit.marks[m.mark];
        let text = unit.text[mark.inner.clone()]
            .trim_end_matches([',', ' '])
            .to_string();
        let span = mark.inner.start..mark.inner.start + text.len();
        let key = units[m.unit].0.clone();
        match kind {
            Kind::Quote => found.quotes.push((
                key,
                Quote {
                    span,
                    text,
                    speaker,
                },
            )),
            Kind::Term => found.terms.push((key, Term { span, text })),
        }
    }
    found
}

/// The one speaker several sources give a quotation: the fullest way they write it when they
/// all name the same person ("Xi" and "Xi Jinping" → "Xi Jinping"), `None` when they name
/// different ones (no speaker is better than a wrong one) or none.
pub fn one_speaker<'s>(speakers: &[&'s str]) -> Option<&'s str> {
    let first = *speakers.first()?;
    speakers
        .iter()
        .all(|s| speaker::same_person(s, first))
        .then(|| {
            speakers
                .iter()
                .copied()
                .fold(first, |best, s| if s.len() > best.len() { s } else { best })
        })
}

/// One pair of quotation marks in a unit.
#[derive(Debug, Clone)]
struct Mark {
    /// Where the opening mark is.
    open: usize,
    /// The quoted words.
    inner: Range<usize>,
    /// Just after the closing mark, or the unit's end.
    end: usize,
    /// Whether a closing mark was found.
    closed: bool,
}

/// A unit, its quotation marks, the copy with quoted words blanked, and its sentences.
struct Unit<'t> {
    text: &'t str,
    marks: Vec<Mark>,
    blank: String,
    sentences: Vec<Range<usize>>,
}

impl<'t> Unit<'t> {
    fn read(text: &'t str) -> Unit<'t> {
        let marks = marks(text);
        let blank = blanked(text, &marks);
        let sentences = crate::text::sentences(&blank)
            .into_iter()
            .flat_map(|s| cut_after_quotes(&blank, s))
            .collect();
        Unit {
            text,
            marks,
            blank,
            sentences,
        }
    }
}

/// A sentence: its unit and its byte range there.
struct Sentence {
    unit: usize,
    range: Range<usize>,
}

/// Where a quotation is: its unit, its mark in the unit, its sentence in the source.
#[derive(Debug, Clone, Copy)]
struct At {
    unit: usize,
    mark: usize,
    sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Quote,
    Term,
}

/// The quotation marks of a unit, paired: an opening mark (“, or " before a non-space) is
/// closed by the next ” or "; a single ‘ outside them by the next ’ that no letter follows (so
/// "Xi’s" is an apostrophe). An opening mark left open runs to the unit's end.
fn marks(text: &str) -> Vec<Mark> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    // The open double mark, and the open single one outside any double: (mark, words start).
    let mut double: Option<(usize, usize)> = None;
    let mut single: Option<(usize, usize)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let after = i + c.len_utf8();
        match (c, double) {
            ('“', None) => {
                double = Some((i, after));
                single = None;
            }
            ('"', None) if next.is_some_and(|n| !n.is_whitespace()) => {
                double = Some((i, after));
                single = None;
            }
            ('”' | '"', Some((open, start))) => {
                found.push(Mark {
                    open,
                    inner: start..i,
                    end: after,
                    closed: true,
                });
                double = None;
            }
            ('‘', None) if prev.is_none_or(|p| !p.is_alphanumeric()) => single = Some((i, after)),
            ('’', None)
                if next.is_none_or(|n| !n.is_alphanumeric())
                    && prev.is_some_and(|p| !p.is_whitespace()) =>
            {
                if let Some((open, start)) = single.take() {
                    found.push(Mark {
                        open,
                        inner: start..i,
                        end: after,
                        closed: true,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some((open, start)) = double {
        let end = text.trim_end().len().max(start);
        found.push(Mark {
            open,
            inner: start..end,
            end: text.len(),
            closed: false,
        });
    }
    found.retain(|m| !text[m.inner.clone()].trim().is_empty());
    found
}

/// `text` with every quotation's words replaced by spaces of the same length, but for a stop
/// that ends one (so that the sentence ends there too).
fn blanked(text: &str, marks: &[Mark]) -> String {
    let mut blank = String::with_capacity(text.len());
    let mut at = 0;
    for mark in marks {
        blank.push_str(&text[at..mark.inner.start]);
        let inner = &text[mark.inner.clone()];
        let kept = inner
            .trim_end()
            .char_indices()
            .next_back()
            .filter(|&(_, c)| matches!(c, '.' | '!' | '?'));
        for (i, c) in inner.char_indices() {
            if kept.is_some_and(|(k, _)| k == i) {
                blank.push(c);
            } else {
                blank.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = mark.inner.end;
    }
    blank.push_str(&text[at..]);
    blank
}

/// A sentence cut again after each `.”`, `!”`, `?"` followed by a space: a quotation that
/// ends with a stop ends its sentence.
fn cut_after_quotes(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = sentence.start;
    let part = &text[sentence.clone()];
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(j, mark)) = chars.peek() else {
            break;
        };
        if !matches!(mark, '”' | '"' | '’') {
            continue;
        }
        let end = sentence.start + j + mark.len_utf8();
        if text[end..sentence.end].starts_with(char::is_whitespace) && i > 0 {
            found.push(start..end);
            start = end + text[end..].len() - text[end..].trim_start().len();
        }
    }
    if start < sentence.end {
        found.push(start..sentence.end);
    }
    found
}

/// What attribution needs about a source: its units, sentences and the people it names.
struct Context<'a, 't> {
    units: &'a [Unit<'t>],
    sentences: &'a [Sentence],
    /// Names the source marks as people's (after a title or a role).
    people: Vec<String>,
}

impl<'a, 't> Context<'a, 't> {
    fn new(units: &'a [Unit<'t>], sentences: &'a [Sentence]) -> Self {
        let mut context = Context {
            units,
            sentences,
            people: Vec::new(),
        };
        for s in 0..sentences.len() {
            let found = speaker::titled(context.blank(s));
            context.people.extend(found);
        }
        context
    }

    /// The blanked text of sentence `s`.
    fn blank(&self, s: usize) -> &'a str {
        let sentence = &self.sentences[s];
        &self.units[sentence.unit].blank[sentence.range.clone()]
    }

    fn is_person(&self, name: &str) -> bool {
        self.people.iter().any(|p| speaker::same_person(p, name))
    }

    /// The sentence a byte of a unit is in.
    fn sentence_of(&self, unit: usize, at: usize) -> usize {
        self.sentences
            .iter()
            .position(|s| s.unit == unit && at < s.range.end)
            .or_else(|| self.sentences.iter().rposition(|s| s.unit == unit))
            .unwrap_or(0)
    }

    /// Every quotation with its speaker and whether it is a quote or a term.
    fn attribute(&self) -> Vec<(At, Option<String>, Kind)> {
        let at: Vec<At> = self
            .units
            .iter()
            .enumerate()
            .flat_map(|(u, unit)| {
                unit.marks
                    .iter()
                    .enumerate()
                    .map(move |(m, mark)| (u, m, mark.open))
            })
            .map(|(unit, mark, open)| At {
                unit,
                mark,
                sentence: self.sentence_of(unit, open),
            })
            .collect();
        // 1. In the quotation's own sentence.
        let direct: Vec<Attribution> = at.iter().map(|&a| self.direct(a)).collect();
        let mut speakers: Vec<Option<String>> = at
            .iter()
            .zip(&direct)
            .map(|(&a, d)| self.resolve(d.who.as_ref(), a.sentence))
            .collect();
        // 2. A continued paragraph's parts share one speaker.
        for chain in self.chains(&at) {
            let named: Vec<&String> = chain.iter().filter_map(|&q| speakers[q].as_ref()).collect();
            let shared = match named.as_slice() {
                [first, rest @ ..] if rest.iter().all(|n| n == first) => Some((*first).clone()),
                _ => None,
            };
            for &q in &chain {
                speakers[q] = shared.clone();
            }
        }
        // 3. A sentence that is only a quotation: its neighbours.
        let pure: Vec<bool> = at.iter().map(|&a| self.pure(a.sentence)).collect();
        let next_speakers = self.next_speakers(&at, &pure, &speakers);
        let previous_speakers = self.previous_speakers(&at, &pure, &speakers);
        for q in 0..at.len() {
            if speakers[q].is_some() || !pure[q] {
                continue;
            }
            speakers[q] = match (&next_speakers[q], &previous_speakers[q]) {
                (Some(n), Some(p)) if n != p => None,
                (Some(n), _) => Some(n.clone()),
                (None, p) => p.clone(),
            };
        }
        at.iter()
            .enumerate()
            .map(|(q, &a)| {
                let mark = &self.units[a.unit].marks[a.mark];
                let words = self.units[a.unit].text[mark.inner.clone()]
                    .split_whitespace()
                    .count();
                let continued = !mark.closed || self.continues(a);
                let kind = if words < MIN_WORDS {
                    // A short one is a quote only with a named speaker and a verb of saying.
                    if speakers[q].is_some() && direct[q].verb {
                        Kind::Quote
                    } else {
                        Kind::Term
                    }
                } else if speakers[q].is_some() || direct[q].verb || pure[q] || continued {
                    Kind::Quote
                } else {
                    Kind::Term
                };
                let speaker = (kind == Kind::Quote).then(|| speakers[q].clone()).flatten();
                (a, speaker, kind)
            })
            .collect()
    }

    /// The attribution in a quotation's own sentence: before it, else after it.
    fn direct(&self, a: At) -> Attribution {
        let unit = &self.units[a.unit];
        let mark = &unit.marks[a.mark];
        let sentence = &self.sentences[a.sentence].range;
        let start = sentence.start.min(mark.open);
        let end = sentence.end.max(mark.end);
        let before = speaker::before(&unit.blank[start..mark.open]);
        if before.who.is_some() {
            return before;
        }
        let after = speaker::after(&unit.blank[mark.end.min(end)..end]);
        Attribution {
            who: after.who,
            verb: before.verb || after.verb,
        }
    }

    /// A name as is; a pronoun followed back from sentence `s`.
    fn resolve(&self, who: Option<&Who>, s: usize) -> Option<String> {
        match who? {
            Who::Named(name) => Some(name.clone()),
            Who::Pronoun => self.antecedent(s),
        }
    }

    /// The one person "he" or "she" in sentence `s` can mean: the nearest subject or speaker
    /// named before, if they are a person and nobody else has been named since.
    fn antecedent(&self, s: usize) -> Option<String> {
        let mut named: Vec<String> = self.people_in(s);
        for back in 1..=PRONOUN_REACH.min(s) {
            let t = s - back;
            let blank = self.blank(t);
            named.extend(self.people_in(t));
            let mut candidates: Vec<String> = Vec::new();
            if let Some(Who::Named(name)) = speaker::said_by(blank) {
                candidates.push(name);
            }
            candidates.extend(speaker::subject(blank));
            let Some(first) = candidates.first() else {
                continue;
            };
            let one = candidates
                .iter()
                .chain(&named)
                .all(|n| speaker::same_person(n, first));
            return (one && self.is_person(first)).then(|| first.clone());
        }
        None
    }

    /// People named in sentence `s`.
    fn people_in(&self, s: usize) -> Vec<String> {
        speaker::names(self.blank(s))
            .into_iter()
            .filter(|n| self.is_person(n))
            .collect()
    }

    /// Whether sentence `s` holds nothing but quotations.
    fn pure(&self, s: usize) -> bool {
        self.blank(s).chars().all(|c| !c.is_alphanumeric())
    }

    /// Whether a quotation opens its sentence.
    fn opens(&self, a: At) -> bool {
        let unit = &self.units[a.unit];
        let start = self.sentences[a.sentence].range.start;
        unit.blank[start.min(unit.marks[a.mark].open)..unit.marks[a.mark].open]
            .trim()
            .is_empty()
    }

    /// Whether a quotation opens its unit right after an unclosed one ended the last unit.
    fn continues(&self, a: At) -> bool {
        a.mark == 0
            && a.unit > 0
            && self.units[a.unit].text[..self.units[a.unit].marks[0].open]
                .trim()
                .is_empty()
            && self.units[a.unit - 1]
                .marks
                .last()
                .is_some_and(|m| !m.closed)
    }

    /// Quotations (by index) that run over several units, each as one chain.
    fn chains(&self, at: &[At]) -> Vec<Vec<usize>> {
        let mut chains: Vec<Vec<usize>> = Vec::new();
        for (q, &a) in at.iter().enumerate() {
            if self.continues(a)
                && let Some(chain) = chains.last_mut()
                && chain.last().is_some_and(|&p| at[p].unit + 1 == a.unit)
            {
                chain.push(q);
                continue;
            }
            let mark = &self.units[a.unit].marks[a.mark];
            if !mark.closed {
                chains.push(vec![q]);
            }
        }
        chains.retain(|c| c.len() > 1);
        chains
    }

    /// For each quotation, the speaker the next sentence gives: a bare attribution ("Xi
    /// said.") or a quotation attributed after its words, itself or through its own next.
    fn next_speakers(
        &self,
        at: &[At],
        pure: &[bool],
        direct: &[Option<String>],
    ) -> Vec<Option<String>> {
        let mut found: Vec<Option<String>> = vec![None; at.len()];
        for q in (0..at.len()).rev() {
            if !pure[q] {
                continue;
            }
            let next = at[q].sentence + 1;
            if next >= self.sentences.len() {
                continue;
            }
            // The last quotation of this sentence looks at the next sentence.
            if at.get(q + 1).is_some_and(|b| b.sentence == at[q].sentence) {
                found[q] = found[q + 1].clone();
                continue;
            }
            found[q] = match at.iter().position(|b| b.sentence == next) {
                Some(n) if self.opens(at[n]) => direct[n].clone().or_else(|| found[n].clone()),
                Some(_) => None,
                None => speaker::bare_attribution(self.blank(next))
                    .and_then(|who| self.resolve(Some(&who), next)),
            };
        }
        found
    }

    /// For each quotation, the speaker of the sentence before: its verb of saying's subject
    /// ("Putin told reporters:"), or the speaker of its last quotation.
    fn previous_speakers(
        &self,
        at: &[At],
        pure: &[bool],
        direct: &[Option<String>],
    ) -> Vec<Option<String>> {
        let mut found: Vec<Option<String>> = vec![None; at.len()];
        for q in 0..at.len() {
            if !pure[q] || at[q].sentence == 0 {
                continue;
            }
            if q > 0 && at[q - 1].sentence == at[q].sentence {
                found[q] = found[q - 1].clone();
                continue;
            }
            let previous = at[q].sentence - 1;
            found[q] = match at.iter().rposition(|b| b.sentence == previous) {
                Some(p) => direct[p].clone().or_else(|| found[p].clone()),
                None => speaker::said_by(self.blank(previous))
                    .and_then(|who| self.resolve(Some(&who), previous)),
            };
        }
        found
    }
}

#[cfg(test)]
mod tests;
