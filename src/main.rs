//! The `briefing` binary: parses the command line, runs the library, prints what happened,
//! and maps the outcome to an exit code (0 built, checked clean or served until Ctrl-C, 1 bad
//! input, problems found by `check` or I/O failure, 2 usage).

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};

/// A build allocates millions of small strings and vectors from several threads (parsing, the
/// cache, rendering); mimalloc makes that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir, templates } => init(&dir, briefing::init::InitOptions { templates }),
        Command::Build { root, out } => build(&root, out.as_deref()),
        Command::Add(args) => {
            let (root, dry_run, no_build) = (args.root.clone(), args.dry_run, args.no_build);
            let (inputs, options) = add_request(args);
            if let Some(conflict) = briefing::ingest::one_source_conflict(&options, &inputs) {
                Cli::command()
                    .error(clap::error::ErrorKind::ArgumentConflict, conflict)
                    .exit();
            }
            let added = add(&root, &inputs, &options);
            if added != ExitCode::SUCCESS || dry_run || no_build {
                return added;
            }
            build(&root, None)
        }
        Command::Check { root, site } => check(&root, site.as_deref()),
        Command::Serve { root, port } => {
            let options = briefing::serve::ServeOptions {
                port: port.unwrap_or(0),
            };
            match briefing::serve::serve(&root, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn build(root: &Path, out: Option<&Path>) -> ExitCode {
    match briefing::build(root, out) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "built {} ({} written, {} removed) from {} and {} into {} in {} ms",
                counted(report.files, "file"),
                report.written,
                report.removed,
                counted(report.sources, "source"),
                counted(report.themes, "theme"),
                report.output.display(),
                report.elapsed.as_millis()
            );
            if let Some(changes) = &report.changes {
                println!("since the last build: {changes}");
            }
            ExitCode::SUCCESS
        }
        Err(briefing::Error::Input(diagnostics)) => {
            for diagnostic in &diagnostics {
                eprintln!("error: {diagnostic}");
            }
            let output = briefing::output_folder(root, out);
            let previous_site = briefing::output::holds_site(&output).then_some(&*output);
            eprintln!(
                "{}",
                briefing::error::failure_summary(diagnostics.len(), previous_site)
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn init(dir: &Path, options: briefing::init::InitOptions) -> ExitCode {
    match briefing::init::init(dir, options) {
        Ok(report) => {
            let shown = |paths: &[PathBuf]| {
                paths
                    .iter()
                    .map(|path| briefing::error::display_path(path))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let folder = briefing::error::display_path(dir);
            if report.created_project {
                println!("made a briefing project in {folder}");
            }
            if !report.written.is_empty() {
                println!("wrote {}", shown(&report.written));
            }
            if !report.kept.is_empty() {
                println!("kept, as they exist already: {}", shown(&report.kept));
            }
            if report.created_project {
                let root = if folder == "." {
                    String::new()
                } else {
                    format!(" --root {folder}")
                };
                println!(
                    "next: `briefing build{root}`, then open {} in a browser; README.md says what to edit",
                    briefing::error::display_path(&dir.join("site/index.html"))
                );
            }
            ExitCode::SUCCESS
        }
        Err(briefing::Error::Input(diagnostics)) => {
            for diagnostic in &diagnostics {
                eprintln!("error: {diagnostic}");
            }
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn check(root: &Path, site: Option<&Path>) -> ExitCode {
    let site = site.map_or_else(|| briefing::check::default_site(root), Path::to_path_buf);
    if !site.is_dir() {
        eprintln!(
            "error: {}: no site to check\n  hint: build it first with `briefing build`, or name the site's folder",
            briefing::error::display_path(&site)
        );
        return ExitCode::FAILURE;
    }
    let base_url = std::fs::read_to_string(root.join(briefing::config::CONFIG_FILE))
        .ok()
        .and_then(|text| briefing::config::configured_base_url(&text));
    match briefing::check::check(&site, base_url.as_deref()) {
        Ok(report) => {
            for problem in &report.problems {
                println!("{problem}");
            }
            let checked = format!(
                "checked {} in {}, {} ({} to other sites, not fetched)",
                counted(report.pages, "page"),
                briefing::error::display_path(&site),
                counted(report.links, "link"),
                report.external
            );
            if report.problems.is_empty() {
                println!("{checked}: no problem");
                ExitCode::SUCCESS
            } else {
                println!(
                    "{checked}: {} found",
                    counted(report.problems.len(), "problem")
                );
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// What `briefing add` was asked: its inputs in order (files and addresses, then feeds) and
/// its options.
fn add_request(
    args: cli::AddArgs,
) -> (
    Vec<briefing::ingest::AddInput>,
    briefing::ingest::AddOptions,
) {
    use briefing::ingest::AddInput;
    let mut inputs: Vec<AddInput> = args
        .files
        .iter()
        .map(|file| AddInput::from_arg(file.as_os_str()))
        .collect();
    inputs.extend(args.feeds.into_iter().map(AddInput::Feed));
    let given = briefing::ingest::DraftMeta {
        title: args.title,
        author: args.author,
        publisher: args.publisher,
        published: args.published,
        url: args.url,
        ..briefing::ingest::DraftMeta::default()
    };
    let options = briefing::ingest::AddOptions {
        id: args.id,
        dry_run: args.dry_run,
        allow_similar: args.allow_similar,
        given,
        encoding: args.encoding,
    };
    (inputs, options)
}

fn add(
    root: &Path,
    inputs: &[briefing::ingest::AddInput],
    options: &briefing::ingest::AddOptions,
) -> ExitCode {
    match briefing::ingest::add_inputs(root, inputs, options) {
        Ok(report) => {
            for source in &report.added {
                let path = briefing::error::display_path(&source.path);
                let from = briefing::error::display_path(&source.from);
                let paragraphs = counted(source.paragraphs, "paragraph");
                if options.dry_run {
                    println!("would add {path} from {from} ({paragraphs}):\n");
                    println!("{}", source.text);
                } else {
                    println!("added {path} from {from} ({paragraphs})");
                }
                for note in &source.notes {
                    eprintln!("note: {note}");
                }
            }
            for feed in &report.feeds {
                let verb = if options.dry_run { "to add" } else { "added" };
                let mut line = format!(
                    "feed {}: {} {verb}, {} already a source",
                    feed.url, feed.added, feed.known
                );
                if feed.without_link > 0 {
                    line.push_str(&format!(", {} without a link", feed.without_link));
                }
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(briefing::Error::Input(diagnostics)) => {
            for diagnostic in &diagnostics {
                eprintln!("error: {diagnostic}");
            }
            eprintln!(
                "{} found; nothing was added",
                counted(diagnostics.len(), "error")
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("error: {err}; nothing was added");
            ExitCode::FAILURE
        }
    }
}

/// `1 theme`, `7 themes`.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}
