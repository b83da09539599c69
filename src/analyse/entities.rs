//! Who's who: the mentions of the gazetteer's entities ([`crate::load::Entity`]) in a text.
//!
//! Names are matched as whole words: case-sensitively ("Kim Jong Un"), or in any case when the
//! gazetteer writes the name all in lowercase ("hypersonic missiles"). Where names overlap the
//! longest wins, the leftmost first, and matched words are not matched again, so "South China
//! Sea" is the sea and not China. A `short` name ("Kim") counts only once its entity's name or
//! an alias has appeared earlier in the same source, which the caller carries from paragraph
//! to paragraph in reading order. Apostrophes are read alike (’ ' ʼ ‘).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::load::Entity;

/// One mention: which entity (its index in the gazetteer) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity's index in the gazetteer.
    pub entity: usize,
    /// The byte range of the words in the text.
    pub span: Range<usize>,
}

/// One way of naming an entity, as words.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<String>,
    entity: usize,
    /// Matched in any case.
    any_case: bool,
    /// Counts only after the entity was named in full.
    short: bool,
}

/// The gazetteer, ready to match: names by their first word.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    by_first: HashMap<String, Vec<Name>>,
    /// Every run of consecutive words of every name, lowercased and joined by spaces: a
    /// capitalised run found in a text that is one of these is part of a known name ("Jong
    /// Un"), not a new one.
    parts: std::collections::HashSet<String>,
    /// Each entity's id, by index.
    ids: Vec<String>,
}

impl Gazetteer {
    /// Prepares the entities' names for matching.
    pub fn new(entities: &[Entity]) -> Gazetteer {
        let mut by_first: HashMap<String, Vec<Name>> = HashMap::new();
        let mut parts = std::collections::HashSet::new();
        for (index, entity) in entities.iter().enumerate() {
            let full = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .map(|n| (n, false));
            let short = entity.short.iter().map(|n| (n, true));
            for (name, short) in full.chain(short) {
                let any_case = !name.chars().any(char::is_uppercase);
                let words: Vec<String> = crate::text::words(name)
                    .iter()
                    .map(|word| key(word.text, any_case))
                    .collect();
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                for from in 0..lower.len() {
                    for to in from + 1..=lower.len() {
                        parts.insert(lower[from..to].join(" "));
                    }
                }
                let Some(first) = words.first().cloned() else {
                    continue;
                };
                by_first.entry(first).or_default().push(Name {
                    words,
                    entity: index,
                    any_case,
                    short,
                });
            }
        }
        for names in by_first.values_mut() {
            // Longest first, so the first that matches is the longest.
            names.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then(a.entity.cmp(&b.entity))
            });
        }
        Gazetteer {
            by_first,
            parts,
            ids: entities.iter().map(|e| e.id.clone()).collect(),
        }
    }

    /// The id of the entity with this index.
    pub fn id(&self, entity: usize) -> Option<&str> {
        self.ids.get(entity).map(String::as_str)
    }

    /// Whether `words` (split on anything but letters and digits) are all or part of a name
    /// the gazetteer knows, in any case.
    pub fn knows_part(&self, words: &str) -> bool {
        let key = words
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        self.parts.contains(&key)
    }

    /// The mentions in `text`, in order. `named` holds the entities already named in full in
    /// this source; it gains the ones named here.
    pub fn mentions(&self, text: &str, named: &mut BTreeSet<usize>) -> Vec<Mention> {
        let words: Vec<(String, Range<usize>)> = crate::text::words(text)
            .into_iter()
            .map(|word| (word.text.to_string(), word.span))
            .collect();
        // Each word's keys, as written and lowercased, made once.
        let keys: Vec<(String, String)> = words
            .iter()
            .map(|(word, _)| {
                let exact = key(word, false);
                let lower = exact.to_lowercase();
                (exact, lower)
            })
            .collect();
        let key_at = |k: usize, any_case: bool| {
            if any_case {
                keys[k].1.as_str()
            } else {
                keys[k].0.as_str()
            }
        };
        let mut found = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let (exact, lower) = &keys[at];
            let candidates = self
                .by_first
                .get(exact)
                .into_iter()
                .chain(self.by_first.get(lower).filter(|_| lower != exact))
                .flatten();
            let best = candidates
                .filter(|name| !name.short || named.contains(&name.entity))
                .filter(|name| {
                    name.words.len() <= words.len() - at
                        && name
                            .words
                            .iter()
                            .enumerate()
                            .all(|(k, want)| key_at(at + k, name.any_case) == want)
                })
                .max_by(|a, b| {
                    a.words
                        .len()
                        .cmp(&b.words.len())
                        .then(b.entity.cmp(&a.entity))
                });
            match best {
                Some(name) => {
                    let end = at + name.words.len();
                    found.push(Mention {
                        entity: name.entity,
                        span: words[at].1.start..words[end - 1].1.end,
                    });
                    if !name.short {
                        named.insert(name.entity);
                    }
                    at = end;
                }
                None => at += 1,
            }
        }
        found
    }
}

/// A word as names are compared: apostrophes alike, lowercased when the case does not matter.
fn key(word: &str, any_case: bool) -> String {
    let word: String = word
        .chars()
        .map(|c| {
            if matches!(c, '\'' | 'ʼ' | '‘') {
                '’'
            } else {
                c
            }
        })
        .collect();
    if any_case { word.to_lowercase() } else { word }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EntityKind, parse_entities};

    fn gazetteer() -> (Vec<Entity>, Gazetteer) {
        let text = "\
- id: kim-jong-un\n  name: Kim Jong Un\n  kind: person\n  aliases: [Kim Jong-un]\n  short: [Kim]\n\
- id: kim-yo-jong\n  name: Kim Yo Jong\n  kind: person\n\
- id: china\n  name: China\n  kind: country\n  aliases: [Beijing]\n\
- id: south-china-sea\n  name: South China Sea\n  kind: place\n\
- id: pla\n  name: People’s Liberation Army\n  kind: organisation\n\
- id: icbm\n  name: intercontinental ballistic missile\n  kind: weapon\n  aliases: [icbms, icbm]\n";
        let entities = parse_entities(text, std::path::Path::new("e.yaml")).unwrap();
        assert_eq!(entities[0].kind, EntityKind::Person);
        let gazetteer = Gazetteer::new(&entities);
        (entities, gazetteer)
    }

    fn ids(entities: &[Entity], text: &str, mentions: &[Mention]) -> Vec<(String, String)> {
        mentions
            .iter()
            .map(|m| {
                (
                    entities[m.entity].id.clone(),
                    text[m.span.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn longest_name_wins_and_short_names_need_the_full_one_first() {
        let (entities, gazetteer) = gazetteer();
        let mut named = BTreeSet::new();
        let text = "Kim met Kim Yo Jong in the South China Sea, then Beijing.";
        let found = gazetteer.mentions(text, &mut named);
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("kim-yo-jong".into(), "Kim Yo Jong".into()),
                ("south-china-sea".into(), "South China Sea".into()),
                ("china".into(), "Beijing".into()),
            ],
            "a lone 'Kim' before the full name is nobody yet"
        );
        let text = "Kim Jong-un arrived. Later Kim spoke.";
        let found = gazetteer.mentions(text, &mut named);
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("kim-jong-un".into(), "Kim Jong-un".into()),
                ("kim-jong-un".into(), "Kim".into()),
            ]
        );
    }

    #[test]
    fn lowercase_names_match_in_any_case_and_apostrophes_alike() {
        let (entities, gazetteer) = gazetteer();
        let text =
            "The People's Liberation Army showed ICBMs and an Intercontinental Ballistic Missile.";
        let found = gazetteer.mentions(text, &mut BTreeSet::new());
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("pla".into(), "People's Liberation Army".into()),
                ("icbm".into(), "ICBMs".into()),
                ("icbm".into(), "Intercontinental Ballistic Missile".into()),
            ]
        );
    }

    #[test]
    fn names_are_whole_words() {
        let (_, gazetteer) = gazetteer();
        assert!(
            gazetteer
                .mentions("Chinatown and Kimchi", &mut BTreeSet::new())
                .is_empty()
        );
    }
}
