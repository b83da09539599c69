//! The only module that speaks YAML: a source's front matter and a theme definition.
//!
//! serde_yaml is deprecated upstream; keeping every call here means a swap to a maintained
//! fork touches one file. Functions return plain structs with every field optional, so the
//! caller can report *all* missing fields at once rather than serde's first one.
//!
//! serde stops at the first unknown key or wrongly typed value, so a document is read in two
//! passes: it is parsed into a [`Value`] (a syntax error is reported alone, at its line and
//! column), every key and value is checked against a [`Schema`] and all the problems are
//! reported together, each at the line of its key (an entry of a list, such as a theme's
//! term, at the line of its `- `); only a document that passes is deserialised, so the values
//! mean exactly what serde_yaml makes of the text (`title: 1984` is the text "1984").

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

use crate::config::key_line;
use crate::error::Diagnostic;

/// Front matter as written, before validation; also what `briefing add` writes, in this
/// field order, leaving out what is unknown.
#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// Stable slug that names the source everywhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Who wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Date of the last revision the source shows, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The wire agency the story is credited to (`Reuters`, `Associated Press`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The place of the story's dateline (`ROTTERDAM`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Where it was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the text was captured, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    /// BCP 47 language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Free-form tags from the publisher or the editor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The id of the source this one is a copy of (a syndicated or re-published text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// Writes front matter as YAML (without the `---` fences), quoted wherever YAML needs it, so
/// [`parse_front_matter`] reads back exactly these values.
pub fn write_front_matter(front_matter: &RawFrontMatter) -> String {
    // Serialising a struct of strings cannot fail; an empty mapping is the safe fallback.
    serde_yaml::to_string(front_matter).unwrap_or_default()
}

/// A theme file as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    /// Short title.
    pub title: Option<String>,
    /// The question the briefing answers.
    pub question: Option<String>,
    /// What is filed under the theme, and what is not.
    #[serde(default)]
    pub scope: String,
    /// Minimum score for a paragraph to be filed.
    pub threshold: Option<f64>,
    /// The name of the theme's colour, from the stylesheet's palette.
    pub colour: Option<String>,
    /// Minimum number of distinct positive terms matched.
    #[serde(default = "default_min_terms")]
    pub min_terms: usize,
    /// Weighted vocabulary.
    #[serde(default)]
    pub terms: Vec<RawTerm>,
    /// How passages are grouped on the briefing page.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

fn default_min_terms() -> usize {
    2
}

/// One weighted term of a theme's vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// The word or phrase; a token ending in `*` matches any word starting with it.
    pub term: String,
    /// How much a match counts; negative for words that point away from the theme.
    pub weight: f64,
    /// Other spellings that count as the same term.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A group of passages on the briefing page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Heading of the group.
    pub title: String,
    /// Terms that send a passage to this group.
    pub terms: Vec<String>,
}

/// Parses any YAML document into `T`, located diagnostics on failure. Test fixtures and future
/// YAML inputs use this, so serde_yaml stays behind this module.
pub fn from_yaml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(&err, path, 1))
}

/// Parses front matter text that starts on line `first_line` of `path`; every unknown key and
/// wrongly typed value at once.
pub fn parse_front_matter(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<RawFrontMatter, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    parse_checked(text, path, first_line, &FRONT_MATTER)
}

/// Parses a whole theme file; every unknown key and wrongly typed value at once.
pub fn parse_theme(text: &str, path: &Path) -> Result<RawTheme, Vec<Diagnostic>> {
    parse_checked(text, path, 1, &THEME)
}

/// What a key's value must be.
enum Kind {
    /// A value serde checks by deserialising it as the field's type.
    Value(fn(Value) -> Result<(), serde_yaml::Error>),
    /// A list of mappings, each checked against its own schema.
    Entries(&'static Schema),
}

/// The keys a mapping accepts, in the order error messages list them, and the ones it must
/// have. Fields the caller validates itself (a source's `id`, a theme's `threshold`) are not
/// required here, so their absence is reported with the caller's own message and hint.
struct Schema {
    /// Each key and what its value must be.
    keys: &'static [(&'static str, Kind)],
    /// Keys that must be present.
    required: &'static [&'static str],
}

/// The fields of [`RawFrontMatter`].
const FRONT_MATTER: Schema = Schema {
    keys: &[
        ("id", Kind::Value(text)),
        ("title", Kind::Value(text)),
        ("publisher", Kind::Value(text)),
        ("author", Kind::Value(text)),
        ("published", Kind::Value(text)),
        ("updated", Kind::Value(text)),
        ("agency", Kind::Value(text)),
        ("dateline", Kind::Value(text)),
        ("url", Kind::Value(text)),
        ("retrieved", Kind::Value(text)),
        ("language", Kind::Value(text)),
        ("tags", Kind::Value(text_list)),
        ("copy_of", Kind::Value(text)),
    ],
    required: &[],
};

/// The fields of [`RawTheme`].
const THEME: Schema = Schema {
    keys: &[
        ("title", Kind::Value(text)),
        ("question", Kind::Value(text)),
        ("scope", Kind::Value(text)),
        ("threshold", Kind::Value(accepts::<Option<f64>>)),
        ("colour", Kind::Value(text)),
        ("min_terms", Kind::Value(accepts::<usize>)),
        ("terms", Kind::Entries(&TERM)),
        ("groups", Kind::Entries(&GROUP)),
    ],
    required: &[],
};

/// The fields of [`RawTerm`].
const TERM: Schema = Schema {
    keys: &[
        ("term", Kind::Value(text)),
        ("weight", Kind::Value(accepts::<f64>)),
        ("aliases", Kind::Value(text_list)),
    ],
    required: &["term", "weight"],
};

/// The fields of [`RawGroup`].
const GROUP: Schema = Schema {
    keys: &[
        ("title", Kind::Value(text)),
        ("terms", Kind::Value(text_list)),
    ],
    required: &["title", "terms"],
};

/// Whether serde can read `value` as a `T`.
fn accepts<T: DeserializeOwned>(value: Value) -> Result<(), serde_yaml::Error> {
    serde_yaml::from_value::<T>(value).map(drop)
}

/// Optional text. A number or a boolean counts: deserialised from the text, a plain scalar
/// such as `1984` or `2025-09-03` is read as written.
fn text(value: Value) -> Result<(), serde_yaml::Error> {
    accepts::<Option<String>>(scalar_as_text(value))
}

/// A list of texts, each as [`text`] reads it.
fn text_list(value: Value) -> Result<(), serde_yaml::Error> {
    let value = match value {
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(scalar_as_text).collect()),
        other => other,
    };
    accepts::<Vec<String>>(value)
}

fn scalar_as_text(value: Value) -> Value {
    match value {
        Value::Number(number) => Value::String(number.to_string()),
        Value::Bool(flag) => Value::String(flag.to_string()),
        other => other,
    }
}

/// Parses `text` (starting on line `first_line` of `path`) as a `T` whose fields `schema`
/// describes, reporting every problem the schema finds rather than serde's first.
fn parse_checked<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    schema: &Schema,
) -> Result<T, Vec<Diagnostic>> {
    let document: Value =
        serde_yaml::from_str(text).map_err(|err| vec![yaml_diagnostic(&err, path, first_line)])?;
    let mut problems = Vec::new();
    match document {
        // An empty document is left to serde, which says what it expected.
        Value::Null => {}
        Value::Mapping(mapping) => {
            let line_of = |key: &str| key_line(text, key).unwrap_or(1);
            check_mapping(&mapping, schema, "", &line_of, text, &mut problems);
        }
        other => {
            if let Err(err) = accepts::<Mapping>(other) {
                problems.push((1, err.to_string()));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|(line, message)| {
                Diagnostic::new(path, format!("invalid YAML: {message}"))
                    .at_line(line + first_line - 1)
                    .with_hint(hint_for(&message))
            })
            .collect());
    }
    serde_yaml::from_str(text).map_err(|err| vec![yaml_diagnostic(&err, path, first_line)])
}

/// A problem: the 1-based line within the YAML, and the message after `invalid YAML: `.
type Problem = (usize, String);

/// Checks every key of `mapping` against `schema`. `at` is where the mapping stands, in
/// serde_yaml's notation (`terms[2]`, empty at the top); `line_of` places each key.
fn check_mapping(
    mapping: &Mapping,
    schema: &Schema,
    at: &str,
    line_of: &dyn Fn(&str) -> usize,
    text: &str,
    problems: &mut Vec<Problem>,
) {
    let within = |message: String| {
        if at.is_empty() {
            message
        } else {
            format!("{at}: {message}")
        }
    };
    for (key, value) in mapping {
        let name = key_name(key);
        let Some((_, kind)) = schema.keys.iter().find(|(known, _)| *known == name) else {
            let known: Vec<String> = schema.keys.iter().map(|(k, _)| format!("`{k}`")).collect();
            problems.push((
                line_of(&name),
                within(format!(
                    "unknown field `{name}`, expected one of {}",
                    known.join(", ")
                )),
            ));
            continue;
        };
        let field = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}.{name}")
        };
        match kind {
            Kind::Value(check) => {
                if let Err(err) = check(value.clone()) {
                    problems.push((line_of(&name), format!("{field}: {err}")));
                }
            }
            Kind::Entries(entry_schema) => {
                let Value::Sequence(entries) = value else {
                    if let Err(err) = accepts::<Vec<Value>>(value.clone()) {
                        problems.push((line_of(&name), format!("{field}: {err}")));
                    }
                    continue;
                };
                // Entries are block lists at the top level, found in the text by their key.
                let lines = entry_lines(text, &name);
                for (index, entry) in entries.iter().enumerate() {
                    let line = lines.get(index).copied().unwrap_or_else(|| line_of(&name));
                    let at = format!("{field}[{index}]");
                    match entry {
                        Value::Mapping(entry) => {
                            check_mapping(entry, entry_schema, &at, &|_| line, text, problems);
                        }
                        // A bare `-` is an entry with no keys.
                        Value::Null => {
                            let empty = Mapping::new();
                            check_mapping(&empty, entry_schema, &at, &|_| line, text, problems);
                        }
                        other => {
                            if let Err(err) = accepts::<Mapping>(other.clone()) {
                                problems.push((line, format!("{at}: {err}")));
                            }
                        }
                    }
                }
            }
        }
    }
    for required in schema.required {
        if !mapping.contains_key(*required) {
            problems.push((
                line_of(required),
                within(format!("missing field `{required}`")),
            ));
        }
    }
}

/// A mapping key as the user wrote it, for messages.
fn key_name(key: &Value) -> String {
    match key {
        Value::String(name) => name.clone(),
        other => serde_yaml::to_string(other)
            .map(|text| text.trim().to_string())
            .unwrap_or_default(),
    }
}

/// The 1-based lines of the entries (`- …`) of the block list under the top-level `key`, in
/// order; empty when the list is written inline (`[…]`).
fn entry_lines(text: &str, key: &str) -> Vec<usize> {
    let Some(start) = key_line(text, key) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut indent = None;
    for (index, line) in text.lines().enumerate().skip(start) {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let depth = line.len() - content.len();
        let is_entry = content == "-" || content.starts_with("- ");
        if depth == 0 && !is_entry {
            break;
        }
        if is_entry && *indent.get_or_insert(depth) == depth {
            lines.push(index + 1);
        }
    }
    lines
}

/// Turns serde_yaml's message into a located diagnostic, with the location moved out of the
/// message text and into the diagnostic's own fields.
fn yaml_diagnostic(err: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    let message = without_locations(&err.to_string());
    let mut diagnostic = Diagnostic::new(path, format!("invalid YAML: {message}"));
    if let Some(location) = err.location() {
        diagnostic = diagnostic.at(location.line() + first_line - 1, location.column());
    }
    diagnostic.with_hint(hint_for(&message))
}

/// Removes serde_yaml's " at line N column M" phrases: they count lines from the start of the
/// YAML, not of the file, and the diagnostic already carries the file's line and column.
fn without_locations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find(" at line ") {
        out.push_str(&rest[..index]);
        let after = &rest[index + " at line ".len()..];
        let skipped = after
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .map_or(after.len(), |(i, _)| i);
        rest = &after[skipped..];
    }
    out.push_str(rest);
    out
}

fn hint_for(message: &str) -> &'static str {
    if message.contains("unknown field") {
        "remove the key or correct its spelling; the README lists the accepted keys"
    } else if message.contains("missing field") {
        "add the key; the README shows a complete example"
    } else if message.contains("invalid type") || message.contains("invalid value") {
        "check the value's type: text, a number, or a list as the README shows"
    } else {
        "check the indentation and quote values that contain `: ` or start with a special character"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_front_matter_reads_back() {
        let written = RawFrontMatter {
            id: Some("a-b".into()),
            title: Some("Kim: \"Yes\" – or no? #1 & 'quotes'".into()),
            author: Some("- dash first".into()),
            published: Some("2025-09-03".into()),
            url: Some("https://x.org/a?b=c#d".into()),
            retrieved: Some("2025-09-04".into()),
            language: Some("no".into()),
            ..RawFrontMatter::default()
        };
        let text = write_front_matter(&written);
        assert!(!text.contains("tags"), "{text}");
        let read = parse_front_matter(&text, Path::new("a.md"), 2).unwrap();
        assert_eq!(read, written);
    }

    /// Every diagnostic of a front matter starting on file line 2, as printed.
    fn front_matter_problems(text: &str) -> Vec<String> {
        match parse_front_matter(text, Path::new("c.md"), 2) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    /// Every diagnostic of a theme file, as printed.
    fn theme_problems(text: &str) -> Vec<String> {
        match parse_theme(text, Path::new("t.yaml")) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    const TYPE_HINT: &str =
        "  hint: check the value's type: text, a number, or a list as the README shows";
    const KEY_HINT: &str =
        "  hint: remove the key or correct its spelling; the README lists the accepted keys";
    const MISSING_HINT: &str = "  hint: add the key; the README shows a complete example";
    const SYNTAX_HINT: &str = "  hint: check the indentation and quote values that contain `: ` or start with a special character";

    #[test]
    fn reports_every_front_matter_problem_at_its_file_line() {
        let cases: [(&str, &[(&str, &str)]); 6] = [
            ("id: a\ntitle: T\ntags: [x, 2025]\n", &[]),
            ("# only a comment\n", &[]),
            (
                "id: a\ntitel: x\n",
                &[(
                    "c.md:3: invalid YAML: unknown field `titel`, expected one of `id`, `title`, `publisher`, `author`, `published`, `updated`, `agency`, `dateline`, `url`, `retrieved`, `language`, `tags`, `copy_of`",
                    KEY_HINT,
                )],
            ),
            (
                "id: a\ntitle: [a, b]\ntitel: x\nauthor: {name: A}\ntags: [x, [y]]\n",
                &[
                    (
                        "c.md:3: invalid YAML: title: invalid type: sequence, expected a string",
                        TYPE_HINT,
                    ),
                    (
                        "c.md:4: invalid YAML: unknown field `titel`, expected one of `id`, `title`, `publisher`, `author`, `published`, `updated`, `agency`, `dateline`, `url`, `retrieved`, `language`, `tags`, `copy_of`",
                        KEY_HINT,
                    ),
                    (
                        "c.md:5: invalid YAML: author: invalid type: map, expected a string",
                        TYPE_HINT,
                    ),
                    (
                        "c.md:6: invalid YAML: tags: invalid type: sequence, expected a string",
                        TYPE_HINT,
                    ),
                ],
            ),
            (
                "- id: a\n",
                &[(
                    "c.md:2: invalid YAML: invalid type: sequence, expected a YAML mapping",
                    TYPE_HINT,
                )],
            ),
            (
                "id: a\nid: b\ntitel: x\n",
                &[(
                    "c.md:2:1: invalid YAML: duplicate entry with key \"id\"",
                    SYNTAX_HINT,
                )],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<String> = expected
                .iter()
                .map(|(message, hint)| format!("{message}\n{hint}"))
                .collect();
            assert_eq!(front_matter_problems(text), expected, "{text}");
        }
    }

    #[test]
    fn reports_every_theme_problem_at_its_key_or_entry_line() {
        let cases: [(&str, &[(&str, &str)]); 5] = [
            (
                "title: T\nquestion: Q\nthreshold: 4\nterms:\n- term: a\n  weight: 1\ngroups:\n  - title: G\n    terms: [a]\n",
                &[],
            ),
            (
                "title: T\nquestion: Q\nthreshold: high\nextra: 1\nterms:\n  - term: drone*\n    weight: heavy\n  - term: missile*\n    wieght: 2\n  - tank\ngroups:\n  - title: G\n",
                &[
                    (
                        "t.yaml:3: invalid YAML: threshold: invalid type: string \"high\", expected f64",
                        TYPE_HINT,
                    ),
                    (
                        "t.yaml:4: invalid YAML: unknown field `extra`, expected one of `title`, `question`, `scope`, `threshold`, `colour`, `min_terms`, `terms`, `groups`",
                        KEY_HINT,
                    ),
                    (
                        "t.yaml:6: invalid YAML: terms[0].weight: invalid type: string \"heavy\", expected f64",
                        TYPE_HINT,
                    ),
                    (
                        "t.yaml:8: invalid YAML: terms[1]: unknown field `wieght`, expected one of `term`, `weight`, `aliases`",
                        KEY_HINT,
                    ),
                    (
                        "t.yaml:8: invalid YAML: terms[1]: missing field `weight`",
                        MISSING_HINT,
                    ),
                    (
                        "t.yaml:10: invalid YAML: terms[2]: invalid type: string \"tank\", expected a YAML mapping",
                        TYPE_HINT,
                    ),
                    (
                        "t.yaml:12: invalid YAML: groups[0]: missing field `terms`",
                        MISSING_HINT,
                    ),
                ],
            ),
            (
                "title: T\nmin_terms: -1\nterms: drone\n",
                &[
                    (
                        "t.yaml:2: invalid YAML: min_terms: invalid value: integer `-1`, expected usize",
                        TYPE_HINT,
                    ),
                    (
                        "t.yaml:3: invalid YAML: terms: invalid type: string \"drone\", expected a sequence",
                        TYPE_HINT,
                    ),
                ],
            ),
            (
                "title: T\nterms:\ngroups:\n  -\n",
                &[
                    (
                        "t.yaml:4: invalid YAML: groups[0]: missing field `title`",
                        MISSING_HINT,
                    ),
                    (
                        "t.yaml:4: invalid YAML: groups[0]: missing field `terms`",
                        MISSING_HINT,
                    ),
                ],
            ),
            (
                "title: T\nterms: [{term: a, weight: x}]\n",
                &[(
                    "t.yaml:2: invalid YAML: terms[0].weight: invalid type: string \"x\", expected f64",
                    TYPE_HINT,
                )],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<String> = expected
                .iter()
                .map(|(message, hint)| format!("{message}\n{hint}"))
                .collect();
            assert_eq!(theme_problems(text), expected, "{text}");
        }
    }

    #[test]
    fn reports_yaml_syntax_error_alone_at_file_line() {
        assert_eq!(
            front_matter_problems("id: a\ntitle: [unclosed\ntitel: x\n"),
            [format!(
                "c.md:4:6: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence\n{SYNTAX_HINT}"
            )]
        );
    }

    #[test]
    fn strips_yaml_relative_locations() {
        assert_eq!(
            without_locations("found end at line 3 column 1, while scanning at line 2 column 8"),
            "found end, while scanning"
        );
    }

    #[test]
    fn reads_scalars_as_written_text() {
        let raw = parse_front_matter(
            "id: 007\ntitle: 1984\npublished: 2025-09-03\nauthor: 1.50\ntags: [2025, true]\n",
            Path::new("c.md"),
            2,
        )
        .unwrap();
        assert_eq!(raw.id.as_deref(), Some("007"));
        assert_eq!(raw.title.as_deref(), Some("1984"));
        assert_eq!(raw.published.as_deref(), Some("2025-09-03"));
        assert_eq!(raw.author.as_deref(), Some("1.50"));
        assert_eq!(raw.tags, ["2025", "true"]);
    }

    #[test]
    fn finds_the_lines_of_list_entries() {
        let text = "terms:\n  - term: a\n    weight: 1\n\n  # note\n  - term: b\n    aliases:\n      - c\nnext: 1\n- stray\n";
        assert_eq!(entry_lines(text, "terms"), [2, 6]);
        assert_eq!(entry_lines("terms: [a, b]\n", "terms"), Vec::<usize>::new());
        assert_eq!(entry_lines("terms:\n- a\n- b\n", "terms"), [2, 3]);
    }
}
