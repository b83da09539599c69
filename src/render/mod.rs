//! Stage 3, render: [`Analysis`] → `Vec<OutputFile>`. Pure: returns bytes, writes nothing.
//!
//! Each page gets a typed view (see `views.rs`) built from the analysis, and the user's Tera
//! templates turn views into HTML. Links are relative (`../sources/x.html#p4`), so the site
//! works from `file://` as well as from a server. Pages render in parallel; their order in the
//! returned list is fixed, so output is the same on every run.

mod json;
mod views;

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

/// Renders every page, the JSON export and the assets.
pub fn render(analysis: &Analysis) -> Result<Vec<OutputFile>, Error> {
    let tera = compile_templates(analysis)?;
    let corpus = analysis.corpus;
    let model = views::SiteModel::new(analysis);

    enum Job {
        Index,
        Theme(usize),
        Source(usize),
    }
    let jobs: Vec<Job> = std::iter::once(Job::Index)
        .chain((0..corpus.themes.len()).map(Job::Theme))
        .chain((0..corpus.sources.len()).map(Job::Source))
        .collect();
    let pages: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Index => page(&tera, "index.html", "index.html", &model.index_page()),
            Job::Theme(t) => page(
                &tera,
                "theme.html",
                &format!("themes/{}.html", corpus.themes[*t].id),
                &model.theme_page(*t),
            ),
            Job::Source(s) => page(
                &tera,
                "source.html",
                &format!("sources/{}.html", corpus.sources[*s].id),
                &model.source_page(*s),
            ),
        })
        .collect();

    let mut files = Vec::with_capacity(pages.len() + corpus.assets.len() + 2);
    let mut diagnostics = Vec::new();
    for result in pages {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(sorted(diagnostics)));
    }
    files.push(OutputFile {
        path: "briefing.json".to_string(),
        bytes: json::export(&model),
    });
    for (path, bytes) in &corpus.assets {
        files.push(OutputFile {
            path: format!("assets/{path}"),
            bytes: bytes.clone(),
        });
    }
    files.push(OutputFile {
        path: "assets/syntax.css".to_string(),
        bytes: highlight::stylesheet().into_bytes(),
    });
    Ok(files)
}

fn page<T: serde::Serialize>(
    tera: &tera::Tera,
    template: &str,
    path: &str,
    view: &T,
) -> Result<OutputFile, Diagnostic> {
    let context =
        tera::Context::from_serialize(view).map_err(|err| template_diagnostic(template, &err))?;
    let html = tera
        .render(template, &context)
        .map_err(|err| template_diagnostic(template, &err))?;
    Ok(OutputFile {
        path: path.to_string(),
        bytes: html.into_bytes(),
    })
}

fn compile_templates(analysis: &Analysis) -> Result<tera::Tera, Error> {
    let corpus = analysis.corpus;
    let templates_dir = &corpus.config.paths.templates;
    let mut diagnostics: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !corpus.templates.contains_key(**name))
        .map(|name| {
            Diagnostic::new(templates_dir.join(name), "template is missing")
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
        diagnostics.push(template_diagnostic("", &err));
    }
    if !diagnostics.is_empty() {
        let diagnostics = diagnostics
            .into_iter()
            .map(|mut d| {
                if !d.path.starts_with(templates_dir) {
                    d.path = templates_dir.join(&d.path);
                }
                d
            })
            .collect();
        return Err(Error::Input(sorted(diagnostics)));
    }
    Ok(tera)
}

/// A Tera error as a diagnostic on the template file, with Tera's line and column when it
/// gives them.
fn template_diagnostic(template: &str, err: &tera::Error) -> Diagnostic {
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file = if report.filename().is_empty() {
                template
            } else {
                report.filename()
            };
            let span = report.span();
            Diagnostic::new(format!("templates/{file}"), format!("template error: {}", report.message()))
                .at(span.start_line, span.start_col + 1)
                .with_hint("see the Tera documentation; the view fields each template gets are listed in the README")
        }
        other => Diagnostic::new(
            format!("templates/{template}"),
            format!("template error: {}", first_line(&other.to_string())),
        ),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
