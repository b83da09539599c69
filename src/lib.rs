//! `briefing` turns a folder of news and analysis articles into a static, offline-readable
//! briefing site: one briefing per theme, every statement cited to the paragraph of the
//! source that says it.
//!
//! The build is a pipeline of four stages, each a function from plain, owned values to plain
//! values, with data flowing one way:
//!
//! ```text
//!                ┌─ Project (settings, templates) ──────────────────────┐
//! disk ──load──▶ ┤                                                      ├─render──▶ files ──output──▶ site/
//!                └─ Corpus ──analyse: per source, then across sources──▶ Analysis
//! ```
//!
//! - [`load`] reads `briefing.toml`, the sources, the themes and the templates, and reports
//!   every input mistake at once. What the analysis reads (the [`load::Corpus`]) is kept apart
//!   from how the site is presented (the [`load::Project`]).
//! - [`analyse`] files each source's paragraphs under themes (a pure function of one source
//!   and the themes, run in parallel), then assembles each briefing from every source's
//!   result and resolves citations ([`cite`]). It does no I/O, and its result owns its values.
//! - [`render`] turns project, corpus and analysis into bytes: HTML pages through Tera,
//!   `briefing.json`, and the assets, at the paths [`urls`] gives them. It writes nothing.
//! - [`output`] writes the files into a staging folder and swaps it in, so the previous site
//!   survives any failure.
//!
//! Beside the pipeline, [`history`] reads what recent builds brought in from the output
//! folder, adds this build if it changed a source, and hands it to render, which shows it
//! ("What arrived") and writes it back as `history.json`.
//!
//! [`ingest`] stands before the pipeline: `briefing add` turns copied text, saved web pages
//! and Markdown into new files in the content folder.
//! `briefing serve` ([`serve`], [`watch`]) runs this same build on every change to the
//! inputs and serves the output folder on 127.0.0.1, reloading open pages.
//!
//! Everything names a source, theme or paragraph by value ([`ids`]), never by its position
//! in a list.

#![warn(missing_docs)]

pub mod analyse;
pub mod cache;
pub mod check;
pub mod cite;
pub mod config;
pub mod defaults;
pub mod error;
pub mod fsutil;
pub mod highlight;
pub mod history;
pub mod ids;
pub mod ingest;
pub mod init;
pub mod load;
pub mod output;
pub mod render;
pub mod serve;
pub mod stale;
mod text;
pub mod urls;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::{Diagnostic, Error};

/// What a finished build did, for the command line to report.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildReport {
    /// Where the site was written.
    pub output: PathBuf,
    /// Number of files the site has.
    pub files: usize,
    /// How many of them this build wrote (new or changed); the others were left untouched.
    pub written: usize,
    /// Files of the previous site that the site no longer has, removed.
    pub removed: usize,
    /// Number of sources read.
    pub sources: usize,
    /// Number of themes.
    pub themes: usize,
    /// Wall-clock time of the whole build.
    pub elapsed: Duration,
    /// What changed since the last build, when the cache knows it.
    pub changes: Option<Changes>,
    /// What the build noticed but did not stop for, sorted by file and place: citations by
    /// number whose paragraph changed since the last build ([`stale`]), and estimative
    /// language in the editors' overviews ([`analyse::estimative`]).
    pub warnings: Vec<Diagnostic>,
}

/// What changed since the last build: sources added, edited and removed, and the briefings
/// whose number of passages changed, for the editor to see after a build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Sources that are new, by id.
    pub added: Vec<String>,
    /// Sources whose text changed.
    pub edited: Vec<String>,
    /// Sources that are gone.
    pub removed: Vec<String>,
    /// `(theme id, passages before, passages now)` of each briefing that gained or lost.
    pub briefings: Vec<(String, usize, usize)>,
}

impl Changes {
    /// Compares the last build with this one.
    pub fn between(before: &cache::LastBuild, now: &cache::LastBuild) -> Changes {
        use std::collections::BTreeMap;
        let old: BTreeMap<&str, load::Digest> = before
            .sources
            .iter()
            .map(|(id, d)| (id.as_str(), *d))
            .collect();
        let new: BTreeMap<&str, load::Digest> = now
            .sources
            .iter()
            .map(|(id, d)| (id.as_str(), *d))
            .collect();
        let old_sizes: BTreeMap<&str, usize> = before
            .briefings
            .iter()
            .map(|(t, n)| (t.as_str(), *n))
            .collect();
        Changes {
            added: new
                .keys()
                .filter(|id| !old.contains_key(*id))
                .map(|id| id.to_string())
                .collect(),
            edited: new
                .iter()
                .filter(|(id, digest)| old.get(*id).is_some_and(|was| was != *digest))
                .map(|(id, _)| id.to_string())
                .collect(),
            removed: old
                .keys()
                .filter(|id| !new.contains_key(*id))
                .map(|id| id.to_string())
                .collect(),
            briefings: now
                .briefings
                .iter()
                .filter_map(|(theme, n)| {
                    let was = old_sizes.get(theme.as_str()).copied().unwrap_or(0);
                    (was != *n).then(|| (theme.clone(), was, *n))
                })
                .collect(),
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.edited.is_empty()
            && self.removed.is_empty()
            && self.briefings.is_empty()
    }
}

impl std::fmt::Display for Changes {
    /// `1 source added (x); briefings: diplomacy 54 → 57 passages`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_empty() {
            return write!(f, "no source changed");
        }
        let named = |ids: &[String]| {
            let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
            let more = ids.len().saturating_sub(shown.len());
            if more > 0 {
                format!("{}, and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let mut parts = Vec::new();
        for (ids, what) in [
            (&self.added, "added"),
            (&self.edited, "edited"),
            (&self.removed, "removed"),
        ] {
            if !ids.is_empty() {
                let noun = if ids.len() == 1 { "source" } else { "sources" };
                parts.push(format!("{} {noun} {what} ({})", ids.len(), named(ids)));
            }
        }
        write!(f, "{}", parts.join(", "))?;
        if !self.briefings.is_empty() {
            let sizes: Vec<String> = self
                .briefings
                .iter()
                .map(|(theme, was, now)| format!("{theme} {was} → {now}"))
                .collect();
            write!(f, "; passages: {}", sizes.join(", "))?;
        }
        Ok(())
    }
}

/// Stage times of a build, printed to standard error when `BRIEFING_TIMINGS` is set: how a
/// slow build is profiled without a profiler.
struct Timings {
    last: Option<Instant>,
}

impl Timings {
    fn from_env(started: Instant) -> Self {
        Timings {
            last: std::env::var_os("BRIEFING_TIMINGS").map(|_| started),
        }
    }

    fn stage(&mut self, name: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "{name:>14}: {:>6} ms, {:>5} MiB resident",
                (now - last).as_millis(),
                resident_mib()
            );
            self.last = Some(now);
        }
    }
}

/// This process's resident memory in MiB, where the system tells it (Linux), else 0: timings
/// show it beside each stage, since memory first touched costs time too.
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}

/// Renders the site of the project at `root` without writing it: the files as values.
///
/// The site continues the build history of the project's output folder ([`history`]), as a
/// build in place would.
pub fn render_site(root: &Path) -> Result<Vec<render::OutputFile>, Error> {
    let (project, corpus) = load::load(root)?;
    let analysis = analyse::analyse(&corpus, &project.config)?;
    let output = root.join(&project.config.paths.output);
    let history = this_build(&project, &corpus, &analysis, &output, &output)?;
    render::render(&project, &corpus, &analysis, &history)
}

/// The build history after this build: the previous one (from `output`, or else from the
/// `configured` output folder) with this build's entry, if it changed a source.
fn this_build(
    project: &load::Project,
    corpus: &load::Corpus,
    analysis: &analyse::Analysis,
    output: &Path,
    configured: &Path,
) -> Result<history::History, Error> {
    let previous = history::previous(output, configured)?;
    let date = history::build_date()?;
    Ok(history::record(
        previous.as_ref(),
        corpus,
        analysis,
        &date,
        project.config.recent_builds,
    ))
}

/// The folder a build of the project at `root` writes to: `out` when given, else
/// `paths.output` from `briefing.toml` (read even when other settings have mistakes), else
/// `<root>/site`. For reporting on a failed build, which may not have got as far as the config.
pub fn output_folder(root: &Path, out: Option<&Path>) -> PathBuf {
    if let Some(out) = out {
        return out.to_path_buf();
    }
    let configured = std::fs::read_to_string(root.join(config::CONFIG_FILE))
        .ok()
        .and_then(|text| config::configured_output(&text));
    root.join(configured.unwrap_or_else(|| config::Paths::default().output))
}

/// Builds the project at `root` into its output folder (`out` overrides `briefing.toml`).
///
/// The build is incremental: sources whose text is unchanged since the last build are taken
/// parsed and analysed from the cache ([`cache`]), only the pages whose inputs changed are
/// rendered, and only files whose bytes changed are written ([`output::update_site`]). The
/// result is always the site a clean build makes; a missing, damaged or outdated cache only
/// makes the build slower.
pub fn build(root: &Path, out: Option<&Path>) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let mut timings = Timings::from_env(started);
    let cache = cache::Cache::of_project(root);
    let (project, corpus, reused) =
        load::load_reusing(root, &|digest, path| cache.source(digest, path))?;
    timings.stage("load");
    let themes = analyse::analysis_key(&corpus.themes, &corpus.entities);
    let reusable = reused
        .into_iter()
        .filter_map(|(id, analysed)| {
            analysed
                .filter(|analysed| analysed.themes == themes)
                .map(|analysed| (id, analysed.analysis))
        })
        .collect();
    let (analysis, fresh) = analyse::analyse_reusing(&corpus, &project.config, reusable)?;
    let plain: Vec<cite::PlainCitation> = corpus
        .overviews
        .values()
        .flat_map(cite::plain_citations)
        .collect();
    let (mut warnings, cited) = stale::check(&plain, &corpus, &cache.cited_texts());
    // A judgement that cites an article and its copy rests on one source.
    let originals = analyse::copies::Originals::of(&corpus);
    warnings.extend(corpus.overviews.values().flat_map(|overview| {
        let cited = originals.cite_originals(cite::cited_spans(overview));
        analyse::estimative::lint(overview, &cited)
    }));
    warnings.extend(analyse::metadata::lint(
        &corpus,
        &analysis.sources,
        &project.config.paths.content,
        chrono::Local::now().date_naive(),
    ));
    let warnings = error::sorted(warnings);
    timings.stage("analyse");
    let configured = root.join(&project.config.paths.output);
    let output = match out {
        Some(out) => out.to_path_buf(),
        None => configured.clone(),
    };
    let history = this_build(&project, &corpus, &analysis, &output, &configured)?;
    timings.stage("history");
    let site = render::Site::plan(&project, &corpus, &analysis, &history)?;
    timings.stage("plan");
    let previous = cache.manifest(&output);
    timings.stage("read manifest");
    if previous.is_some() {
        // Forgotten while the folder changes: a build stopped half-way leaves no manifest, and
        // the next build writes the site whole.
        cache
            .forget_manifest(&output)
            .map_err(|err| Error::io(root.join(cache::CACHE_DIR), err))?;
    }
    // The sources analysed afresh are cached while the site is written: the two do not depend
    // on each other, and the cache only ever saves work, so failing to write it does not fail
    // the build.
    let (updated, ()) = rayon::join(
        || output::update_site(&output, &site, previous.as_ref()),
        || {
            fresh.par_iter().for_each(|id| {
                if let (Some(source), Some(analysed)) =
                    (corpus.source(id), analysis.sources.get(id))
                {
                    let _ = cache.store_source(source, analysed, &themes);
                }
            })
        },
    );
    let (manifest, update, removal) = match updated {
        Ok(done) => done,
        Err(err) => {
            if let (Error::Input(_), Some(previous)) = (&err, previous) {
                // Nothing was written: the manifest still describes the folder.
                let _ = cache.store_manifest(&output, previous);
            }
            return Err(err);
        }
    };
    timings.stage("update site and cache");
    if !fresh.is_empty() {
        cache.prune_sources(&corpus.sources.iter().map(|s| s.digest).collect());
    }
    let _ = cache.store_manifest(&output, manifest);
    let _ = cache.store_cited_texts(&cited);
    let now = cache::LastBuild {
        sources: corpus
            .sources
            .iter()
            .map(|s| (s.id.as_str().to_string(), s.digest))
            .collect(),
        briefings: analysis
            .briefings
            .iter()
            .map(|b| (b.theme.as_str().to_string(), b.passage_count()))
            .collect(),
    };
    let changes = cache
        .last_build()
        .map(|before| Changes::between(&before, &now));
    let _ = cache.store_last_build(&now);
    // What the update left beside the site (the previous `briefing.json`) has been freed
    // while the cache was written; the build returns once it is gone.
    drop(removal);
    timings.stage("prune cache, record build");
    let report = BuildReport {
        output,
        files: render::SiteFiles::len(&site),
        written: update.written,
        removed: update.removed,
        sources: corpus.sources.len(),
        themes: corpus.themes.len(),
        elapsed: started.elapsed(),
        changes,
        warnings,
    };
    drop(site);
    drop_behind((project, corpus, analysis, history));
    Ok(report)
}

/// Frees a large value on another thread. Freeing a 10,000-source corpus and its analysis
/// takes a noticeable part of a second; nobody waits for it (a command that exits next does not
/// wait at all), and `serve` answers its next change sooner.
fn drop_behind<T: Send + 'static>(value: T) {
    let spawned = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
    // Without a thread, the value was dropped with the closure, here: slower, still correct.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_sources_added_edited_removed_and_briefings_that_moved() {
        let digest = |text: &str| load::Digest::of(text.as_bytes());
        let before = cache::LastBuild {
            sources: vec![
                ("a".into(), digest("a")),
                ("b".into(), digest("b")),
                ("c".into(), digest("c")),
            ],
            briefings: vec![("diplomacy".into(), 5), ("finance".into(), 2)],
        };
        let now = cache::LastBuild {
            sources: vec![
                ("a".into(), digest("a")),
                ("b".into(), digest("b, edited")),
                ("d".into(), digest("d")),
            ],
            briefings: vec![("diplomacy".into(), 7), ("finance".into(), 2)],
        };
        let changes = Changes::between(&before, &now);
        assert_eq!(changes.added, ["d"]);
        assert_eq!(changes.edited, ["b"]);
        assert_eq!(changes.removed, ["c"]);
        assert_eq!(changes.briefings, [("diplomacy".to_string(), 5, 7)]);
        assert_eq!(
            changes.to_string(),
            "1 source added (d), 1 source edited (b), 1 source removed (c); passages: diplomacy 5 → 7"
        );
        assert_eq!(
            Changes::between(&now, &now).to_string(),
            "no source changed"
        );
    }
}
