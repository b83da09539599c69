//! Charts as inline SVG, made at build time: no chart library, no script, nothing to fetch.
//!
//! Each chart comes out as a [`ChartView`]: the `<svg>` markup, a one-sentence text
//! alternative (the SVG's `<title>`, tied to it by `aria-labelledby`) and the numbers as rows
//! a template prints as text, so nothing shown only as a shape. The SVG has no `viewBox`:
//! positions along the width are percentages and heights are CSS pixels, so the chart fills
//! its column at any width while its labels keep their real font size (a scaled `viewBox`
//! would shrink them to nothing on a phone). Colours come from classes only (`bar`, `t3`, …),
//! which the stylesheet maps to its light or dark palette; the page's Content-Security-Policy
//! forbids `style` attributes anyway.
//!
//! Charts aggregate: one bar per theme, one bar per period, never one element per source, so
//! a chart of 100,000 sources is as small as one of five. Output is a pure function of the
//! numbers given, so builds stay byte-identical.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::analyse::figures::Date;

/// A chart ready for a template: print `svg` as it is, and `rows` as text.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ChartView {
    /// The `<svg>` element.
    pub svg: String,
    /// What the chart shows, in one sentence (also the SVG's `<title>`).
    pub title: String,
    /// The numbers the chart draws, one row per bar that has any.
    pub rows: Vec<ChartRow>,
}

/// One labelled number of a chart.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// What is counted ("Diplomacy", "2025").
    pub label: String,
    /// The count, in words ("5 of 5 sources, 54 passages").
    pub value: String,
}

/// One theme's coverage: how many sources and passages it draws on.
pub struct ThemeCoverage<'a> {
    /// The theme's title.
    pub title: &'a str,
    /// The theme's colour class number (see `SiteModel::colour`).
    pub colour: usize,
    /// Sources with at least one passage filed under it.
    pub sources: usize,
    /// Passages filed under it.
    pub passages: usize,
}

/// Height of one theme's row in the coverage chart: a label line and a bar, in CSS pixels.
const ROW: usize = 40;
/// Height of a coverage bar.
const BAR: usize = 12;

/// Sources × themes as one bar per theme: the share of all sources that have a passage filed
/// under it, labelled with the counts. `id` names the chart's `<title>` on the page.
pub fn coverage(id: &str, themes: &[ThemeCoverage], total_sources: usize) -> ChartView {
    let title = format!(
        "How many of the {total_sources} sources each briefing draws on, with its passages."
    );
    let height = ROW * themes.len().max(1);
    let mut svg = open_svg(id, &title, height);
    let mut rows = Vec::with_capacity(themes.len());
    for (row, theme) in themes.iter().enumerate() {
        let top = row * ROW;
        let value = format!(
            "{} of {} source{}, {} passage{}",
            theme.sources,
            total_sources,
            plural(total_sources),
            theme.passages,
            plural(theme.passages)
        );
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"0\" y=\"{y}\">{title}</text>\
             <text class=\"value\" x=\"100%\" y=\"{y}\" text-anchor=\"end\">{value}</text>\
             <rect class=\"track\" x=\"0\" y=\"{bar}\" width=\"100%\" height=\"{BAR}\" rx=\"2\"/>\
             <rect class=\"bar t{colour}\" x=\"0\" y=\"{bar}\" width=\"{share}%\" height=\"{BAR}\" rx=\"2\"/>",
            y = top + 15,
            bar = top + 21,
            title = escape(theme.title),
            value = escape(&value),
            colour = theme.colour,
            share = percent(theme.sources, total_sources),
        );
        rows.push(ChartRow {
            label: theme.title.to_string(),
            value,
        });
    }
    svg.push_str("</svg>");
    ChartView { svg, title, rows }
}

/// Most bars a time chart draws; longer spans are counted in periods of several years.
const MOST_BARS: i32 = 120;
/// Height of the plotting area of a time chart, and of the axis labels below it.
const PLOT: usize = 120;
const AXIS: usize = 22;

/// Dated entries per period: per month when every date has one and they span at most three
/// years, otherwise per year (or per 2, 5, 10, … years, so that there are at most
/// [`MOST_BARS`] bars). Empty periods between the first and the last are drawn as gaps, so
/// the axis is true to time. `None` when nothing is dated.
pub fn over_time<'a>(
    id: &str,
    what: &str,
    dates: impl IntoIterator<Item = &'a Date>,
) -> Option<ChartView> {
    let dates: Vec<&Date> = dates.into_iter().collect();
    let first = dates.iter().map(|d| d.year).min()?;
    let last = dates.iter().map(|d| d.year).max()?;
    let monthly = last - first < 3 && dates.iter().all(|d| d.month.is_some());
    // Periods as numbers: months since year 0, or years; then the width of a bar in them.
    let period = |d: &Date| -> i32 {
        if monthly {
            d.year * 12 + d.month.unwrap_or(1) as i32 - 1
        } else {
            d.year
        }
    };
    let step = if monthly {
        1
    } else {
        [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|step| (last - first) / step < MOST_BARS)
            .unwrap_or(1000)
    };
    let bucket = |p: i32| p.div_euclid(step) * step;
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for date in &dates {
        *counts.entry(bucket(period(date))).or_default() += 1;
    }
    let (&from, _) = counts.first_key_value()?;
    let (&to, _) = counts.last_key_value()?;
    let bars = ((to - from) / step + 1) as usize;
    let label = |p: i32| -> String {
        if monthly {
            format!(
                "{} {}",
                crate::text::calendar::month_abbreviation(p.rem_euclid(12) as u32 + 1),
                p.div_euclid(12)
            )
        } else if step == 1 {
            p.to_string()
        } else {
            format!("{p}–{}", p + step - 1)
        }
    };
    let most = counts.values().copied().max().unwrap_or(1).max(1);
    let (peak, peak_count) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&p, &n)| (p, n))?;
    let unit = if monthly {
        "month"
    } else if step == 1 {
        "year"
    } else {
        "period"
    };
    let title = format!(
        "{what} per {unit}, {} to {}: {} in all, most in {} ({peak_count}).",
        label(from),
        label(to),
        dates.len(),
        label(peak),
    );
    let mut svg = open_svg(id, &title, PLOT + AXIS);
    let width = 100.0 / bars as f64;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"0\" y1=\"{PLOT}\" x2=\"100%\" y2=\"{PLOT}\"/>"
    );
    for (&p, &n) in &counts {
        let index = ((p - from) / step) as f64;
        let height = (n * (PLOT - 14)).div_ceil(most).max(2);
        // A gap of a fifth of the bar between neighbours, unless bars are thin already.
        let gap = if bars > 60 { 0.0 } else { width * 0.2 };
        let _ = write!(
            svg,
            "<rect class=\"bar\" x=\"{x}%\" y=\"{y}\" width=\"{w}%\" height=\"{height}\"/>",
            x = fixed(index * width + gap / 2.0),
            y = PLOT - height,
            w = fixed(width - gap),
        );
        if n == most {
            let _ = write!(
                svg,
                "<text class=\"value\" x=\"{x}%\" y=\"{y}\" text-anchor=\"{anchor}\">{n}</text>",
                x = fixed((index + 0.5) * width),
                y = PLOT - height - 3,
                anchor = anchor(index + 0.5, bars as f64),
            );
        }
    }
    // Axis labels: the first and last period, and up to three between, evenly spaced.
    let mut ticks: Vec<usize> = (0..5).map(|k| k * (bars - 1) / 4).collect();
    ticks.dedup();
    for tick in ticks {
        let centre = tick as f64 + 0.5;
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{x}%\" y=\"{y}\" text-anchor=\"{anchor}\">{text}</text>",
            x = fixed(if tick == 0 {
                0.0
            } else if tick + 1 == bars {
                100.0
            } else {
                centre * width
            }),
            y = PLOT + 16,
            anchor = if tick == 0 {
                "start"
            } else if tick + 1 == bars {
                "end"
            } else {
                "middle"
            },
            text = escape(&label(from + tick as i32 * step)),
        );
    }
    svg.push_str("</svg>");
    let rows = counts
        .iter()
        .map(|(&p, &n)| ChartRow {
            label: label(p),
            value: n.to_string(),
        })
        .collect();
    Some(ChartView { svg, title, rows })
}

/// The opening of a chart: an image for assistive technology, named by its `<title>`.
fn open_svg(id: &str, title: &str, height: usize) -> String {
    format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" width=\"100%\" \
         height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}\">{}</title>",
        escape(title)
    )
}

/// Where a value label sits so that it stays inside the chart near its edges.
fn anchor(centre: f64, bars: f64) -> &'static str {
    if centre < bars * 0.08 {
        "start"
    } else if centre > bars * 0.92 {
        "end"
    } else {
        "middle"
    }
}

/// `part` of `whole` in percent, with one decimal.
fn percent(part: usize, whole: usize) -> String {
    fixed(100.0 * part as f64 / whole.max(1) as f64)
}

/// A number with at most two decimals, without trailing zeros (`12.5`, `40`).
fn fixed(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Text for SVG markup: the five characters XML gives meaning to, escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> Date {
        Date::new(year, Some(month), Some(day))
    }

    #[test]
    fn coverage_has_one_bar_per_theme_and_escapes_titles() {
        let themes = [
            ThemeCoverage {
                title: "Arms & <men>",
                colour: 2,
                sources: 3,
                passages: 10,
            },
            ThemeCoverage {
                title: "Money",
                colour: 3,
                sources: 0,
                passages: 0,
            },
        ];
        let chart = coverage("c", &themes, 4);
        assert_eq!(chart.svg.matches("class=\"bar ").count(), 2);
        assert!(chart.svg.contains("Arms &amp; &lt;men&gt;"));
        assert!(chart.svg.contains("width=\"75%\""));
        assert!(
            chart.svg.contains("aria-labelledby=\"c\"") && chart.svg.contains("<title id=\"c\">")
        );
        assert!(!chart.svg.contains("style="));
        assert_eq!(chart.rows[0].value, "3 of 4 sources, 10 passages");
    }

    #[test]
    fn time_chart_counts_per_month_over_a_short_span() {
        let dates = [day(2025, 9, 3), day(2025, 9, 4), day(2025, 7, 1)];
        let chart = over_time("t", "Dated events", &dates).unwrap();
        let rows: Vec<(&str, &str)> = chart
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(rows, [("Jul 2025", "1"), ("Sep 2025", "2")]);
        // July, (August empty), September: two bars on an axis of three periods.
        assert_eq!(chart.svg.matches("class=\"bar\"").count(), 2);
        assert!(
            chart
                .title
                .starts_with("Dated events per month, Jul 2025 to Sep 2025: 3 in all")
        );
    }

    #[test]
    fn time_chart_counts_per_year_or_period_over_a_long_span() {
        let years = [Date::new(1945, None, None), day(2025, 9, 3)];
        let chart = over_time("t", "Events", &years).unwrap();
        assert_eq!(chart.rows[0].label, "1945");
        let ages = [Date::new(-3000, None, None), Date::new(2025, None, None)];
        let chart = over_time("t", "Events", &ages).unwrap();
        assert_eq!(chart.rows[0].label, "-3000–-2951");
        assert!(chart.svg.matches("<rect").count() <= MOST_BARS as usize);
        assert!(over_time("t", "Events", &[]).is_none());
    }

    #[test]
    fn time_chart_of_many_dates_stays_small() {
        let dates: Vec<Date> = (0..100_000)
            .map(|i| day(2000 + i % 20, (i % 12 + 1) as u32, 1))
            .collect();
        let chart = over_time("t", "Events", &dates).unwrap();
        assert!(chart.svg.len() < 5_000, "{} bytes", chart.svg.len());
        assert_eq!(chart, over_time("t", "Events", &dates).unwrap());
    }
}
