//! Theme filing against labelled fixtures: which themes a careful analyst files each paragraph
//! under, labelled from the themes' definitions before any classifier ran on the text.
//!
//! - `tests/fixtures/labels.yaml`: the five sample sources (long analytic essays).
//! - `tests/fixtures/written/`: original news-style reports written for the tests (short
//!   paragraphs, reactions, meetings, acronyms, and paragraphs that belong to no theme).
//!
//! Macro-F1 over the themes must reach 0.85 on each. The real-news sets, whose texts are not
//! in the repository, are scored by `cargo run --release --example news_eval`.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use briefing::analyse::{Classifier, analyse_source};
use briefing::load::{Source, Theme, from_yaml, load, parse_source};
use common::scoring::{Counts, filed_under};

type Labels = BTreeMap<String, BTreeMap<u32, Vec<String>>>;

const TARGET: f64 = 0.85;

/// Files `sources` as a build does (each source as one article) and compares with `labels`;
/// returns the macro-F1 and a per-theme report naming every miss (`-`) and false filing (`+`).
fn score(themes: &[Theme], sources: &[Source], labels: &Labels) -> (f64, String) {
    let classifier = Classifier::new(themes);
    let mut counts: Vec<(Counts, Vec<String>)> = vec![Default::default(); themes.len()];
    for source in sources {
        let expected = labels
            .get(source.id.as_str())
            .unwrap_or_else(|| panic!("no labels for source {}", source.id));
        assert_eq!(
            expected.len(),
            source.paragraphs.len(),
            "label count for {}",
            source.id
        );
        let analysis = analyse_source(source, &classifier, &Default::default());
        for paragraph in &source.paragraphs {
            // Labels are per paragraph; a list is filed item by item, so it counts as filed
            // under every theme one of its items is filed under.
            let filed = filed_under(&analysis, paragraph.n);
            for (theme, (counts, misses)) in themes.iter().zip(&mut counts) {
                let want = expected[&paragraph.n]
                    .iter()
                    .any(|t| t == theme.id.as_str());
                let got = filed.iter().any(|f| f.theme == theme.id);
                if want != got {
                    let sign = if want { '-' } else { '+' };
                    misses.push(format!("{sign}{}#{}", source.id, paragraph.n));
                }
                counts.add(want, got);
            }
        }
    }
    let mut report = String::new();
    for (theme, (counts, misses)) in themes.iter().zip(&counts) {
        report.push_str(&format!(
            "{:32} F1 {:.2}  {}\n",
            theme.id.as_str(),
            counts.f1(),
            misses.join(" ")
        ));
    }
    let macro_f1 = counts.iter().map(|(c, _)| c.f1()).sum::<f64>() / themes.len() as f64;
    (macro_f1, report)
}

fn labels(path: &Path) -> Labels {
    from_yaml(&std::fs::read_to_string(path).unwrap(), path).unwrap()
}

fn check(name: &str, themes: &[Theme], sources: &[Source], labels: &Labels) {
    let (macro_f1, report) = score(themes, sources, labels);
    println!("{name}: macro-F1 {macro_f1:.3}\n{report}");
    assert!(
        macro_f1 >= TARGET,
        "{name}: macro-F1 {macro_f1:.3} is below {TARGET}\n{report}"
    );
}

#[test]
fn files_the_sample_sources_as_labelled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, corpus) = load(root).unwrap();
    let labels = labels(&root.join("tests/fixtures/labels.yaml"));
    check("samples", &corpus.themes, &corpus.sources, &labels);
}

#[test]
fn files_news_style_reports_as_labelled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, corpus) = load(root).unwrap();
    let fixture = root.join("tests/fixtures/written");
    let mut files: Vec<_> = std::fs::read_dir(fixture.join("content"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let sources: Vec<Source> = files
        .iter()
        .map(|path| parse_source(&std::fs::read_to_string(path).unwrap(), path).unwrap())
        .collect();
    assert!(sources.len() >= 10, "the written fixture has its articles");
    check(
        "written",
        &corpus.themes,
        &sources,
        &labels(&fixture.join("labels.yaml")),
    );
}
