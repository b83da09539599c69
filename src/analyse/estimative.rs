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

mod prose;

use std::ops::Range;

use crate::cite::CitedSpan;
use crate::config::line_and_column;
use crate::error::Diagnostic;
use crate::load::Overview;

use prose::{Prose, joins};

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

/// One warning before it is placed: the byte offset it is about, what is wrong, and the fix.
struct Finding {
    /// Byte offset in the overview of the first word the finding is about.
    at: usize,
    /// What the words say that they should not, without a trailing full stop.
    message: String,
    /// What to write instead.
    hint: String,
}

/// The estimative-language warnings of one overview, in reading order. `citations` are the
/// overview's citation brackets with the sources each cites.
pub fn lint(overview: &Overview, citations: &[CitedSpan]) -> Vec<Diagnostic> {
    let text = overview.text.as_str();
    let prose = Prose::read(text, citations);
    let uses = find_terms(&prose);
    let mut findings = Vec::new();

    for found in &uses {
        let said = prose.said(found.words.clone());
        match found.term {
            Term::OffScale(meaning) => findings.push(Finding {
                at: found.start,
                message: format!("“{said}” is not a likelihood term of ICD 203"),
                hint: match meaning.and_then(|step| SCALE.get(step)) {
                    Some(step) => format!(
                        "the scale's term for {} is “{}” (or “{}”)",
                        step.range, step.likely, step.probable
                    ),
                    None => format!("say how likely in the scale's terms ({SCALE_HINT}), or, where nothing is uncertain, state the judgement plainly"),
                },
            }),
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

    findings.sort_by_key(|finding| finding.at);
    findings
        .into_iter()
        .map(|finding| {
            let (line, column) = line_and_column(text, finding.at);
            Diagnostic::new(&overview.path, finding.message)
                .at(line, column)
                .with_hint(finding.hint)
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
) -> Option<Finding> {
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
    Some(Finding {
        at: start,
        message,
        hint,
    })
}

/// For each step of the scale written in both vocabularies, a finding at the first use of the
/// vocabulary that came second, naming the first.
fn mixed_vocabularies(prose: &Prose, uses: &[Use]) -> Vec<Finding> {
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
        findings.push(Finding {
            at: later.start,
            message: format!(
                "“{later_said}” mixes the two vocabularies of the ICD 203 scale: line {line} says “{earlier_said}”"
            ),
            hint: format!(
                "“{}” and “{}” are the same step of the scale ({}): use one of them throughout the overview",
                step.likely, step.probable, step.range
            ),
        });
    }
    findings
}

/// Percentages used as probabilities ("a 70% chance", "a 60–70 percent probability") whose
/// sentence does not already say the scale's word for them. A range that straddles two steps
/// is left alone: it says something the words cannot.
fn percentages(prose: &Prose, uses: &[Use]) -> Vec<Finding> {
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
        let Some(last) = chance_after_number(prose, i) else {
            continue;
        };
        let (first, low) = range_before(prose, i).unwrap_or((i, value));
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
        let sign = if prose.text[word.end..].starts_with('%') {
            "%"
        } else {
            " percent"
        };
        let number = prose.said_as_written(words[first].start..word.end) + sign;
        findings.push(Finding {
            at: words[first].start,
            message: format!("“{said}” gives a likelihood as a number"),
            hint: format!(
                "on the ICD 203 scale {} is “{term}”: write the word, with the number beside it if it matters (“{term} ({number})”)",
                step_terms.range
            ),
        });
    }
    findings
}

/// When the number at word `i` is a percentage followed by a word of chance ("70% chance",
/// "70 percent probability", "70 per cent odds"), the index of that word.
fn chance_after_number(prose: &Prose, i: usize) -> Option<usize> {
    let words = &prose.words;
    let next = words.get(i + 1)?;
    let chance = if let Some(rest) = prose.between(i)?.strip_prefix('%') {
        (rest.is_empty() || joins(rest)).then_some(i + 1)?
    } else if prose.joined(i) && next.lower == "percent" {
        prose.joined(i + 1).then_some(i + 2)?
    } else if prose.joined(i)
        && next.lower == "per"
        && words.get(i + 2)?.lower == "cent"
        && prose.joined(i + 1)
    {
        prose.joined(i + 2).then_some(i + 3)?
    } else {
        return None;
    };
    CHANCE_WORDS
        .contains(&words.get(chance)?.lower.as_str())
        .then_some(chance)
}

/// When the number at word `i` ends a range ("60–70", "60% to 70"), the index and value of
/// the number that opens it.
fn range_before(prose: &Prose, i: usize) -> Option<(usize, f64)> {
    let words = &prose.words;
    let before = i.checked_sub(1)?;
    if let Some(low) = words.get(before)?.number() {
        let between = prose.between(before)?.trim_start_matches('%').trim();
        return matches!(between, "-" | "–" | "—").then_some((before, low));
    }
    let first = i.checked_sub(2)?;
    let low = words.get(first)?.number()?;
    let between = prose.between(first)?.trim_start_matches('%');
    (words[before].lower == "to" && (between.is_empty() || joins(between)) && prose.joined(before))
        .then_some((first, low))
}

/// The step of the scale a percentage falls in.
fn step_of(percent: f64) -> usize {
    SCALE
        .iter()
        .rposition(|step| percent >= step.from)
        .unwrap_or(0)
}

/// A phrase of [`TERMS`] found in the prose.
struct Use {
    /// What it is.
    term: Term,
    /// Its words, as indices into [`Prose`]'s words.
    words: Range<usize>,
    /// Byte offset of its first word.
    start: usize,
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
            "say how likely in the scale's terms (almost no chance/remote, very unlikely/highly improbable, unlikely/improbable, roughly even chance/roughly even odds, likely/probable, very likely/highly probable, almost certain(ly)/nearly certain), or, where nothing is uncertain, state the judgement plainly"
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
            "“likely” and “probable” are the same step of the scale (55–80%): use one of them throughout the overview"
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
