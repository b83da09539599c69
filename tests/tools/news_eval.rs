//! Scores theme filing on every labelled set: the five samples (`tests/fixtures/labels.yaml`),
//! the news-style paragraphs written for the tests (`tests/fixtures/written/`), and the real
//! news in `tests/fixtures/news/` — articles by other publishers than the samples, labelled
//! from the themes' definitions alone.
//!
//! `cargo run --release --example news_eval [ROOT]` prints precision, recall and F1 per theme
//! and micro/macro figures per split: `dev` and `held-out` (the first batch; `held-out` was
//! reported untouched once, then joined the tuning data) and `fresh` (a later batch labelled
//! while tuning went on: report it, never tune on it; it is scored only with `--fresh`). `--misses` also lists every wrong
//! filing of the tuning splits with the scores; the `fresh` split's errors are never listed.
//! The texts themselves are not in the repository (third-party text is
//! never committed); `tests/fixtures/news/README.md` says how to restore them into
//! `tests/fixtures/news/texts/`, and every paragraph's label carries a hash of its text, so a
//! text that drifted from its labels is refused rather than scored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use briefing::analyse::{Classifier, analyse_source};
use briefing::load::{from_yaml, load, parse_source};
use serde::Deserialize;

#[path = "../common/scoring.rs"]
mod scoring;

use scoring::{Counts, filed_under};

/// A committed fixture's labels: source id → paragraph number → themes.
type PlainLabels = BTreeMap<String, BTreeMap<u32, Vec<String>>>;

#[derive(Deserialize)]
struct Label {
    hash: String,
    themes: Vec<String>,
}

type Labels = BTreeMap<String, BTreeMap<u32, Label>>;

/// The first 16 hex digits of the SHA-256 of `text`: what the label files record of a text
/// they may not hold.
fn short_hash(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Prints the table of one labelled set.
fn report(name: &str, articles: usize, paragraphs: usize, per_theme: &BTreeMap<&str, Counts>) {
    println!("## {name}: {articles} articles, {paragraphs} paragraphs");
    println!("| theme | precision | recall | F1 | labelled |");
    println!("|---|---:|---:|---:|---:|");
    let mut total = Counts::default();
    let mut f1_sum = 0.0;
    for (theme, counts) in per_theme {
        println!(
            "| {theme} | {:.2} | {:.2} | {:.2} | {} |",
            counts.precision(),
            counts.recall(),
            counts.f1(),
            counts.tp + counts.fn_
        );
        total.tp += counts.tp;
        total.fp += counts.fp;
        total.fn_ += counts.fn_;
        f1_sum += counts.f1();
    }
    println!(
        "macro-F1 {:.3}, micro precision {:.3}, micro recall {:.3}\n",
        f1_sum / per_theme.len() as f64,
        total.precision(),
        total.recall()
    );
}

/// Scores a committed fixture: the sources in `content` against `labels`.
fn score_fixture(
    name: &str,
    classifier: &Classifier,
    themes: &[briefing::load::Theme],
    content: &Path,
    labels: &Path,
    show_misses: bool,
) {
    let labels: PlainLabels = from_yaml(&std::fs::read_to_string(labels).unwrap(), labels)
        .unwrap_or_else(|err| panic!("{err}"));
    let mut per_theme: BTreeMap<&str, Counts> = themes
        .iter()
        .map(|t| (t.id.as_str(), Counts::default()))
        .collect();
    let (mut articles, mut paragraphs) = (0, 0);
    let mut files: Vec<_> = std::fs::read_dir(content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for path in files {
        let source = parse_source(&std::fs::read_to_string(&path).unwrap(), &path)
            .unwrap_or_else(|errors| panic!("{}: {errors:?}", path.display()));
        let expected = &labels[source.id.as_str()];
        articles += 1;
        let analysis = analyse_source(&source, classifier, &Default::default());
        for paragraph in &source.paragraphs {
            paragraphs += 1;
            let filed = filed_under(&analysis, paragraph.n);
            for theme in themes {
                let want = expected[&paragraph.n]
                    .iter()
                    .any(|t| t == theme.id.as_str());
                let got = filed.iter().any(|f| f.theme == theme.id);
                if show_misses && want != got {
                    print_miss(classifier, theme, source.id.as_str(), paragraph, want);
                }
                per_theme.get_mut(theme.id.as_str()).unwrap().add(want, got);
            }
        }
    }
    report(name, articles, paragraphs, &per_theme);
}

fn print_miss(
    classifier: &Classifier,
    theme: &briefing::load::Theme,
    id: &str,
    paragraph: &briefing::load::Paragraph,
    want: bool,
) {
    let (score, terms) = classifier.explain(&theme.id, &paragraph.text);
    let terms: Vec<&str> = terms
        .iter()
        .filter_map(|&(t, _)| theme.terms.get(t as usize))
        .map(|t| t.term.as_str())
        .collect();
    let words = paragraph.text.split_whitespace().count();
    println!(
        "{} {} {id} ¶{} score {score:.1} ({words} words) [{}] {}",
        if want { "MISS" } else { "FALSE" },
        theme.id,
        paragraph.n,
        terms.join(", "),
        paragraph.text.chars().take(150).collect::<String>()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_misses = args.iter().any(|a| a == "--misses");
    let report_fresh = args.iter().any(|a| a == "--fresh");
    let root = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let news = root.join("tests/fixtures/news");
    let (_, corpus) = load(&root).unwrap_or_else(|err| panic!("{err}"));
    let classifier = Classifier::new(&corpus.themes);
    score_fixture(
        "samples",
        &classifier,
        &corpus.themes,
        &root.join("content"),
        &root.join("tests/fixtures/labels.yaml"),
        show_misses,
    );
    score_fixture(
        "written",
        &classifier,
        &corpus.themes,
        &root.join("tests/fixtures/written/content"),
        &root.join("tests/fixtures/written/labels.yaml"),
        show_misses,
    );
    let labels: Labels = from_yaml(
        &std::fs::read_to_string(news.join("labels.yaml")).expect("labels.yaml"),
        &news.join("labels.yaml"),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let manifest = std::fs::read_to_string(news.join("manifest.tsv")).expect("manifest.tsv");
    let mut header = Vec::new();
    let mut splits: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (index, line) in manifest.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        if index == 0 {
            header = fields.iter().map(|f| f.to_string()).collect();
            continue;
        }
        let column = |name: &str| fields[header.iter().position(|h| h == name).unwrap()];
        splits
            .entry(column("split").to_string())
            .or_default()
            .push(column("id").to_string());
    }

    for (split, ids) in &splits {
        if split == "fresh" && !report_fresh {
            continue;
        }
        let mut per_theme: BTreeMap<&str, Counts> = corpus
            .themes
            .iter()
            .map(|t| (t.id.as_str(), Counts::default()))
            .collect();
        let mut paragraphs = 0;
        for id in ids {
            let path = news.join("texts").join(format!("{id}.md"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                eprintln!(
                    "missing {}: restore the texts first (see the README)",
                    path.display()
                );
                std::process::exit(2);
            };
            let source = parse_source(&text, Path::new(&path))
                .unwrap_or_else(|errors| panic!("{}: {errors:?}", path.display()));
            let expected = &labels[id];
            let analysis = analyse_source(&source, &classifier, &Default::default());
            assert_eq!(
                expected.len(),
                source.paragraphs.len(),
                "{id}: labels and paragraphs differ in number"
            );
            for paragraph in &source.paragraphs {
                let label = &expected[&paragraph.n];
                let raw = raw_paragraph(&text, paragraph.n);
                assert_eq!(
                    short_hash(raw.trim()),
                    label.hash,
                    "{id} ¶{}: the text no longer matches its label",
                    paragraph.n
                );
                paragraphs += 1;
                let filed = filed_under(&analysis, paragraph.n);
                for theme in &corpus.themes {
                    let want = label.themes.iter().any(|t| t == theme.id.as_str());
                    let got = filed.iter().any(|f| f.theme == theme.id);
                    if show_misses && split != "fresh" && want != got {
                        print_miss(&classifier, theme, id, paragraph, want);
                    }
                    per_theme.get_mut(theme.id.as_str()).unwrap().add(want, got);
                }
            }
        }
        report(&format!("news {split}"), ids.len(), paragraphs, &per_theme);
    }
}

/// Paragraph `n` of a source file as written: the `n`-th block separated by blank lines after
/// the front matter.
fn raw_paragraph(text: &str, n: u32) -> String {
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body);
    body.split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .nth(n as usize - 1)
        .unwrap_or("")
        .to_string()
}
