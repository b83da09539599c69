//! How alike distinct articles are, as `briefing add` measures near copies: prints the most
//! alike pairs and the highest figures, so the threshold (`briefing::ingest::NEAR_COPY`) can
//! be checked against a set of articles that are known to be distinct.
//!
//! `cargo run --release --example similar -- PATH...` where each path is a folder of source
//! files (`*.md`, front matter and body, as in `content/`), a folder of plain texts (`*.txt`,
//! paragraphs separated by blank lines), or a JSON file of `{"key": {"articleBody": "..."}}`
//! (the article-extraction benchmark's ground truth). Every article is compared with every
//! other; articles are assumed distinct, so any high figure is worth a look.

use std::path::{Path, PathBuf};

use briefing::ingest::{NEAR_COPY, Signature};
use briefing::load::parse_source;

fn paragraphs_of_text(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn articles(path: &Path) -> Vec<(String, Vec<String>)> {
    if path.is_file() {
        let text = std::fs::read_to_string(path).expect("readable JSON");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let object = value.as_object().expect("a JSON object");
        return object
            .iter()
            .filter_map(|(key, article)| {
                let body = article.get("articleBody")?.as_str()?;
                Some((
                    key[..12.min(key.len())].to_string(),
                    paragraphs_of_text(body),
                ))
            })
            .collect();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .expect("readable folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|file| {
            let name = file.file_name()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&file).ok()?;
            let paragraphs = match file.extension()?.to_str()? {
                "md" => parse_source(&text, &file)
                    .ok()?
                    .paragraphs
                    .into_iter()
                    .map(|p| p.text)
                    .collect(),
                "txt" => paragraphs_of_text(&text),
                _ => return None,
            };
            Some((name, paragraphs))
        })
        .collect()
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let mut all = Vec::new();
    for path in &paths {
        let found = articles(path);
        println!("{}: {} articles", path.display(), found.len());
        all.extend(found);
    }
    let signatures: Vec<Signature> = all
        .iter()
        .map(|(_, paragraphs)| Signature::of(paragraphs.iter().map(String::as_str)))
        .collect();
    let mut pairs = Vec::new();
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            pairs.push((signatures[i].likeness(&signatures[j]), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.contained.total_cmp(&a.0.contained));
    println!(
        "{} pairs; near copy from {:.0}% contained",
        pairs.len(),
        NEAR_COPY * 100.0
    );
    for (likeness, i, j) in pairs.iter().take(12) {
        println!(
            "contained {:5.1}%  jaccard {:5.1}%  {} / {}",
            likeness.contained * 100.0,
            likeness.jaccard * 100.0,
            all[*i].0,
            all[*j].0
        );
    }
    let flagged = pairs.iter().filter(|p| p.0.is_near_copy()).count();
    println!("pairs taken for near copies: {flagged}");
    let highest_jaccard = pairs.iter().map(|p| p.0.jaccard).fold(0.0, f64::max);
    println!(
        "highest jaccard between distinct articles: {:.1}%",
        highest_jaccard * 100.0
    );
}
