//! Stage 1, load: disk → [`Project`] + [`Corpus`].
//!
//! Reads `briefing.toml`, every `content/*.md` source, every `themes/*.yaml` definition with
//! its optional `themes/<id>.md` overview, and the templates. Sources are parsed in parallel;
//! every problem in every file is collected, so one run reports them all, together with a
//! folder that holds no sources or no themes and each required template that is missing.
//! After this stage nothing reads the disk until `output` writes the site.
//!
//! What is read is kept in two values. The [`Corpus`] is what the analysis reads: the sources,
//! the themes and the editors' overviews. The [`Project`] is how the site is presented: the
//! settings and the templates. A template edit changes the project, not the corpus, so it never
//! invalidates anything computed from the sources.

mod entities;
mod markdown;
mod source;
mod theme;
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use entities::{ENTITIES_FILE, Entity, EntityKind, parse_entities};
pub(crate) use markdown::body_text;
pub use markdown::{Rendered, quoted_and_code_ranges, render_cited_markdown};
pub use source::parse_source;
pub(crate) use source::split_front_matter;
pub use theme::parse_theme;
pub use yaml::from_yaml;
pub(crate) use yaml::{RawFrontMatter, parse_front_matter, write_front_matter};

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Diagnostic, Error, display_path, sorted};
use crate::fsutil::{self, ReadError};
use crate::ids::{ParagraphRef, SourceId, ThemeId};

/// How the site is presented: settings and templates, apart from the corpus.
#[derive(Debug, Clone)]
pub struct Project {
    /// Site settings.
    pub config: Config,
    /// The templates and static assets.
    pub templates: Templates,
}

/// The user's templates, as read.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// The templates folder relative to the project root, to name it in messages.
    pub dir: PathBuf,
    /// Tera templates by name (`index.html`, …).
    pub pages: BTreeMap<String, String>,
    /// Static files copied into `site/assets/`, by path below it.
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// What the analysis reads, as plain values.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The articles, sorted by id.
    pub sources: Vec<Source>,
    /// The themes, in the order of `briefing.toml`'s `themes` list, then by id.
    pub themes: Vec<Theme>,
    /// Editors' overviews by theme.
    pub overviews: BTreeMap<ThemeId, Overview>,
    /// The gazetteer (`themes/entities.yaml`), empty when the project has none.
    pub entities: Vec<Entity>,
}

impl Corpus {
    /// The source with this id. Sources are sorted by id, so this is a binary search.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources
            .binary_search_by(|source| source.id.cmp(id))
            .ok()
            .map(|index| &self.sources[index])
    }

    /// The theme with this id.
    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|theme| &theme.id == id)
    }
}

/// One article.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Stable slug: the page name and the citation key.
    pub id: SourceId,
    /// The file it came from, relative to the project root.
    pub path: PathBuf,
    /// Line of the `id:` key, for diagnostics about the id.
    pub id_line: usize,
    /// Line of the `published:` key (1 when there is none), for warnings about the date.
    pub published_line: usize,
    /// Line of the `copy_of:` key (1 without one), for diagnostics about it.
    pub copy_of_line: usize,
    /// A hash of the file's text: what the build cache and the incremental build compare to
    /// tell whether the source changed.
    pub digest: Digest,
    /// Front matter.
    pub meta: SourceMeta,
    /// Numbered paragraphs in body order; `paragraphs[i].n == i + 1` (see [`Source::paragraph`]).
    pub paragraphs: Vec<Paragraph>,
    /// The body's layout: headings, figures and paragraphs in order.
    pub layout: Vec<Block>,
}

impl Source {
    /// Paragraph `¶n` (from 1), if the source has it.
    pub fn paragraph(&self, n: u32) -> Option<&Paragraph> {
        let index = usize::try_from(n).ok()?.checked_sub(1)?;
        self.paragraphs.get(index)
    }

    /// How many paragraphs the source has, as the last `¶` number.
    pub fn last_paragraph(&self) -> u32 {
        u32::try_from(self.paragraphs.len()).unwrap_or(u32::MAX)
    }

    /// The plain text and the HTML of a paragraph, or of one item of a list paragraph.
    pub fn unit(&self, at: &ParagraphRef) -> Option<(&str, &str)> {
        let paragraph = self.paragraph(at.n)?;
        match at.item {
            None => Some((&paragraph.text, &paragraph.html)),
            Some(item) => {
                let item = paragraph
                    .items
                    .get(usize::try_from(item).ok()?.checked_sub(1)?)?;
                Some((&item.text, &item.html))
            }
        }
    }

    /// The text anchor of a paragraph or list item, the one every link of the site uses.
    pub fn anchor(&self, at: &ParagraphRef) -> Option<&str> {
        let paragraph = self.paragraph(at.n)?;
        match at.item {
            None => Some(&paragraph.anchor),
            Some(item) => paragraph
                .items
                .get(usize::try_from(item).ok()?.checked_sub(1)?)
                .map(|item| item.anchor.as_str()),
        }
    }

    /// What is filed and cited on its own, in body order: every paragraph, except that a list
    /// stands for its items.
    pub fn units(&self) -> impl Iterator<Item = (ParagraphRef, &str)> {
        self.paragraphs.iter().flat_map(move |paragraph| {
            let whole = paragraph.items.is_empty().then(|| {
                (
                    ParagraphRef::new(self.id.clone(), paragraph.n),
                    paragraph.text.as_str(),
                )
            });
            let items = paragraph.items.iter().map(move |item| {
                (
                    ParagraphRef::item(self.id.clone(), paragraph.n, item.n),
                    item.text.as_str(),
                )
            });
            whole.into_iter().chain(items)
        })
    }
}

/// A 128-bit content hash (the first half of a BLAKE3 hash), as lowercase hex when printed.
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Digest(pub [u8; 16]);

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest::from_hash(&blake3::hash(bytes))
    }

    /// The digest a BLAKE3 hash gives (its first half), for hashes made piece by piece.
    pub fn from_hash(hash: &blake3::Hash) -> Digest {
        let mut half = [0; 16];
        half.copy_from_slice(&hash.as_bytes()[..16]);
        Digest(half)
    }

    /// As 32 hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.hex())
    }
}

/// A source's front matter, validated.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct SourceMeta {
    /// Headline.
    pub title: String,
    /// Who published it, when the text names them.
    pub publisher: Option<String>,
    /// Who wrote it, when the text names them.
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Date of the last revision the source shows, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// The wire agency the story is credited to, when it is one's copy.
    pub agency: Option<String>,
    /// The place of the story's dateline.
    pub dateline: Option<String>,
    /// Where it was published (`http` or `https` only).
    pub url: Option<String>,
    /// When the text was captured, `YYYY-MM-DD`.
    pub retrieved: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// The source this one is a copy of (syndicated or re-published): the analysis counts
    /// the two as one source of one publisher, so a copy never corroborates its original.
    pub copy_of: Option<SourceId>,
}

/// One element of a source body's layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    /// A section heading; not a citable paragraph.
    Heading {
        /// Plain text of the heading.
        text: String,
        /// 2 for `##`, and so on.
        level: u8,
    },
    /// An image caption and credit; not a citable paragraph.
    Figure {
        /// Sanitised HTML of the figure.
        html: String,
    },
    /// A citable paragraph, by its number `¶n`.
    Paragraph(u32),
}

/// A citable unit of a source: a paragraph, a whole list, a quote, a code block or a table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// Number in body order, from 1: the `¶n` a reader sees and the `#pn` anchor.
    pub n: u32,
    /// The anchor the site links to it by, made from its opening words so links survive
    /// paragraphs inserted above it ([`crate::urls::text_anchors`]).
    pub anchor: String,
    /// Line in the source file where it starts.
    pub line: usize,
    /// Sanitised HTML.
    pub html: String,
    /// Plain text, whitespace collapsed; list items are separated by newlines.
    pub text: String,
    /// Text of the heading it stands under, if any.
    pub section: Option<String>,
    /// For a list: its items, each filed and cited on its own as `¶n.i`.
    pub items: Vec<ListItem>,
    /// For an ordered list: the number of its first item.
    pub ordered_from: Option<u64>,
}

/// One item of a list paragraph.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ListItem {
    /// Its number in the list, from 1: the `i` of `¶n.i`.
    pub n: u32,
    /// The anchor the site links to it by (see [`Paragraph::anchor`]).
    pub anchor: String,
    /// Sanitised HTML of its content.
    pub html: String,
    /// Plain text.
    pub text: String,
}

/// A theme definition, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Slug taken from the file name.
    pub id: ThemeId,
    /// The `.yaml` file it came from.
    pub path: PathBuf,
    /// Short title.
    pub title: String,
    /// The question the briefing answers.
    pub question: String,
    /// What is filed under the theme, and what is not.
    pub scope: String,
    /// Minimum score for a paragraph to be filed.
    pub threshold: f64,
    /// Minimum number of distinct positive-weight terms a filed paragraph matches.
    pub min_terms: usize,
    /// The colour the editor chose, as its place in [`THEME_COLOURS`]; themes without one
    /// take a colour no other theme has (see the render stage).
    pub colour: Option<usize>,
    /// Weighted vocabulary.
    pub terms: Vec<TermDef>,
    /// How passages are grouped on the briefing page.
    pub groups: Vec<GroupDef>,
}

/// The names of the stylesheet's theme colours, in the order of its classes `t0`…`t7`.
/// Named in a theme file rather than numbered, so a theme keeps its colour whatever its place
/// in `briefing.toml`.
pub const THEME_COLOURS: [&str; 8] = [
    "blue", "red", "green", "amber", "purple", "teal", "magenta", "olive",
];

/// One weighted vocabulary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TermDef {
    /// The word or phrase shown to readers as the reason for a match.
    pub term: String,
    /// How much a match counts.
    pub weight: f64,
    /// Other spellings that count as the same term.
    pub aliases: Vec<String>,
    /// Line of the term in the theme file, for diagnostics.
    pub line: usize,
}

/// A group of passages on a briefing page.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDef {
    /// Heading of the group.
    pub title: String,
    /// Terms that send a passage here.
    pub terms: Vec<String>,
}

/// An editor's overview for a theme, in Markdown with citations.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The theme it introduces.
    pub theme: ThemeId,
    /// The `.md` file it came from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The trimmed value of a required text field, or a diagnostic (and an empty string, so
/// validation can go on and report the file's other mistakes too).
fn required_text(
    value: Option<String>,
    key: &str,
    example: &str,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        Some(value) => value,
        None => {
            diagnostics.push(
                Diagnostic::new(path, format!("missing required field `{key}`"))
                    .at_line(1)
                    .with_hint(format!("add `{key}: {example}`")),
            );
            String::new()
        }
    }
}

/// Reads the whole project below `root`: its presentation and its corpus.
pub fn load(root: &Path) -> Result<(Project, Corpus), Error> {
    load_reusing(root, &|_, _| None::<(Source, ())>).map(|(project, corpus, _)| (project, corpus))
}

/// A parsed source to reuse for a file at a path whose text has a digest, with something
/// that goes with it (a cached analysis).
pub type Reuse<'r, T> = dyn Fn(&Digest, &Path) -> Option<(Source, T)> + Sync + 'r;

/// Loads the project like [`load`], but takes each source whose text `reuse` knows (by digest
/// and path) from it instead of parsing it again, and returns what came with each reused
/// source. The result is the same as [`load`]'s: a reused source is the one its text parses to.
pub fn load_reusing<T: Send>(
    root: &Path,
    reuse: &Reuse<'_, T>,
) -> Result<(Project, Corpus, BTreeMap<SourceId, T>), Error> {
    let config_path = root.join(CONFIG_FILE);
    let config_text = read(&config_path, Path::new(CONFIG_FILE)).map_err(|err| match err {
        Loaded::Fault(Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Error::Input(vec![
                Diagnostic::new(CONFIG_FILE, "no briefing.toml in the project root").with_hint(
                    format!(
                        "run briefing in the project folder or pass --root (looked in {}), or start a project there with `briefing init`",
                        root.display()
                    ),
                ),
            ])
        }
        Loaded::Fault(err) => err,
        Loaded::Bad(diagnostics) => Error::Input(diagnostics),
    })?;
    let config = Config::parse(&config_text, Path::new(CONFIG_FILE)).map_err(Error::Input)?;

    let mut diagnostics = Vec::new();
    let (sources, reused) = load_sources(root, &config, reuse, &mut diagnostics)?;
    let (themes, overviews) = load_themes(root, &config, &config_text, &mut diagnostics)?;
    let entities = load_entities(root, &config, &mut diagnostics)?;
    let templates = load_templates(root, &config, &config_text, &mut diagnostics)?;
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    Ok((
        Project { config, templates },
        Corpus {
            sources,
            themes,
            overviews,
            entities,
        },
        reused,
    ))
}

/// Why a file gave nothing usable.
enum Loaded {
    /// The disk failed.
    Fault(Error),
    /// The text is wrong.
    Bad(Vec<Diagnostic>),
}

fn read(path: &Path, shown_as: &Path) -> Result<String, Loaded> {
    fsutil::read_text(path, shown_as).map_err(|err| match err {
        ReadError::Io(err) => Loaded::Fault(err),
        ReadError::Input(diagnostic) => Loaded::Bad(vec![diagnostic]),
    })
}

/// The path of `path` relative to `root`, for messages.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn load_sources<T: Send>(
    root: &Path,
    config: &Config,
    reuse: &Reuse<'_, T>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<Source>, BTreeMap<SourceId, T>), Error> {
    let files = fsutil::files_with_extension(&root.join(&config.paths.content), "md")?;
    let parsed: Vec<Result<(Source, Option<T>), Loaded>> = files
        .par_iter()
        .map(|path| {
            let shown_as = shown(root, path);
            let text = read(path, &shown_as)?;
            if let Some((source, extra)) = reuse(&Digest::of(text.as_bytes()), &shown_as) {
                return Ok((source, Some(extra)));
            }
            parse_source(&text, &shown_as)
                .map(|source| (source, None))
                .map_err(Loaded::Bad)
        })
        .collect();

    let mut sources = Vec::with_capacity(parsed.len());
    let mut reused = BTreeMap::new();
    for result in parsed {
        match result {
            Ok((source, extra)) => {
                if let Some(extra) = extra {
                    reused.insert(source.id.clone(), extra);
                }
                sources.push(source);
            }
            Err(Loaded::Bad(found)) => diagnostics.extend(found),
            Err(Loaded::Fault(err)) => return Err(err),
        }
    }
    sources.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    report_duplicate_ids(&sources, diagnostics);
    report_unknown_originals(&sources, diagnostics);
    if files.is_empty() {
        diagnostics.push(nothing_in(
            root,
            &config.paths.content,
            "sources",
            ".md",
            "add articles to {}/ as Markdown files with YAML front matter (see the README)",
        ));
    }
    Ok((sources, reused))
}

fn report_duplicate_ids(sources: &[Source], diagnostics: &mut Vec<Diagnostic>) {
    for pair in sources.windows(2) {
        if pair[0].id == pair[1].id {
            diagnostics.push(
                Diagnostic::new(
                    &pair[1].path,
                    format!("duplicate source id '{}'", pair[1].id),
                )
                .at_line(pair[1].id_line)
                .with_hint(format!(
                    "'{}' is already the id of {}; every source needs its own id",
                    pair[0].id,
                    display_path(&pair[0].path)
                )),
            );
        }
    }
}

/// Reports each `copy_of` that names no source, with the closest id when one is close: a
/// copy whose original is missing would count as a source of its own.
fn report_unknown_originals(sources: &[Source], diagnostics: &mut Vec<Diagnostic>) {
    for source in sources {
        let Some(original) = &source.meta.copy_of else {
            continue;
        };
        if sources.binary_search_by(|s| s.id.cmp(original)).is_ok() {
            continue;
        }
        let closest = sources
            .iter()
            .filter(|s| s.id != source.id)
            .map(|s| {
                (
                    strsim::jaro_winkler(original.as_str(), s.id.as_str()),
                    &s.id,
                )
            })
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
        let hint = match closest {
            Some((_, id)) => format!("did you mean '{id}'?"),
            None => "give the id of the source this one copies, or remove `copy_of`".to_string(),
        };
        diagnostics.push(
            Diagnostic::new(
                &source.path,
                format!("`copy_of` names no source: '{original}'"),
            )
            .at_line(source.copy_of_line)
            .with_hint(hint),
        );
    }
}

/// Reads the gazetteer, if the themes folder has one.
fn load_entities(
    root: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Entity>, Error> {
    let path = root.join(&config.paths.themes).join(ENTITIES_FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let shown_as = shown(root, &path);
    match read(&path, &shown_as) {
        Ok(text) => Ok(parse_entities(&text, &shown_as).unwrap_or_else(|found| {
            diagnostics.extend(found);
            Vec::new()
        })),
        Err(Loaded::Bad(found)) => {
            diagnostics.extend(found);
            Ok(Vec::new())
        }
        Err(Loaded::Fault(err)) => Err(err),
    }
}

fn load_themes(
    root: &Path,
    config: &Config,
    config_text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<Theme>, BTreeMap<ThemeId, Overview>), Error> {
    let dir = root.join(&config.paths.themes);
    let mut themes = Vec::new();
    let mut theme_files = fsutil::files_with_extension(&dir, "yaml")?;
    theme_files.retain(|path| path.file_name() != Some(std::ffi::OsStr::new(ENTITIES_FILE)));
    // Ids of every theme file, parsed or not, so a broken theme file is reported once rather
    // than again as an "unknown theme" wherever it is named.
    let defined: Vec<String> = theme_files
        .iter()
        .filter_map(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    for path in &theme_files {
        let shown_as = shown(root, path);
        match read(path, &shown_as) {
            Ok(text) => match parse_theme(&text, &shown_as) {
                Ok(theme) => themes.push(theme),
                Err(found) => diagnostics.extend(found),
            },
            Err(Loaded::Bad(found)) => diagnostics.extend(found),
            Err(Loaded::Fault(err)) => return Err(err),
        }
    }
    if theme_files.is_empty() {
        diagnostics.push(nothing_in(
            root,
            &config.paths.themes,
            "themes",
            ".yaml",
            "add one {}/<id>.yaml per briefing (see the README)",
        ));
    }

    let mut overviews = BTreeMap::new();
    for path in fsutil::files_with_extension(&dir, "md")? {
        let shown_as = shown(root, &path);
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match read(&path, &shown_as) {
            Ok(text) => text,
            Err(Loaded::Bad(found)) => {
                diagnostics.extend(found);
                continue;
            }
            Err(Loaded::Fault(err)) => return Err(err),
        };
        let theme = ThemeId::parse(&id).filter(|_| defined.contains(&id));
        let Some(theme) = theme else {
            diagnostics.push(
                Diagnostic::new(&shown_as, format!("overview for unknown theme '{id}'"))
                    .at_line(1)
                    .with_hint(format!(
                        "name the file after a theme that has a .yaml definition, or add {}.yaml",
                        id
                    )),
            );
            continue;
        };
        overviews.insert(
            theme.clone(),
            Overview {
                theme,
                path: shown_as,
                text,
            },
        );
    }

    order_themes(&mut themes, &defined, config, config_text, diagnostics);
    Ok((themes, overviews))
}

/// Puts themes in the order `briefing.toml` lists them (unlisted ones after, by id), and
/// reports listed ids that have no definition.
fn order_themes(
    themes: &mut [Theme],
    defined: &[String],
    config: &Config,
    config_text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // With no theme files at all, "no themes" already says what is wrong with every id.
    for id in config.themes.iter().filter(|_| !defined.is_empty()) {
        if !defined.contains(id) {
            let line = config_text
                .lines()
                .position(|line| line.contains(&format!("\"{id}\"")))
                .map_or(1, |i| i + 1);
            let known: Vec<&str> = defined.iter().map(String::as_str).collect();
            diagnostics.push(
                Diagnostic::new(CONFIG_FILE, format!("unknown theme '{id}' in `themes`"))
                    .at_line(line)
                    .with_hint(format!(
                        "known themes: {}; add {}/{id}.yaml or remove it from the list",
                        known.join(", "),
                        display_path(&config.paths.themes)
                    )),
            );
        }
    }
    let rank = |theme: &Theme| {
        config
            .themes
            .iter()
            .position(|id| id == theme.id.as_str())
            .unwrap_or(usize::MAX)
    };
    themes.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.id.cmp(&b.id)));
}

/// The templates: the built-in defaults ([`crate::defaults`]), each replaced by the project's
/// own file of the same name where it has one, plus the project's other templates and assets.
/// A project without a templates folder builds with the defaults; a templates folder named in
/// `briefing.toml` that does not exist is a mistake (a misspelt path would otherwise be
/// ignored in silence).
fn load_templates(
    root: &Path,
    config: &Config,
    config_text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Templates, Error> {
    let dir = root.join(&config.paths.templates);
    let mut templates = Templates {
        dir: config.paths.templates.clone(),
        ..Templates::default()
    };
    for (name, bytes) in crate::defaults::files() {
        add_template(&mut templates, name, || Ok(bytes.to_vec()), diagnostics)?;
    }
    if !dir.is_dir() {
        if config.paths.templates != crate::config::Paths::default().templates {
            let line = config_text
                .lines()
                .position(|line| line.trim_start().starts_with("templates"))
                .map_or(1, |i| i + 1);
            diagnostics.push(
                Diagnostic::new(
                    CONFIG_FILE,
                    format!(
                        "the templates folder {} does not exist",
                        display_path(&config.paths.templates)
                    ),
                )
                .at_line(line)
                .with_hint(
                    "create it, correct the path, or remove the line to use the built-in templates",
                ),
            );
        }
        return Ok(templates);
    }
    for path in fsutil::files_below(&dir)? {
        let relative = path.strip_prefix(&dir).unwrap_or(&path);
        let name = display_path(relative);
        let read = || std::fs::read(&path).map_err(|err| Error::io(&path, err));
        if name.ends_with(".html") && !name.starts_with("assets/") {
            match self::read(&path, &shown(root, &path)) {
                Ok(text) => {
                    templates.pages.insert(name, text);
                }
                Err(Loaded::Bad(found)) => diagnostics.extend(found),
                Err(Loaded::Fault(err)) => return Err(err),
            }
        } else {
            add_template(&mut templates, &name, read, diagnostics)?;
        }
    }
    Ok(templates)
}

/// Files a template or asset in `templates` by its path below the templates folder: assets
/// below `assets/`, Tera templates ending in `.html`; anything else is not part of the site.
fn add_template(
    templates: &mut Templates,
    name: &str,
    bytes: impl FnOnce() -> Result<Vec<u8>, Error>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Error> {
    if let Some(asset) = name.strip_prefix("assets/") {
        templates.assets.insert(asset.to_string(), bytes()?);
    } else if name.ends_with(".html") {
        match String::from_utf8(bytes()?) {
            Ok(text) => {
                templates.pages.insert(name.to_string(), text);
            }
            Err(_) => diagnostics.push(Diagnostic::new(
                Path::new("templates").join(name),
                "a built-in template is not UTF-8",
            )),
        }
    }
    Ok(())
}

/// The mistake of an input folder that holds no `extension` files: it is missing or empty.
/// `hint` names the folder where it has `{}`.
fn nothing_in(root: &Path, folder: &Path, what: &str, extension: &str, hint: &str) -> Diagnostic {
    let why = if root.join(folder).is_dir() {
        format!("the folder has no {extension} files")
    } else {
        "the folder does not exist".to_string()
    };
    Diagnostic::new(folder, format!("no {what}: {why}"))
        .with_hint(hint.replace("{}", &display_path(folder)))
}
