//! What the sources leave unsaid about themselves, as build warnings.
//!
//! The analysis across sources leans on each source's date and publisher: relative dates
//! ("on Monday") are resolved against `published`, and sources from one publisher count once
//! as support. A source without them weakens the briefing silently, so every build says so,
//! one warning line per kind, naming the sources (a few, then how many more). A `published`
//! date that cannot be right is a warning at its line: one in the future, or one before every
//! whole date the source's own text gives (a wrong year moves all its events).
//!
//! Pure: reads the corpus, the per-source analysis (the dates it read, not inferred ones)
//! and today's date; returns diagnostics.

use chrono::NaiveDate;

use super::SourceAnalysis;
use super::figures::{Date, Reading};
use crate::error::Diagnostic;
use crate::ids::SourceId;
use crate::load::Corpus;
use std::collections::BTreeMap;
use std::path::Path;

/// A field a source can lack: whether it does, the field in words, what lacking it costs, the
/// fix.
type Missing = (
    fn(&crate::load::SourceMeta) -> bool,
    &'static str,
    &'static str,
    &'static str,
);

/// How many sources a grouped warning names before it says how many more.
const NAMED: usize = 5;

/// The warnings for `corpus`; `content` is the folder named by the grouped ones.
pub fn lint(
    corpus: &Corpus,
    sources: &BTreeMap<SourceId, SourceAnalysis>,
    content: &Path,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    // One line per missing field: whether a source lacks it, what it is, what that costs, the fix.
    let missing: [Missing; 2] = [
        (
            |meta| meta.published.is_none(),
            "no published date",
            "relative dates in them are not resolved",
            "add `published: YYYY-MM-DD` to the front matter",
        ),
        (
            |meta| meta.publisher.is_none(),
            "no publisher",
            "each is counted as its own independent publisher",
            "add `publisher: Name` to the front matter",
        ),
    ];
    for (lacks, what, cost, hint) in missing {
        let ids: Vec<&str> = corpus
            .sources
            .iter()
            .filter(|s| lacks(&s.meta))
            .map(|s| s.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let one = ids.len() == 1;
        let cost = if one {
            cost.replace("them", "it")
        } else {
            cost.to_string()
        };
        warnings.push(
            Diagnostic::new(
                content,
                format!(
                    "{} {} {what} ({}): {cost}",
                    count(ids.len()),
                    if one { "has" } else { "have" },
                    names(&ids),
                ),
            )
            .with_hint(hint),
        );
    }
    for source in &corpus.sources {
        let Some(published) = source
            .meta
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let at = |message: String, hint: &str| {
            Diagnostic::new(&source.path, message)
                .at_line(source.published_line)
                .with_hint(hint.to_string())
        };
        if published > today {
            warnings.push(at(
                format!("`published` {published} is in the future"),
                "check the date; a source is dated when it was published",
            ));
            continue;
        }
        let own = sources.get(&source.id).map(text_days).unwrap_or_default();
        if let (Some(first), Some(last)) = (own.first(), own.last())
            && *first > published + chrono::Days::new(31)
        {
            let span = if first == last {
                first.to_string()
            } else {
                format!("{first} to {last}")
            };
            warnings.push(at(
                format!(
                    "`published` {published} is before every date the source's own text gives \
                     ({span})"
                ),
                "check the year of `published`: relative dates and the timeline are read from it",
            ));
        }
    }
    warnings
}

/// The whole days (not inferred) the source's text gives, earliest first.
fn text_days(analysis: &SourceAnalysis) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = analysis
        .facts
        .claims
        .iter()
        .filter(|claim| !claim.inferred)
        .filter_map(|claim| match claim.reading {
            Reading::Date(Date {
                year,
                month: Some(month),
                day: Some(day),
            }) => NaiveDate::from_ymd_opt(year, month, day),
            _ => None,
        })
        .collect();
    days.sort();
    days.dedup();
    days
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 source".to_string()
    } else {
        format!("{n} sources")
    }
}

/// `a, b, c` or `a, b, c, d, e and 7 more`.
fn names(ids: &[&str]) -> String {
    let shown = ids[..ids.len().min(NAMED)].join(", ");
    if ids.len() > NAMED {
        format!("{shown} and {} more", ids.len() - NAMED)
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_source;

    fn corpus(files: &[&str]) -> (Corpus, BTreeMap<SourceId, SourceAnalysis>) {
        let mut corpus = Corpus::default();
        let mut sources = BTreeMap::new();
        for (i, front) in files.iter().enumerate() {
            let text = format!(
                "---\nid: s{i}\ntitle: T\n{front}---\n\nThe talks on March 4, 2024 ended.\n"
            );
            let source = parse_source(&text, Path::new(&format!("content/s{i}.md"))).unwrap();
            let facts = super::super::facts::extract(&source, &Default::default());
            sources.insert(
                source.id.clone(),
                SourceAnalysis {
                    source: source.id.clone(),
                    filings: BTreeMap::new(),
                    facts,
                },
            );
            corpus.sources.push(source);
        }
        (corpus, sources)
    }

    fn lines(files: &[&str]) -> Vec<String> {
        let (corpus, sources) = corpus(files);
        let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        lint(&corpus, &sources, Path::new("content"), today)
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn says_what_sources_lack() {
        assert_eq!(
            lines(&["publisher: P\n", "", "published: 2024-03-05\n"]),
            [
                "content: 2 sources have no published date (s0, s1): relative dates in them are not resolved",
                "content: 2 sources have no publisher (s1, s2): each is counted as its own independent publisher",
            ]
        );
    }

    #[test]
    fn questions_impossible_publication_dates() {
        assert_eq!(
            lines(&[
                "publisher: P\npublished: 2026-03-05\n",
                "publisher: P\npublished: 2023-03-05\n",
                "publisher: P\npublished: 2024-03-05\n",
            ]),
            [
                "content/s0.md:5: `published` 2026-03-05 is in the future",
                "content/s1.md:5: `published` 2023-03-05 is before every date the source's own text gives (2024-03-04)",
            ]
        );
    }

    #[test]
    fn names_a_few_then_counts() {
        assert_eq!(names(&["a", "b"]), "a, b");
        assert_eq!(
            names(&["a", "b", "c", "d", "e", "f", "g"]),
            "a, b, c, d, e and 2 more"
        );
    }
}
