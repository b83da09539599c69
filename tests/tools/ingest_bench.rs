//! Scores `briefing add` on saved web pages: the article-extraction benchmark kept outside the
//! repository in `../shared/ingest-bench/` (its pages are third-party text and never
//! committed). Run it through `tests/tools/ingest_bench.sh`, which copies the benchmark to a
//! temporary folder, runs this tool and the benchmark's own scorer.
//!
//! `cargo run --release --example ingest_bench -- HTML_DIR OUT.json` adds every page of
//! `HTML_DIR` (`<sha256>.html.gz`) with the library's `add` in dry-run mode, exactly as
//! `briefing add --dry-run` would, each into an empty project of its own, reads the file it
//! would write back with the loader, and writes the body as plain text (headings and
//! paragraphs, one per line) into `OUT.json` as `{"<sha256>": {"articleBody": …}}`. A page
//! that `add` refuses scores an empty body.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use briefing::ingest::{AddOptions, add};
use briefing::load::{Block, parse_source};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [html_dir, out] = args.as_slice() else {
        eprintln!("usage: ingest_bench HTML_DIR OUT.json");
        std::process::exit(2);
    };
    let project = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(project.path().join("briefing.toml"), "title = \"bench\"\n")
        .expect("a config file");

    let mut pages: Vec<PathBuf> = std::fs::read_dir(html_dir)
        .expect("the pages folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    pages.sort();
    let options = AddOptions {
        id: None,
        dry_run: true,
        allow_similar: false,
    };
    let mut bodies = BTreeMap::new();
    let mut refused = 0;
    for page in &pages {
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let key = name.split('.').next().unwrap_or_default().to_string();
        let body = match add(project.path(), std::slice::from_ref(page), &options) {
            Ok(added) => added
                .first()
                .map(|a| plain_body(&a.text))
                .unwrap_or_default(),
            Err(err) => {
                refused += 1;
                eprintln!("{}: {err}", page.display());
                String::new()
            }
        };
        bodies.insert(key, serde_json::json!({ "articleBody": body }));
    }
    std::fs::write(out, serde_json::to_string(&bodies).expect("JSON")).expect("the output file");
    eprintln!("{} pages, {refused} refused", pages.len());
}

/// The body of a source file as the loader reads it: headings and paragraphs (a list's
/// items), one per line.
fn plain_body(file: &str) -> String {
    let Ok(source) = parse_source(file, Path::new("page.md")) else {
        return String::new();
    };
    let mut lines = Vec::new();
    for block in &source.layout {
        match block {
            Block::Heading { text, .. } => lines.push(text.clone()),
            Block::Paragraph(n) => {
                if let Some(paragraph) = source.paragraph(*n) {
                    if paragraph.items.is_empty() {
                        lines.push(paragraph.text.clone());
                    } else {
                        lines.extend(paragraph.items.iter().map(|i| i.text.clone()));
                    }
                }
            }
            Block::Figure { .. } => {}
        }
    }
    lines.join("\n")
}
