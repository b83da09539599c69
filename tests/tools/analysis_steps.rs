//! Times each step of the analysis on a project, single-threaded steps and parallel ones as
//! the build runs them: `cargo run --release --example analysis_steps [ROOT]`. Prints a table
//! (milliseconds) and the counts each step produced, for the performance notes.

use std::collections::BTreeMap;
use std::time::Instant;

use briefing::analyse::entities::Gazetteer;
use briefing::analyse::{Classifier, SourceAnalysis, facts};
use rayon::prelude::*;

/// The allocator the `briefing` binary uses, so the times are the build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), briefing::Error> {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    let started = Instant::now();
    let (project, corpus) = briefing::load::load(std::path::Path::new(&root))?;
    let mut rows: Vec<(&str, u128, String)> = vec![(
        "load",
        started.elapsed().as_millis(),
        format!("{} sources", corpus.sources.len()),
    )];
    let step = Instant::now();
    let classifier = Classifier::new(&corpus.themes);
    let gazetteer = Gazetteer::new(&corpus.entities);
    rows.push((
        "compile themes and gazetteer",
        step.elapsed().as_millis(),
        String::new(),
    ));
    let step = Instant::now();
    let filed: Vec<usize> = corpus
        .sources
        .par_iter()
        .map(|source| {
            let texts: Vec<&str> = source.units().map(|(_, text)| text).collect();
            classifier
                .classify_article(&source.meta.title, &texts)
                .len()
        })
        .collect();
    rows.push((
        "per source: file paragraphs",
        step.elapsed().as_millis(),
        format!("{} units", filed.iter().sum::<usize>()),
    ));
    let step = Instant::now();
    let extracted: Vec<facts::SourceFacts> = corpus
        .sources
        .par_iter()
        .map(|source| facts::extract(source, &gazetteer))
        .collect();
    let claims: usize = extracted.iter().map(|f| f.claims.len()).sum();
    rows.push((
        "per source: claims, quotes, mentions",
        step.elapsed().as_millis(),
        format!("{claims} claims"),
    ));
    let step = Instant::now();
    let per_source: Vec<SourceAnalysis> = corpus
        .sources
        .par_iter()
        .map(|source| briefing::analyse::analyse_source(source, &classifier, &gazetteer))
        .collect();
    rows.push((
        "per source: both (as the build runs them)",
        step.elapsed().as_millis(),
        String::new(),
    ));
    let sources: BTreeMap<_, _> = per_source
        .iter()
        .map(|analysis| (analysis.source.clone(), analysis.clone()))
        .collect();
    let step = Instant::now();
    let all: Vec<&briefing::analyse::claims::Claim> = corpus
        .sources
        .iter()
        .filter_map(|s| sources.get(&s.id))
        .flat_map(|a| &a.facts.claims)
        .collect();
    let groups = briefing::analyse::claims::group(&all);
    rows.push((
        "across sources: group claims",
        step.elapsed().as_millis(),
        format!("{} groups of {} claims", groups.len(), all.len()),
    ));
    let step = Instant::now();
    let assembled = facts::assemble(&corpus, &sources);
    rows.push((
        "across sources: claims, discrepancies, timeline, who's who, quotes",
        step.elapsed().as_millis(),
        format!(
            "{} claims, {} discrepancies, {} events, {} entities, {} quotes",
            assembled.claims.len(),
            assembled.discrepancies.len(),
            assembled.timeline.len(),
            assembled.entities.len(),
            assembled.quotes.len()
        ),
    ));
    let step = Instant::now();
    let analysis =
        briefing::analyse::assemble(&corpus, &classifier, per_source, project.config.key_points)?;
    rows.push((
        "across sources: briefings and facts (as the build runs them)",
        step.elapsed().as_millis(),
        format!("{} briefings", analysis.briefings.len()),
    ));
    println!("| step | ms | produced |\n|---|---:|---|");
    for (name, ms, what) in rows {
        println!("| {name} | {ms} | {what} |");
    }
    Ok(())
}
