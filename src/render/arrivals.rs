//! "What arrived": the views of the recent builds recorded in the history
//! ([`crate::history`]), for the index (each build: its date, the sources it added or edited,
//! the briefings they added to, with counts) and for a briefing's first page (the passages and
//! claims each build added to it). The feed's build entries use the same summaries.
//!
//! An entry names passages and claims as they were when it was recorded; each is linked where
//! it is now: a passage still in the briefing to its place on the briefing's pages, else to
//! its paragraph on the source page, else (its source gone) shown unlinked; a claim the bottom
//! line shows to itself there, else to the paragraph of its first evidence (a discrepancy to
//! the discrepancies page).

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use super::views::{SiteModel, preview};
use crate::history::{Arrivals, BuildRecord};
use crate::ids::{SourceId, ThemeId};
use crate::urls::{AnalysisPage, Page};

/// The id of the "What arrived" section of the index and of a briefing.
pub const SECTION: &str = "arrived";

/// Most sources the index (and the feed) names for one build; the others are counted, so the
/// first build of a large corpus does not list every source on the index.
pub const SOURCES_LISTED: usize = 10;

/// A recent build, on the index.
#[derive(Serialize)]
pub struct BuildView<'a> {
    /// Its number.
    pub build: u32,
    /// The element id of its entry (`build-<n>`), which the feed links to.
    pub anchor: String,
    /// Its date in words ("7 December 2026").
    pub date: String,
    /// Its date as `YYYY-MM-DD`, for `<time datetime>`.
    pub iso: &'a str,
    /// "2 sources added, 1 edited".
    pub summary: String,
    /// The first [`SOURCES_LISTED`] sources it added or edited.
    pub sources: Vec<ArrivedSource<'a>>,
    /// How many more it added or edited.
    pub more_sources: usize,
    /// The ids of the first [`SOURCES_LISTED`] sources it removed.
    pub removed: Vec<&'a str>,
    /// How many more it removed.
    pub more_removed: usize,
    /// The briefings it added to.
    pub briefings: Vec<ArrivedIn<'a>>,
}

/// A source a build added or edited.
#[derive(Serialize)]
pub struct ArrivedSource<'a> {
    /// Its title now, or its id when it is gone.
    pub title: &'a str,
    /// Link to its page; `None` when it is gone.
    pub href: Option<String>,
    /// `added` or `edited`.
    pub how: &'static str,
}

/// A briefing a build added to, on the index.
#[derive(Serialize)]
pub struct ArrivedIn<'a> {
    /// The briefing's title.
    pub title: &'a str,
    /// Link to the build's entry on the briefing's first page.
    pub href: String,
    /// The theme's colour.
    pub colour: usize,
    /// "+5 passages, +2 claims".
    pub counts: String,
}

/// A recent build that added to a briefing, on its first page.
#[derive(Serialize)]
pub struct BriefingBuildView<'a> {
    /// Its number.
    pub build: u32,
    /// The element id of its entry (`arrived-<n>`).
    pub anchor: String,
    /// Its date in words.
    pub date: String,
    /// Its date as `YYYY-MM-DD`.
    pub iso: &'a str,
    /// Whether its lists show unfolded: the newest build's, unless it is the build the
    /// history starts with, where everything arrived and a list would only repeat the page.
    pub open: bool,
    /// "5 passages and 2 claims from 1 source added".
    pub summary: String,
    /// The passages listed (at most [`crate::history::LISTED`]).
    pub passages: Vec<ArrivedPassage>,
    /// Passages it brought beyond those listed.
    pub more_passages: usize,
    /// The claims and discrepancies listed.
    pub claims: Vec<ArrivedClaim>,
    /// Claims and discrepancies beyond those listed.
    pub more_claims: usize,
}

/// A passage a build added, as a briefing lists it.
#[derive(Serialize)]
pub struct ArrivedPassage {
    /// The source's citation label (its id when it is gone).
    pub label: Arc<str>,
    /// The paragraph's number, `4` or `4.2`.
    pub n: String,
    /// Link to the passage, or to its paragraph; `None` when its source is gone.
    pub href: Option<String>,
    /// The paragraph's first sentence, when it is still there.
    pub preview: Option<String>,
}

/// A claim or discrepancy a build gave evidence to.
#[derive(Serialize)]
pub struct ArrivedClaim {
    /// `claim` or `discrepancy`.
    pub kind: &'static str,
    /// What it says: its value in words and its sentence (a discrepancy: its topic).
    pub text: String,
    /// Where it is.
    pub href: String,
}

/// A `YYYY-MM-DD` date in words; the text itself when it is not one.
fn date_words(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_or_else(|_| iso.to_string(), |d| d.format("%-d %B %Y").to_string())
}

/// `1 passage`, `3 claims`.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// What a build did to the sources: "2 sources added, 1 edited, 1 removed".
pub fn sources_summary(build: &BuildRecord) -> String {
    let mut parts = Vec::new();
    let mut noun = Some("source");
    for (count, what) in [
        (build.added.len(), "added"),
        (build.edited.len(), "edited"),
        (build.removed.len(), "removed"),
    ] {
        if count > 0 {
            // "2 sources added, 1 edited": the noun is said once.
            parts.push(match noun.take() {
                Some(noun) => format!("{} {what}", counted(count, noun)),
                None => format!("{count} {what}"),
            });
        }
    }
    parts.join(", ")
}

/// What a build brought into a briefing, in short: "+5 passages, +2 claims".
pub fn counts(arrivals: &Arrivals) -> String {
    let claims = arrivals.claim_count + arrivals.discrepancy_count;
    let mut parts = Vec::new();
    if arrivals.passage_count > 0 {
        parts.push(format!("+{}", counted(arrivals.passage_count, "passage")));
    }
    if claims > 0 {
        parts.push(format!("+{}", counted(claims, "claim")));
    }
    parts.join(", ")
}

impl<'a> SiteModel<'a> {
    /// The recent builds, newest first, as the index shows them.
    pub(super) fn index_arrivals(&self, page: &Page) -> Vec<BuildView<'a>> {
        self.history
            .newest_first()
            .map(|build| {
                let sources = [(&build.added, "added"), (&build.edited, "edited")]
                    .into_iter()
                    .flat_map(|(marks, how)| marks.iter().map(move |mark| (mark, how)))
                    .take(SOURCES_LISTED)
                    .map(|(mark, how)| {
                        let source = self.source_of(&mark.id);
                        ArrivedSource {
                            title: source.map_or(mark.id.as_str(), |s| s.meta.title.as_str()),
                            href: source.map(|s| page.link_to(&Page::Source(s.id.clone()))),
                            how,
                        }
                    })
                    .collect();
                let briefings = self
                    .corpus
                    .themes
                    .iter()
                    .filter_map(|theme| {
                        let arrivals = build.briefings.get(&theme.id)?;
                        Some(ArrivedIn {
                            title: &theme.title,
                            href: page.link_to_anchor(
                                &Page::briefing(&theme.id),
                                &briefing_anchor(build.build),
                            ),
                            colour: self.colour(&theme.id),
                            counts: counts(arrivals),
                        })
                    })
                    .collect();
                BuildView {
                    build: build.build,
                    anchor: build_anchor(build.build),
                    date: date_words(&build.date),
                    iso: &build.date,
                    summary: sources_summary(build),
                    more_sources: (build.added.len() + build.edited.len())
                        .saturating_sub(SOURCES_LISTED),
                    sources,
                    removed: build
                        .removed
                        .iter()
                        .take(SOURCES_LISTED)
                        .map(SourceId::as_str)
                        .collect(),
                    more_removed: build.removed.len().saturating_sub(SOURCES_LISTED),
                    briefings,
                }
            })
            .collect()
    }

    /// The recent builds that added to a briefing, newest first, with links from `page` (its
    /// first page); `shown` holds the ids of the claims and discrepancies its bottom line shows.
    pub(super) fn briefing_arrivals(
        &self,
        theme: &ThemeId,
        page: &Page,
        shown: &BTreeSet<&str>,
    ) -> Vec<BriefingBuildView<'a>> {
        let newest = self.history.newest_first().next().map(|b| b.build);
        self.history
            .newest_first()
            .filter_map(|build| {
                let arrivals = build.briefings.get(theme)?;
                let passages: Vec<ArrivedPassage> = arrivals
                    .passage_refs()
                    .map(|at| {
                        let source = self.source_of(&at.source);
                        let anchor = source.and_then(|s| s.anchor(&at));
                        let href = match anchor {
                            _ if self.is_passage(theme, &at) => {
                                Some(self.passage_href(page, theme, &at))
                            }
                            Some(anchor) => Some(page.link_to_paragraph(&at.source, anchor)),
                            None => None,
                        };
                        ArrivedPassage {
                            label: match source {
                                Some(_) => self.label(&at.source),
                                None => Arc::from(at.source.as_str()),
                            },
                            n: at.number(),
                            href,
                            preview: source.and_then(|s| s.unit(&at)).map(|(t, _)| preview(t)),
                        }
                    })
                    .collect();
                let claims: Vec<ArrivedClaim> = arrivals
                    .claims
                    .iter()
                    .filter_map(|id| self.arrived_claim(id, page, shown))
                    .chain(
                        arrivals
                            .discrepancies
                            .iter()
                            .filter_map(|id| self.arrived_discrepancy(id, page, shown)),
                    )
                    .collect();
                let claim_count = arrivals.claim_count + arrivals.discrepancy_count;
                let mut summary = counted(arrivals.passage_count, "passage");
                if claim_count > 0 {
                    summary = format!("{summary} and {}", counted(claim_count, "claim"));
                }
                Some(BriefingBuildView {
                    build: build.build,
                    anchor: briefing_anchor(build.build),
                    date: date_words(&build.date),
                    iso: &build.date,
                    open: Some(build.build) == newest && build.build > 1,
                    summary: format!("{summary} from {}", sources_summary(build)),
                    more_passages: arrivals.passage_count.saturating_sub(passages.len()),
                    more_claims: claim_count.saturating_sub(claims.len()),
                    passages,
                    claims,
                })
            })
            .collect()
    }

    /// A claim of the analysis by id, linked from `page`; `None` when it is no more.
    fn arrived_claim(&self, id: &str, page: &Page, shown: &BTreeSet<&str>) -> Option<ArrivedClaim> {
        let claim = self.analysis.facts.claims.iter().find(|c| c.id == id)?;
        let href = if shown.contains(id) {
            format!("#{id}")
        } else {
            let at = &claim.evidence.first()?.at;
            let anchor = self.source_of(&at.source)?.anchor(at)?;
            page.link_to_paragraph(&at.source, anchor)
        };
        let value = super::analysis::value_words(&claim.reading);
        let sentence = preview(&claim.text);
        Some(ArrivedClaim {
            kind: "claim",
            text: if value.is_empty() {
                sentence
            } else {
                format!("{value}: “{sentence}”")
            },
            href,
        })
    }

    /// A discrepancy by id, linked from `page`.
    fn arrived_discrepancy(
        &self,
        id: &str,
        page: &Page,
        shown: &BTreeSet<&str>,
    ) -> Option<ArrivedClaim> {
        let found = self
            .analysis
            .facts
            .discrepancies
            .iter()
            .find(|d| d.id == id)?;
        Some(ArrivedClaim {
            kind: "discrepancy",
            text: preview(&found.topic),
            href: if shown.contains(id) {
                format!("#{id}")
            } else {
                page.link_to_anchor(&Page::Analysis(AnalysisPage::Discrepancies), id)
            },
        })
    }
}

/// The id of a build's entry on the index.
pub fn build_anchor(build: u32) -> String {
    format!("build-{build}")
}

/// The id of a build's entry on a briefing's first page.
pub fn briefing_anchor(build: u32) -> String {
    format!("{SECTION}-{build}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::SourceMark;

    fn build(added: usize, edited: usize, removed: usize) -> BuildRecord {
        let mark = |i: usize| SourceMark {
            id: SourceId::parse(&format!("s{i}")).unwrap(),
            digest: String::new(),
        };
        BuildRecord {
            build: 1,
            date: "2026-12-07".into(),
            added: (0..added).map(mark).collect(),
            edited: (0..edited).map(mark).collect(),
            removed: (0..removed).map(|i| mark(i).id).collect(),
            briefings: Default::default(),
        }
    }

    #[test]
    fn summaries_say_what_a_build_did_in_few_words() {
        let cases = [
            (build(1, 0, 0), "1 source added"),
            (build(2, 1, 0), "2 sources added, 1 edited"),
            (build(0, 1, 3), "1 source edited, 3 removed"),
            (build(0, 0, 2), "2 sources removed"),
        ];
        for (build, summary) in cases {
            assert_eq!(sources_summary(&build), summary);
        }
        let arrivals = |passages, claims, discrepancies| Arrivals {
            passage_count: passages,
            claim_count: claims,
            discrepancy_count: discrepancies,
            ..Arrivals::default()
        };
        let cases = [
            (arrivals(5, 0, 0), "+5 passages"),
            (arrivals(1, 1, 1), "+1 passage, +2 claims"),
            (arrivals(0, 1, 0), "+1 claim"),
        ];
        for (arrivals, text) in cases {
            assert_eq!(counts(&arrivals), text);
        }
        assert_eq!(date_words("2026-12-07"), "7 December 2026");
        assert_eq!(date_words("someday"), "someday");
    }
}
