//! What the sources say, compared: claims and how many sources report them, discrepancies,
//! the timeline, who's who and quotations.
//!
//! Map, then reduce, like the rest of the analysis. [`extract`] reads one source — its figures
//! and dates as claims ([`super::claims`]), dates relative to its publication day
//! ([`super::relative`]), the gazetteer's entities and other names, and its quotations — and
//! depends on nothing else, so it is cached with the source. [`assemble`] joins every
//! source's findings: claims about one thing from several sources become one [`ClaimSet`]
//! ("reported by 3 of 5 sources"), incompatible values in one set a [`Discrepancy`], dated
//! claims the [`Event`]s of the timeline, mentions the [`EntityMentions`] of who's who, and
//! the same quotation in several sources one [`QuoteSet`].
//!
//! Every item keeps its evidence as `(paragraph, byte range)`: the exact words, which the
//! site and `briefing.json` cite. Nothing is estimated: support is counted, never turned
//! into a probability.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use super::claims::{self, Claim};
use super::copies::Originals;
use super::entities::Gazetteer;
use super::figures::{Date, Reading, Role, Unit, role_of};
use super::frame;
use super::quotes::{self, Quote, Term};
use super::relative::{publication_day, relative_dates, url_day};
use super::{Filing, SourceAnalysis};
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Corpus, Digest, EntityKind, Source};
use chrono::Datelike;

/// What one source states, as found in it alone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceFacts {
    /// Its figures and dates, each with its sentence.
    pub claims: Vec<Claim>,
    /// Its quotations.
    pub quotes: Vec<(ParagraphRef, Quote)>,
    /// Phrases it puts in quotation marks without anyone saying them (labels, coinages).
    pub terms: Vec<(ParagraphRef, Term)>,
    /// The gazetteer's entities (by index) each paragraph or item mentions, sorted.
    pub mentions: Vec<(ParagraphRef, Vec<u32>)>,
    /// Names (runs of capitalised words) the gazetteer does not know, per paragraph.
    pub names: Vec<(ParagraphRef, Vec<String>)>,
}

/// Reads one source's claims, quotations and mentions.
pub fn extract(source: &Source, gazetteer: &Gazetteer) -> SourceFacts {
    // Relative dates are resolved against the publication day, or, failing that, the day the
    // article's address gives; either way they are marked inferred.
    let published = publication_day(source.meta.published.as_deref())
        .or_else(|| url_day(source.meta.url.as_deref()));
    let units: Vec<(ParagraphRef, &str)> = source.units().collect();
    // Quotations are read over the whole source: a speaker may be named a sentence or a
    // paragraph away from the words.
    let found = quotes::in_source(&units);
    let mut facts = SourceFacts {
        quotes: found.quotes,
        terms: found.terms,
        ..SourceFacts::default()
    };
    let mut named = BTreeSet::new();
    for (at, text) in units {
        let mut found = claims::figure_claims(&at, text);
        if let Some(published) = published {
            // A relative date takes the role its words give it, like any other; one in a
            // dateline or a "Published:" line dates the article and is no claim.
            found.extend(
                relative_dates(text, published)
                    .into_iter()
                    .map(|(span, date)| (role_of(text, span.clone()), span, date))
                    .filter(|(role, _, _)| *role != Role::Metadata)
                    .map(|(role, span, date)| {
                        let mut claim = claims::claim(&at, text, span, Reading::Date(date), true);
                        claim.role = role;
                        claim
                    }),
            );
        }
        let mentions = gazetteer.mentions(text, &mut named);
        let ids_in = |sentence: &Range<usize>| {
            let mut ids: Vec<&str> = mentions
                .iter()
                .filter(|m| sentence.start <= m.span.start && m.span.end <= sentence.end)
                .filter_map(|m| gazetteer.id(m.entity))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        for sentence in crate::text::sentences(text) {
            let ids = ids_in(&sentence);
            // A sentence is a report worth comparing when it relates names and says enough
            // about them; a quotation's sentence is what someone said.
            let words = text[sentence.clone()].split_whitespace().count();
            if ids.len() >= MIN_EVENT_NAMES && words >= MIN_EVENT_WORDS {
                let said = facts.quotes.iter().any(|(on, q)| {
                    *on == at
                        && q.speaker.is_some()
                        && sentence.start <= q.span.start
                        && q.span.end <= sentence.end
                });
                found.push(claims::event_claim(&at, text, sentence, &ids, said));
            }
        }
        // Each claim's frame takes what the rest of the paragraph gives: the days its
        // sentence names, the gazetteer's names in it, the source's day.
        let days: Vec<(Range<usize>, i32)> = found
            .iter()
            .filter_map(|claim| match claim.reading {
                Reading::Date(date) => Some((claim.span.clone(), day_number(&date)?)),
                _ => None,
            })
            .collect();
        for claim in &mut found {
            let ids = ids_in(&claim.sentence);
            claim.set_context(
                text,
                &frame::Context {
                    published: published.map(|day| day.num_days_from_ce()),
                    days: &days,
                    entities: &ids,
                },
            );
        }
        facts.claims.extend(found);
        let names: Vec<String> = unknown_names(text, &mentions)
            .into_iter()
            .filter(|name| !gazetteer.knows_part(name) && !is_title_or_demonym(name))
            .collect();
        let mut entities: Vec<u32> = mentions.iter().map(|m| m.entity as u32).collect();
        entities.sort_unstable();
        entities.dedup();
        if !entities.is_empty() {
            facts.mentions.push((at.clone(), entities));
        }
        if !names.is_empty() {
            facts.names.push((at, names));
        }
    }
    facts
}

/// A date known to the day, as a day of the common era.
fn day_number(date: &Date) -> Option<i32> {
    chrono::NaiveDate::from_ymd_opt(date.year, date.month?, date.day?).map(|d| d.num_days_from_ce())
}

/// Shortest sentence taken as a report of an event, in words.
const MIN_EVENT_WORDS: usize = 6;

/// Fewest different names of the gazetteer a sentence needs to be taken as a report: one
/// name alone ("China", "the parade") is the corpus's topic, not a report about it; two make
/// a relation ("Kim travelled to Beijing", "hypersonic missiles at the parade").
const MIN_EVENT_NAMES: usize = 2;

/// Words that begin sentences or are capitalised for other reasons than being a name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "As",
    "For",
    "While",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "Our",
    "If",
    "When",
    "After",
    "Before",
    "Since",
    "With",
    "By",
    "From",
    "To",
    "Of",
    "Under",
    "Over",
    "Yet",
    "Still",
    "Both",
    "Some",
    "Many",
    "Most",
    "Such",
    "Unlike",
    "Once",
    "Far",
    "Now",
    "Then",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Whether a capitalised run is a title ("Russian President") or a people's adjective ("North
/// Korean"), which name no one in particular.
fn is_title_or_demonym(name: &str) -> bool {
    const TITLES: &[&str] = &[
        "President",
        "Minister",
        "Secretary",
        "Leader",
        "Chairman",
        "Premier",
        "Ambassador",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "General",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Governor",
        "Mayor",
        "Senator",
        "Director",
        "Chief",
        "Envoy",
        "Officials",
        "Foreign",
        "Defense",
        "Defence",
        "Affairs",
        "Ministry",
        "Army",
        "Navy",
    ];
    let last = name.rsplit(' ').next().unwrap_or(name);
    TITLES.contains(&last)
        || (!name.contains(" of ")
            && ["an", "ese", "ish", "ian", "ic"]
                .iter()
                .any(|end| last.ends_with(end)))
}

/// Words that may stand inside a name ("Bank of China").
const NAME_JOINERS: &[&str] = &["of", "the", "and", "for", "de", "von", "al"];

/// Runs of two or more capitalised words that no gazetteer mention covers: names the
/// gazetteer lacks ("Tiananmen Gate", "Global Governance Initiative").
fn unknown_names(text: &str, mentions: &[super::entities::Mention]) -> Vec<String> {
    let covered = |at: usize| mentions.iter().any(|m| m.span.contains(&at));
    let mut names = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut flush = |run: &mut Vec<(usize, usize)>| {
        while run
            .last()
            .is_some_and(|&(s, e)| NAME_JOINERS.contains(&&text[s..e]))
        {
            run.pop();
        }
        while run
            .first()
            .is_some_and(|&(s, e)| NOT_NAMES.contains(&&text[s..e]))
        {
            run.remove(0);
        }
        let capitalised = run
            .iter()
            .filter(|&&(s, _)| text[s..].starts_with(char::is_uppercase))
            .count();
        if capitalised >= 2 {
            let (start, end) = (run[0].0, run[run.len() - 1].1);
            names.push(text[start..end].to_string());
        }
        run.clear();
    };
    let mut previous_end = 0;
    for (start, word) in crate::text::words(text)
        .iter()
        .map(|word| (word.span.start, word.text))
    {
        let end = start + word.len();
        let gap = &text[previous_end..start];
        let joined = run.is_empty() || gap.chars().all(|c| c == ' ');
        let capital = word.starts_with(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && !covered(start);
        let joiner = !run.is_empty() && NAME_JOINERS.contains(&word);
        if joined && (capital || joiner) {
            run.push((start, end));
        } else {
            flush(&mut run);
            if capital {
                run.push((start, end));
            }
        }
        previous_end = end;
    }
    flush(&mut run);
    names.sort();
    names.dedup();
    names
}

/// The exact words of a source that state something: a paragraph (or item) and a byte range
/// of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The paragraph or list item.
    pub at: ParagraphRef,
    /// The words' byte range in its text.
    pub span: Range<usize>,
    /// A hash of the sentence's words: evidence in the same words (wire copy) has the same.
    pub wording: u64,
}

/// What kind of thing a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    /// A count, an amount of money, a percentage, a duration or a distance.
    Quantity,
    /// A date.
    Date,
    /// A named event or state of affairs, without a figure.
    Event,
    /// What someone said.
    Statement,
}

impl ClaimKind {
    /// The name `briefing.json` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Date => "date",
            ClaimKind::Event => "event",
            ClaimKind::Statement => "statement",
        }
    }
}

/// Claims from one or more sources about one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSet {
    /// Stable id (`c-` and a hash of the first claim's sentence and value).
    pub id: String,
    /// Quantity or date.
    pub kind: ClaimKind,
    /// The value, as the first source gives it.
    pub reading: Reading,
    /// The first source's sentence.
    pub text: String,
    /// Every claim's words, in corpus order.
    pub evidence: Vec<Evidence>,
    /// How many sources report it (a copy, `copy_of` another source, counts with it).
    pub sources: usize,
    /// How many publishers report it (sources from one publisher count once; a source with no
    /// publisher counts on its own; a copy counts as its original's publisher).
    pub independent: usize,
    /// The discrepancy its values make, if two of them cannot both hold.
    pub disputed: Option<String>,
    /// Figures of other claims that cannot hold with this one and may be about the same thing
    /// (at most [`DIFFERING_LISTED`], in corpus order): each claim's first words.
    pub differing: Vec<Evidence>,
    /// The themes its paragraphs are filed under, in theme order.
    pub themes: Vec<ThemeId>,
}

/// Most figures listed as possibly contradicting a claim.
pub const DIFFERING_LISTED: usize = 3;

/// One side of a discrepancy: a value and the sources that give it.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// The value.
    pub reading: Reading,
    /// The first source's words for it.
    pub words: String,
    /// Every claim that gives it.
    pub evidence: Vec<Evidence>,
    /// How many sources give it.
    pub sources: usize,
}

/// Sources that give values for one thing which cannot all hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrepancy {
    /// Stable id (`d-` and the claim set's hash).
    pub id: String,
    /// The claim set it comes from.
    pub claim: String,
    /// Whether the values cannot all hold, or differ only in how exactly they are given.
    pub severity: Severity,
    /// What the figures are about ("number of troops"), with the first source's sentence.
    pub topic: String,
    /// The first source's sentence.
    pub context: String,
    /// The positions, smallest value first.
    pub positions: Vec<Position>,
    /// The themes, in theme order.
    pub themes: Vec<ThemeId>,
}

/// How far the positions of a discrepancy are apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The values cannot all hold ("over 15,000 troops" and "thousands of troops").
    Contradiction,
    /// The values can all hold and differ in how exactly they are given ("2024" and "June
    /// 2024", "over 10,000" and "tens of thousands").
    Precision,
}

impl Severity {
    /// The name `briefing.json` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Contradiction => "contradiction",
            Severity::Precision => "precision",
        }
    }
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The date, as precisely as any of its sources gives it.
    pub date: Date,
    /// Whether every source's date was inferred from the article's own date.
    pub inferred: bool,
    /// The first sentence that dates it (a stated date, never a "since" grouped with it).
    pub text: String,
    /// Every date's words.
    pub evidence: Vec<Evidence>,
    /// How many sources date it.
    pub sources: usize,
    /// The claim set it comes from.
    pub claim: String,
    /// The themes, in theme order.
    pub themes: Vec<ThemeId>,
}

/// Who or what an entity of who's who is.
#[derive(Debug, Clone, PartialEq)]
pub enum Named {
    /// The gazetteer's entity with this index.
    Known(usize),
    /// A name the gazetteer lacks, found in two or more sources.
    Found(String),
}

/// One entity and where it is mentioned.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMentions {
    /// Stable id: the gazetteer's, or `name-` and a slug of a found name.
    pub id: String,
    /// The entity.
    pub named: Named,
    /// The paragraphs and items that mention it, in corpus order, each once however often
    /// it names the entity.
    pub mentions: Vec<ParagraphRef>,
    /// How many sources mention it, a copy counting with its original.
    pub sources: usize,
    /// The themes of the paragraphs that mention it, in theme order.
    pub themes: Vec<ThemeMentions>,
}

/// How much of one theme mentions an entity: a briefing says "3 paragraphs in 2 sources" of
/// its own paragraphs, not of the whole corpus's sources.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeMentions {
    /// The theme.
    pub theme: ThemeId,
    /// How many of its paragraphs mention the entity.
    pub paragraphs: usize,
    /// How many sources those paragraphs come from, a copy counting with its original.
    pub sources: usize,
}

/// A quotation and every source that carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSet {
    /// The speaker the sources name, in its fullest form ("Xi Jinping" where one source
    /// writes "Xi"), or `None` when none names one or two name different speakers.
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Where each source has it.
    pub evidence: Vec<Evidence>,
    /// How many sources carry it.
    pub sources: usize,
    /// The themes, in theme order.
    pub themes: Vec<ThemeId>,
}

/// Everything compared across sources.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// Claim sets, most sources first (then in corpus order).
    pub claims: Vec<ClaimSet>,
    /// Discrepancies: contradictions first, then differences of precision; most sources
    /// first within each.
    pub discrepancies: Vec<Discrepancy>,
    /// Events, by date (a year before the months of that year), then most sources first.
    pub timeline: Vec<Event>,
    /// Entities mentioned, most sources first, then by name.
    pub entities: Vec<EntityMentions>,
    /// Quotations, most sources first, then in corpus order.
    pub quotes: Vec<QuoteSet>,
}

/// The text of a paragraph or item.
fn text_of<'c>(corpus: &'c Corpus, at: &ParagraphRef) -> &'c str {
    corpus
        .source(&at.source)
        .and_then(|source| source.unit(at))
        .map_or("", |(text, _)| text)
}

/// A claim set made from one group, with the discrepancy and the timeline event it makes.
type Made = (ClaimSet, Option<Discrepancy>, Option<Event>);

/// Joins every source's findings (see the module's documentation). `sources` holds every
/// source's analysis; the corpus gives the texts, the publishers and the gazetteer.
pub fn assemble(corpus: &Corpus, sources: &BTreeMap<SourceId, SourceAnalysis>) -> Facts {
    let theme_order: FxHashMap<&ThemeId, usize> = corpus
        .themes
        .iter()
        .enumerate()
        .map(|(i, theme)| (&theme.id, i))
        .collect();
    let themes_of = |paragraphs: &mut dyn Iterator<Item = &ParagraphRef>| -> Vec<ThemeId> {
        let mut found: BTreeMap<usize, ThemeId> = BTreeMap::new();
        for at in paragraphs {
            if let Some(filings) = sources.get(&at.source).and_then(|s| s.filings.get(at)) {
                for filing in filings {
                    if let Some(&order) = theme_order.get(&filing.theme) {
                        found.insert(order, filing.theme.clone());
                    }
                }
            }
        }
        found.into_values().collect()
    };
    // A copy counts with its original: one source, one publisher.
    let originals = Originals::of(corpus);
    let count_sources =
        |evidence: &[Evidence]| originals.count(evidence.iter().map(|e| &e.at.source));
    let count_publishers = |evidence: &[Evidence]| {
        evidence
            .iter()
            .map(|e| originals.publisher(&e.at.source))
            .collect::<FxHashSet<_>>()
            .len()
    };
    // A claim's themes, from its paragraph's filings, as positions in the theme order.
    let theme_set = |filings: &mut dyn Iterator<Item = &[Filing]>| -> Vec<ThemeId> {
        let mut found: BTreeMap<usize, &ThemeId> = BTreeMap::new();
        for filing in filings.flatten() {
            if let Some(&order) = theme_order.get(&filing.theme) {
                found.insert(order, &filing.theme);
            }
        }
        found.into_values().cloned().collect()
    };
    let sentence_of = |claim: &Claim| {
        text_of(corpus, &claim.at)
            .get(claim.sentence.clone())
            .unwrap_or("")
            .to_string()
    };

    // Claims, in corpus order (sources are sorted by id), each with its evidence and its
    // paragraph's filings, looked up here once, with the source at hand.
    let mut all: Vec<&Claim> = Vec::new();
    let mut evidence_at: Vec<Evidence> = Vec::new();
    let mut filings_at: Vec<&[Filing]> = Vec::new();
    for source in &corpus.sources {
        let Some(analysis) = sources.get(&source.id) else {
            continue;
        };
        for claim in &analysis.facts.claims {
            let span = match claim.reading {
                // A report without a figure is cited by its sentence's opening words.
                Reading::Event | Reading::Statement => opening(
                    source.unit(&claim.at).map_or("", |(text, _)| text),
                    claim.span.clone(),
                ),
                _ => claim.span.clone(),
            };
            all.push(claim);
            evidence_at.push(Evidence {
                at: claim.at.clone(),
                span,
                wording: claim.statement,
            });
            filings_at.push(analysis.filings.get(&claim.at).map_or(&[], Vec::as_slice));
        }
    }
    // Claims, and who's who and quotes beside them: they share nothing but the corpus.
    let claims_part = || {
        let groups = claims::group(&all);
        // One verdict per sentence: a sentence that a claim of two or more sources cites is
        // shown with that claim's support, never also as a single-source claim of another of
        // its figures (the figure stays marked in the sentence). Such single-source groups are
        // folded into the stronger claim here.
        let group_sources: Vec<usize> = groups
            .par_iter()
            .map(|group| originals.count(group.claims.iter().map(|&c| &all[c].at.source)))
            .collect();
        let mut strongest: FxHashMap<(&ParagraphRef, usize), usize> = FxHashMap::default();
        for (group, &count) in groups.iter().zip(&group_sources) {
            for &c in &group.claims {
                let key = (&all[c].at, all[c].sentence.start);
                let best = strongest.entry(key).or_insert(0);
                *best = (*best).max(count);
            }
        }
        // Dates stay: the timeline dates the sentence's event from them.
        let folded = |g: usize| {
            group_sources[g] < 2
                && matches!(all[groups[g].claims[0]].reading, Reading::Quantity(_))
                && groups[g].claims.iter().any(|&c| {
                    strongest
                        .get(&(&all[c].at, all[c].sentence.start))
                        .is_some_and(|&best| best >= 2)
                })
        };
        // Each group is made on its own, in parallel (wire copy makes groups of thousands);
        // only the ids, which must differ, are settled afterwards in corpus order.
        let made: Vec<Made> = groups
            .par_iter()
            .enumerate()
            .filter_map(|(g, group)| {
                if folded(g) {
                    return None;
                }
                let members: Vec<&Claim> = group.claims.iter().map(|&c| all[c]).collect();
                let member_evidence: Vec<&Evidence> =
                    group.claims.iter().map(|&c| &evidence_at[c]).collect();
                let first = members[0];
                let said = matches!(first.reading, Reading::Event | Reading::Statement);
                let source_count = originals.count(members.iter().map(|c| &c.at.source));
                if said && source_count < 2 {
                    // A sentence only one source has is not a claim worth listing: it is the source.
                    return None;
                }
                let text = sentence_of(first);
                let id = format!(
                    "c-{}",
                    &Digest::of(format!("{text}\u{0}{:?}", first.reading).as_bytes()).hex()[..12]
                );
                let evidence: Vec<Evidence> =
                    member_evidence.iter().map(|e| (*e).clone()).collect();
                let mut discrepancy = None;
                let mut event = None;
                let themes = theme_set(&mut group.claims.iter().map(|&c| filings_at[c]));
                let kind = match first.reading {
                    Reading::Quantity(_) => ClaimKind::Quantity,
                    Reading::Date(_) => ClaimKind::Date,
                    Reading::Event => ClaimKind::Event,
                    Reading::Statement => ClaimKind::Statement,
                };
                let disputed = group.disputed.then(|| format!("d-{}", &id[2..]));
                if !said {
                    let positions = positions(&members, &member_evidence, corpus, &count_sources);
                    // Two sources give the figure differently when two of its values come from
                    // different sources; whether those values can both hold sets the severity.
                    let differ = positions.iter().enumerate().any(|(i, p)| {
                        positions[i + 1..].iter().any(|q| {
                            p.evidence
                                .iter()
                                .any(|e| q.evidence.iter().any(|f| f.at.source != e.at.source))
                        })
                    });
                    // Values that can all hold and differ only in how exactly they are given
                    // ("2024", "June 2024") are no disagreement: the claim cites both wordings.
                    if differ && group.disputed {
                        discrepancy = Some(Discrepancy {
                            id: format!("d-{}", &id[2..]),
                            claim: id.clone(),
                            severity: if group.disputed {
                                Severity::Contradiction
                            } else {
                                Severity::Precision
                            },
                            topic: topic_of(&first.reading),
                            context: text.clone(),
                            positions,
                            themes: themes.clone(),
                        });
                    }
                }
                // Only a date stated as when something happened is an event: "since 2019",
                // "1937-1945" or "the largest since 1999" date nothing (see `Role`).
                let dated: Vec<(&Claim, &Evidence)> = members
                    .iter()
                    .zip(&member_evidence)
                    // Nor is a forecast ("expected in 2026"), a question or a comparison.
                    .filter(|(c, _)| c.role.is_event() && !c.frame.forecast && !c.frame.hedged)
                    .map(|(c, e)| (*c, *e))
                    .collect();
                if matches!(first.reading, Reading::Date(_)) && !dated.is_empty() {
                    let date = dated
                        .iter()
                        .filter_map(|(c, _)| match c.reading {
                            Reading::Date(date) => Some(date),
                            _ => None,
                        })
                        .max_by_key(|date| date.precision())
                        .unwrap_or(Date::new(0, None, None));
                    event = Some(Event {
                        date,
                        inferred: dated.iter().all(|(c, _)| c.inferred),
                        // The sentence that dates it, not a "since 2019" grouped with it.
                        text: sentence_of(dated[0].0),
                        evidence: dated.iter().map(|(_, e)| (*e).clone()).collect(),
                        sources: originals.count(dated.iter().map(|(c, _)| &c.at.source)),
                        claim: id.clone(),
                        themes: themes.clone(),
                    });
                }
                let differing = group
                    .differing
                    .iter()
                    .take(DIFFERING_LISTED)
                    .map(|&other| evidence_at[groups[other].claims[0]].clone())
                    .collect();
                let set = ClaimSet {
                    id,
                    kind,
                    reading: first.reading.clone(),
                    text,
                    sources: source_count,
                    independent: count_publishers(&evidence),
                    evidence,
                    disputed,
                    differing,
                    themes,
                };
                Some((set, discrepancy, event))
            })
            .collect();
        let mut sets = Vec::with_capacity(made.len());
        let mut discrepancies = Vec::new();
        let mut timeline = Vec::new();
        let mut ids: FxHashSet<String> = FxHashSet::default();
        for (mut set, mut discrepancy, mut event) in made {
            // Two groups whose first sentences are alike get the same hash: the later one
            // takes an `x` until its id is its own.
            let mut id = set.id.clone();
            while !ids.insert(id.clone()) {
                id.push('x');
            }
            if id != set.id {
                if set.disputed.is_some() {
                    set.disputed = Some(format!("d-{}", &id[2..]));
                }
                if let Some(discrepancy) = &mut discrepancy {
                    discrepancy.id = format!("d-{}", &id[2..]);
                    discrepancy.claim = id.clone();
                }
                if let Some(event) = &mut event {
                    event.claim = id.clone();
                }
                set.id = id;
            }
            sets.push(set);
            discrepancies.extend(discrepancy);
            timeline.extend(event);
        }
        figures_in_reports(corpus, &mut sets);
        // Stable sorts keep corpus order among equals.
        sets.sort_by_key(|s| std::cmp::Reverse(s.sources));
        discrepancies.sort_by(|a, b| {
            let total = |d: &Discrepancy| d.positions.iter().map(|p| p.sources).sum::<usize>();
            a.severity.cmp(&b.severity).then(total(b).cmp(&total(a)))
        });
        timeline.sort_by(|a, b| {
            let key = |e: &Event| {
                (
                    e.date.year,
                    e.date.month.unwrap_or(0),
                    e.date.day.unwrap_or(0),
                )
            };
            key(a).cmp(&key(b)).then(b.sources.cmp(&a.sources))
        });
        (sets, discrepancies, timeline)
    };
    let ((sets, discrepancies, timeline), (entities, quotes)) = rayon::join(claims_part, || {
        rayon::join(
            || entities(corpus, sources, &theme_order, &originals),
            || quote_sets(corpus, sources, &count_sources, &themes_of),
        )
    });

    Facts {
        claims: sets,
        discrepancies,
        timeline,
        entities,
        quotes,
    }
}

/// One verdict per sentence: a claim whose sentence holds a disputed figure, or a figure that
/// may differ from another source's, takes that on — a report stating "thousands of troops"
/// and "over 15,000 troops" in two sources' words, or another figure of the same sentence,
/// would otherwise read "none contradicts it" beside the discrepancy its own sentence makes.
fn figures_in_reports(corpus: &Corpus, sets: &mut [ClaimSet]) {
    // Per paragraph, the figures of claim sets: their set, their words, the set's
    // discrepancy, and the figures that may differ from them.
    type Known = (usize, Range<usize>, Option<String>, Vec<Evidence>);
    let mut known: FxHashMap<&ParagraphRef, Vec<Known>> = FxHashMap::default();
    for (at, set) in sets.iter().enumerate() {
        if matches!(set.kind, ClaimKind::Event | ClaimKind::Statement)
            || (set.disputed.is_none() && set.differing.is_empty())
        {
            continue;
        }
        for evidence in &set.evidence {
            known.entry(&evidence.at).or_default().push((
                at,
                evidence.span.clone(),
                set.disputed.clone(),
                set.differing.clone(),
            ));
        }
    }
    if known.is_empty() {
        return;
    }
    let mut updates: Vec<(usize, Option<String>, Vec<Evidence>)> = Vec::new();
    for (at, set) in sets.iter().enumerate() {
        let mut disputed = set.disputed.clone();
        let mut differing: Vec<Evidence> = set.differing.clone();
        for evidence in &set.evidence {
            let Some(figures) = known.get(&evidence.at) else {
                continue;
            };
            let text = text_of(corpus, &evidence.at);
            let Some(sentence) = crate::text::sentences(text)
                .into_iter()
                .find(|s| s.start <= evidence.span.start && evidence.span.end <= s.end)
            else {
                continue;
            };
            for (set_at, span, their_dispute, their_differing) in figures {
                if *set_at != at && sentence.start <= span.start && span.end <= sentence.end {
                    disputed = disputed.or_else(|| their_dispute.clone());
                    for other in their_differing {
                        if differing.len() < DIFFERING_LISTED && !differing.contains(other) {
                            differing.push(other.clone());
                        }
                    }
                }
            }
        }
        if disputed != set.disputed || differing != set.differing {
            updates.push((at, disputed, differing));
        }
    }
    for (at, disputed, differing) in updates {
        sets[at].disputed = disputed;
        sets[at].differing = differing;
    }
}

/// Most bytes of a sentence cited for a report without a figure.
const OPENING: usize = 80;

/// The opening words of the sentence at `span` of `text`: at most [`OPENING`] bytes, ending at
/// a word's end.
fn opening(text: &str, span: Range<usize>) -> Range<usize> {
    if span.len() <= OPENING || text.get(span.clone()).is_none() {
        return span;
    }
    let mut end = span.start + OPENING;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[span.start..end]
        .rfind(char::is_whitespace)
        .map_or(end, |i| span.start + i);
    span.start
        ..text[span.start..cut]
            .trim_end_matches([',', ';', ':'])
            .len()
            + span.start
}

/// What a discrepancy is about, from what its figures count.
fn topic_of(reading: &Reading) -> String {
    match reading {
        Reading::Quantity(value) => match &value.unit {
            Some(Unit::Count(noun)) => format!("number of {}", plural(noun)),
            Some(Unit::Currency(_)) => "amount of money".to_string(),
            Some(Unit::Percent) => "percentage".to_string(),
            Some(Unit::Anniversary) => "anniversary".to_string(),
            Some(Unit::Duration(unit)) => format!("number of {}", plural(unit)),
            Some(Unit::Speed(_)) => "speed".to_string(),
            None => "figure".to_string(),
        },
        Reading::Date(_) => "date".to_string(),
        Reading::Event | Reading::Statement => "what happened".to_string(),
    }
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun.ends_with("men") || noun == "military" || noun == "personnel" {
        noun.to_string()
    } else if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o']))
    {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

/// The claims of a disputed set, gathered by value: claims whose values are the same are one
/// position. Smallest value first.
fn positions(
    members: &[&Claim],
    evidence: &[&Evidence],
    corpus: &Corpus,
    count_sources: &dyn Fn(&[Evidence]) -> usize,
) -> Vec<Position> {
    let mut positions: Vec<(Reading, String, Vec<Evidence>)> = Vec::new();
    for (claim, evidence) in members.iter().zip(evidence) {
        // "26 foreign leaders" and "twenty-six heads of state" are one position.
        match positions
            .iter_mut()
            .find(|(r, _, _)| claims::same_value(r, &claim.reading))
        {
            Some(position) => position.2.push((*evidence).clone()),
            None => positions.push((
                claim.reading.clone(),
                text_of(corpus, &claim.at)
                    .get(claim.span.clone())
                    .unwrap_or("")
                    .to_string(),
                vec![(*evidence).clone()],
            )),
        }
    }
    let low = |reading: &Reading| match reading {
        Reading::Quantity(value) => value.amount,
        Reading::Date(date) => f64::from(date.year),
        Reading::Event | Reading::Statement => 0.0,
    };
    positions.sort_by(|a, b| low(&a.0).total_cmp(&low(&b.0)));
    positions
        .into_iter()
        .map(|(reading, words, evidence)| Position {
            sources: count_sources(&evidence),
            reading,
            words,
            evidence,
        })
        .collect()
}

/// Who's who: every gazetteer entity mentioned, and names the gazetteer lacks that two or more
/// sources use.
fn entities<'c>(
    corpus: &'c Corpus,
    sources: &BTreeMap<SourceId, SourceAnalysis>,
    theme_order: &FxHashMap<&ThemeId, usize>,
    originals: &Originals<'c>,
) -> Vec<EntityMentions> {
    /// Paragraphs that mention an entity, and for each theme how many of them it has and
    /// the originals of their sources.
    type Found<'c> = (
        Vec<ParagraphRef>,
        BTreeMap<usize, (usize, FxHashSet<&'c SourceId>)>,
    );
    let mut known: BTreeMap<usize, Found<'c>> = BTreeMap::new();
    let mut found: BTreeMap<String, Found<'c>> = BTreeMap::new();
    for source in &corpus.sources {
        let Some(analysis) = sources.get(&source.id) else {
            continue;
        };
        // A paragraph's themes, looked up with its source at hand.
        let themes = |at: &ParagraphRef| -> Vec<usize> {
            analysis.filings.get(at).map_or(Vec::new(), |filings| {
                filings
                    .iter()
                    .filter_map(|f| theme_order.get(&f.theme).copied())
                    .collect()
            })
        };
        let original = originals.original(&source.id);
        let add = |entry: &mut Found<'c>, at: &ParagraphRef, themes: &[usize]| {
            entry.0.push(at.clone());
            for &theme in themes {
                let (paragraphs, sources) = entry.1.entry(theme).or_default();
                *paragraphs += 1;
                sources.insert(original);
            }
        };
        for (at, entities) in &analysis.facts.mentions {
            let filed = themes(at);
            for &entity in entities {
                add(known.entry(entity as usize).or_default(), at, &filed);
            }
        }
        for (at, names) in &analysis.facts.names {
            let filed = themes(at);
            for name in names {
                add(found.entry(name.clone()).or_default(), at, &filed);
            }
        }
    }
    let known_ids: BTreeSet<&str> = corpus.entities.iter().map(|e| e.id.as_str()).collect();
    let themes_count =
        |counts: BTreeMap<usize, (usize, FxHashSet<&SourceId>)>| -> Vec<ThemeMentions> {
            counts
                .into_iter()
                .filter_map(|(theme, (paragraphs, sources))| {
                    Some(ThemeMentions {
                        theme: corpus.themes.get(theme)?.id.clone(),
                        paragraphs,
                        sources: sources.len(),
                    })
                })
                .collect()
        };
    let sources_of =
        |mentions: &[ParagraphRef]| originals.count(mentions.iter().map(|at| &at.source));
    let mut all: Vec<EntityMentions> = known
        .into_iter()
        .filter_map(|(index, (mentions, counts))| {
            let entity = corpus.entities.get(index)?;
            Some(EntityMentions {
                id: entity.id.clone(),
                named: Named::Known(index),
                sources: sources_of(&mentions),
                themes: themes_count(counts),
                mentions,
            })
        })
        .collect();
    all.extend(found.into_iter().filter_map(|(name, (mentions, counts))| {
        let sources = sources_of(&mentions);
        let id = format!("name-{}", crate::text::slug::slug(&name));
        (sources >= 2 && !known_ids.contains(id.as_str())).then(|| EntityMentions {
            id,
            named: Named::Found(name),
            sources,
            themes: themes_count(counts),
            mentions,
        })
    }));
    let name = |e: &EntityMentions| match &e.named {
        Named::Known(index) => corpus.entities[*index].name.to_lowercase(),
        Named::Found(name) => name.to_lowercase(),
    };
    all.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then_with(|| name(a).cmp(&name(b)))
    });
    all
}

/// The kind of an entity of who's who, as `briefing.json` names it.
pub fn kind_name(corpus: &Corpus, named: &Named) -> &'static str {
    match named {
        Named::Known(index) => match corpus.entities.get(*index).map(|e| e.kind) {
            Some(EntityKind::Person) => "person",
            Some(EntityKind::Country) => "country",
            Some(EntityKind::Organisation) => "organisation",
            Some(EntityKind::Initiative) => "initiative",
            Some(EntityKind::Weapon) => "weapon",
            Some(EntityKind::Event) => "event",
            Some(EntityKind::Place) => "place",
            None => "name",
        },
        Named::Found(_) => "name",
    }
}

/// The same quotation in several sources is one, with every source's citation, and one
/// speaker for all of them (see [`quotes::one_speaker`]), so that every page, the search and
/// `briefing.json` show the same.
fn quote_sets(
    corpus: &Corpus,
    sources: &BTreeMap<SourceId, SourceAnalysis>,
    count_sources: &dyn Fn(&[Evidence]) -> usize,
    themes_of: &dyn Fn(&mut dyn Iterator<Item = &ParagraphRef>) -> Vec<ThemeId>,
) -> Vec<QuoteSet> {
    /// A set being gathered: each source's speaker, the words, the evidence.
    type Gathered<'a> = (Vec<&'a str>, String, Vec<Evidence>);
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut sets: Vec<Gathered> = Vec::new();
    for source in &corpus.sources {
        let Some(analysis) = sources.get(&source.id) else {
            continue;
        };
        for (at, quote) in &analysis.facts.quotes {
            let key: String = quote
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            let evidence = Evidence {
                at: at.clone(),
                span: quote.span.clone(),
                // One quotation: one set of words.
                wording: 0,
            };
            let set = *by_text.entry(key).or_insert_with(|| {
                sets.push((Vec::new(), quote.text.clone(), Vec::new()));
                sets.len() - 1
            });
            let set = &mut sets[set];
            set.0.extend(quote.speaker.as_deref());
            set.2.push(evidence);
        }
    }
    let mut sets: Vec<QuoteSet> = sets
        .into_iter()
        .map(|(speakers, text, evidence)| QuoteSet {
            speaker: quotes::one_speaker(&speakers).map(str::to_string),
            text,
            sources: count_sources(&evidence),
            themes: themes_of(&mut evidence.iter().map(|e| &e.at)),
            evidence,
        })
        .collect();
    sets.sort_by_key(|s| std::cmp::Reverse(s.sources));
    sets
}

/// Support in words, from counted sources and whether any contradicts: never a probability.
pub fn support_words(
    sources: usize,
    independent: usize,
    disputed: bool,
    differing: bool,
) -> String {
    let base = match sources {
        0 | 1 => "Single source".to_string(),
        n if independent == 1 => format!("Reported by {n} sources (1 independent publisher)"),
        n if independent < n => {
            format!("Reported by {n} sources ({independent} independent publishers)")
        }
        n => format!("Reported by {n} sources"),
    };
    if disputed {
        format!("{base}; other sources give a different figure")
    } else if differing {
        format!("{base}; a figure elsewhere may contradict it")
    } else if sources >= 2 {
        format!("{base}; none contradicts it")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_the_gazetteer_lacks() {
        let text = "The Global Governance Initiative was announced at Tiananmen Gate. In Beijing, Xi spoke.";
        assert_eq!(
            unknown_names(text, &[]),
            vec![
                "Global Governance Initiative".to_string(),
                "Tiananmen Gate".to_string()
            ]
        );
        assert!(unknown_names("On Wednesday the Parade began.", &[]).is_empty());
        assert_eq!(
            unknown_names("the Bank of China said", &[]),
            vec!["Bank of China".to_string()]
        );
    }

    #[test]
    fn support_is_counted_in_words() {
        let cases = [
            ((1, 1, false), "Single source"),
            ((3, 3, false), "Reported by 3 sources; none contradicts it"),
            (
                (3, 2, false),
                "Reported by 3 sources (2 independent publishers); none contradicts it",
            ),
            (
                (2, 2, true),
                "Reported by 2 sources; other sources give a different figure",
            ),
            (
                (2, 1, false),
                "Reported by 2 sources (1 independent publisher); none contradicts it",
            ),
        ];
        for ((sources, independent, disputed), want) in cases {
            assert_eq!(support_words(sources, independent, disputed, false), want);
        }
        assert_eq!(
            support_words(2, 2, false, true),
            "Reported by 2 sources; a figure elsewhere may contradict it"
        );
    }

    #[test]
    fn plurals_of_counted_nouns() {
        assert_eq!(plural("troop"), "troops");
        assert_eq!(plural("country"), "countries");
        assert_eq!(plural("military"), "military");
        assert_eq!(
            topic_of(&Reading::Date(Date::new(2024, None, None))),
            "date"
        );
    }
}
