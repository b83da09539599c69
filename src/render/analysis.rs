//! Views of the analysis across sources ([`crate::analyse::facts`]): the bottom line that
//! opens each briefing, and the site-wide pages of discrepancies, the timeline and who's who.
//!
//! Wire copy can make one claim carry thousands of citations; a view shows the first few and
//! counts the rest ("and 2,340 more sources"), so no page grows with the corpus, while
//! `briefing.json` keeps every citation.

use serde::Serialize;

use super::notes::{NoteBook, note_all, note_discrepancy};
use super::pages::{CiteView, SiteView};
use super::views::SiteModel;
use crate::analyse::facts::{
    ClaimKind, ClaimSet, Discrepancy, EntityMentions, Event, Evidence, Named, QuoteSet, kind_name,
    support_words,
};
use crate::analyse::figures::{Bound, Date, Precision, Reading, Unit};
use crate::ids::ThemeId;
use crate::urls::{AnalysisPage, Page};

/// Citations shown with one item; the rest are counted.
const CITES_SHOWN: usize = 4;
/// Most items a site-wide page lists; the rest are in `briefing.json`.
pub(super) const ITEMS_PER_PAGE: usize = 400;

/// A claim with its support.
#[derive(Serialize)]
pub struct ClaimView<'a> {
    /// Stable id (also the element's id).
    pub id: &'a str,
    /// The first source's sentence, escaped, with the figure marked.
    pub html: String,
    /// The value, normalised, in words ("over 10,000 troops").
    pub value: String,
    /// Support in words.
    pub support: String,
    /// `strong`, `corroborated`, `single`, `contested` (a figure elsewhere may contradict it)
    /// or `disputed`: the visual cue.
    pub cue: &'static str,
    /// How many sources report it.
    pub sources: usize,
    /// The first citations, each with its exact words.
    pub citations: Vec<CiteView<'a>>,
    /// How many more sources are not shown.
    pub more: usize,
    /// Link to the discrepancy it is part of.
    pub disputed_href: Option<String>,
    /// Figures elsewhere that may contradict it, each cited with its words.
    pub differing: Vec<DifferingView<'a>>,
}

/// A figure that may contradict a claim: its words and its citation.
#[derive(Serialize)]
pub struct DifferingView<'a> {
    /// The figure's words, verbatim.
    pub words: &'a str,
    /// Its citation (one).
    pub cites: Vec<CiteView<'a>>,
}

/// One side of a discrepancy.
#[derive(Serialize)]
pub struct PositionView<'a> {
    /// The first source's words.
    pub words: &'a str,
    /// The value in words.
    pub value: String,
    /// How many sources give it.
    pub sources: usize,
    /// The first citations.
    pub citations: Vec<CiteView<'a>>,
    /// How many more sources are not shown.
    pub more: usize,
}

/// Figures that cannot all hold, side by side.
#[derive(Serialize)]
pub struct DiscrepancyView<'a> {
    /// Stable id (also the element's id).
    pub id: &'a str,
    /// Whether the figures cannot all hold (else they differ in how exactly they are given).
    pub contradiction: bool,
    /// What the figures are about.
    pub topic: &'a str,
    /// The first source's sentence.
    pub context: &'a str,
    /// The positions, smallest value first.
    pub positions: Vec<PositionView<'a>>,
}

/// A dated event.
#[derive(Serialize)]
pub struct EventView<'a> {
    /// ISO date, as precise as known.
    pub iso: String,
    /// The date for reading ("3 September 2025", "June 2024", "2019").
    pub date: String,
    /// Whether the date was inferred from the article's own date.
    pub inferred: bool,
    /// The first source's sentence, escaped, with the date marked.
    pub html: String,
    /// How many sources date it.
    pub sources: usize,
    /// The first citations.
    pub citations: Vec<CiteView<'a>>,
    /// How many more sources are not shown.
    pub more: usize,
}

/// An entity of who's who.
#[derive(Serialize)]
pub struct EntityView<'a> {
    /// Stable id (also the element's id).
    pub id: &'a str,
    /// The name shown.
    pub name: &'a str,
    /// Person, country, organisation…
    pub kind: &'static str,
    /// One line on who or what it is, from the gazetteer.
    pub role: Option<&'a str>,
    /// Other names it goes by.
    pub aliases: Vec<&'a str>,
    /// How many sources the paragraphs counted in `mentions` come from (on a briefing, the
    /// theme's paragraphs), a copy counting with its original.
    pub sources: usize,
    /// How many paragraphs mention it (in the theme, on a briefing).
    pub mentions: usize,
    /// The briefings whose paragraphs mention it, with how many.
    pub themes: Vec<ThemeCount<'a>>,
    /// The first paragraphs that mention it.
    pub citations: Vec<CiteView<'a>>,
    /// How many more paragraphs are not shown.
    pub more: usize,
}

/// A theme and a count.
#[derive(Serialize)]
pub struct ThemeCount<'a> {
    /// Theme title.
    pub title: &'a str,
    /// Link to the briefing.
    pub href: String,
    /// The count.
    pub count: usize,
}

/// A quotation.
#[derive(Serialize)]
pub struct QuoteView<'a> {
    /// Who the source says spoke, as written.
    pub speaker: Option<&'a str>,
    /// The quoted words, verbatim.
    pub text: &'a str,
    /// How many sources carry it.
    pub sources: usize,
    /// The first citations.
    pub citations: Vec<CiteView<'a>>,
    /// How many more sources are not shown.
    pub more: usize,
}

/// The top of a briefing: what is known, how well supported, where sources disagree.
#[derive(Serialize)]
pub struct BottomLine<'a> {
    /// Claims two or more sources report, most sources first.
    pub corroborated: Vec<ClaimView<'a>>,
    /// Where sources disagree.
    pub discrepancies: Vec<DiscrepancyView<'a>>,
    /// Quantities reported by one source, most specific first.
    pub figures: Vec<ClaimView<'a>>,
    /// How many claims of the briefing only one source makes.
    pub single_source: usize,
    /// Dated events, by date.
    pub timeline: Vec<EventView<'a>>,
    /// Who's who in the briefing, most mentioned first.
    pub entities: Vec<EntityView<'a>>,
    /// Quotations.
    pub quotes: Vec<QuoteView<'a>>,
    /// Links to the site-wide pages.
    pub discrepancies_href: String,
    /// Link to the timeline.
    pub timeline_href: String,
    /// Link to who's who.
    pub entities_href: String,
}

/// `discrepancies.html`, `timeline.html` or `entities.html`.
#[derive(Serialize)]
pub struct FactsPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
    /// Which page: `discrepancies`, `timeline` or `entities`.
    pub kind: &'static str,
    /// Discrepancies (on `discrepancies.html`).
    pub discrepancies: Vec<DiscrepancyView<'a>>,
    /// Events (on `timeline.html`).
    pub timeline: Vec<EventView<'a>>,
    /// Entities (on `entities.html`).
    pub entities: Vec<EntityView<'a>>,
    /// How many items there are in all.
    pub total: usize,
    /// How many are not listed (they are in `briefing.json`).
    pub left_out: usize,
    /// On `timeline.html`: every dated event per month or year, as a chart.
    pub chart: Option<super::charts::ChartView>,
    /// Number of sources in the site.
    pub source_count: usize,
    /// The citations' endnotes and preview data.
    pub notes: super::pages::PageNotes<'a>,
}

/// A number with thousands separated by commas.
fn grouped(amount: f64) -> String {
    if amount.fract() != 0.0 || amount.abs() >= 1e15 {
        return format!("{amount}");
    }
    let digits = (amount.abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0.0 { format!("-{out}") } else { out }
}

/// A date as a reader writes it.
fn date_words(date: &Date) -> String {
    let month = crate::text::calendar::month_name;
    match (date.precision(), date.month, date.day) {
        (Precision::Day, Some(m), Some(d)) => format!("{d} {} {}", month(m), date.year),
        (Precision::Month, Some(m), _) => format!("{} {}", month(m), date.year),
        _ => date.year.to_string(),
    }
}

/// A normalised value in words: "over 10,000 troop(s)", "20,000–90,000", "10,000,000,000 CNY".
pub(super) fn value_words(reading: &Reading) -> String {
    match reading {
        Reading::Date(date) => date_words(date),
        Reading::Event | Reading::Statement => String::new(),
        Reading::Quantity(value) => {
            let amount = match value.bound {
                Bound::Exact => grouped(value.amount),
                Bound::Over => format!("over {}", grouped(value.amount)),
                Bound::Under => format!("under {}", grouped(value.amount)),
                Bound::About => format!("about {}", grouped(value.amount)),
                Bound::Range => format!(
                    "{}–{}",
                    grouped(value.amount),
                    grouped(value.max.unwrap_or(value.amount))
                ),
            };
            match &value.unit {
                Some(Unit::Currency(code)) => match converted(value, code) {
                    Some(usd) => format!("{amount} {code} ({usd})"),
                    None => format!("{amount} {code}"),
                },
                Some(Unit::Percent) => format!("{amount} %"),
                Some(Unit::Anniversary) => format!("{amount} × anniversary"),
                Some(Unit::Speed(unit)) => format!("{amount} {unit}"),
                Some(Unit::Duration(unit)) | Some(Unit::Count(unit)) => {
                    format!("{amount} × {unit}")
                }
                None => amount,
            }
        }
    }
}

/// An amount of money in another currency than the dollar, converted at the reference rates
/// and said to be approximate: "≈ 1.39 billion USD at 2025 rates".
fn converted(value: &crate::analyse::figures::Value, code: &str) -> Option<String> {
    use crate::analyse::rates;
    if code == "USD" || value.bound == Bound::Range {
        return None;
    }
    let usd = rates::in_usd(value.amount, code)?;
    let (scaled, word) = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
        .into_iter()
        .find(|(scale, _)| usd.abs() >= *scale)
        .map_or((usd, ""), |(scale, word)| (usd / scale, word));
    // Three significant figures: the rate is an average, more would claim too much.
    let digits = 2_i32
        .saturating_sub(scaled.abs().log10().floor() as i32)
        .max(0) as usize;
    let number = format!("{scaled:.digits$}");
    let number = if number.contains('.') {
        number
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        grouped(scaled.round())
    };
    Some(format!(
        "≈ {number}{word} USD at {} rates",
        rates::RATES_YEAR
    ))
}

/// `sentence`, escaped, with `words` marked where they first occur.
fn marked(sentence: &str, words: &str) -> String {
    let escape = |text: &str| html_escape::encode_text(text).into_owned();
    match sentence.find(words).filter(|_| !words.is_empty()) {
        Some(at) => format!(
            "{}<mark>{}</mark>{}",
            escape(&sentence[..at]),
            escape(words),
            escape(&sentence[at + words.len()..])
        ),
        None => escape(sentence),
    }
}

fn cue(set: &ClaimSet) -> &'static str {
    if set.disputed.is_some() {
        "disputed"
    } else if !set.differing.is_empty() {
        "contested"
    } else if set.independent >= 3 {
        "strong"
    } else if set.sources >= 2 {
        "corroborated"
    } else {
        "single"
    }
}

/// How many of a claim's citations its rank in a briefing looks at (wire copy can give a claim
/// thousands).
const RANKED_EVIDENCE: usize = 50;

/// Whether a claim is too slight for a briefing's bottom line: a count of a handful ("three
/// leaders", "Three implications follow."), a count or duration with nothing counted, or a
/// bare duration ("about two months").
fn trivial(set: &ClaimSet) -> bool {
    match &set.reading {
        Reading::Quantity(value) => match &value.unit {
            None | Some(Unit::Duration(_)) => true,
            Some(Unit::Count(_)) => value.amount.max(value.max.unwrap_or(0.0)) < 10.0,
            _ => false,
        },
        _ => false,
    }
}

impl<'a> SiteModel<'a> {
    /// The first citations of `evidence`, one per source, from `page`, and how many sources
    /// are left out.
    fn evidence_cites(&self, evidence: &'a [Evidence], page: &Page) -> (Vec<CiteView<'a>>, usize) {
        // Only counted: a hash set, since a claim of a large corpus has thousands of sources.
        let mut seen = rustc_hash::FxHashSet::default();
        let mut shown = Vec::new();
        for e in evidence {
            if seen.insert(&e.at.source) && shown.len() < CITES_SHOWN {
                shown.push(self.cite_words(&e.at, self.words(e), page));
            }
        }
        let more = seen.len() - shown.len();
        (shown, more)
    }

    fn claim_view(&self, set: &'a ClaimSet, page: &Page) -> ClaimView<'a> {
        let (citations, more) = self.evidence_cites(&set.evidence, page);
        let words = match set.kind {
            // A report without a figure is its whole sentence: nothing to mark in it.
            ClaimKind::Event | ClaimKind::Statement => "",
            _ => set.evidence.first().map_or("", |e| self.words(e)),
        };
        ClaimView {
            id: &set.id,
            html: marked(&set.text, words),
            value: value_words(&set.reading),
            support: support_words(
                set.sources,
                set.independent,
                set.disputed.is_some(),
                !set.differing.is_empty(),
            ),
            cue: cue(set),
            sources: set.sources,
            citations,
            more,
            disputed_href: set
                .disputed
                .as_ref()
                .map(|id| page.link_to_anchor(&Page::Analysis(AnalysisPage::Discrepancies), id)),
            differing: set
                .differing
                .iter()
                .map(|e| DifferingView {
                    words: self.words(e),
                    cites: vec![self.cite_words(&e.at, self.words(e), page)],
                })
                .collect(),
        }
    }

    fn discrepancy_view(&self, d: &'a Discrepancy, page: &Page) -> DiscrepancyView<'a> {
        DiscrepancyView {
            id: &d.id,
            contradiction: d.severity == crate::analyse::facts::Severity::Contradiction,
            topic: &d.topic,
            context: &d.context,
            positions: d
                .positions
                .iter()
                .map(|p| {
                    let (citations, more) = self.evidence_cites(&p.evidence, page);
                    PositionView {
                        words: &p.words,
                        value: value_words(&p.reading),
                        sources: p.sources,
                        citations,
                        more,
                    }
                })
                .collect(),
        }
    }

    fn event_view(&self, e: &'a Event, page: &Page) -> EventView<'a> {
        let (citations, more) = self.evidence_cites(&e.evidence, page);
        let words = e.evidence.first().map_or("", |ev| self.words(ev));
        EventView {
            iso: e.date.iso(),
            date: date_words(&e.date),
            inferred: e.inferred,
            html: marked(&e.text, words),
            sources: e.sources,
            citations,
            more,
        }
    }

    fn entity_view(
        &self,
        e: &'a EntityMentions,
        page: &Page,
        theme: Option<&ThemeId>,
    ) -> EntityView<'a> {
        let (name, role, aliases) = match &e.named {
            Named::Known(index) => {
                let entity = &self.corpus.entities[*index];
                (
                    entity.name.as_str(),
                    entity.role.as_deref(),
                    entity.aliases.iter().map(String::as_str).collect(),
                )
            }
            Named::Found(name) => (name.as_str(), None, Vec::new()),
        };
        let in_theme = |at: &crate::ids::ParagraphRef| {
            theme.is_none_or(|theme| self.filings(at).iter().any(|f| &f.theme == theme))
        };
        // Counted by the analysis; only the few paragraphs shown are looked up (an entity of a
        // large corpus is mentioned in a hundred thousand paragraphs). A briefing counts its
        // own paragraphs and their sources, so the two numbers describe the same paragraphs.
        let (count, sources) = match theme {
            Some(theme) => e
                .themes
                .iter()
                .find(|t| &t.theme == theme)
                .map_or((0, 0), |t| (t.paragraphs, t.sources)),
            None => (e.mentions.len(), e.sources),
        };
        let citations: Vec<CiteView<'a>> = e
            .mentions
            .iter()
            .filter(|at| in_theme(at))
            .take(CITES_SHOWN)
            .map(|at| self.cite_words(at, "", page))
            .collect();
        EntityView {
            id: &e.id,
            name,
            kind: kind_name(self.corpus, &e.named),
            role,
            aliases,
            sources,
            mentions: count,
            themes: e
                .themes
                .iter()
                .filter_map(|t| {
                    let theme = self.corpus.theme(&t.theme)?;
                    Some(ThemeCount {
                        title: &theme.title,
                        href: page.link_to(&Page::briefing(&t.theme)),
                        count: t.paragraphs,
                    })
                })
                .collect(),
            more: count.saturating_sub(citations.len()),
            citations,
        }
    }

    fn quote_view(&self, q: &'a QuoteSet, page: &Page) -> QuoteView<'a> {
        let (citations, more) = self.evidence_cites(&q.evidence, page);
        QuoteView {
            speaker: q.speaker.as_deref(),
            text: &q.text,
            sources: q.sources,
            citations,
            more,
        }
    }

    /// The bottom line of a theme's briefing, linked from `page`.
    pub fn bottom_line(&self, theme: &ThemeId, page: &Page) -> BottomLine<'a> {
        let facts = &self.analysis.facts;
        let here = |themes: &[ThemeId]| themes.contains(theme);
        let claims: Vec<&ClaimSet> = facts.claims.iter().filter(|c| here(&c.themes)).collect();
        // Ranked by what the briefing is about as well as by support: how strongly the
        // claim's paragraphs belong to the theme (their best filing score), times a support
        // that grows slowly with independent publishers. Trivial claims take no slot, and a
        // sentence or a figure is shown once.
        let relevance = |set: &ClaimSet| {
            set.evidence
                .iter()
                .take(RANKED_EVIDENCE)
                .flat_map(|e| self.analysis.filings(&e.at))
                .filter(|f| &f.theme == theme)
                .map(|f| f.score)
                .fold(0.0_f64, f64::max)
        };
        let rank = |set: &ClaimSet| relevance(set) * (1.0 + (set.independent.max(1) as f64).ln());
        let mut ranked: Vec<(f64, &ClaimSet)> = claims
            .iter()
            .filter(|c| !trivial(c))
            .map(|c| (rank(c), *c))
            .collect();
        // Stable: equal ranks keep the analysis's order (most sources first).
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut shown_texts = std::collections::HashSet::new();
        let mut shown_values = std::collections::HashSet::new();
        let mut once = |c: &ClaimSet| {
            let value = match c.kind {
                ClaimKind::Quantity | ClaimKind::Date => value_words(&c.reading),
                _ => String::new(),
            };
            shown_texts.insert(c.text.clone()) && (value.is_empty() || shown_values.insert(value))
        };
        let corroborated = ranked
            .iter()
            .filter(|(_, c)| c.sources >= 2 && c.disputed.is_none())
            .filter(|(_, c)| once(c))
            .take(8)
            .map(|(_, c)| self.claim_view(c, page))
            .collect();
        let single: Vec<&&ClaimSet> = claims.iter().filter(|c| c.sources < 2).collect();
        let figures = ranked
            .iter()
            .filter(|(_, c)| c.sources < 2 && c.kind == ClaimKind::Quantity)
            .filter(|(_, c)| once(c))
            .take(6)
            .map(|(_, c)| self.claim_view(c, page))
            .collect();
        let mut timeline: Vec<&Event> = facts.timeline.iter().filter(|e| here(&e.themes)).collect();
        // The best-supported events when there are many, still in date order.
        if timeline.len() > 12 {
            let mut by_support: Vec<usize> = (0..timeline.len()).collect();
            by_support.sort_by(|&a, &b| timeline[b].sources.cmp(&timeline[a].sources));
            let keep: std::collections::BTreeSet<usize> = by_support.into_iter().take(12).collect();
            timeline = keep.into_iter().map(|i| timeline[i]).collect();
        }
        // The most mentioned in the theme, by the analysis's count (which the view shows), and
        // only those made into views: each view looks up its citations.
        let mut entities: Vec<(usize, &EntityMentions)> = facts
            .entities
            .iter()
            .filter_map(|e| {
                let here = e.themes.iter().find(|t| &t.theme == theme)?;
                Some((here.paragraphs, e))
            })
            .collect();
        entities.sort_by_key(|&(count, _)| std::cmp::Reverse(count));
        let entities = entities
            .into_iter()
            .take(12)
            .map(|(_, e)| self.entity_view(e, page, Some(theme)))
            .collect();
        BottomLine {
            corroborated,
            discrepancies: facts
                .discrepancies
                .iter()
                .filter(|d| here(&d.themes))
                .take(6)
                .map(|d| self.discrepancy_view(d, page))
                .collect(),
            figures,
            single_source: single.len(),
            timeline: timeline
                .into_iter()
                .map(|e| self.event_view(e, page))
                .collect(),
            entities,
            quotes: facts
                .quotes
                .iter()
                .filter(|q| here(&q.themes))
                .take(5)
                .map(|q| self.quote_view(q, page))
                .collect(),
            discrepancies_href: page.link_to(&Page::Analysis(AnalysisPage::Discrepancies)),
            timeline_href: page.link_to(&Page::Analysis(AnalysisPage::Timeline)),
            entities_href: page.link_to(&Page::Analysis(AnalysisPage::Entities)),
        }
    }

    /// A site-wide page of the analysis.
    pub fn facts_page(&self, which: AnalysisPage) -> FactsPage<'a> {
        let page = Page::Analysis(which);
        let facts = &self.analysis.facts;
        let mut view = FactsPage {
            site: self.site(&page),
            kind: which.name(),
            discrepancies: Vec::new(),
            timeline: Vec::new(),
            entities: Vec::new(),
            total: 0,
            left_out: 0,
            chart: None,
            source_count: self.corpus.sources.len(),
            notes: Default::default(),
        };
        match which {
            AnalysisPage::Discrepancies => {
                view.total = facts.discrepancies.len();
                view.discrepancies = facts
                    .discrepancies
                    .iter()
                    .take(ITEMS_PER_PAGE)
                    .map(|d| self.discrepancy_view(d, &page))
                    .collect();
                view.left_out = view.total - view.discrepancies.len();
            }
            AnalysisPage::Timeline => {
                view.total = facts.timeline.len();
                // The best-supported events when there are too many, in date order.
                let mut order: Vec<usize> = (0..facts.timeline.len()).collect();
                order.sort_by(|&a, &b| facts.timeline[b].sources.cmp(&facts.timeline[a].sources));
                order.truncate(ITEMS_PER_PAGE);
                order.sort_unstable();
                view.timeline = order
                    .into_iter()
                    .map(|i| self.event_view(&facts.timeline[i], &page))
                    .collect();
                view.left_out = view.total - view.timeline.len();
                view.chart = super::charts::over_time(
                    "timeline-chart",
                    "Dated events",
                    facts.timeline.iter().map(|event| &event.date),
                );
            }
            AnalysisPage::Entities => {
                view.total = facts.entities.len();
                view.entities = facts
                    .entities
                    .iter()
                    .take(ITEMS_PER_PAGE)
                    .map(|e| self.entity_view(e, &page, None))
                    .collect();
                view.left_out = view.total - view.entities.len();
            }
        }
        let mut book = NoteBook::new(self, "");
        for d in &mut view.discrepancies {
            note_discrepancy(&mut book, d);
        }
        for e in &mut view.timeline {
            note_all(&mut book, &mut e.citations);
        }
        for e in &mut view.entities {
            note_all(&mut book, &mut e.citations);
        }
        view.notes = book.finish();
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::figures::Value;

    #[test]
    fn values_read_as_a_reader_writes_them() {
        let quantity = |amount, max, bound, unit: Option<Unit>| {
            Reading::Quantity(Value {
                amount,
                max,
                bound,
                unit,
            })
        };
        let cases = [
            (
                quantity(
                    10000.0,
                    None,
                    Bound::Over,
                    Some(Unit::Count("troop".into())),
                ),
                "over 10,000 × troop",
            ),
            (
                quantity(20000.0, Some(90000.0), Bound::Range, None),
                "20,000–90,000",
            ),
            (
                quantity(1e10, None, Bound::Exact, Some(Unit::Currency("CNY".into()))),
                "10,000,000,000 CNY (≈ 1.39 billion USD at 2025 rates)",
            ),
            (
                quantity(2e9, None, Bound::Over, Some(Unit::Currency("CNY".into()))),
                "over 2,000,000,000 CNY (≈ 278 million USD at 2025 rates)",
            ),
            (
                quantity(
                    1.4e9,
                    None,
                    Bound::Exact,
                    Some(Unit::Currency("USD".into())),
                ),
                "1,400,000,000 USD",
            ),
            (
                Reading::Date(Date::new(2025, Some(9), Some(3))),
                "3 September 2025",
            ),
            (Reading::Date(Date::new(2024, Some(6), None)), "June 2024"),
            (Reading::Date(Date::new(2019, None, None)), "2019"),
        ];
        for (reading, want) in cases {
            assert_eq!(value_words(&reading), want);
        }
    }

    #[test]
    fn marks_the_figure_and_escapes_the_rest() {
        assert_eq!(
            marked("<b>Over 10,000 troops</b> & more", "10,000 troops"),
            "&lt;b&gt;Over <mark>10,000 troops</mark>&lt;/b&gt; &amp; more"
        );
        assert_eq!(marked("no figure", "absent"), "no figure");
    }
}
