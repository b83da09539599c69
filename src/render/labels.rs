//! Citation labels: the one name a reader sees for a source, the same on every page.
//!
//! A citation reads `[label, ¶n]` wherever it stands — an overview, a key point, a passage, the
//! index — and the reference list of a briefing is ordered and headed by the same labels, so
//! a reader who meets `[Reuters, ¶4]` twice knows it is the same source. (Numbered references
//! would mean a different source on every briefing.)
//!
//! The label is the publisher when the front matter names one, else the author, else the
//! headline's first words. Where several sources would get the same label, each gets its short
//! title after it, and where that is still not enough, its id: a label never names two sources.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ids::SourceId;
use crate::load::Source;

/// Longest short title, in characters, before it is cut at a word and ends in `…`.
const SHORT_TITLE: usize = 32;

/// The label of every source, unique across the corpus.
pub fn citation_labels(sources: &[Source]) -> HashMap<SourceId, Arc<str>> {
    let mut labels: HashMap<SourceId, String> = sources
        .iter()
        .map(|source| (source.id.clone(), base_label(source)))
        .collect();
    for widen in [with_short_title, with_id] {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for label in labels.values() {
            *counts.entry(label.as_str()).or_default() += 1;
        }
        let shared: Vec<&Source> = sources
            .iter()
            .filter(|source| counts[labels[&source.id].as_str()] > 1)
            .collect();
        if shared.is_empty() {
            break;
        }
        let widened: Vec<(SourceId, String)> = shared
            .into_iter()
            .map(|source| (source.id.clone(), widen(&labels[&source.id], source)))
            .collect();
        labels.extend(widened);
    }
    labels
        .into_iter()
        .map(|(id, label)| (id, Arc::from(label)))
        .collect()
}

fn base_label(source: &Source) -> String {
    source
        .meta
        .publisher
        .clone()
        .or_else(|| source.meta.author.clone())
        .unwrap_or_else(|| short_title(&source.meta.title))
}

fn with_short_title(label: &str, source: &Source) -> String {
    let short = short_title(&source.meta.title);
    if label == short {
        label.to_string()
    } else {
        format!("{label}: {short}")
    }
}

fn with_id(label: &str, source: &Source) -> String {
    format!("{label} ({})", source.id)
}

/// The headline, or its first words up to [`SHORT_TITLE`] characters followed by `…`.
pub fn short_title(title: &str) -> String {
    if title.chars().count() <= SHORT_TITLE {
        return title.to_string();
    }
    let mut short = String::new();
    for word in title.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if longer.chars().count() > SHORT_TITLE && !short.is_empty() {
            break;
        }
        short = longer;
    }
    let short: String = short.chars().take(SHORT_TITLE).collect();
    format!(
        "{}…",
        short.trim_end_matches([',', ':', ';', '-', '–', '—'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceMeta;

    fn source(id: &str, title: &str, publisher: Option<&str>, author: Option<&str>) -> Source {
        Source {
            id: SourceId::parse(id).unwrap(),
            path: format!("content/{id}.md").into(),
            id_line: 2,
            published_line: 1,
            copy_of_line: 1,
            digest: crate::load::Digest::default(),
            meta: SourceMeta {
                title: title.into(),
                publisher: publisher.map(Into::into),
                author: author.map(Into::into),
                ..SourceMeta::default()
            },
            paragraphs: Vec::new(),
            layout: Vec::new(),
        }
    }

    #[test]
    fn shortens_titles_at_a_word() {
        let cases = [
            ("Short title", "Short title"),
            (
                "Putin, Kim Join Xi’s Massive Military Show in Beijing",
                "Putin, Kim Join Xi’s Massive…",
            ),
            (
                "Explained: How Xi’s Beijing Parade Became a Platform",
                "Explained: How Xi’s Beijing…",
            ),
            (&"x".repeat(40), &format!("{}…", "x".repeat(32))),
        ];
        for (title, short) in cases {
            assert_eq!(short_title(title), short, "{title}");
        }
    }

    #[test]
    fn labels_are_publisher_author_or_title_and_never_shared() {
        let sources = [
            source(
                "a",
                "A long headline about the big parade",
                Some("Reuters"),
                None,
            ),
            source("b", "Another long headline about it", Some("Reuters"), None),
            source("c", "Kim’s train", None, Some("Jane Doe")),
            source("d", "Same", Some("AP"), None),
            source("e", "Same", Some("AP"), None),
            source("f", "Untitled analysis", None, None),
        ];
        let labels = citation_labels(&sources);
        let label = |id: &str| &*labels[&SourceId::parse(id).unwrap()];
        assert_eq!(label("a"), "Reuters: A long headline about the big…");
        assert_eq!(label("b"), "Reuters: Another long headline about it");
        assert_eq!(label("c"), "Jane Doe");
        assert_eq!(label("d"), "AP: Same (d)");
        assert_eq!(label("e"), "AP: Same (e)");
        assert_eq!(label("f"), "Untitled analysis");
    }
}
