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
    let pages: Vec<Result<OutputFile, Vec<Diagnostic>>> = jobs
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
            Err(found) => diagnostics.extend(found),
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
) -> Result<OutputFile, Vec<Diagnostic>> {
    let context =
        tera::Context::from_serialize(view).map_err(|err| template_diagnostics(template, &err))?;
    let html = tera
        .render(template, &context)
        .map_err(|err| template_diagnostics(template, &err))?;
    Ok(OutputFile {
        path: path.to_string(),
        bytes: html.into_bytes(),
    })
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
