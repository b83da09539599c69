//! How a reader finds their way around the sample site: the current page is marked in the
//! header, long briefings list their sections, briefings link to their neighbours in theme
//! order, a paragraph an overview cites links back to the citation, every page has one `h1`
//! and no skipped heading level, and the charts carry a text alternative.

mod common;

use std::collections::BTreeMap;

use briefing::render::OutputFile;
use scraper::{ElementRef, Html, Selector};

fn pages() -> BTreeMap<String, Html> {
    let files: Vec<OutputFile> =
        briefing::render_site(&common::repo()).expect("the sample project builds");
    files
        .into_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path,
                Html::parse_document(&String::from_utf8(f.bytes).unwrap()),
            )
        })
        .collect()
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect::<String>().trim().to_string()
}

/// The themes' ids in the order of `briefing.toml`.
fn theme_order() -> Vec<String> {
    let config = std::fs::read_to_string(common::repo().join("briefing.toml")).unwrap();
    let list = &config[config.find("themes = [").unwrap()..];
    let list = &list[..list.find(']').unwrap()];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_header_marks_the_current_page_and_only_it() {
    let pages = pages();
    for (path, expected) in [
        ("themes/diplomacy.html", "Diplomacy and alignments"),
        ("timeline.html", "Timeline"),
        ("discrepancies.html", "Discrepancies"),
        ("entities.html", "Who's who"),
    ] {
        let current = select(&pages[path], "header [aria-current=\"page\"]");
        let names: Vec<String> = current.iter().map(text).collect();
        assert_eq!(names, [expected], "{path}");
    }
    let source = &pages["sources/putin-kim-join-xi-military-show.html"];
    assert!(select(source, "header [aria-current]").is_empty());
}

#[test]
fn a_long_briefing_lists_its_sections_and_each_link_lands_on_one() {
    let pages = pages();
    let page = &pages["themes/diplomacy.html"];
    let toc = select(page, "nav[aria-label=\"On this page\"] a");
    let titles: Vec<String> = toc.iter().map(text).collect();
    // What the recent builds brought in comes first, where the history has any.
    let from = usize::from(titles.first().is_some_and(|t| t == "What arrived"));
    assert!(
        titles.len() >= 5 + from
            && titles[from] == "Bottom line"
            && titles.contains(&"Evidence".into()),
        "{titles:?}"
    );
    let h2s: Vec<String> = select(page, "h2[id]")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    for link in &toc {
        let target = link.value().attr("href").unwrap().trim_start_matches('#');
        assert!(
            h2s.iter().any(|id| id == target),
            "#{target} is no h2 of the page"
        );
    }
}

#[test]
fn briefings_link_to_their_neighbours_in_theme_order() {
    let pages = pages();
    let order = theme_order();
    for (i, theme) in order.iter().enumerate() {
        let page = &pages[&format!("themes/{theme}.html")];
        let link = |class: &str| {
            select(
                page,
                &format!("nav[aria-label=\"Other briefings\"] a.{class}"),
            )
            .first()
            .map(|a| a.value().attr("href").unwrap().to_string())
        };
        let previous = i
            .checked_sub(1)
            .map(|p| format!("../themes/{}.html", order[p]));
        let next = order.get(i + 1).map(|n| format!("../themes/{n}.html"));
        assert_eq!(link("previous"), previous, "{theme}");
        assert_eq!(link("next"), next, "{theme}");
    }
}

#[test]
fn a_paragraph_an_overview_cites_links_back_to_the_citation() {
    let pages = pages();
    let mut round_trips = 0;
    for (path, page) in pages.iter().filter(|(p, _)| p.starts_with("sources/")) {
        for back in select(page, "a.cited-by") {
            let href = back.value().attr("href").unwrap();
            let (target, id) = href.split_once('#').unwrap();
            let target = target.trim_start_matches("../");
            let briefing = &pages[target];
            let cite = select(briefing, &format!("a.cite[id=\"{id}\"]"));
            assert_eq!(cite.len(), 1, "{path}: {href} lands on no citation");
            // The citation leads to the very paragraph that links back to it.
            let paragraph = back
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|e| matches!(e.value().attr("class"), Some("para" | "item")))
                .unwrap();
            let expected = format!("../{path}#{}", paragraph.value().attr("id").unwrap());
            assert_eq!(
                cite[0].value().attr("href"),
                Some(expected.as_str()),
                "{path}"
            );
            // The citation sits in the overview (or the key points), above the evidence.
            let in_overview = cite[0]
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| matches!(e.value().attr("class"), Some("overview" | "key-points")));
            assert!(in_overview, "{href} is not in an overview");
            round_trips += 1;
        }
    }
    assert!(round_trips > 0, "no paragraph links back to an overview");
}

#[test]
fn every_page_has_one_h1_no_skipped_heading_level_and_a_skip_link() {
    for (path, page) in &pages() {
        // The all-in-one print page is a book of briefings: its own title, then each briefing
        // an `<article>` titled by its own h1, as it is in the briefing's take-away file.
        let h1s = if path == "print.html" {
            1 + select(page, "article.printed").len()
        } else {
            1
        };
        assert_eq!(
            select(page, "h1").len(),
            h1s,
            "{path}: one h1 per page or briefing"
        );
        let mut last = 1;
        for heading in select(page, "main h1, main h2, main h3, main h4, main h5, main h6") {
            let level: usize = heading.value().name()[1..].parse().unwrap();
            assert!(
                level <= last + 1,
                "{path}: h{level} \"{}\" follows h{last}",
                text(&heading)
            );
            last = level;
        }
        let skip = select(page, "a.skip-link");
        assert_eq!(
            skip.first().and_then(|a| a.value().attr("href")),
            Some("#main")
        );
        assert_eq!(select(page, "main#main").len(), 1, "{path}");
    }
}

#[test]
fn charts_are_named_by_their_title_and_styled_only_by_class() {
    let pages = pages();
    for path in ["index.html", "timeline.html", "themes/diplomacy.html"] {
        let page = &pages[path];
        let charts = select(page, "svg.chart");
        assert!(!charts.is_empty(), "{path}: no chart");
        for chart in charts {
            assert_eq!(chart.value().attr("role"), Some("img"));
            let id = chart.value().attr("aria-labelledby").unwrap();
            let title = select(page, &format!("svg title[id=\"{id}\"]"));
            assert_eq!(title.len(), 1, "{path}: the chart's title");
            assert!(!text(&title[0]).is_empty());
            assert!(!chart.html().contains("style="), "{path}");
        }
        // The numbers are there as text too.
        assert!(!select(page, ".chart-data td").is_empty(), "{path}");
    }
}
