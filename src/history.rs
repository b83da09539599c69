//! The build history: what each recent build brought in, kept in the site itself
//! (`history.json`), so a reader who comes back sees what is new and the feed can say it.
//!
//! **Where it lives, and why there.** The committed `site/` is what a plain build of a clean
//! clone gives, and a clean clone has no `.briefing-cache/`; so the history cannot live in the
//! cache. It is a file of the output the build writes, and the next build reads it back from
//! the existing output folder before it plans the new site. The file goes through the same
//! staging and swap as every other file ([`crate::output`]): a failed build leaves the previous
//! site, history included, as it was. A build into another folder (`--out`, or the test suite's
//! temp folders) that holds no history yet continues the project's history from its configured
//! output folder ([`previous`]), so it makes the same site as a build in place would; and
//! [`crate::render_site`], which `tests/site.rs` compares with the committed `site/`, reads the
//! committed history the same way.
//!
//! **An input of the pages that show it.** The history is handed to render with the analysis.
//! The index, the feed and `history.json` are made on every build; a briefing's first page
//! carries its "What arrived" view in its page key, so an incremental build remakes it exactly
//! when what it shows of the history changes.
//!
//! **What a build adds.** [`record`] compares the sources with the state the last recorded
//! build left (each source's digest, and a short hash of each paragraph's text): a source new
//! by id is added, one whose digest changed is edited, one that is gone is removed. When none
//! is, nothing is added and the history comes back as it was, so rebuilding unchanged inputs
//! is byte-identical. Otherwise one entry is appended with the build's number, its UTC date
//! ([`build_date`]; `BRIEFING_BUILD_DATE=YYYY-MM-DD` sets it, for reproducible tests) and,
//! per briefing, what arrived there: the passages from paragraphs that are new (every
//! paragraph of an added source; those of an edited source whose text is new), and the claims
//! and discrepancies with evidence in one of those passages. The first build of a project
//! has no state to compare with, so every source counts as added: honest, and it says when the
//! history starts.
//!
//! **Bounded.** Only the newest `recent_builds` entries (`briefing.toml`) are kept, and each
//! lists at most [`LISTED`] passages, claims and discrepancies per briefing with their full
//! counts; the state holds a digest and a few hex digits per paragraph.
//!
//! The entries are recorded once and never recomputed: later builds show what a build brought
//! in as it was then, linking to where each passage or claim is now (or saying it is gone).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analyse::Analysis;
use crate::error::{Diagnostic, Error};
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Corpus, Source};

/// The history's file name in the output folder.
pub const HISTORY_FILE: &str = "history.json";

/// The environment variable that sets the build's date (`YYYY-MM-DD`) instead of the clock.
pub const DATE_VARIABLE: &str = "BRIEFING_BUILD_DATE";

/// Most passages, claims and discrepancies an entry lists per briefing (it counts them all).
pub const LISTED: usize = 10;

/// The version of the file's layout; a file of another version is started afresh.
const FORMAT: u32 = 1;

/// The recent builds that changed a source, and the state the last one left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The layout version ([`FORMAT`]).
    pub format: u32,
    /// The number of the last recorded build (0 before the first); entries may have been
    /// dropped, the count goes on.
    pub last_build: u32,
    /// The newest recorded builds, oldest first.
    pub builds: Vec<BuildRecord>,
    /// Each source as the last recorded build saw it.
    pub sources: BTreeMap<SourceId, SourceState>,
}

/// One build that added, edited or removed a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildRecord {
    /// Its number, from 1.
    pub build: u32,
    /// Its UTC date, `YYYY-MM-DD`.
    pub date: String,
    /// Sources that were new, by id, with their digest.
    pub added: Vec<SourceMark>,
    /// Sources whose text changed.
    pub edited: Vec<SourceMark>,
    /// Sources that were gone.
    pub removed: Vec<SourceId>,
    /// What arrived in each briefing that gained something.
    pub briefings: BTreeMap<ThemeId, Arrivals>,
}

/// A source as a build found it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMark {
    /// Its id.
    pub id: SourceId,
    /// The digest of its file, as 32 hex digits.
    pub digest: String,
}

/// What one build brought into one briefing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// How many passages arrived.
    pub passage_count: usize,
    /// The first [`LISTED`] of them, in briefing order, as `source ¶n`.
    pub passages: Vec<String>,
    /// How many claims gained evidence from a new paragraph.
    pub claim_count: usize,
    /// The first [`LISTED`] of their ids.
    pub claims: Vec<String>,
    /// How many discrepancies gained a position's evidence from a new paragraph.
    pub discrepancy_count: usize,
    /// The first [`LISTED`] of their ids.
    pub discrepancies: Vec<String>,
}

impl Arrivals {
    /// The listed passages as references, skipping any the file garbles.
    pub fn passage_refs(&self) -> impl Iterator<Item = ParagraphRef> + '_ {
        self.passages.iter().filter_map(|text| parse_ref(text))
    }
}

/// A source as the last recorded build saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceState {
    /// The digest of its file, as 32 hex digits.
    pub digest: String,
    /// A short hash of each paragraph's (and list item's) text, space-separated: what tells
    /// the new paragraphs of an edited source from the ones it had.
    pub paragraphs: String,
}

impl SourceState {
    fn of(source: &Source) -> SourceState {
        let hashes: Vec<String> = source
            .units()
            .map(|(_, text)| text_hash(text))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        SourceState {
            digest: source.digest.hex(),
            paragraphs: hashes.join(" "),
        }
    }
}

/// Eight hex digits of a paragraph's text: within one source, two paragraphs that differ
/// share them once in four billion times.
fn text_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).as_bytes()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `source ¶n` (or `¶n.i`): how the file names a paragraph.
fn ref_text(at: &ParagraphRef) -> String {
    format!("{} ¶{}", at.source, at.number())
}

/// A paragraph named as [`ref_text`] writes it.
fn parse_ref(text: &str) -> Option<ParagraphRef> {
    let (source, number) = text.rsplit_once(" ¶")?;
    let source = SourceId::parse(source)?;
    let (n, item) = match number.split_once('.') {
        Some((n, item)) => (n.parse().ok()?, Some(item.parse().ok()?)),
        None => (number.parse().ok()?, None),
    };
    let mut at = ParagraphRef::new(source, n);
    at.item = item;
    Some(at)
}

impl History {
    /// Parses the text of `history.json`. A date that is not `YYYY-MM-DD` is an error: the
    /// feed writes it as a timestamp.
    pub fn parse(text: &str) -> Result<History, serde_json::Error> {
        let history: History = serde_json::from_str(text)?;
        match history.builds.iter().find(|build| !is_date(&build.date)) {
            Some(build) => Err(serde::de::Error::custom(format!(
                "build {} has the date '{}', not YYYY-MM-DD",
                build.build, build.date
            ))),
            None => Ok(history),
        }
    }

    /// Reads `history.json` from an output folder: `None` when there is none, or when it is of
    /// another layout version (the history then starts afresh). A file that is not a history
    /// is a mistake to report, not to overwrite: it may be the only record of past builds.
    pub fn read(folder: &Path) -> Result<Option<History>, Error> {
        let path = folder.join(HISTORY_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(Error::io(&path, err)),
        };
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        if serde_json::from_str::<Version>(&text).is_ok_and(|v| v.format != FORMAT) {
            return Ok(None);
        }
        History::parse(&text).map(Some).map_err(|err| {
            Error::Input(vec![
                Diagnostic::new(&path, format!("not a build history: {err}"))
                    .at(err.line(), err.column())
                    .with_hint("the build writes this file: restore it from version control, or delete it to start the history afresh"),
            ])
        })
    }

    /// The file's bytes: one line per build and per source, so that a change to the history
    /// shows as a few changed lines in version control.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "{{\"format\": {}, \"last_build\": {},\n\"builds\": [",
            self.format, self.last_build
        );
        for (i, build) in self.builds.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&line(build));
        }
        out.push_str("\n],\n\"sources\": {");
        for (i, (id, state)) in self.sources.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&line(&id.as_str()));
            out.push_str(": ");
            out.push_str(&line(state));
        }
        out.push_str("\n}}\n");
        out.into_bytes()
    }

    /// The newest builds first.
    pub fn newest_first(&self) -> impl Iterator<Item = &BuildRecord> {
        self.builds.iter().rev()
    }
}

/// One value as one line of JSON.
fn line(value: &impl Serialize) -> String {
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// The history before this build: the one in `out` (the folder being written), or else the one
/// in the project's configured output folder `configured`, or none.
pub fn previous(out: &Path, configured: &Path) -> Result<Option<History>, Error> {
    match History::read(out)? {
        Some(history) => Ok(Some(history)),
        None if out != configured => History::read(configured),
        None => Ok(None),
    }
}

/// Whether `text` is a date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// The build's date: `BRIEFING_BUILD_DATE` when set, else today in UTC, as `YYYY-MM-DD`.
pub fn build_date() -> Result<String, Error> {
    match std::env::var(DATE_VARIABLE) {
        Ok(text) if is_date(text.trim()) => Ok(text.trim().to_string()),
        Ok(text) => Err({
            Error::Input(vec![
                Diagnostic::new(DATE_VARIABLE, format!("not a date: '{text}'")).with_hint(format!(
                    "set {DATE_VARIABLE} as YYYY-MM-DD, or unset it to use today's date"
                )),
            ])
        }),
        Err(_) => Ok(chrono::Utc::now().format("%Y-%m-%d").to_string()),
    }
}

/// The history after this build: `previous` with an entry for this build if it added, edited
/// or removed a source, keeping the newest `keep` entries.
pub fn record(
    previous: Option<&History>,
    corpus: &Corpus,
    analysis: &Analysis,
    date: &str,
    keep: usize,
) -> History {
    let empty = BTreeMap::new();
    let before = previous.map_or(&empty, |history| &history.sources);
    // A source whose file is unchanged has the paragraphs it had: its state is not made again.
    let now: BTreeMap<SourceId, SourceState> = corpus
        .sources
        .iter()
        .map(|source| {
            let state = match before.get(&source.id) {
                Some(was) if was.digest == source.digest.hex() => was.clone(),
                _ => SourceState::of(source),
            };
            (source.id.clone(), state)
        })
        .collect();
    let mark = |id: &SourceId, state: &SourceState| SourceMark {
        id: id.clone(),
        digest: state.digest.clone(),
    };
    let added: Vec<SourceMark> = now
        .iter()
        .filter(|(id, _)| !before.contains_key(*id))
        .map(|(id, state)| mark(id, state))
        .collect();
    let edited: Vec<SourceMark> = now
        .iter()
        .filter(|(id, state)| {
            before
                .get(*id)
                .is_some_and(|was| was.digest != state.digest)
        })
        .map(|(id, state)| mark(id, state))
        .collect();
    let removed: Vec<SourceId> = before
        .keys()
        .filter(|id| !now.contains_key(*id))
        .cloned()
        .collect();
    let mut history = previous.cloned().unwrap_or_default();
    history.format = FORMAT;
    if !(added.is_empty() && edited.is_empty() && removed.is_empty()) {
        let fresh = new_paragraphs(corpus, before, &added, &edited);
        history.last_build += 1;
        history.builds.push(BuildRecord {
            build: history.last_build,
            date: date.to_string(),
            briefings: arrivals(analysis, &fresh),
            added,
            edited,
            removed,
        });
        history.sources = now;
    }
    let drop = history.builds.len().saturating_sub(keep);
    history.builds.drain(..drop);
    history
}

/// The paragraphs this build brought: every one of an added source, and those of an edited
/// source whose text it did not have.
fn new_paragraphs(
    corpus: &Corpus,
    before: &BTreeMap<SourceId, SourceState>,
    added: &[SourceMark],
    edited: &[SourceMark],
) -> BTreeSet<ParagraphRef> {
    let mut fresh = BTreeSet::new();
    for mark in added.iter().chain(edited) {
        let Some(source) = corpus.source(&mark.id) else {
            continue;
        };
        let had: BTreeSet<&str> = before
            .get(&mark.id)
            .map(|state| state.paragraphs.split(' ').collect())
            .unwrap_or_default();
        fresh.extend(
            source
                .units()
                .filter(|(_, text)| !had.contains(text_hash(text).as_str()))
                .map(|(at, _)| at),
        );
    }
    fresh
}

/// What the new paragraphs brought into each briefing: the passages they are, and the claims
/// and discrepancies with evidence in one of those passages (a claim the new source only
/// repeats counts too: it has one more source now).
fn arrivals(analysis: &Analysis, fresh: &BTreeSet<ParagraphRef>) -> BTreeMap<ThemeId, Arrivals> {
    let mut found: BTreeMap<ThemeId, Arrivals> = BTreeMap::new();
    if fresh.is_empty() {
        return found;
    }
    let listed = |list: &mut Vec<String>, count: &mut usize, item: &str| {
        if list.len() < LISTED {
            list.push(item.to_string());
        }
        *count += 1;
    };
    for briefing in &analysis.briefings {
        let mut entry = Arrivals::default();
        let mut here: BTreeSet<&ParagraphRef> = BTreeSet::new();
        for passage in briefing.passages() {
            if fresh.contains(&passage.paragraph) {
                here.insert(&passage.paragraph);
                let name = ref_text(&passage.paragraph);
                listed(&mut entry.passages, &mut entry.passage_count, &name);
            }
        }
        if here.is_empty() {
            continue;
        }
        let theme = &briefing.theme;
        for claim in &analysis.facts.claims {
            if claim.themes.contains(theme) && claim.evidence.iter().any(|e| here.contains(&e.at)) {
                listed(&mut entry.claims, &mut entry.claim_count, &claim.id);
            }
        }
        for discrepancy in &analysis.facts.discrepancies {
            let mut evidence = discrepancy.positions.iter().flat_map(|p| &p.evidence);
            if discrepancy.themes.contains(theme) && evidence.any(|e| here.contains(&e.at)) {
                listed(
                    &mut entry.discrepancies,
                    &mut entry.discrepancy_count,
                    &discrepancy.id,
                );
            }
        }
        found.insert(theme.clone(), entry);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> SourceId {
        SourceId::parse(text).unwrap()
    }

    /// The minimal fixture, loaded and analysed.
    fn minimal() -> (Corpus, Analysis) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let (project, corpus) = crate::load::load(&root).unwrap();
        let analysis = crate::analyse::analyse(&corpus, &project.config).unwrap();
        (corpus, analysis)
    }

    #[test]
    fn a_build_records_what_changed_since_the_state_it_finds() {
        let (corpus, analysis) = minimal();
        let first = record(None, &corpus, &analysis, "2026-01-01", 5);
        let ids = |marks: &[SourceMark]| -> Vec<String> {
            marks.iter().map(|m| m.id.to_string()).collect()
        };
        assert_eq!(first.last_build, 1);
        assert_eq!(ids(&first.builds[0].added), ["alpha", "beta"]);
        let hardware = ThemeId::parse("hardware").unwrap();
        let all = first.builds[0].briefings[&hardware].passage_count;
        assert!(all >= 2, "{first:?}");

        // How the state before this build differs from the sources, and what the build then
        // records: (added, edited, removed, new passages in the briefing).
        type Change = fn(&mut BTreeMap<SourceId, SourceState>, &Corpus);
        type Ids = &'static [&'static str];
        type Recorded = (Ids, Ids, Ids, Option<usize>);
        let cases: [(&str, Change, Recorded); 4] = [
            ("nothing", |_, _| {}, (&[], &[], &[], None)),
            (
                "beta is new",
                |state, _| {
                    state.remove(&id("beta"));
                },
                (&["beta"], &[], &[], Some(1)),
            ),
            (
                "alpha had other text: its ¶2 only, not its ¶1 on missiles and drones",
                |state, corpus| {
                    let source = corpus.source(&id("alpha")).unwrap();
                    let second = source.unit(&ParagraphRef::new(id("alpha"), 2)).unwrap().0;
                    let alpha = state.get_mut(&id("alpha")).unwrap();
                    alpha.digest = "0".repeat(32);
                    alpha.paragraphs = text_hash(second);
                },
                (&[], &["alpha"], &[], Some(1)),
            ),
            (
                "gamma is gone",
                |state, _| {
                    state.insert(id("gamma"), state[&id("beta")].clone());
                },
                (&[], &[], &["gamma"], Some(0)),
            ),
        ];
        for (case, change, (added, edited, removed, passages)) in cases {
            let mut before = first.clone();
            change(&mut before.sources, &corpus);
            let after = record(Some(&before), &corpus, &analysis, "2026-01-02", 5);
            assert_eq!(
                after.sources, first.sources,
                "{case}: the state is the sources'"
            );
            let Some(passages) = passages else {
                assert_eq!(after, before, "{case}: nothing is recorded");
                continue;
            };
            assert_eq!(after.last_build, 2, "{case}");
            let build = after.builds.last().unwrap();
            assert_eq!(ids(&build.added), added, "{case}");
            assert_eq!(ids(&build.edited), edited, "{case}");
            let gone: Vec<&str> = build.removed.iter().map(SourceId::as_str).collect();
            assert_eq!(gone, removed, "{case}");
            let found = build
                .briefings
                .get(&hardware)
                .map_or(0, |a| a.passage_count);
            assert_eq!(found, passages, "{case}: {build:?}");
        }

        // Only the newest `keep` builds stay; the count goes on.
        let mut before = first.clone();
        before.sources.clear();
        let kept = record(Some(&before), &corpus, &analysis, "2026-01-03", 1);
        assert_eq!(kept.builds.len(), 1);
        assert_eq!((kept.last_build, kept.builds[0].build), (2, 2));
        assert_eq!(record(None, &corpus, &analysis, "2026-01-03", 0).builds, []);
    }

    #[test]
    fn paragraph_names_read_back_as_written() {
        let cases = [
            (ParagraphRef::new(id("xi-speech"), 4), "xi-speech ¶4"),
            (
                ParagraphRef {
                    item: Some(2),
                    ..ParagraphRef::new(id("a"), 7)
                },
                "a ¶7.2",
            ),
        ];
        for (at, text) in cases {
            assert_eq!(ref_text(&at), text);
            assert_eq!(parse_ref(text), Some(at));
        }
        for garbled in ["a", "a ¶x", "Not An Id ¶3", "a ¶3.", ""] {
            assert_eq!(parse_ref(garbled), None, "{garbled}");
        }
    }

    #[test]
    fn the_file_reads_back_as_the_history_it_was() {
        let mut sources = BTreeMap::new();
        sources.insert(
            id("a"),
            SourceState {
                digest: "00ff".into(),
                paragraphs: "0a0b0c0d 01020304".into(),
            },
        );
        let mut briefings = BTreeMap::new();
        briefings.insert(
            ThemeId::parse("diplomacy").unwrap(),
            Arrivals {
                passage_count: 12,
                passages: vec!["a ¶3".into()],
                claim_count: 1,
                claims: vec!["c-1".into()],
                ..Arrivals::default()
            },
        );
        let cases = [
            History::default(),
            History {
                format: FORMAT,
                last_build: 3,
                builds: vec![BuildRecord {
                    build: 3,
                    date: "2026-12-07".into(),
                    added: vec![SourceMark {
                        id: id("a"),
                        digest: "00ff".into(),
                    }],
                    edited: Vec::new(),
                    removed: vec![id("gone")],
                    briefings,
                }],
                sources,
            },
        ];
        for history in cases {
            let text = String::from_utf8(history.to_bytes()).unwrap();
            assert_eq!(History::parse(&text).unwrap(), history, "{text}");
        }
    }

    #[test]
    fn a_damaged_file_is_reported_where_it_breaks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(HISTORY_FILE),
            "{\"format\": 1,\n \"builds\": [}",
        )
        .unwrap();
        match History::read(dir.path()) {
            Err(Error::Input(found)) => {
                assert_eq!(found[0].line, Some(2), "{found:?}");
                assert!(found[0].message.starts_with("not a build history"));
            }
            other => panic!("{other:?}"),
        }
        std::fs::write(dir.path().join(HISTORY_FILE), "{\"format\": 99}").unwrap();
        assert_eq!(History::read(dir.path()).unwrap(), None, "another layout");
    }
}
