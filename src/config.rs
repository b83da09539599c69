//! `briefing.toml` → [`Config`]: the site's title and description, how many key points a
//! briefing draws, and where the input and output folders are.
//!
//! Unknown keys are errors, not silently ignored: a misspelt `key_point = 3` should not leave
//! the user wondering why nothing changed. The file is parsed as TOML first (a syntax error is
//! reported alone, since nothing after it can be trusted); then every key is checked on its
//! own, so one run reports every unknown key, every value of the wrong type and every value
//! out of range, each at its own line and column. serde's derive would stop at the first.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::error::{Diagnostic, sorted};

/// The file name looked for in the project root.
pub const CONFIG_FILE: &str = "briefing.toml";

/// Site-wide settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The site's title, shown on every page.
    pub title: String,
    /// One or two sentences on what the site covers, shown on the index.
    pub description: String,
    /// BCP 47 language tag of the pages (`lang` attribute).
    pub language: String,
    /// How many key points a briefing without an editor's overview draws from its passages.
    pub key_points: usize,
    /// Evidence passages per briefing page; longer briefings continue on further pages, so a
    /// large corpus never makes a page too big to open.
    pub passages_per_page: usize,
    /// Theme ids in the order the index shows them; themes not listed follow, by id.
    pub themes: Vec<String>,
    /// The address the site is published at, ending in `/` (`https://example.org/briefing/`),
    /// when set. Only what must be absolute uses it (the sitemap, the feed, canonical links,
    /// the not-found page); every other link stays relative so the site still reads from disk.
    pub base_url: Option<String>,
    /// How many recent builds that brought sources in the index and the briefings show under
    /// "What arrived", and the feed lists; `history.json` keeps this many (0: none shown).
    pub recent_builds: usize,
    /// Where the input and output folders are, relative to the project root.
    pub paths: Paths,
}

/// Folder names, relative to the project root.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// Source articles (`*.md`).
    pub content: PathBuf,
    /// Theme definitions (`*.yaml`) and editors' overviews (`*.md`).
    pub themes: PathBuf,
    /// Tera templates and the `assets/` folder copied into the site.
    pub templates: PathBuf,
    /// The generated site.
    pub output: PathBuf,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            content: "content".into(),
            themes: "themes".into(),
            templates: "templates".into(),
            output: "site".into(),
        }
    }
}

impl Default for Config {
    /// The settings of a file that sets nothing (its `title` is then missing).
    fn default() -> Self {
        Config {
            title: String::new(),
            description: String::new(),
            language: "en".to_string(),
            key_points: 4,
            passages_per_page: 100,
            themes: Vec::new(),
            base_url: None,
            recent_builds: 5,
            paths: Paths::default(),
        }
    }
}

/// The top-level keys, each with how to write it, for the hints.
const KEYS: [(&str, &str); 9] = [
    ("title", "title = \"Beijing parade briefing\""),
    ("description", "description = \"What the site covers.\""),
    ("language", "language = \"en\""),
    ("key_points", "key_points = 4"),
    ("passages_per_page", "passages_per_page = 100"),
    ("themes", "themes = [\"military-hardware\", \"diplomacy\"]"),
    ("base_url", "base_url = \"https://example.org/briefing/\""),
    ("recent_builds", "recent_builds = 5"),
    (
        "paths",
        "a `[paths]` line, then `output = \"site\"` and the other folders, one per line",
    ),
];

/// The keys of the `[paths]` table, each with how to write it.
const PATH_KEYS: [(&str, &str); 4] = [
    ("content", "content = \"content\""),
    ("themes", "themes = \"themes\""),
    ("templates", "templates = \"templates\""),
    ("output", "output = \"site\""),
];

impl Config {
    /// Parses the text of `briefing.toml`; `shown_as` names the file in diagnostics. Returns
    /// every mistake, sorted, when there is any.
    pub fn parse(text: &str, shown_as: &Path) -> Result<Config, Vec<Diagnostic>> {
        let (config, diagnostics) = read(text, shown_as).map_err(|d| vec![d])?;
        if diagnostics.is_empty() {
            Ok(config)
        } else {
            Err(sorted(diagnostics))
        }
    }
}

/// The output folder `briefing.toml` names (`paths.output`, or the default), even when other
/// keys have mistakes; `None` when the text is not TOML at all.
pub fn configured_output(text: &str) -> Option<PathBuf> {
    read(text, Path::new(CONFIG_FILE))
        .ok()
        .map(|(config, _)| config.paths.output)
}

/// The folders `briefing.toml` names (`[paths]`, or the defaults), even when other keys have
/// mistakes; `None` when the text is not TOML at all. `briefing serve` watches them.
pub fn configured_paths(text: &str) -> Option<Paths> {
    read(text, Path::new(CONFIG_FILE))
        .ok()
        .map(|(config, _)| config.paths)
}

/// The `base_url` `briefing.toml` sets, even when other keys have mistakes: `briefing check`
/// reads links to it as links within the site.
pub fn configured_base_url(text: &str) -> Option<String> {
    read(text, Path::new(CONFIG_FILE))
        .ok()
        .and_then(|(config, _)| config.base_url)
}

/// Reads every key it can: the settings (defaults where a value is missing or wrong) and a
/// diagnostic for each mistake. Only a TOML syntax error stops it.
fn read(text: &str, shown_as: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
    let document = DeTable::parse(text).map_err(|err| {
        let mut diagnostic = Diagnostic::new(shown_as, first_line(err.message()));
        if let Some(span) = err.span() {
            let (line, column) = line_and_column(text, span.start);
            diagnostic = diagnostic.at(line, column);
        }
        diagnostic.with_hint(
            "check the TOML syntax: one `key = value` per line, text in double quotes; the README shows a complete briefing.toml",
        )
    })?;
    let mut reader = Reader {
        text,
        path: shown_as,
        diagnostics: Vec::new(),
    };
    let mut config = Config::default();
    let mut title = None;
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "title" => title = Some(value),
            "description" => {
                if let Some(text) = reader.text("description", value) {
                    config.description = text;
                }
            }
            "language" => {
                if let Some(text) = reader.text("language", value) {
                    config.language = text;
                }
            }
            "key_points" => {
                if let Some(count) = reader.count("key_points", value) {
                    config.key_points = count;
                }
            }
            "passages_per_page" => match reader.count("passages_per_page", value) {
                Some(0) => reader.report(
                    value.span(),
                    "`passages_per_page` must be at least 1",
                    "leave it out for the default of 100",
                ),
                Some(count) => config.passages_per_page = count,
                None => {}
            },
            "themes" => {
                if let Some(ids) = reader.theme_ids(value) {
                    config.themes = ids;
                }
            }
            "base_url" => {
                if let Some(text) = reader.text("base_url", value) {
                    match normalise_base_url(&text) {
                        Ok(url) => config.base_url = Some(url),
                        Err(why) => reader.report(
                            value.span(),
                            format!("`base_url` {why}: '{text}'"),
                            format!(
                                "give the site's published address, e.g. {}, or leave `base_url` out",
                                example(&KEYS, "base_url")
                            ),
                        ),
                    }
                }
            }
            "recent_builds" => {
                if let Some(count) = reader.count("recent_builds", value) {
                    config.recent_builds = count;
                }
            }
            "paths" => reader.paths(value, &mut config.paths),
            _ => reader.unknown(key, "", &KEYS),
        }
    }
    let title_hint = "give the site a title, e.g. title = \"Beijing parade briefing\"";
    match title.map(|value| (value, reader.text("title", value))) {
        Some((value, Some(text))) if text.trim().is_empty() => {
            reader.report(value.span(), "`title` is empty", title_hint);
        }
        Some((_, Some(text))) => config.title = text,
        Some((_, None)) => {}
        None => reader.diagnostics.push(
            Diagnostic::new(shown_as, "missing required field `title`")
                .at_line(1)
                .with_hint(title_hint),
        ),
    }
    Ok((config, reader.diagnostics))
}

/// Takes values out of the parsed document, with a located diagnostic for each mistake.
struct Reader<'a> {
    /// The whole file, to turn byte offsets into lines and columns.
    text: &'a str,
    /// How diagnostics name the file.
    path: &'a Path,
    /// The mistakes found so far.
    diagnostics: Vec<Diagnostic>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn report(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let (line, column) = line_and_column(self.text, span.start);
        self.diagnostics.push(
            Diagnostic::new(self.path, message)
                .at(line, column)
                .with_hint(hint),
        );
    }

    /// A key that is not one of `known`; `table` is `""` at the top level.
    fn unknown(&mut self, key: &Spanned<DeString<'_>>, table: &str, known: &[(&str, &str)]) {
        let names: Vec<String> = known.iter().map(|(name, _)| format!("`{name}`")).collect();
        self.report(
            key.span(),
            format!(
                "unknown field `{}`{table}, expected one of {}",
                key.get_ref(),
                names.join(", ")
            ),
            "remove the key or correct its spelling; the README lists every key briefing.toml accepts",
        );
    }

    /// A string value, or `None` after reporting its type.
    fn text(&mut self, key: &str, value: &Value<'_>) -> Option<String> {
        let text = value.get_ref().as_str().map(str::to_string);
        if text.is_none() {
            self.wrong_type(key, "a string", value);
        }
        text
    }

    /// A whole number of 0 or more, or `None` after reporting why the value is not one.
    fn count(&mut self, key: &str, value: &Value<'_>) -> Option<usize> {
        let Some(integer) = value.get_ref().as_integer() else {
            self.wrong_type(key, "a whole number", value);
            return None;
        };
        let count = usize::from_str_radix(integer.as_str(), integer.radix()).ok();
        if count.is_none() {
            self.report(
                value.span(),
                format!("`{key}` must be a whole number of 0 or more, not {integer}"),
                format!("write it as {}", example(&KEYS, key)),
            );
        }
        count
    }

    /// The `themes` list, or `None` after reporting the list or each entry that is not a
    /// string.
    fn theme_ids(&mut self, value: &Value<'_>) -> Option<Vec<String>> {
        let Some(entries) = value.get_ref().as_array() else {
            self.wrong_type("themes", "an array of theme ids", value);
            return None;
        };
        let mut ids = Vec::with_capacity(entries.len());
        for entry in entries {
            match entry.get_ref().as_str() {
                Some(id) => ids.push(id.to_string()),
                None => self.report(
                    entry.span(),
                    format!(
                        "`themes` must list theme ids as strings, not {}",
                        type_name(entry.get_ref())
                    ),
                    format!("write it as {}", example(&KEYS, "themes")),
                ),
            }
        }
        (ids.len() == entries.len()).then_some(ids)
    }

    /// Reads the `[paths]` table key by key.
    fn paths(&mut self, value: &Value<'_>, paths: &mut Paths) {
        let Some(table) = value.get_ref().as_table() else {
            return self.wrong_type("paths", "a table", value);
        };
        for (key, value) in table {
            let slot = match key.get_ref().as_ref() {
                "content" => &mut paths.content,
                "themes" => &mut paths.themes,
                "templates" => &mut paths.templates,
                "output" => &mut paths.output,
                _ => {
                    self.unknown(key, " in [paths]", &PATH_KEYS);
                    continue;
                }
            };
            match value.get_ref().as_str() {
                Some(folder) => *slot = PathBuf::from(folder),
                None => self.report(
                    value.span(),
                    format!(
                        "`paths.{}` must be a string, not {}",
                        key.get_ref(),
                        type_name(value.get_ref())
                    ),
                    format!(
                        "write it as {} below [paths]",
                        example(&PATH_KEYS, key.get_ref())
                    ),
                ),
            }
        }
    }

    fn wrong_type(&mut self, key: &str, expected: &str, value: &Value<'_>) {
        self.report(
            value.span(),
            format!(
                "`{key}` must be {expected}, not {}",
                type_name(value.get_ref())
            ),
            format!("write it as {}", example(&KEYS, key)),
        );
    }
}

/// The site's published address as the sitemap, the feed and canonical links append page
/// paths to it: an absolute `http(s)://host/…` address, without query or fragment, ending in
/// `/` (added when missing, so `https://example.org/briefing` names the folder, not a page).
/// The error says what is wrong, to follow "`base_url` …".
pub fn normalise_base_url(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("must be an absolute address starting with http:// or https://")?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err("has no host name");
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces");
    }
    if text.contains(['?', '#']) {
        return Err("must not have a query (`?`) or fragment (`#`)");
    }
    let mut url = text.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// How `key` is written, from a table of keys.
fn example<'a>(keys: &[(&str, &'a str)], key: &str) -> &'a str {
    keys.iter()
        .find(|(name, _)| *name == key)
        .map_or("the README shows", |(_, example)| example)
}

/// A TOML value's type with its article, for messages: "an array", "a string".
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// 1-based line and column of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The 1-based line on which a top-level `key = …` or `key: …` stands, for diagnostics about
/// a value that parsed but is not acceptable.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key).is_some_and(|rest| {
                matches!(rest.trim_start().chars().next(), Some('=') | Some(':'))
            })
        })
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every diagnostic of `text`, as printed.
    fn problems(text: &str) -> Vec<String> {
        match Config::parse(text, Path::new("briefing.toml")) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn parses_minimal_config_with_defaults() {
        let config = Config::parse("title = \"T\"\n", Path::new("briefing.toml")).unwrap();
        assert_eq!(config.title, "T");
        assert_eq!(config.key_points, 4);
        assert_eq!(config.passages_per_page, 100);
        assert_eq!(config.recent_builds, 5);
        assert_eq!(config.paths.output, PathBuf::from("site"));
    }

    #[test]
    fn parses_every_key() {
        let text = "title = \"T\"\ndescription = \"D\"\nlanguage = \"fr\"\nkey_points = 0\npassages_per_page = 0x10\nthemes = [\"a\", \"b\"]\nrecent_builds = 2\n[paths]\ncontent = \"c\"\nthemes = \"t\"\ntemplates = \"p\"\noutput = \"o\"\n";
        let config = Config::parse(text, Path::new("briefing.toml")).unwrap();
        assert_eq!(
            config,
            Config {
                title: "T".into(),
                description: "D".into(),
                language: "fr".into(),
                key_points: 0,
                passages_per_page: 16,
                themes: vec!["a".into(), "b".into()],
                base_url: None,
                recent_builds: 2,
                paths: Paths {
                    content: "c".into(),
                    themes: "t".into(),
                    templates: "p".into(),
                    output: "o".into(),
                },
            }
        );
    }

    #[test]
    fn reports_every_problem_at_once() {
        let unknown_hint = "  hint: remove the key or correct its spelling; the README lists every key briefing.toml accepts";
        let cases: [(&str, &[&str]); 8] = [
            (
                "title = \"T\"\nkey_point = 3\n",
                &[
                    "briefing.toml:2:1: unknown field `key_point`, expected one of `title`, `description`, `language`, `key_points`, `passages_per_page`, `themes`, `base_url`, `recent_builds`, `paths`",
                ],
            ),
            (
                "title = \" \"\n",
                &[
                    "briefing.toml:1:9: `title` is empty\n  hint: give the site a title, e.g. title = \"Beijing parade briefing\"",
                ],
            ),
            (
                "language = \"en\"\n",
                &[
                    "briefing.toml:1: missing required field `title`\n  hint: give the site a title, e.g. title = \"Beijing parade briefing\"",
                ],
            ),
            (
                "title = 3\nkey_points = \"four\"\npassages_per_page = 0\n",
                &[
                    "briefing.toml:1:9: `title` must be a string, not an integer\n  hint: write it as title = \"Beijing parade briefing\"",
                    "briefing.toml:2:14: `key_points` must be a whole number, not a string\n  hint: write it as key_points = 4",
                    "briefing.toml:3:21: `passages_per_page` must be at least 1\n  hint: leave it out for the default of 100",
                ],
            ),
            (
                "title = \"T\"\nkey_points = -1\nthemes = [\"a\", 2, true]\n",
                &[
                    "briefing.toml:2:14: `key_points` must be a whole number of 0 or more, not -1\n  hint: write it as key_points = 4",
                    "briefing.toml:3:16: `themes` must list theme ids as strings, not an integer\n  hint: write it as themes = [\"military-hardware\", \"diplomacy\"]",
                    "briefing.toml:3:19: `themes` must list theme ids as strings, not a boolean\n  hint: write it as themes = [\"military-hardware\", \"diplomacy\"]",
                ],
            ),
            (
                "title = \"T\"\nthemes = \"a\"\npaths = 3\n",
                &[
                    "briefing.toml:2:10: `themes` must be an array of theme ids, not a string\n  hint: write it as themes = [\"military-hardware\", \"diplomacy\"]",
                    "briefing.toml:3:9: `paths` must be a table, not an integer\n  hint: write it as a `[paths]` line, then `output = \"site\"` and the other folders, one per line",
                ],
            ),
            (
                "title = \"T\"\n[paths]\noutput = 1\nsources = \"s\"\n",
                &[
                    "briefing.toml:3:10: `paths.output` must be a string, not an integer\n  hint: write it as output = \"site\" below [paths]",
                    "briefing.toml:4:1: unknown field `sources` in [paths], expected one of `content`, `themes`, `templates`, `output`",
                ],
            ),
            (
                "title = \"T\"\ntitle = \"U\"\nkey_point = 3\n",
                &[
                    "briefing.toml:2:1: duplicate key\n  hint: check the TOML syntax: one `key = value` per line, text in double quotes; the README shows a complete briefing.toml",
                ],
            ),
        ];
        for (text, expected) in cases {
            // Unknown keys all share one hint; the table leaves it out.
            let expected: Vec<String> = expected
                .iter()
                .map(|line| {
                    if line.contains("hint:") {
                        line.to_string()
                    } else {
                        format!("{line}\n{unknown_hint}")
                    }
                })
                .collect();
            assert_eq!(problems(text), expected, "{text}");
        }
    }

    #[test]
    fn normalises_the_base_url() {
        let cases = [
            (
                "https://briefing.example/parade/",
                Ok("https://briefing.example/parade/"),
            ),
            (
                "https://briefing.example/parade",
                Ok("https://briefing.example/parade/"),
            ),
            ("http://localhost:8000", Ok("http://localhost:8000/")),
            (
                "briefing.example/parade/",
                Err("must be an absolute address starting with http:// or https://"),
            ),
            (
                "ftp://briefing.example/",
                Err("must be an absolute address starting with http:// or https://"),
            ),
            ("https:///parade/", Err("has no host name")),
            (
                "https://briefing.example/a b/",
                Err("must not contain spaces"),
            ),
            (
                "https://briefing.example/?x=1",
                Err("must not have a query (`?`) or fragment (`#`)"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                normalise_base_url(text).as_deref().map_err(|why| *why),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn reports_a_bad_base_url_at_its_line() {
        assert_eq!(
            problems("title = \"T\"\nbase_url = \"briefing.example\"\n"),
            [
                "briefing.toml:2:12: `base_url` must be an absolute address starting with http:// or https://: 'briefing.example'\n  hint: give the site's published address, e.g. base_url = \"https://example.org/briefing/\", or leave `base_url` out"
            ]
        );
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://briefing.example/parade\"\n",
            Path::new("briefing.toml"),
        )
        .unwrap();
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://briefing.example/parade/")
        );
    }

    #[test]
    fn names_the_output_folder_despite_other_mistakes() {
        let cases = [
            ("title = \"T\"\n", Some("site")),
            (
                "key_point = 3\n[paths]\noutput = \"public\"\n",
                Some("public"),
            ),
            ("title = \"T\n", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                configured_output(text),
                expected.map(PathBuf::from),
                "{text}"
            );
        }
    }

    #[test]
    fn names_the_watched_folders_despite_other_mistakes() {
        let cases = [
            ("title = \"T\"\n", Some(["content", "themes", "templates"])),
            (
                "key_point = 3\n[paths]\ncontent = \"articles\"\ntemplates = \"../look\"\n",
                Some(["articles", "themes", "../look"]),
            ),
            ("title = \"T\n", None),
        ];
        for (text, expected) in cases {
            let found =
                configured_paths(text).map(|paths| [paths.content, paths.themes, paths.templates]);
            assert_eq!(
                found,
                expected.map(|names| names.map(PathBuf::from)),
                "{text}"
            );
        }
    }

    #[test]
    fn finds_key_lines() {
        let text = "a: 1\nid: x\nidea: y\n";
        assert_eq!(key_line(text, "id"), Some(2));
        assert_eq!(key_line(text, "missing"), None);
        assert_eq!(line_and_column("ab\ncd", 4), (2, 2));
    }
}
