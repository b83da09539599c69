//! Stage 3, render: [`Analysis`] → `Vec<OutputFile>`. Pure: returns bytes, writes nothing.
//!
//! Each page gets a typed view (see `views.rs`) built from the analysis, and the user's Tera
//! templates turn views into HTML. Links are relative (`../sources/x.html#p4`), so the site
//! works from `file://` as well as from a server. Pages render in parallel; their order in the
//! returned list is fixed, so output is the same on every run.

mod json;
mod pages;
mod views;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::analyse::Analysis;
use crate::error::{Diagnostic, Error, sorted};
use crate::highlight;

/// One file of the site, as bytes, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes, e.g. `themes/diplomacy.html`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The templates a site needs; each must exist in `templates/`.
pub const REQUIRED_TEMPLATES: [&str; 3] = ["index.html", "theme.html", "source.html"];

/// Renders every file of the site into memory. For tests and tools; a build streams the
/// files through [`Site`] instead, so memory does not grow with the size of the output.
pub fn render(analysis: &Analysis) -> Result<Vec<OutputFile>, Error> {
    let site = Site::plan(analysis)?;
    let rendered: Vec<Result<OutputFile, Error>> = (0..site.len())
        .into_par_iter()
        .map(|index| {
            let bytes = site.bytes(index)?.into_owned();
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

/// What one file of the site is made from.
enum Content {
    Index,
    Theme(usize, usize),
    Source(usize),
    Json,
    SyntaxCss,
    Asset(usize),
}

/// Files whose paths are known up front and whose bytes are produced on demand, by index.
/// The output stage checks every path before it writes anything, then asks for the bytes of
/// each file in parallel and writes them at once.
pub trait SiteFiles: Sync {
    /// Number of files.
    fn len(&self) -> usize;
    /// Whether there are no files.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Path of file `index`, `/`-separated, relative to the output folder.
    fn path(&self, index: usize) -> &str;
    /// Content of file `index`.
    fn bytes(&self, index: usize) -> Result<Cow<'_, [u8]>, Error>;
}

impl SiteFiles for [OutputFile] {
    fn len(&self) -> usize {
        <[OutputFile]>::len(self)
    }
    fn path(&self, index: usize) -> &str {
        &self[index].path
    }
    fn bytes(&self, index: usize) -> Result<Cow<'_, [u8]>, Error> {
        Ok(Cow::Borrowed(&self[index].bytes))
    }
}

/// The rendered site as a plan: every file's path, and the templates and views that make
/// its bytes when asked.
pub struct Site<'a> {
    tera: tera::Tera,
    model: views::SiteModel<'a>,
    assets: Vec<(&'a str, &'a [u8])>,
    files: Vec<(String, Content)>,
}

impl<'a> Site<'a> {
    /// Compiles the templates and lists the files of the site.
    pub fn plan(analysis: &'a Analysis<'a>) -> Result<Site<'a>, Error> {
        let tera = compile_templates(analysis)?;
        let corpus = analysis.corpus;
        let assets: Vec<(&str, &[u8])> = corpus
            .assets
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
            .collect();
        let mut files = vec![("index.html".to_string(), Content::Index)];
        let model = views::SiteModel::new(analysis);
        for (t, theme) in corpus.themes.iter().enumerate() {
            files.extend((0..model.theme_page_count(t)).map(|page| {
                (
                    views::theme_page_path(&theme.id, page),
                    Content::Theme(t, page),
                )
            }));
        }
        files.extend(
            corpus
                .sources
                .iter()
                .enumerate()
                .map(|(s, source)| (format!("sources/{}.html", source.id), Content::Source(s))),
        );
        files.push(("briefing.json".to_string(), Content::Json));
        files.extend(
            assets
                .iter()
                .enumerate()
                .map(|(a, (path, _))| (format!("assets/{path}"), Content::Asset(a))),
        );
        if !corpus.assets.contains_key("syntax.css") {
            files.push(("assets/syntax.css".to_string(), Content::SyntaxCss));
        }
        Ok(Site {
            tera,
            model,
            assets,
            files,
        })
    }
}

impl SiteFiles for Site<'_> {
    fn len(&self) -> usize {
        self.files.len()
    }

    fn path(&self, index: usize) -> &str {
        &self.files[index].0
    }

    fn bytes(&self, index: usize) -> Result<Cow<'_, [u8]>, Error> {
        let tera = &self.tera;
        let page = |html: Result<String, Vec<Diagnostic>>| {
            html.map(|html| Cow::Owned(html.into_bytes()))
                .map_err(|found| Error::Input(sorted(found)))
        };
        match &self.files[index].1 {
            Content::Index => page(render_page(tera, "index.html", &self.model.index_page())),
            Content::Theme(t, p) => page(render_page(
                tera,
                "theme.html",
                &self.model.theme_page(*t, *p),
            )),
            Content::Source(s) => page(render_page(
                tera,
                "source.html",
                &self.model.source_page(*s),
            )),
            Content::Json => Ok(Cow::Owned(json::export(&self.model))),
            Content::SyntaxCss => Ok(Cow::Owned(highlight::stylesheet().into_bytes())),
            Content::Asset(a) => Ok(Cow::Borrowed(self.assets[*a].1)),
        }
    }
}

fn render_page<T: serde::Serialize>(
    tera: &tera::Tera,
    template: &str,
    view: &T,
) -> Result<String, Vec<Diagnostic>> {
    let context =
        tera::Context::from_serialize(view).map_err(|err| template_diagnostics(template, &err))?;
    tera.render(template, &context)
        .map_err(|err| template_diagnostics(template, &err))
}

fn compile_templates(analysis: &Analysis) -> Result<tera::Tera, Error> {
    let corpus = analysis.corpus;
    let mut diagnostics: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !corpus.templates.contains_key(**name))
        .map(|name| {
            Diagnostic::new(format!("templates/{name}"), "template is missing")
                .with_hint("every site needs index.html, theme.html and source.html in templates/")
        })
        .collect();
    let mut tera = tera::Tera::new();
    if let Err(err) = tera.add_raw_templates(
        corpus
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    ) {
        diagnostics.extend(template_diagnostics("", &err));
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    Ok(tera)
}

/// A Tera error as diagnostics on the template file, with Tera's line and column. Syntax and
/// rendering errors carry a span; the checks Tera runs when templates are added (unknown
/// filters, functions, includes) arrive as a report text of `error: …` / ` --> name:line:col`
/// pairs, which are read back into one diagnostic each.
fn template_diagnostics(template: &str, err: &tera::Error) -> Vec<Diagnostic> {
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
                    format!("templates/{file}"),
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
                            Diagnostic::new(
                                format!("templates/{file}"),
                                format!("template error: {m}"),
                            )
                            .at(line_number, column)
                            .with_hint(hint),
                        );
                    }
                    message = None;
                }
            }
            if found.is_empty() {
                found.push(Diagnostic::new(
                    format!("templates/{template}"),
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
