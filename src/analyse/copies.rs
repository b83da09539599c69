//! Copies: which sources are one story, so that a syndicated or re-published copy never
//! counts as a second source, or a second publisher, for what its original says.
//!
//! A source's front matter may name the source it copies (`copy_of`, recorded by
//! `briefing add --allow-similar`). Counting follows the chain to its end: a copy of a copy
//! counts with the first original. The loader has already refused a `copy_of` that names no
//! source; a chain that goes round (two files naming each other) is one story, named by its
//! smallest id, so counting never loops. The same holds for an editor's citations: a
//! judgement that cites an article and its copy rests on one source. Stories credited to a
//! wire agency (`agency: Reuters`) count as that agency's, whichever sites ran them: two
//! papers printing one Reuters story are not two independent publishers.

use rustc_hash::FxHashMap;

use crate::cite::CitedSpan;
use crate::ids::SourceId;
use crate::load::Corpus;

/// Each source's original, the source its text ultimately comes from (itself when it copies
/// none), and what counting takes from it.
pub(crate) struct Originals<'c> {
    /// Source → its original.
    original: FxHashMap<&'c SourceId, &'c SourceId>,
    /// Source → the publisher it counts as: its original's wire agency, else its publisher,
    /// else the original's id (so sources without a publisher count on their own).
    publisher: FxHashMap<&'c SourceId, &'c str>,
}

impl<'c> Originals<'c> {
    /// Follows every source's `copy_of` chain in `corpus`.
    pub(crate) fn of(corpus: &'c Corpus) -> Originals<'c> {
        let copies: FxHashMap<&SourceId, &SourceId> = corpus
            .sources
            .iter()
            .filter_map(|s| Some((&s.id, s.meta.copy_of.as_ref()?)))
            .filter(|(_, of)| corpus.source(of).is_some())
            .collect();
        let mut original = FxHashMap::default();
        for source in &corpus.sources {
            let mut chain = vec![&source.id];
            let mut at = &source.id;
            while let Some(&next) = copies.get(at) {
                if let Some(start) = chain.iter().position(|id| *id == next) {
                    // Round: the loop's smallest id stands for it.
                    at = chain[start..].iter().copied().min().unwrap_or(next);
                    break;
                }
                chain.push(next);
                at = next;
            }
            original.insert(&source.id, at);
        }
        let publisher = corpus
            .sources
            .iter()
            .map(|s| {
                let of = original.get(&s.id).copied().unwrap_or(&s.id);
                // A wire agency's copy counts as the agency's, whichever site ran it.
                let named = corpus
                    .source(of)
                    .and_then(|o| o.meta.agency.as_deref().or(o.meta.publisher.as_deref()))
                    .unwrap_or(of.as_str());
                (&s.id, named)
            })
            .collect();
        Originals {
            original,
            publisher,
        }
    }

    /// The original of `source` (itself when it copies none, or is unknown).
    pub(crate) fn original<'s>(&self, source: &'s SourceId) -> &'s SourceId
    where
        'c: 's,
    {
        self.original.get(source).copied().unwrap_or(source)
    }

    /// The publisher `source` counts as.
    pub(crate) fn publisher(&self, source: &SourceId) -> &'c str {
        self.publisher.get(source).copied().unwrap_or("")
    }

    /// How many stories `sources` are: distinct originals.
    pub(crate) fn count<'s>(&self, sources: impl Iterator<Item = &'s SourceId>) -> usize
    where
        'c: 's,
    {
        sources
            .map(|s| self.original(s))
            .collect::<rustc_hash::FxHashSet<_>>()
            .len()
    }
}

impl Originals<'_> {
    /// `spans` with each cited source replaced by its original, each once, in the order
    /// written.
    pub(crate) fn cite_originals(&self, spans: Vec<CitedSpan>) -> Vec<CitedSpan> {
        spans
            .into_iter()
            .map(|span| {
                let mut sources: Vec<SourceId> = Vec::with_capacity(span.sources.len());
                for source in &span.sources {
                    let original = self.original(source);
                    if !sources.contains(original) {
                        sources.push(original.clone());
                    }
                }
                CitedSpan {
                    span: span.span,
                    sources,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, SourceMeta};

    fn source(id: &str, publisher: Option<&str>, copy_of: Option<&str>) -> Source {
        wire(id, publisher, None, copy_of)
    }

    fn wire(
        id: &str,
        publisher: Option<&str>,
        agency: Option<&str>,
        copy_of: Option<&str>,
    ) -> Source {
        Source {
            id: SourceId::parse(id).unwrap(),
            path: format!("content/{id}.md").into(),
            id_line: 2,
            copy_of_line: 3,
            published_line: 1,
            digest: crate::load::Digest::default(),
            meta: SourceMeta {
                title: id.into(),
                publisher: publisher.map(Into::into),
                agency: agency.map(Into::into),
                copy_of: copy_of.map(|of| SourceId::parse(of).unwrap()),
                ..SourceMeta::default()
            },
            paragraphs: Vec::new(),
            layout: Vec::new(),
        }
    }

    fn corpus(sources: Vec<Source>) -> Corpus {
        let mut sources = sources;
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        Corpus {
            sources,
            themes: Vec::new(),
            overviews: Default::default(),
            entities: Vec::new(),
        }
    }

    #[test]
    fn counts_a_copy_with_its_original() {
        // (id, publisher, copy_of) → (original, publisher counted)
        let cases = [
            ("a", Some("Wire"), None, "a", "Wire"),
            ("b", Some("Daily"), Some("a"), "a", "Wire"),
            ("c", None, Some("b"), "a", "Wire"),
            ("d", None, None, "d", "d"),
            ("e", Some("Post"), Some("missing"), "e", "Post"),
            ("f", None, Some("g"), "f", "f"),
            ("g", None, Some("f"), "f", "f"),
        ];
        let corpus = corpus(
            cases
                .iter()
                .map(|&(id, publisher, of, _, _)| source(id, publisher, of))
                .collect(),
        );
        let originals = Originals::of(&corpus);
        for (id, _, _, original, publisher) in cases {
            let id = SourceId::parse(id).unwrap();
            assert_eq!(originals.original(&id).as_str(), original, "{id}");
            assert_eq!(originals.publisher(&id), publisher, "{id}");
        }
        let ids: Vec<SourceId> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| SourceId::parse(id).unwrap())
            .collect();
        assert_eq!(originals.count(ids.iter()), 2);
        let cited = originals.cite_originals(vec![CitedSpan {
            span: 0..10,
            sources: ids[1..].to_vec(),
        }]);
        assert_eq!(cited[0].sources, [ids[0].clone(), ids[3].clone()]);
    }

    #[test]
    fn counts_a_wire_story_as_its_agency_s() {
        let corpus = corpus(vec![
            wire("a", Some("Daily"), Some("Reuters"), None),
            wire("b", Some("Post"), Some("Reuters"), None),
            wire("c", Some("Reuters"), None, None),
            wire("d", Some("Herald"), None, None),
        ]);
        let originals = Originals::of(&corpus);
        let counted: Vec<&str> = corpus
            .sources
            .iter()
            .map(|s| originals.publisher(&s.id))
            .collect();
        assert_eq!(counted, ["Reuters", "Reuters", "Reuters", "Herald"]);
    }
}
