//! Stage 3, render: project + corpus + analysis → the site's files. Pure: makes bytes, writes
//! nothing.
//!
//! [`Site::plan`] lists every file of the site by its [`Page`] (paths come from
//! [`crate::urls`]), then makes each file's bytes on demand: HTML pages through the user's Tera
//! templates from typed views (`views.rs`), `briefing.json` streamed from the analysis
//! (`json.rs`), `history.json` (what recent builds brought in, [`crate::history`]), and the
//! assets. Links are relative, so the site works from `file://` as well
//! as from a server. The order of files is fixed, so output is the same on every run.

mod analysis;
mod arrivals;
mod charts;
mod json;
mod labels;
mod marks;
mod notes;
mod pages;
pub mod paging;
mod publish;
mod search;
mod takeaway;
mod views;

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

pub use takeaway::PASSAGES_SHOWN;
pub use views::SOURCES_PER_PAGE;

use crate::analyse::Analysis;
use crate::error::{Diagnostic, Error, sorted};
use crate::highlight;
use crate::history::History;
use crate::load::{Corpus, Digest, Project};
use crate::urls::Page;

/// One file of the site, as bytes, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes, e.g. `themes/diplomacy.html`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The templates a site renders pages with; each must exist in the templates folder.
/// (`components.html` holds the `citation` and `cited` components the sample pages use.)
pub const REQUIRED_TEMPLATES: [&str; 9] = [
    "index.html",
    "theme.html",
    "source.html",
    "coverage.html",
    "unfiled.html",
    "discrepancies.html",
    "timeline.html",
    "entities.html",
    "search.html",
];

/// Why a file could not be written.
#[derive(Debug)]
pub enum FileError {
    /// Making its bytes failed (a template error, for instance).
    Render(Error),
    /// Writing them failed.
    Io(std::io::Error),
}

impl From<std::io::Error> for FileError {
    fn from(err: std::io::Error) -> Self {
        FileError::Io(err)
    }
}

/// Renders every file of the site into memory. For tests and tools; a build streams the
/// files through [`Site`] instead, so memory does not grow with the size of the output.
pub fn render(
    project: &Project,
    corpus: &Corpus,
    analysis: &Analysis,
    history: &History,
) -> Result<Vec<OutputFile>, Error> {
    let site = Site::plan(project, corpus, analysis, history)?;
    let rendered: Vec<Result<OutputFile, Error>> = (0..site.len())
        .into_par_iter()
        .map(|index| {
            let mut bytes = Vec::new();
            site.write(index, &mut bytes).map_err(|err| match err {
                FileError::Render(err) => err,
                FileError::Io(err) => Error::io(site.path(index), err),
            })?;
            Ok(OutputFile {
                path: site.path(index).to_string(),
                bytes,
            })
        })
        .collect();
    let mut files = Vec::with_capacity(rendered.len());
    let mut diagnostics = Vec::new();
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(Error::Input(found)) => diagnostics.extend(found),
            Err(other) => return Err(other),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    Ok(files)
}

/// Files whose paths are known up front and whose bytes are written on demand, by index.
/// The output stage checks every path before it writes anything, then has each file written
/// in parallel, straight into its file.
pub trait SiteFiles: Sync {
    /// Number of files.
    fn len(&self) -> usize;
    /// Whether there are no files.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Path of file `index`, `/`-separated, relative to the output folder.
    fn path(&self, index: usize) -> &str;
    /// Writes the content of file `index` to `out`.
    fn write(&self, index: usize, out: &mut dyn Write) -> Result<(), FileError>;
    /// Writes file `index` to a sink that knows the parts of the file it holds from the last
    /// build. A file made of independent keyed parts (`briefing.json`: one per source) copies
    /// the parts whose key is unchanged instead of making them again; any other file is simply
    /// written.
    fn write_parts(&self, index: usize, out: &mut dyn PartSink) -> Result<(), FileError> {
        self.write(index, &mut AsWrite(out))
    }
    /// A key for everything file `index` is made from: equal keys make equal bytes, so a file
    /// written under the same key need not be made again. `None`: make it every time.
    fn key(&self, _index: usize) -> Option<Digest> {
        None
    }
    /// A key for what every file depends on (templates, settings, themes, the tool): when it
    /// changes, nearly every file does.
    fn global_key(&self) -> Option<Digest> {
        None
    }
}

/// Where a file is written part by part (see [`SiteFiles::write_parts`]). Bytes written
/// through [`Write`] between parts (separators, the head and tail of a file) are not parts.
pub trait PartSink: Write {
    /// Whether the part with this key is at hand from the previous file, so that
    /// [`PartSink::copy_part`] can write it.
    fn has_part(&self, key: &Digest) -> bool;
    /// Writes the part with this key from the previous file; only after `has_part` said so.
    fn copy_part(&mut self, key: &Digest) -> std::io::Result<()>;
    /// Writes a part made now, remembering where it is for the next build.
    fn write_part(&mut self, key: &Digest, bytes: &[u8]) -> std::io::Result<()>;
}

/// A plain writer as a [`PartSink`] with no previous file: every part is made and written.
pub struct Unparted<W>(pub W);

impl<W: Write> Write for Unparted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write> PartSink for Unparted<W> {
    fn has_part(&self, _key: &Digest) -> bool {
        false
    }
    fn copy_part(&mut self, _key: &Digest) -> std::io::Result<()> {
        Err(std::io::Error::other(
            "no previous file to copy a part from",
        ))
    }
    fn write_part(&mut self, _key: &Digest, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write_all(bytes)
    }
}

/// A [`PartSink`] used as a plain writer.
struct AsWrite<'a>(&'a mut dyn PartSink);

impl Write for AsWrite<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl SiteFiles for [OutputFile] {
    fn len(&self) -> usize {
        <[OutputFile]>::len(self)
    }
    fn path(&self, index: usize) -> &str {
        &self[index].path
    }
    fn write(&self, index: usize, out: &mut dyn Write) -> Result<(), FileError> {
        Ok(out.write_all(&self[index].bytes)?)
    }
}

/// The rendered site as a plan: every file's path and page, and the templates and views that
/// make its bytes when asked.
pub struct Site<'a> {
    /// The key of what every page depends on: tool, templates, settings, themes.
    global: Digest,
    tera: tera::Tera,
    model: views::SiteModel<'a>,
    /// The search index's files.
    search: search::SearchIndex<'a>,
    /// The stylesheet the take-away briefings inline.
    takeaway_style: takeaway::TakeawayStyle,
    /// Each file's path, page, and for a page of a list, its place in the list (from 0).
    files: Vec<(String, Page, usize)>,
}

impl<'a> Site<'a> {
    /// Compiles the templates and lists the files of the site.
    pub fn plan(
        project: &'a Project,
        corpus: &'a Corpus,
        analysis: &'a Analysis,
        history: &'a History,
    ) -> Result<Site<'a>, Error> {
        let tera = compile_templates(project)?;
        let model = views::SiteModel::new(project, corpus, analysis, history);
        let mut pages: Vec<(Page, usize)> = vec![(Page::Index, 0)];
        for theme in &corpus.themes {
            pages.extend(model.briefing_pages(&theme.id).into_iter().zip(0..));
        }
        pages.extend(
            corpus
                .sources
                .iter()
                .map(|s| (Page::Source(s.id.clone()), 0)),
        );
        pages.extend(model.coverage_pages().into_iter().zip(0..));
        pages.extend(model.unfiled_pages().into_iter().zip(0..));
        pages.extend(
            crate::urls::AnalysisPage::ALL
                .into_iter()
                .map(|which| (Page::Analysis(which), 0)),
        );
        // The print pages, when the templates have them (they came after the others).
        if model.has_template("print.html") {
            pages.push((Page::Print, 0));
        }
        if model.has_template("takeaway.html") {
            pages.extend(
                corpus
                    .themes
                    .iter()
                    .map(|theme| (Page::Takeaway(theme.id.clone()), 0)),
            );
        }
        pages.push((Page::Json, 0));
        pages.push((Page::History, 0));
        pages.push((Page::Search, 0));
        let search = search::SearchIndex::plan(&model);
        pages.extend(search.files().into_iter().map(|page| (page, 0)));
        // A server shows it for any address the site lacks; a project whose templates predate
        // it simply has none.
        if project.templates.pages.contains_key(NOT_FOUND_TEMPLATE) {
            pages.push((Page::NotFound, 0));
        }
        if project.config.base_url.is_some() {
            let listed = pages
                .iter()
                .filter(|(page, _)| publish::in_sitemap(page))
                .count();
            pages.push((Page::Sitemap, 0));
            if listed > publish::SITEMAP_URLS {
                let parts = listed.div_ceil(publish::SITEMAP_URLS);
                pages.extend((1..=parts).map(|part| (Page::SitemapPart(part), 0)));
            }
            pages.push((Page::Feed, 0));
        }
        pages.extend(
            project
                .templates
                .assets
                .keys()
                .map(|path| (Page::Asset(path.clone()), 0)),
        );
        if !project.templates.assets.contains_key(SYNTAX_CSS) {
            pages.push((Page::Asset(SYNTAX_CSS.to_string()), 0));
        }
        let files = pages
            .into_iter()
            .map(|(page, number)| (page.path(), page, number))
            .collect();
        let global = global_key(project, corpus);
        Ok(Site {
            global,
            tera,
            takeaway_style: takeaway::TakeawayStyle::new(project),
            model,
            search,
            files,
        })
    }

    fn render_page<T: serde::Serialize>(
        &self,
        template: &str,
        view: &T,
        out: &mut dyn Write,
    ) -> Result<(), FileError> {
        let dir = &self.model.project.templates.dir;
        let failed = |err: tera::Error| {
            FileError::Render(Error::Input(sorted(template_diagnostics(
                dir, template, &err,
            ))))
        };
        let context = tera::Context::from_serialize(view).map_err(failed)?;
        let html = self.tera.render(template, &context).map_err(failed)?;
        Ok(out.write_all(html.as_bytes())?)
    }
}

/// The key of what every page depends on: the tool, the templates and assets, the settings and
/// the theme definitions (the navigation of every page names every theme).
fn global_key(project: &Project, corpus: &Corpus) -> Digest {
    let mut hasher = blake3::Hasher::new();
    let mut part = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    part(&crate::cache::tool_key().0);
    for (name, text) in &project.templates.pages {
        part(name.as_bytes());
        part(text.as_bytes());
    }
    for (name, bytes) in &project.templates.assets {
        part(name.as_bytes());
        part(bytes);
    }
    part(format!("{:?}", project.config).as_bytes());
    part(format!("{:?}", corpus.themes).as_bytes());
    part(format!("{:?}", corpus.entities).as_bytes());
    Digest::from_hash(&hasher.finalize())
}

/// The template of the not-found page, rendered when the templates folder has it.
const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The stylesheet for highlighted code, written unless the templates bring their own.
const SYNTAX_CSS: &str = "syntax.css";

impl SiteFiles for Site<'_> {
    fn len(&self) -> usize {
        self.files.len()
    }

    fn path(&self, index: usize) -> &str {
        &self.files[index].0
    }

    fn key(&self, index: usize) -> Option<Digest> {
        let (_, page, number) = &self.files[index];
        match page {
            Page::SearchIndex(file) => self.search.key(&self.global, file),
            _ => self.model.page_key(&self.global, page, *number),
        }
    }

    fn global_key(&self) -> Option<Digest> {
        Some(self.global)
    }

    fn write_parts(&self, index: usize, out: &mut dyn PartSink) -> Result<(), FileError> {
        match &self.files[index].1 {
            Page::Json => Ok(json::export(&self.model, out)?),
            Page::SearchIndex(file) => Ok(self.search.write(file, out)?),
            _ => self.write(index, &mut AsWrite(out)),
        }
    }

    fn write(&self, index: usize, out: &mut dyn Write) -> Result<(), FileError> {
        let model = &self.model;
        let missing = |what: String| {
            FileError::Render(Error::Input(vec![Diagnostic::new(
                self.path(index),
                format!("nothing to render for {what}"),
            )]))
        };
        let (_, page, number) = &self.files[index];
        match page {
            Page::Index => self.render_page("index.html", &model.index_page(), out),
            Page::Briefing { theme, .. } => {
                let view = model
                    .corpus
                    .theme(theme)
                    .and_then(|theme| model.theme_page(theme, *number))
                    .ok_or_else(|| missing(format!("theme '{theme}'")))?;
                self.render_page("theme.html", &view, out)
            }
            Page::Source(id) => {
                let source = model
                    .corpus
                    .source(id)
                    .ok_or_else(|| missing(format!("source '{id}'")))?;
                self.render_page("source.html", &model.source_page(source), out)
            }
            Page::Coverage { .. } => {
                let view = model
                    .coverage_page(*number)
                    .ok_or_else(|| missing("a page of sources".to_string()))?;
                self.render_page("coverage.html", &view, out)
            }
            Page::Unfiled { .. } => {
                let view = model
                    .unfiled_page(*number)
                    .ok_or_else(|| missing("a page of unfiled paragraphs".to_string()))?;
                self.render_page("unfiled.html", &view, out)
            }
            Page::Analysis(which) => {
                let template = format!("{}.html", which.name());
                self.render_page(&template, &model.facts_page(*which), out)
            }
            Page::Search => {
                let view = search::SearchPage {
                    site: model.site(page),
                };
                self.render_page("search.html", &view, out)
            }
            Page::SearchIndex(file) => {
                let mut out = Unparted(std::io::BufWriter::with_capacity(1 << 16, out));
                self.search.write(file, &mut out)?;
                Ok(out.flush()?)
            }
            Page::Takeaway(theme) => {
                let view = model
                    .corpus
                    .theme(theme)
                    .and_then(|theme| model.takeaway_page(theme, &self.takeaway_style))
                    .ok_or_else(|| missing(format!("theme '{theme}'")))?;
                self.render_page("takeaway.html", &view, out)
            }
            Page::Print => self.render_page("print.html", &model.print_page(), out),
            Page::NotFound => self.render_page(NOT_FOUND_TEMPLATE, &model.not_found_page(), out),
            Page::Sitemap | Page::SitemapPart(_) | Page::Feed => {
                let base = model.project.config.base_url.as_deref().unwrap_or_default();
                let listed = self
                    .files
                    .iter()
                    .map(|(_, page, _)| page)
                    .filter(|page| publish::in_sitemap(page));
                let parts = self
                    .files
                    .iter()
                    .filter(|(_, page, _)| matches!(page, Page::SitemapPart(_)));
                match page {
                    Page::Feed => Ok(publish::feed(model, base, out)?),
                    Page::SitemapPart(part) => Ok(publish::sitemap(
                        model,
                        base,
                        listed
                            .skip((part - 1) * publish::SITEMAP_URLS)
                            .take(publish::SITEMAP_URLS),
                        out,
                    )?),
                    _ if parts.clone().next().is_some() => Ok(publish::sitemap_index(
                        base,
                        parts.map(|(_, page, _)| page.clone()),
                        out,
                    )?),
                    _ => Ok(publish::sitemap(model, base, listed, out)?),
                }
            }
            Page::History => Ok(out.write_all(&model.history.to_bytes())?),
            Page::Json => {
                let mut out = Unparted(std::io::BufWriter::with_capacity(1 << 16, out));
                json::export(model, &mut out)?;
                Ok(out.flush()?)
            }
            Page::Asset(path) => match model.project.templates.assets.get(path) {
                Some(bytes) => Ok(out.write_all(bytes)?),
                None => Ok(out.write_all(highlight::stylesheet().as_bytes())?),
            },
        }
    }
}

/// Compiles the templates. That every required template exists was checked when they were
/// loaded, with the other input mistakes.
fn compile_templates(project: &Project) -> Result<tera::Tera, Error> {
    let templates = &project.templates;
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(
        templates
            .pages
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|err| Error::Input(sorted(template_diagnostics(&templates.dir, "", &err))))?;
    Ok(tera)
}

/// A Tera error as diagnostics on the template file (in the configured templates folder `dir`), with Tera's line and column. Syntax and
/// rendering errors carry a span; the checks Tera runs when templates are added (unknown
/// filters, functions, includes) arrive as a report text of `error: …` / ` --> name:line:col`
/// pairs, which are read back into one diagnostic each.
fn template_diagnostics(dir: &Path, template: &str, err: &tera::Error) -> Vec<Diagnostic> {
    let hint = "see the Tera documentation; the README lists the fields each template gets";
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file = if report.filename().is_empty() {
                template
            } else {
                report.filename()
            };
            let span = report.span();
            vec![
                Diagnostic::new(
                    dir.join(file),
                    format!("template error: {}", report.message()),
                )
                .at(span.start_line, span.start_col + 1)
                .with_hint(hint),
            ]
        }
        other => {
            let text = other.to_string();
            let mut found = Vec::new();
            let mut message: Option<&str> = None;
            for line in text.lines() {
                if let Some(m) = line.strip_prefix("error: ") {
                    message = Some(m);
                } else if let (Some(m), Some(location)) =
                    (message, line.trim_start().strip_prefix("--> "))
                {
                    let mut parts = location.rsplitn(3, ':');
                    let column = parts.next().and_then(|c| c.parse::<usize>().ok());
                    let line_number = parts.next().and_then(|l| l.parse::<usize>().ok());
                    if let (Some(column), Some(line_number), Some(file)) =
                        (column, line_number, parts.next())
                    {
                        found.push(
                            Diagnostic::new(dir.join(file), format!("template error: {m}"))
                                .at(line_number, column)
                                .with_hint(hint),
                        );
                    }
                    message = None;
                }
            }
            if found.is_empty() {
                found.push(Diagnostic::new(
                    dir.join(template),
                    format!("template error: {}", first_line(&text)),
                ));
            }
            found
        }
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
