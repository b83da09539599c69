//! The project's gazetteer, `themes/entities.yaml`: the people, countries, organisations,
//! initiatives, weapon systems, events and places the "who's who" counts in the sources.
//!
//! Each entry has an id, a name, a kind, an optional one-line role, `aliases` (other names
//! that always mean it) and `short` names (that mean it only once its name or an alias has
//! appeared earlier in the same source, like "Kim"). A name may belong to one entry only, or a
//! mention could not be told apart; names that differ only as the matcher reads alike
//! (case, a hyphen before a digit: "JuLang-3", "Julang 3") are one name. Every clash is
//! reported with the line of each entry.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::yaml::from_yaml;
use crate::error::Diagnostic;

/// The gazetteer's file name in the themes folder; it is not a theme.
pub const ENTITIES_FILE: &str = "entities.yaml";

/// What an entity is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country or state.
    Country,
    /// An organisation, bloc, agency, army or party.
    Organisation,
    /// An initiative, policy or programme.
    Initiative,
    /// A weapon system or class of weapons.
    Weapon,
    /// A named event.
    Event,
    /// A place that is not a country.
    Place,
}

/// One entry of the gazetteer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable slug.
    pub id: String,
    /// The name it is shown by.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// One line on who or what it is.
    #[serde(default)]
    pub role: Option<String>,
    /// Other names that always mean it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that mean it only after its name or an alias appeared in the same source.
    #[serde(default)]
    pub short: Vec<String>,
    /// The line of its entry in the file, for messages.
    #[serde(skip)]
    pub line: usize,
}

/// Parses and checks the gazetteer at `path` (shown as `shown_as`).
pub fn parse_entities(text: &str, shown_as: &Path) -> Result<Vec<Entity>, Vec<Diagnostic>> {
    // A file of comments alone (the starter `briefing init` writes) is an empty gazetteer,
    // not a YAML document that fails to be a list.
    let only_comments = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if only_comments {
        return Ok(Vec::new());
    }
    let mut entities: Vec<Entity> = from_yaml(text, shown_as).map_err(|d| vec![d])?;
    let id_lines: BTreeMap<&str, usize> = text
        .lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let id = line.trim_start().strip_prefix("- id:")?.trim();
            Some((id.trim_matches(['"', '\'']), n + 1))
        })
        .collect();
    for entity in &mut entities {
        entity.line = id_lines.get(entity.id.as_str()).copied().unwrap_or(1);
    }
    let mut diagnostics = Vec::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    // Names are compared by the key they are matched on, so "JuLang-3" in one entry and
    // "Julang 3" in another clash as surely as two equal spellings.
    let mut names: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    for entity in &entities {
        let at = |message: String| Diagnostic::new(shown_as, message).at_line(entity.line);
        if crate::ids::SourceId::parse(&entity.id).is_none() {
            diagnostics.push(
                at(format!("entity id '{}' is not a slug", entity.id)).with_hint(
                    "use lowercase letters, digits and single hyphens, e.g. kim-jong-un",
                ),
            );
        }
        if let Some(first) = ids.insert(&entity.id, entity.line) {
            diagnostics.push(
                at(format!("entity id '{}' is used twice", entity.id)).with_hint(format!(
                    "the other entry is on line {first}; give each its own id"
                )),
            );
        }
        let all = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .chain(&entity.short);
        for name in all {
            if name.trim().is_empty() {
                diagnostics.push(at(format!("entity '{}' has an empty name", entity.id)));
                continue;
            }
            let key = crate::analyse::entities::name_key(name);
            match names.get(&key) {
                Some((other, line)) if *other != entity.id => diagnostics.push(
                    at(format!("'{name}' names both '{other}' and '{}'", entity.id)).with_hint(
                        format!(
                            "a name may mean one entity only: remove it from one of them (the other is on line {line}), or make it a `short` name of one"
                        ),
                    ),
                ),
                _ => {
                    names.insert(key, (&entity.id, entity.line));
                }
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(entities)
    } else {
        Err(diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_with_their_lines() {
        let text = "# who's who\n- id: kim-jong-un\n  name: Kim Jong Un\n  kind: person\n  aliases: [Kim Jong-un]\n  short: [Kim]\n- id: north-korea\n  name: North Korea\n  kind: country\n";
        let entities = parse_entities(text, Path::new("themes/entities.yaml")).unwrap();
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].short, ["Kim"]);
        assert_eq!(entities[1].line, 7);
        assert_eq!(entities[1].kind, EntityKind::Country);
    }

    #[test]
    fn a_name_of_two_entities_is_an_error_at_its_line() {
        let text = "- id: a\n  name: A\n  kind: person\n  aliases: [Kim]\n- id: b\n  name: B\n  kind: person\n  short: [Kim]\n";
        let errors = parse_entities(text, Path::new("themes/entities.yaml")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(5));
        assert!(errors[0].message.contains("'Kim' names both 'a' and 'b'"));
    }

    #[test]
    fn names_read_alike_clash_across_entries() {
        let text = "- id: a\n  name: JuLang-3\n  kind: weapon\n  aliases: [Julang 3, JULANG-3]\n- id: b\n  name: B\n  kind: weapon\n  aliases: [julang3]\n";
        let errors = parse_entities(text, Path::new("themes/entities.yaml")).unwrap_err();
        assert_eq!(errors.len(), 1, "an entry's own variants do not clash");
        assert_eq!(errors[0].line, Some(5));
        assert!(
            errors[0]
                .message
                .contains("'julang3' names both 'a' and 'b'")
        );
    }

    #[test]
    fn a_file_of_comments_is_an_empty_gazetteer() {
        for text in ["", "\n", "# none yet\n\n# - id: a\n#   name: A\n"] {
            assert_eq!(parse_entities(text, Path::new("e.yaml")), Ok(Vec::new()));
        }
    }

    #[test]
    fn the_starter_gazetteer_parses_once_uncommented() {
        let starter = include_str!("../scaffold/entities.yaml");
        let examples = &starter[starter.find("# - id:").unwrap()..];
        let uncommented: String = examples
            .lines()
            .map(|line| format!("{}\n", line.strip_prefix("# ").unwrap_or(line)))
            .collect();
        let entities = parse_entities(&uncommented, Path::new("e.yaml")).unwrap();
        let kinds: std::collections::BTreeSet<EntityKind> =
            entities.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.len(), 7, "an example of each kind: {kinds:?}");
    }

    #[test]
    fn an_unknown_kind_or_field_is_an_error() {
        let text = "- id: a\n  name: A\n  kind: planet\n";
        assert!(parse_entities(text, Path::new("e.yaml")).is_err());
        let text = "- id: a\n  name: A\n  kind: person\n  born: 1984\n";
        assert!(parse_entities(text, Path::new("e.yaml")).is_err());
    }
}
