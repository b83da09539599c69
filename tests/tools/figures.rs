//! Prints every figure (quantity or date) and every quotation the analysis reads in the
//! project's sources, one per line: `source ¶n <TAB> words <TAB> reading`. For checking the
//! readers by eye: `cargo run --example figures [ROOT]`.

use briefing::analyse::figures::{Reading, figures};

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    let (_, corpus) = match briefing::load::load(std::path::Path::new(&root)) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(1);
        }
    };
    for source in &corpus.sources {
        for (at, text) in source.units() {
            for figure in figures(text) {
                let words = &text[figure.span.clone()];
                let reading = match &figure.reading {
                    Reading::Quantity(value) => format!(
                        "{:?} {}{} {:?}",
                        value.bound,
                        value.amount,
                        value.max.map(|m| format!("–{m}")).unwrap_or_default(),
                        value.unit
                    ),
                    Reading::Date(date) => format!("date {}", date.iso()),
                    Reading::Event | Reading::Statement => continue,
                };
                println!("{} ¶{}\t{words}\t{reading}", source.id, at.number());
            }
            for quote in briefing::analyse::quotes::quotes(text) {
                let speaker = quote.speaker.as_deref().unwrap_or("(no speaker)");
                println!(
                    "{} ¶{}\t“{}”\tquote by {speaker}",
                    source.id,
                    at.number(),
                    quote.text
                );
            }
        }
    }
}
