//! Prints every paragraph's score for every theme as TSV, for tuning theme vocabularies:
//! `cargo run --example scores [ROOT] > scores.tsv`.
//! Columns: source, paragraph, theme, score, positive terms matched, filed, terms.

use std::path::PathBuf;

use briefing::analyse::Classifier;

fn main() -> Result<(), briefing::Error> {
    let root = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let (_, corpus) = briefing::load::load(&root)?;
    let classifier = Classifier::new(&corpus.themes);
    for source in &corpus.sources {
        for paragraph in &source.paragraphs {
            let filed = classifier.classify(&paragraph.text);
            for theme in &corpus.themes {
                let (score, terms) = classifier.explain(&theme.id, &paragraph.text);
                let positive = terms.iter().filter(|(_, c)| *c > 0.0).count();
                let names: Vec<&str> = terms
                    .iter()
                    .filter_map(|&(term, _)| theme.terms.get(term as usize))
                    .map(|term| term.term.as_str())
                    .collect();
                println!(
                    "{}\t{}\t{}\t{score:.2}\t{positive}\t{}\t{}",
                    source.id,
                    paragraph.n,
                    theme.id,
                    filed.iter().any(|f| f.theme == theme.id),
                    names.join(", ")
                );
            }
        }
    }
    Ok(())
}
