//! The figure reader against the hand-checked list of the five samples
//! (`tests/fixtures/analysis/facts.yaml`, written before any tuning): every quantity and date
//! that list gives a value for, corroborated or disputed, is read from the words it cites,
//! with the same normalised value.

mod common;

use briefing::analyse::figures::{Bound, Reading, Unit, figures};
use briefing::ids::{ParagraphRef, SourceId};
use serde_json::Value as Json;

/// `"7"` or `"7.2"` as a paragraph reference of `source`.
fn paragraph(source: &str, n: &str) -> ParagraphRef {
    let id = SourceId::parse(source).unwrap();
    match n.split_once('.') {
        Some((n, item)) => ParagraphRef::item(id, n.parse().unwrap(), item.parse().unwrap()),
        None => ParagraphRef::new(id, n.parse().unwrap()),
    }
}

/// Whether a figure the reader found says what the list says.
fn same(reading: &Reading, wanted: &Json) -> bool {
    let number = |key: &str| wanted.get(key).and_then(Json::as_f64);
    match reading {
        // A date read more precisely than the list gives it agrees ("June 2024" is in 2024).
        Reading::Date(date) => wanted
            .get("date")
            .and_then(Json::as_str)
            .is_some_and(|d| date.iso().starts_with(d)),
        Reading::Quantity(value) => {
            let bound = match value.bound {
                Bound::Exact => "exact",
                Bound::Over => "over",
                Bound::Under => "under",
                Bound::About => "about",
                Bound::Range => "range",
            };
            let amount_ok = match (number("amount"), number("min"), number("max")) {
                (Some(amount), _, _) => value.amount == amount,
                // A vague plural's upper end is a convention ("thousands": below 10,000), so
                // it may differ by a tenth.
                (None, Some(min), Some(max)) => {
                    value.amount == min && value.max.is_some_and(|m| (m - max).abs() <= max * 0.12)
                }
                _ => false,
            };
            // The list names what is counted in the text's words ("troops" for "soldiers"),
            // so only money, per cent and durations are compared by unit.
            let unit_ok = match &value.unit {
                Some(Unit::Duration(d)) => wanted["unit"]
                    .as_str()
                    .is_some_and(|u| u.trim_end_matches('s') == d),
                _ => true,
            };
            wanted.get("bound").and_then(Json::as_str) == Some(bound) && amount_ok && unit_ok
        }
    }
}

#[test]
fn every_figure_of_the_hand_checked_list_is_read_with_its_value() {
    let root = common::repo();
    let (_, corpus) = briefing::load::load(&root).unwrap();
    let text = std::fs::read_to_string(root.join("tests/fixtures/analysis/facts.yaml")).unwrap();
    let facts: Json = briefing::load::from_yaml(&text, std::path::Path::new("facts.yaml")).unwrap();

    // (value, citation) pairs: corroborated facts and each position of a discrepancy.
    let mut wanted = Vec::new();
    for fact in facts["corroborated"].as_array().unwrap() {
        if let Some(value) = fact.get("value") {
            for cite in fact["citations"].as_array().unwrap() {
                wanted.push((fact["id"].as_str().unwrap().to_string(), value, cite));
            }
        }
    }
    for topic in facts["discrepancies"].as_array().unwrap() {
        for position in topic["positions"].as_array().unwrap() {
            if let Some(value) = position.get("value") {
                for cite in position["citations"].as_array().unwrap() {
                    let id = format!("{} ({})", topic["id"].as_str().unwrap(), position["text"]);
                    wanted.push((id, value, cite));
                }
            }
        }
    }

    let mut misses = Vec::new();
    let mut read = 0;
    for (id, value, cite) in &wanted {
        let quote = cite["quote"].as_str().unwrap();
        let at = paragraph(
            cite["source"].as_str().unwrap(),
            cite["n"].as_str().unwrap(),
        );
        let source = corpus.source(&at.source).expect("a sample source");
        let (text, _) = source.unit(&at).expect("the cited paragraph");
        let start = text.find(quote).expect("the quote is in its paragraph");
        let quoted = start..start + quote.len();
        // Counts implied by words that are not numbers ("No Western leaders", two leaders named)
        // are claims for the claim stage, not figures.
        let has_number = quote
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| {
                w.chars().any(|c| c.is_ascii_digit())
                    || NUMBER_WORDS.contains(&w.to_lowercase().as_str())
            });
        if !has_number {
            continue;
        }
        let found = figures(text)
            .into_iter()
            .filter(|f| f.span.start < quoted.end && quoted.start < f.span.end)
            .any(|f| same(&f.reading, value));
        if found {
            read += 1;
        } else {
            misses.push(format!(
                "{id}: {} ¶{} “{quote}” should read as {value}",
                at.source,
                at.number()
            ));
        }
    }
    assert!(read >= 15, "the list has figures to read ({read} read)");
    assert!(
        misses.is_empty(),
        "figures not read:\n{}",
        misses.join("\n")
    );
}

const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "five",
    "ten",
    "twenty-six",
    "dozen",
    "thousands",
    "tens",
    "hundreds",
    "millions",
    "eighty",
];
