//! Estimative language in editors' overviews, read in the spirit of ICD 203, the US
//! intelligence community's standard for analytic writing: how likely something is should be
//! said with the words of one fixed scale, each used the same way throughout, and a confidence
//! level should match the sourcing behind it.
//!
//! One overview in (its text and what each of its citations cites, from
//! [`crate::cite::cited_spans`]), warnings out, each at its line and column. Pure: the build
//! runs it on every overview and prints what it finds; a finding never stops a build, since
//! only the editor can judge whether the words say what they mean. Four things are reported:
//!
//! - a likelihood word off the scale ("perhaps", "in all likelihood", "highly likely");
//! - the two parallel vocabularies of the scale mixed for one step ("likely" here, "probable"
//!   there), once per step, at the first word of the vocabulary that came second;
//! - a confidence statement resting on too few sources: high confidence needs two or more
//!   distinct sources cited in its sentence (or, where the sentence cites nothing, in its
//!   paragraph), moderate and low confidence need one — the ODNI's levels: high confidence
//!   rests on high-quality information from several sources, moderate on credible but
//!   uncorroborated information;
//! - a percentage used as a probability ("a 70% chance"), with the scale's word for it,
//!   unless its sentence already says that word: ICD 203 allows numbers beside the words.
//!
//! Only the editor's own words are read: citations, code, block quotes, words in double
//! quotes (a quoted source's estimate is not the editor's) and URLs are left out. Words match
//! whole and in any case.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::cite::CitedSpan;
use crate::config::line_and_column;
use crate::error::Diagnostic;
use crate::ids::SourceId;
use crate::load::{Overview, quoted_and_code_ranges};

/// One step of the ICD 203 likelihood scale: its two parallel terms and its range in per cent.
struct Step {
    /// The term of the first vocabulary ("likely").
    likely: &'static str,
    /// The parallel term of the second vocabulary ("probable").
    probable: &'static str,
    /// The range the step stands for, in per cent.
    range: &'static str,
    /// The lowest percentage of the step; a boundary belongs to the step above it.
    from: f64,
}

/// The scale, from least to most likely.
const SCALE: [Step; 7] = [
    Step {
        likely: "almost no chance",
        probable: "remote",
        range: "1–5%",
        from: 0.0,
    },
    Step {
        likely: "very unlikely",
        probable: "highly improbable",
        range: "5–20%",
        from: 5.0,
    },
    Step {
        likely: "unlikely",
        probable: "improbable",
        range: "20–45%",
        from: 20.0,
    },
    Step {
        likely: "roughly even chance",
        probable: "roughly even odds",
        range: "45–55%",
        from: 45.0,
    },
    Step {
        likely: "likely",
        probable: "probable",
        range: "55–80%",
        from: 55.0,
    },
    Step {
        likely: "very likely",
        probable: "highly probable",
        range: "80–95%",
        from: 80.0,
    },
    Step {
        likely: "almost certain",
        probable: "nearly certain",
        range: "95–99%",
        from: 95.0,
    },
];

/// The scale as a hint shows it.
const SCALE_HINT: &str = "almost no chance/remote, very unlikely/highly improbable, unlikely/improbable, roughly even chance/roughly even odds, likely/probable, very likely/highly probable, almost certain(ly)/nearly certain";

/// Which of the scale's two parallel vocabularies a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    /// almost no chance, very unlikely, unlikely, roughly even chance, likely, …
    Likely,
    /// remote, highly improbable, improbable, roughly even odds, probable, …
    Probable,
}

/// A level of analytic confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    High,
    Moderate,
    Low,
}

impl Level {
    /// How many distinct sources a statement at this level should cite.
    fn sources_needed(self) -> usize {
        match self {
            Level::High => 2,
            Level::Moderate | Level::Low => 1,
        }
    }
}

/// What a phrase of estimative language is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Term {
    /// A term of the scale: the step (index into [`SCALE`]) and its vocabulary.
    Scale(usize, Vocabulary),
    /// A likelihood phrase off the scale, with the step it seems to mean when that is clear.
    OffScale(Option<usize>),
    /// A statement of analytic confidence.
    Confidence(Level),
}

/// The phrases looked for, as lowercase words (a hyphen or emphasis between words counts as a
/// space). Where phrases overlap, the longest wins: "very unlikely" is not "unlikely".
const TERMS: &[(&str, Term)] = &[
    ("almost no chance", Term::Scale(0, Vocabulary::Likely)),
    ("remote chance", Term::Scale(0, Vocabulary::Probable)),
    ("remote possibility", Term::Scale(0, Vocabulary::Probable)),
    ("remote likelihood", Term::Scale(0, Vocabulary::Probable)),
    ("remote prospect", Term::Scale(0, Vocabulary::Probable)),
    ("very unlikely", Term::Scale(1, Vocabulary::Likely)),
    ("highly improbable", Term::Scale(1, Vocabulary::Probable)),
    ("unlikely", Term::Scale(2, Vocabulary::Likely)),
    ("improbable", Term::Scale(2, Vocabulary::Probable)),
    ("roughly even chance", Term::Scale(3, Vocabulary::Likely)),
    ("roughly even chances", Term::Scale(3, Vocabulary::Likely)),
    ("even chance", Term::Scale(3, Vocabulary::Likely)),
    ("roughly even odds", Term::Scale(3, Vocabulary::Probable)),
    ("even odds", Term::Scale(3, Vocabulary::Probable)),
    ("likely", Term::Scale(4, Vocabulary::Likely)),
    ("probable", Term::Scale(4, Vocabulary::Probable)),
    ("probably", Term::Scale(4, Vocabulary::Probable)),
    ("very likely", Term::Scale(5, Vocabulary::Likely)),
    ("highly probable", Term::Scale(5, Vocabulary::Probable)),
    ("almost certain", Term::Scale(6, Vocabulary::Likely)),
    ("almost certainly", Term::Scale(6, Vocabulary::Likely)),
    ("nearly certain", Term::Scale(6, Vocabulary::Probable)),
    ("nearly certainly", Term::Scale(6, Vocabulary::Probable)),
    ("maybe", Term::OffScale(None)),
    ("perhaps", Term::OffScale(None)),
    ("possibly", Term::OffScale(None)),
    ("presumably", Term::OffScale(None)),
    ("conceivably", Term::OffScale(None)),
    ("in all likelihood", Term::OffScale(None)),
    ("in all probability", Term::OffScale(None)),
    ("chances are", Term::OffScale(None)),
    ("could well", Term::OffScale(None)),
    ("may well", Term::OffScale(None)),
    ("might well", Term::OffScale(None)),
    ("it seems", Term::OffScale(None)),
    ("it would seem", Term::OffScale(None)),
    ("good chance", Term::OffScale(None)),
    ("fair chance", Term::OffScale(None)),
    ("real possibility", Term::OffScale(None)),
    ("distinct possibility", Term::OffScale(None)),
    ("strong possibility", Term::OffScale(None)),
    ("highly unlikely", Term::OffScale(Some(1))),
    ("very improbable", Term::OffScale(Some(1))),
    ("fifty fifty", Term::OffScale(Some(3))),
    ("highly likely", Term::OffScale(Some(5))),
    ("very probable", Term::OffScale(Some(5))),
    ("virtually certain", Term::OffScale(Some(6))),
    ("virtually certainly", Term::OffScale(Some(6))),
    ("almost surely", Term::OffScale(Some(6))),
    ("high confidence", Term::Confidence(Level::High)),
    ("moderate confidence", Term::Confidence(Level::Moderate)),
    ("medium confidence", Term::Confidence(Level::Moderate)),
    ("low confidence", Term::Confidence(Level::Low)),
    ("we are confident", Term::Confidence(Level::High)),
    ("we are highly confident", Term::Confidence(Level::High)),
    ("we are fairly confident", Term::Confidence(Level::Moderate)),
    (
        "we are reasonably confident",
        Term::Confidence(Level::Moderate),
    ),
    (
        "we are moderately confident",
        Term::Confidence(Level::Moderate),
    ),
];

/// Words after a percentage that make it a probability: "a 70% chance".
const CHANCE_WORDS: &[&str] = &["chance", "chances", "probability", "likelihood", "odds"];

/// Words before a full stop that does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "prof", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The estimative-language warnings of one overview, in reading order. `citations` are the
/// overview's citation brackets with the sources each cites.
pub fn lint(overview: &Overview, citations: &[CitedSpan]) -> Vec<Diagnostic> {
    let text = overview.text.as_str();
    let prose = Prose::read(text, citations);
    let uses = find_terms(&prose);
    let mut findings: Vec<(usize, String, String)> = Vec::new();

    for found in &uses {
        let said = prose.said(found.words.clone());
        match found.term {
            Term::OffScale(meaning) => findings.push((
                found.start,
                format!("“{said}” is not a likelihood term of ICD 203"),
                match meaning.and_then(|step| SCALE.get(step)) {
                    Some(step) => format!(
                        "the scale's term for {} is “{}” (or “{}”)",
                        step.range, step.likely, step.probable
                    ),
                    None => format!("say how likely in the scale's terms: {SCALE_HINT}"),
                },
            )),
            Term::Confidence(level) => {
                if let Some(finding) = unsupported_confidence(&prose, found.start, &said, level) {
                    findings.push(finding);
                }
            }
            Term::Scale(..) => {}
        }
    }
    findings.extend(mixed_vocabularies(&prose, &uses));
    findings.extend(percentages(&prose, &uses));

    findings.sort_by_key(|(start, ..)| *start);
    findings
        .into_iter()
        .map(|(start, message, hint)| {
            let (line, column) = line_and_column(text, start);
            Diagnostic::new(&overview.path, message)
                .at(line, column)
                .with_hint(hint)
        })
        .collect()
}

/// A confidence statement whose sentence (or, when the sentence cites nothing, paragraph)
/// cites fewer distinct sources than its level needs.
fn unsupported_confidence(
    prose: &Prose,
    start: usize,
    said: &str,
    level: Level,
) -> Option<(usize, String, String)> {
    let (sources, from_paragraph) = prose.sources_behind(start);
    if sources.len() >= level.sources_needed() {
        return None;
    }
    let (message, hint) = match (sources.first(), level) {
        (None, Level::High) => (
            format!("“{said}” resting on no cited source"),
            "cite the sources the judgement rests on in its sentence; high confidence asks for two or more independent ones".to_string(),
        ),
        (None, _) => (
            format!("“{said}” resting on no cited source"),
            "cite the source the judgement rests on in its sentence".to_string(),
        ),
        (Some(source), _) => (
            format!(
                "“{said}” resting on one source: '{}'{}",
                source.as_str(),
                if from_paragraph {
                    " (cited in its paragraph)"
                } else {
                    ""
                }
            ),
            "high confidence asks for corroboration: cite a second, independent source in this sentence, or say moderate confidence".to_string(),
        ),
    };
    Some((start, message, hint))
}

/// For each step of the scale written in both vocabularies, a finding at the first use of the
/// vocabulary that came second, naming the first.
fn mixed_vocabularies(prose: &Prose, uses: &[Use]) -> Vec<(usize, String, String)> {
    let mut findings = Vec::new();
    for (n, step) in SCALE.iter().enumerate() {
        let first = |vocabulary: Vocabulary| {
            uses.iter()
                .find(|found| found.term == Term::Scale(n, vocabulary))
        };
        let (Some(likely), Some(probable)) =
            (first(Vocabulary::Likely), first(Vocabulary::Probable))
        else {
            continue;
        };
        let (earlier, later) = if likely.start < probable.start {
            (likely, probable)
        } else {
            (probable, likely)
        };
        let (earlier_said, later_said) = (
            prose.said(earlier.words.clone()),
            prose.said(later.words.clone()),
        );
        let (line, _) = line_and_column(prose.text, earlier.start);
        findings.push((
            later.start,
            format!(
                "“{later_said}” mixes the two vocabularies of the ICD 203 scale: line {line} says “{earlier_said}”"
            ),
            format!(
                "{}/{} are one step ({}); keep to one of them in an overview: “{earlier_said}” here too, or the other word throughout",
                step.likely, step.probable, step.range
            ),
        ));
    }
    findings
}

/// Percentages used as probabilities ("a 70% chance", "a 60–70 percent probability") whose
/// sentence does not already say the scale's word for them. A range that straddles two steps
/// is left alone: it says something the words cannot.
fn percentages(prose: &Prose, uses: &[Use]) -> Vec<(usize, String, String)> {
    let words = &prose.words;
    let vocabulary = uses
        .iter()
        .find_map(|found| match found.term {
            Term::Scale(_, vocabulary) => Some(vocabulary),
            _ => None,
        })
        .unwrap_or(Vocabulary::Likely);
    let mut findings = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let Some(value) = word.number() else {
            continue;
        };
        let Some(last) = prose.chance_after_number(i) else {
            continue;
        };
        let (first, low) = prose.range_before(i).unwrap_or((i, value));
        let step = step_of(low);
        if step_of(value) != step || !(0.0..=100.0).contains(&low) || value > 100.0 {
            continue;
        }
        let sentence = prose.sentence_of(word.start);
        let named = uses.iter().any(|found| {
            matches!(found.term, Term::Scale(n, _) if n == step) && sentence.contains(&found.start)
        });
        if named {
            continue;
        }
        let Some(step_terms) = SCALE.get(step) else {
            continue;
        };
        let term = match vocabulary {
            Vocabulary::Likely => step_terms.likely,
            Vocabulary::Probable => step_terms.probable,
        };
        let said = prose.said(first..last + 1);
        findings.push((
            words[first].start,
            format!("“{said}” gives a likelihood as a number"),
            format!(
                "on the ICD 203 scale {} is “{term}”: write the word, with the number beside it if it matters (“{term} ({})”)",
                step_terms.range,
                prose.said_as_written(words[first].start..words[i].end)
                    + if prose.text[words[i].end..].starts_with('%') {
                        "%"
                    } else {
                        " percent"
                    }
            ),
        ));
    }
    findings
}

/// The step of the scale a percentage falls in.
fn step_of(percent: f64) -> usize {
    SCALE
        .iter()
        .rposition(|step| percent >= step.from)
        .unwrap_or(0)
}

/// An overview read for its own words: the text with everything that is not the editor's
/// prose blanked out, cut into words, sentences and paragraphs.
struct Prose<'t> {
    /// The overview as written.
    text: &'t str,
    /// `text` with citations, code, block quotes, double-quoted words and URLs replaced, byte
    /// for byte, by a character that is neither a letter nor a space (line breaks are kept),
    /// so every offset still points into `text`.
    masked: String,
    /// The words of `masked`, in order.
    words: Vec<Word>,
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

/// One word of prose: a run of letters and digits ("Kim's" and "2.5" are one word each).
struct Word {
    /// Byte offset of its first character.
    start: usize,
    /// Byte offset just past it.
    end: usize,
    /// The word in lowercase.
    lower: String,
}

impl Word {
    /// Its value when it is a number.
    fn number(&self) -> Option<f64> {
        if !self.lower.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.lower.replace(',', "").parse().ok()
    }
}

/// A phrase of [`TERMS`] found in the prose.
struct Use {
    /// What it is.
    term: Term,
    /// Its words, as indices into [`Prose::words`].
    words: Range<usize>,
    /// Byte offset of its first word.
    start: usize,
}

impl<'t> Prose<'t> {
    fn read(text: &'t str, citations: &'t [CitedSpan]) -> Self {
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
    fn joined(&self, i: usize) -> bool {
        let (Some(left), Some(right)) = (self.words.get(i), self.words.get(i + 1)) else {
            return false;
        };
        joins(&self.masked[left.end..right.start])
    }

    /// Words `range` as written, without emphasis marks and with spaces made single.
    fn said(&self, range: Range<usize>) -> String {
        match (self.words.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= range.start && last < self.words.len() => {
                self.said_as_written(first.start..self.words[last].end)
            }
            _ => String::new(),
        }
    }

    /// The text of a byte range without emphasis marks and with spaces made single.
    fn said_as_written(&self, range: Range<usize>) -> String {
        self.text
            .get(range)
            .unwrap_or_default()
            .replace(['*', '_'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The sentence holding byte `at` (empty when none does).
    fn sentence_of(&self, at: usize) -> Range<usize> {
        containing(&self.sentences, at).unwrap_or(at..at)
    }

    /// The distinct sources cited in the sentence holding byte `at`, in the order cited, or,
    /// when that sentence holds no citation, those cited in its paragraph (then `true`).
    fn sources_behind(&self, at: usize) -> (Vec<&'t SourceId>, bool) {
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

    /// When the number at word `i` is a percentage followed by a word of chance ("70%
    /// chance", "70 percent probability", "70 per cent odds"), the index of that word.
    fn chance_after_number(&self, i: usize) -> Option<usize> {
        let word = self.words.get(i)?;
        let next = self.words.get(i + 1)?;
        let after = &self.masked[word.end..next.start];
        let chance = if let Some(rest) = after.strip_prefix('%') {
            (rest.is_empty() || joins(rest)).then_some(i + 1)?
        } else if self.joined(i) && next.lower == "percent" {
            self.joined(i + 1).then_some(i + 2)?
        } else if self.joined(i)
            && next.lower == "per"
            && self.words.get(i + 2)?.lower == "cent"
            && self.joined(i + 1)
        {
            self.joined(i + 2).then_some(i + 3)?
        } else {
            return None;
        };
        CHANCE_WORDS
            .contains(&self.words.get(chance)?.lower.as_str())
            .then_some(chance)
    }

    /// When the number at word `i` ends a range ("60–70", "60% to 70"), the index and value of
    /// the number that opens it.
    fn range_before(&self, i: usize) -> Option<(usize, f64)> {
        let before = self.words.get(i.checked_sub(1)?)?;
        if let Some(low) = before.number() {
            let between = self.masked[before.end..self.words[i].start]
                .trim_start_matches('%')
                .trim();
            return matches!(between, "-" | "–" | "—").then_some((i - 1, low));
        }
        let first = self.words.get(i.checked_sub(2)?)?;
        let low = first.number()?;
        let between = self.masked[first.end..before.start].trim_start_matches('%');
        (before.lower == "to" && (between.is_empty() || joins(between)) && self.joined(i - 1))
            .then_some((i - 2, low))
    }
}

/// Every phrase of [`TERMS`] (and "we assess with … confidence") in the prose, in reading
/// order, the longest where phrases overlap.
fn find_terms(prose: &Prose) -> Vec<Use> {
    let phrases: Vec<(Vec<&str>, Term)> = TERMS
        .iter()
        .map(|(phrase, term)| (phrase.split(' ').collect(), *term))
        .collect();
    let matches_at = |i: usize, phrase: &[&str]| {
        phrase.iter().enumerate().all(|(k, wanted)| {
            prose
                .words
                .get(i + k)
                .is_some_and(|word| word.lower == *wanted)
                && (k == 0 || prose.joined(i + k - 1))
        })
    };
    let mut uses = Vec::new();
    let mut i = 0;
    while i < prose.words.len() {
        let longest = phrases
            .iter()
            .filter(|(phrase, _)| matches_at(i, phrase))
            .map(|(phrase, term)| (phrase.len(), *term))
            .chain(assessed_with_confidence(prose, i))
            .max_by_key(|(len, _)| *len);
        match longest {
            Some((len, term)) => {
                uses.push(Use {
                    term,
                    words: i..i + len,
                    start: prose.words[i].start,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    uses
}

/// "we assess with high confidence", "we judge with some confidence": the phrase's length in
/// words and its level, when one starts at word `i`.
fn assessed_with_confidence(prose: &Prose, i: usize) -> Option<(usize, Term)> {
    let word = |k: usize| prose.words.get(i + k).map(|word| word.lower.as_str());
    if word(0)? != "we" || !matches!(word(1)?, "assess" | "judge") || word(2)? != "with" {
        return None;
    }
    let end = (3..=5).find(|&k| word(k) == Some("confidence"))?;
    if !(i..i + end).all(|k| prose.joined(k)) {
        return None;
    }
    let level_words: Vec<&str> = (3..end).filter_map(word).collect();
    let level = if level_words
        .iter()
        .any(|w| matches!(*w, "high" | "great" | "considerable"))
    {
        Level::High
    } else if level_words.iter().any(|w| matches!(*w, "low" | "little")) {
        Level::Low
    } else {
        Level::Moderate
    };
    Some((end + 1, Term::Confidence(level)))
}

/// Whether the text between two words lets them form a phrase.
fn joins(between: &str) -> bool {
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

/// Byte ranges of the sentences of one paragraph. A sentence ends at `.`, `!` or `?` (with
/// any closing quote, bracket or emphasis) before a space, unless the next word starts in
/// lowercase or the full stop ends an initial or a known abbreviation ("U.S.", "Gen.").
fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let block = &text[paragraph.clone()];
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut found = Vec::new();
    let mut start = 0;
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut after = k + 1;
        while chars
            .get(after)
            .is_some_and(|&(_, c)| matches!(c, ')' | ']' | '"' | '”' | '’' | '\'' | '*' | '_'))
        {
            after += 1;
        }
        let end = chars.get(after).map_or(block.len(), |&(at, _)| at);
        if chars.get(after).is_some_and(|&(_, c)| !c.is_whitespace()) {
            continue;
        }
        let next = chars[after.min(chars.len())..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if next.is_some_and(char::is_lowercase) || (c == '.' && abbreviated(&block[..at])) {
            continue;
        }
        found.push(paragraph.start + start..paragraph.start + end);
        start = end;
    }
    if start < block.len() {
        found.push(paragraph.start + start..paragraph.end);
    }
    found
}

/// Whether the word that `before` ends with is an initial or an abbreviation.
fn abbreviated(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// The words of the text: runs of letters and digits, with an apostrophe between letters
/// ("Kim's") and a decimal point or thousands separator between digits ("2.5", "1,000") kept
/// inside.
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while let Some(&(_, c)) = chars.get(k) {
            let between = |test: fn(&char) -> bool| {
                chars.get(k + 1).is_some_and(|(_, next)| test(next))
                    && chars.get(k - 1).is_some_and(|(_, prev)| test(prev))
            };
            let inside = c.is_alphanumeric()
                || (matches!(c, '\'' | '’') && between(|c| c.is_alphabetic()))
                || (matches!(c, '.' | ',') && between(|c| c.is_ascii_digit()));
            if !inside {
                break;
            }
            k += 1;
        }
        let (from, to) = (
            chars[start].0,
            chars.get(k).map_or(text.len(), |&(at, _)| at),
        );
        found.push(Word {
            start: from,
            end: to,
            lower: text[from..to].to_lowercase(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::cited_spans;
    use std::path::PathBuf;

    /// The findings of `text`, each as `line:column: message`.
    fn findings(text: &str) -> Vec<String> {
        findings_with_hints(text)
            .into_iter()
            .map(|(finding, _)| finding)
            .collect()
    }

    fn findings_with_hints(text: &str) -> Vec<(String, String)> {
        let overview = Overview {
            theme: crate::ids::ThemeId::parse("t").unwrap(),
            path: PathBuf::from("themes/t.md"),
            text: text.to_string(),
        };
        lint(&overview, &cited_spans(&overview))
            .into_iter()
            .map(|d| {
                (
                    format!(
                        "{}:{}: {}",
                        d.line.unwrap_or(0),
                        d.column.unwrap_or(0),
                        d.message
                    ),
                    d.hint.unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn flags_likelihood_words_off_the_scale() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Kim will perhaps visit again [@a].\n",
                &["1:10: “perhaps” is not a likelihood term of ICD 203"],
            ),
            (
                "Maybe so. In all likelihood, yes.\nChances are it could well last.\n",
                &[
                    "1:1: “Maybe” is not a likelihood term of ICD 203",
                    "1:11: “In all likelihood” is not a likelihood term of ICD 203",
                    "2:1: “Chances are” is not a likelihood term of ICD 203",
                    "2:16: “could well” is not a likelihood term of ICD 203",
                ],
            ),
            (
                "It seems the talks were *highly* likely to fail.\n",
                &[
                    "1:1: “It seems” is not a likelihood term of ICD 203",
                    "1:26: “highly likely” is not a likelihood term of ICD 203",
                ],
            ),
            (
                "A fifty-fifty outcome.\n",
                &["1:3: “fifty-fifty” is not a likelihood term of ICD 203"],
            ),
            // Whole words only.
            ("Perhapsburg is a town; maybes are not words.\n", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(findings(text), *expected, "{text}");
        }
    }

    #[test]
    fn off_scale_hints_name_the_scale() {
        let found = findings_with_hints("Possibly. Highly unlikely.\n");
        assert_eq!(
            found[0].1,
            format!("say how likely in the scale's terms: {SCALE_HINT}")
        );
        assert_eq!(
            found[1].1,
            "the scale's term for 5–20% is “very unlikely” (or “highly improbable”)"
        );
    }

    #[test]
    fn flags_the_second_vocabulary_of_a_step_once() {
        let cases: &[(&str, &[&str])] = &[
            (
                "A deal is likely [@a, ¶1; @b].\n\nA second deal is probable [@b]; a third probable too.\n",
                &[
                    "3:18: “probable” mixes the two vocabularies of the ICD 203 scale: line 1 says “likely”",
                ],
            ),
            (
                "It is highly improbable. It is very unlikely.\n",
                &[
                    "1:32: “very unlikely” mixes the two vocabularies of the ICD 203 scale: line 1 says “highly improbable”",
                ],
            ),
            // Different steps, each in one vocabulary: consistent enough.
            ("A is likely; B is improbable.\n", &[]),
            // "very likely" is its own step, not "likely".
            ("A is likely; B is highly probable.\n", &[]),
            ("The deal is likely.\n", &[]),
            ("The deal is unlikely, the other likely.\n", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(findings(text), *expected, "{text}");
        }
        let hint = &findings_with_hints("Likely. Probably.\n")[0].1;
        assert_eq!(
            hint,
            "likely/probable are one step (55–80%); keep to one of them in an overview: “Likely” here too, or the other word throughout"
        );
    }

    #[test]
    fn flags_confidence_resting_on_too_few_sources() {
        let cases: &[(&str, &[&str])] = &[
            (
                "We assess with high confidence that the axis holds [@a, ¶2; @a, ¶3].\n",
                &["1:1: “We assess with high confidence” resting on one source: 'a'"],
            ),
            (
                "One sentence [@a]. We have high confidence in it.\n",
                &["1:28: “high confidence” resting on one source: 'a' (cited in its paragraph)"],
            ),
            (
                "We are confident of it.\n\nOther paragraph [@a; @b].\n",
                &["1:1: “We are confident” resting on no cited source"],
            ),
            (
                "Moderate confidence, no source.\n",
                &["1:1: “Moderate confidence” resting on no cited source"],
            ),
            // Two distinct sources carry high confidence; one carries moderate or low.
            ("High confidence here [@a, ¶1; @b, ¶4].\n", &[]),
            ("High confidence here [@a] and there [@b].\n", &[]),
            ("Moderate confidence [@a]. Low confidence [@b].\n", &[]),
            // The sentence decides when it cites: its neighbour's sources do not count.
            (
                "X [@a; @b]. High-confidence claim [@c].\n",
                &["1:13: “High-confidence” resting on one source: 'c'"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(findings(text), *expected, "{text}");
        }
        let hint = &findings_with_hints("High confidence [@a].\n")[0].1;
        assert!(hint.contains("cite a second, independent source"), "{hint}");
    }

    #[test]
    fn flags_percentages_used_as_probabilities() {
        let cases: &[(&str, &[&str])] = &[
            (
                "There is a 70% chance of a deal [@a].\n",
                &["1:12: “70% chance” gives a likelihood as a number"],
            ),
            (
                "A 10 per cent probability. A 60–70 percent likelihood.\n",
                &[
                    "1:3: “10 per cent probability” gives a likelihood as a number",
                    "1:30: “60–70 percent likelihood” gives a likelihood as a number",
                ],
            ),
            // Already paired with its word; a range across steps; a share, not a chance.
            ("A deal is likely (a 70% chance).\n", &[]),
            ("A 40–60% chance.\n", &[]),
            ("Almost 95% of trade runs in rubles and yuan.\n", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(findings(text), *expected, "{text}");
        }
        assert_eq!(
            findings_with_hints("A 70% chance.\n")[0].1,
            "on the ICD 203 scale 55–80% is “likely”: write the word, with the number beside it if it matters (“likely (70%)”)"
        );
        assert!(
            findings_with_hints("Probable. A 90 percent chance.\n")[0]
                .1
                .contains("“highly probable (90 percent)”")
        );
    }

    #[test]
    fn reads_only_the_editors_own_words() {
        let cases = [
            // Quoted words are a source's, not the editor's estimate.
            "Putin said a deal was \"perhaps\" near and “highly likely” soon [@a].\n",
            // Citations, pinned words included.
            "As reported [@a, \"maybe the talks\"].\n",
            // Code and block quotes.
            "The word `maybe` is vague.\n\n> Perhaps, with high confidence.\n\n```\nmaybe\n```\n",
            // URLs.
            "See https://example.org/perhaps-maybe and <https://e.org/high-confidence>.\n",
            // Likely alone, and high confidence on two sources.
            "A deal is likely [@a]. We have high confidence [@a, ¶1; @b, ¶2].\n",
        ];
        for text in cases {
            assert_eq!(findings(text), Vec::<String>::new(), "{text}");
        }
    }

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

    #[test]
    fn never_fails_on_odd_input() {
        for text in [
            "",
            "\"",
            "“",
            "70%",
            "we assess with",
            "é\u{1}\"ü",
            "- \n# \n| |",
        ] {
            let _ = findings(text);
        }
    }
}
