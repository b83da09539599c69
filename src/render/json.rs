//! `briefing.json`: the analysis for programs, streamed to disk.
//!
//! Each paragraph's text is written once, under its source, with the themes it is filed under
//! (score, matched terms, and the group it stands in on the briefing). A briefing lists its
//! groups; its passages are the paragraphs filed under it, in an order the README states, so
//! nothing is written twice and the file stays close to the size of the sources. It is compact
//! JSON, written as it is serialised (never held whole in memory), with keys in a fixed order,
//! so it is byte-identical across builds. The README documents its shape; it is an interface,
//! so names only ever get added.

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::views::{SiteModel, format_score};
use crate::analyse::Filing;
use crate::analyse::facts::{Evidence, Named, kind_name, support_words};
use crate::analyse::figures::{Bound, Reading, Unit};
use crate::cite::{CitedText, Part};
use crate::ids::{ParagraphRef, SourceId, ThemeId};
use crate::load::{Block, Source};
use crate::urls::Page;

/// The version of the shape below; raised when a field changes meaning or goes away.
const FORMAT: u32 = 3;

/// Serialises a sequence from a function that makes its items, so nothing is collected.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in (self.0)() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// Everything but the sources, which follow as the last field (see [`export`]).
#[derive(Serialize)]
#[serde(bound(serialize = "Lazy<T>: Serialize"))]
struct Head<'a, T> {
    format: u32,
    site: SiteInfo<'a>,
    themes: Lazy<T>,
    /// The paragraphs filed under no theme.
    unfiled: &'a [ParagraphRef],
    claims: Vec<ClaimExport<'a>>,
    discrepancies: Vec<DiscrepancyExport<'a>>,
    timeline: Vec<EventExport<'a>>,
    entities: Vec<EntityExport<'a>>,
    quotes: Vec<QuoteExport<'a>>,
}

/// A number written as an integer when it is one (`26`, not `26.0`).
struct Number(f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// A paragraph number as the site shows it: `4`, or `"7.2"` for item 2 of the list in ¶7.
struct Numbered<'a>(&'a ParagraphRef);

impl Serialize for Numbered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.item {
            None => serializer.serialize_u32(self.0.n),
            Some(_) => serializer.serialize_str(&self.0.number()),
        }
    }
}

/// `{source, n, quote}`: the exact words, which occur in paragraph `n` of the source.
#[derive(Serialize)]
struct CitationExport<'a> {
    source: &'a str,
    n: Numbered<'a>,
    quote: &'a str,
}

/// `{source, n}`: a paragraph that mentions an entity.
#[derive(Serialize)]
struct MentionExport<'a> {
    source: &'a str,
    n: Numbered<'a>,
}

/// A normalised value: a quantity (`amount`, `bound`, `min`/`max` for a range, `unit` or
/// `currency`) or a date (`date`, `precision`).
#[derive(Serialize)]
struct ValueExport {
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bound: Option<crate::analyse::figures::Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<crate::analyse::figures::Precision>,
}

fn value_export(reading: &Reading) -> ValueExport {
    let mut value = ValueExport {
        amount: None,
        bound: None,
        min: None,
        max: None,
        unit: None,
        currency: None,
        date: None,
        precision: None,
    };
    match reading {
        Reading::Quantity(quantity) => {
            value.amount = Some(Number(quantity.amount));
            value.bound = Some(quantity.bound);
            if quantity.bound == Bound::Range {
                value.min = Some(Number(quantity.amount));
                value.max = quantity.max.map(Number);
            }
            match &quantity.unit {
                Some(Unit::Currency(code)) => value.currency = Some(code.clone()),
                Some(Unit::Percent) => value.unit = Some("percent".to_string()),
                Some(Unit::Anniversary) => value.unit = Some("anniversary".to_string()),
                Some(Unit::Duration(unit)) | Some(Unit::Count(unit)) | Some(Unit::Speed(unit)) => {
                    value.unit = Some(unit.clone())
                }
                None => {}
            }
        }
        Reading::Date(date) => {
            value.date = Some(date.iso());
            value.precision = Some(date.precision());
        }
        Reading::Event | Reading::Statement => {}
    }
    value
}

#[derive(Serialize)]
struct ClaimExport<'a> {
    id: &'a str,
    text: &'a str,
    kind: &'static str,
    /// Absent for an event or a statement, which have no figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<ValueExport>,
    themes: Vec<&'a str>,
    /// How many sources report it, how many publishers, and in words.
    sources: usize,
    independent: usize,
    support: String,
    /// The discrepancy it is part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    disputed: Option<&'a str>,
    /// How many citations there are; `citations` lists at most 20.
    citation_count: usize,
    citations: Vec<CitationExport<'a>>,
    /// Figures of other claims that may contradict it (see `ClaimSet::differing`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    differing: Vec<CitationExport<'a>>,
}

#[derive(Serialize)]
struct DiscrepancyExport<'a> {
    id: &'a str,
    /// `contradiction` or `precision`.
    severity: &'static str,
    topic: &'a str,
    context: &'a str,
    claim: &'a str,
    themes: Vec<&'a str>,
    positions: Vec<PositionExport<'a>>,
}

#[derive(Serialize)]
struct PositionExport<'a> {
    text: &'a str,
    value: ValueExport,
    sources: usize,
    /// How many citations there are; `citations` lists at most 20.
    citation_count: usize,
    citations: Vec<CitationExport<'a>>,
}

#[derive(Serialize)]
struct EventExport<'a> {
    date: String,
    precision: crate::analyse::figures::Precision,
    text: &'a str,
    inferred: bool,
    themes: Vec<&'a str>,
    sources: usize,
    claim: &'a str,
    /// How many citations there are; `citations` lists at most 20.
    citation_count: usize,
    citations: Vec<CitationExport<'a>>,
}

#[derive(Serialize)]
struct EntityExport<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: Vec<&'a str>,
    /// How many sources mention it, a copy counting with its original.
    sources: usize,
    /// Paragraphs per theme that mention it.
    themes: Vec<(&'a str, usize)>,
    /// How many paragraphs mention it (a paragraph that names it twice counts once);
    /// `mentions` lists at most 25, one per source first.
    mention_count: usize,
    mentions: Vec<MentionExport<'a>>,
}

#[derive(Serialize)]
struct QuoteExport<'a> {
    speaker: Option<&'a str>,
    text: &'a str,
    themes: Vec<&'a str>,
    sources: usize,
    /// How many citations there are; `citations` lists at most 20.
    citation_count: usize,
    citations: Vec<CitationExport<'a>>,
}

fn theme_ids(themes: &[ThemeId]) -> Vec<&str> {
    themes.iter().map(ThemeId::as_str).collect()
}

/// Most citations listed for one item. Wire copy can give a claim thousands of citations in
/// the same words; the file lists every different wording and then the first citations up to
/// this many, and counts them all (`sources`, `citation_count`), so its size follows what the
/// sources say rather than how often they repeat it.
const CITATIONS_LISTED: usize = 20;

/// Most paragraphs listed for one entity's mentions (one per source first).
const MENTIONS_LISTED: usize = 25;

/// Which of `items` to list, at most `cap`, in their order: first each one whose `key` is new
/// (a different wording; another source), then the others from the start.
fn listed<T, K: std::hash::Hash + Eq>(
    items: &[T],
    cap: usize,
    key: impl Fn(&T) -> K,
) -> Vec<usize> {
    if items.len() <= cap {
        return (0..items.len()).collect();
    }
    let mut seen = std::collections::HashSet::new();
    let mut picked: Vec<usize> = (0..items.len())
        .filter(|&i| seen.insert(key(&items[i])))
        .take(cap)
        .collect();
    let mut chosen = vec![false; items.len()];
    for &i in &picked {
        chosen[i] = true;
    }
    let room = cap - picked.len();
    picked.extend((0..items.len()).filter(|&i| !chosen[i]).take(room));
    picked.sort_unstable();
    picked
}

fn citations<'a>(model: &'a SiteModel<'a>, evidence: &'a [Evidence]) -> Vec<CitationExport<'a>> {
    listed(evidence, CITATIONS_LISTED, |e| e.wording)
        .into_iter()
        .map(|i| &evidence[i])
        .map(|e| CitationExport {
            source: e.at.source.as_str(),
            n: Numbered(&e.at),
            quote: model.words(e),
        })
        .collect()
}

/// The analysis across sources, in the shape the README documents.
#[allow(clippy::type_complexity)]
fn facts_export<'a>(
    model: &'a SiteModel<'a>,
) -> (
    Vec<ClaimExport<'a>>,
    Vec<DiscrepancyExport<'a>>,
    Vec<EventExport<'a>>,
    Vec<EntityExport<'a>>,
    Vec<QuoteExport<'a>>,
) {
    let facts = &model.analysis.facts;
    let corpus = model.corpus;
    let claims = facts
        .claims
        .iter()
        .map(|set| ClaimExport {
            id: &set.id,
            text: &set.text,
            kind: set.kind.as_str(),
            value: matches!(set.reading, Reading::Quantity(_) | Reading::Date(_))
                .then(|| value_export(&set.reading)),
            themes: theme_ids(&set.themes),
            sources: set.sources,
            independent: set.independent,
            support: support_words(
                set.sources,
                set.independent,
                set.disputed.is_some(),
                !set.differing.is_empty(),
            ),
            disputed: set.disputed.as_deref(),
            citation_count: set.evidence.len(),
            citations: citations(model, &set.evidence),
            differing: set
                .differing
                .iter()
                .map(|e| CitationExport {
                    source: e.at.source.as_str(),
                    n: Numbered(&e.at),
                    quote: model.words(e),
                })
                .collect(),
        })
        .collect();
    let discrepancies = facts
        .discrepancies
        .iter()
        .map(|d| DiscrepancyExport {
            id: &d.id,
            severity: d.severity.as_str(),
            topic: &d.topic,
            context: &d.context,
            claim: &d.claim,
            themes: theme_ids(&d.themes),
            positions: d
                .positions
                .iter()
                .map(|p| PositionExport {
                    text: &p.words,
                    value: value_export(&p.reading),
                    sources: p.sources,
                    citation_count: p.evidence.len(),
                    citations: citations(model, &p.evidence),
                })
                .collect(),
        })
        .collect();
    let timeline = facts
        .timeline
        .iter()
        .map(|e| EventExport {
            date: e.date.iso(),
            precision: e.date.precision(),
            text: &e.text,
            inferred: e.inferred,
            themes: theme_ids(&e.themes),
            sources: e.sources,
            claim: &e.claim,
            citation_count: e.evidence.len(),
            citations: citations(model, &e.evidence),
        })
        .collect();
    let entities = facts
        .entities
        .iter()
        .map(|e| {
            let (name, aliases): (&str, Vec<&str>) = match &e.named {
                Named::Known(index) => {
                    let entity = &corpus.entities[*index];
                    (
                        &entity.name,
                        entity
                            .aliases
                            .iter()
                            .chain(&entity.short)
                            .map(String::as_str)
                            .collect(),
                    )
                }
                Named::Found(name) => (name, Vec::new()),
            };
            EntityExport {
                id: &e.id,
                name,
                kind: kind_name(corpus, &e.named),
                aliases,
                sources: e.sources,
                themes: e
                    .themes
                    .iter()
                    .map(|t| (t.theme.as_str(), t.paragraphs))
                    .collect(),
                mention_count: e.mentions.len(),
                mentions: listed(&e.mentions, MENTIONS_LISTED, |at| at.source.clone())
                    .into_iter()
                    .map(|i| &e.mentions[i])
                    .map(|at| MentionExport {
                        source: at.source.as_str(),
                        n: Numbered(at),
                    })
                    .collect(),
            }
        })
        .collect();
    let quotes = facts
        .quotes
        .iter()
        .map(|q| QuoteExport {
            speaker: q.speaker.as_deref(),
            text: &q.text,
            themes: theme_ids(&q.themes),
            sources: q.sources,
            citation_count: q.evidence.len(),
            citations: citations(model, &q.evidence),
        })
        .collect();
    (claims, discrepancies, timeline, entities, quotes)
}

/// How many sources are serialised side by side before their bytes are written out: enough
/// to keep the cores busy, few enough that memory holds a small part of the file.
const SOURCES_AT_ONCE: usize = 256;

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct ThemeExport<'a> {
    id: &'a str,
    title: &'a str,
    question: &'a str,
    scope: &'a str,
    href: String,
    threshold: f64,
    /// The theme's terms in the order of its file; a filing names its terms by their place
    /// here.
    terms: Vec<&'a str>,
    overview: Option<Vec<PartExport<'a>>>,
    key_points: Vec<Vec<PartExport<'a>>>,
    groups: Vec<GroupExport<'a>>,
}

#[derive(Serialize)]
struct GroupExport<'a> {
    number: usize,
    title: &'a str,
    passages: usize,
}

/// One part of a cited text: `{"html": …}`, `{"text": …}` or `{"cite": [{"source", "n"?}]}`.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum PartExport<'a> {
    Html(&'a str),
    Text(&'a str),
    Cite(&'a [crate::cite::Cite]),
}

#[derive(Serialize)]
#[serde(bound(serialize = "Lazy<P>: Serialize"))]
struct SourceExport<'a, P> {
    id: &'a str,
    label: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retrieved: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<&'a str>,
    headings: Vec<HeadingExport<'a>>,
    figures: Vec<&'a str>,
    paragraphs: Lazy<P>,
}

/// A section heading: it stands before paragraph `before`.
#[derive(Serialize)]
struct HeadingExport<'a> {
    before: u32,
    level: u8,
    text: &'a str,
}

#[derive(Serialize)]
struct ParagraphExport<'a> {
    n: u32,
    /// The text; a list's text is in its items, so that no text is written twice.
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    /// For a list, its items, each filed on its own.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    items: Vec<ParagraphExport<'a>>,
    #[serde(skip_serializing_if = "Filed::is_empty")]
    filed: Filed<'a>,
    /// The themes this paragraph reached only because its article is about them.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    from_article: Vec<&'a str>,
}

/// A paragraph's filings as a map from theme id, in theme order.
struct Filed<'a>(Vec<(&'a str, FilingExport<'a>)>);

impl Filed<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Filed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (theme, filing) in &self.0 {
            map.serialize_entry(theme, filing)?;
        }
        map.end()
    }
}

/// One filing as a compact tuple, `[score, group, term, …]`: a paragraph is filed under
/// many themes in a large corpus, and named fields would make the file half as large again.
/// `group` is the passage group's number, or `null` for "other passages"; the terms are the
/// ones that count for the theme, strongest first, each as its place in the theme's `terms`
/// (the words themselves, repeated on every filed paragraph, were a sixth of the file).
struct FilingExport<'a> {
    score: f64,
    group: Option<usize>,
    terms: &'a [u32],
}

impl Serialize for FilingExport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(2 + self.terms.len()))?;
        seq.serialize_element(&self.score)?;
        seq.serialize_element(&self.group)?;
        for term in self.terms {
            seq.serialize_element(term)?;
        }
        seq.end()
    }
}

fn rounded(score: f64) -> f64 {
    format_score(score).parse().unwrap_or(score)
}

fn parts(text: &CitedText) -> Vec<PartExport<'_>> {
    text.parts
        .iter()
        .map(|part| match part {
            Part::Html(html) => PartExport::Html(html),
            Part::Text(text) => PartExport::Text(text),
            Part::Citation(cites) => PartExport::Cite(cites),
        })
        .collect()
}

fn filing<'a>(
    model: &SiteModel,
    at: &ParagraphRef,
    filing: &'a Filing,
) -> (&'a str, FilingExport<'a>) {
    (
        filing.theme.as_str(),
        FilingExport {
            score: rounded(filing.score),
            group: model.group_of(&filing.theme, at),
            terms: &filing.terms[..filing.positive.min(filing.terms.len())],
        },
    )
}

fn source_export<'a>(
    model: &'a SiteModel<'a>,
    source: &'a Source,
) -> SourceExport<'a, impl Fn() -> Box<dyn Iterator<Item = ParagraphExport<'a>> + 'a> + 'a> {
    let meta = &source.meta;
    let id: &'a SourceId = &source.id;
    SourceExport {
        id: id.as_str(),
        label: model.labels().get(id).map_or("", |label| &**label),
        title: &meta.title,
        publisher: meta.publisher.as_deref(),
        author: meta.author.as_deref(),
        published: meta.published.as_deref(),
        updated: meta.updated.as_deref(),
        agency: meta.agency.as_deref(),
        dateline: meta.dateline.as_deref(),
        url: meta.url.as_deref(),
        retrieved: meta.retrieved.as_deref(),
        language: meta.language.as_deref(),
        tags: &meta.tags,
        copy_of: meta.copy_of.as_ref().map(SourceId::as_str),
        headings: headings(source),
        figures: source
            .layout
            .iter()
            .filter_map(|block| match block {
                Block::Figure { html } => Some(html.as_str()),
                _ => None,
            })
            .collect(),
        paragraphs: Lazy(move || {
            Box::new(source.paragraphs.iter().map(move |paragraph| {
                let at = ParagraphRef::new(id.clone(), paragraph.n);
                let items = paragraph
                    .items
                    .iter()
                    .map(|item| {
                        let at = ParagraphRef::item(id.clone(), paragraph.n, item.n);
                        unit_export(model, &at, item.n, &item.text, Vec::new())
                    })
                    .collect();
                let text = if paragraph.items.is_empty() {
                    paragraph.text.as_str()
                } else {
                    ""
                };
                unit_export(model, &at, paragraph.n, text, items)
            })) as Box<dyn Iterator<Item = ParagraphExport<'a>> + 'a>
        }),
    }
}

/// A paragraph or list item with its filings.
fn unit_export<'a>(
    model: &'a SiteModel<'a>,
    at: &ParagraphRef,
    n: u32,
    text: &'a str,
    items: Vec<ParagraphExport<'a>>,
) -> ParagraphExport<'a> {
    let filed = model.filings(at);
    ParagraphExport {
        n,
        text,
        items,
        filed: Filed(filed.iter().map(|f| filing(model, at, f)).collect()),
        from_article: filed
            .iter()
            .filter(|f| f.from_article)
            .map(|f| f.theme.as_str())
            .collect(),
    }
}

/// The source's headings, each with the number of the paragraph it stands before.
fn headings(source: &Source) -> Vec<HeadingExport<'_>> {
    let mut headings = Vec::new();
    let mut pending: Vec<(u8, &str)> = Vec::new();
    for block in &source.layout {
        match block {
            Block::Heading { text, level } => pending.push((*level, text)),
            Block::Paragraph(n) => {
                headings.extend(pending.drain(..).map(|(level, text)| HeadingExport {
                    before: *n,
                    level,
                    text,
                }))
            }
            Block::Figure { .. } => {}
        }
    }
    let after_last = source.last_paragraph() + 1;
    headings.extend(pending.into_iter().map(|(level, text)| HeadingExport {
        before: after_last,
        level,
        text,
    }));
    headings
}

/// Writes the whole analysis as compact JSON to `out`: one object whose last field,
/// `sources`, holds one part per source (see [`super::PartSink`]), so that a build after one
/// source changed copies the others from the file it wrote before.
pub fn export(model: &SiteModel, out: &mut dyn super::PartSink) -> std::io::Result<()> {
    let config = &model.project.config;
    let themes = || {
        model.analysis.briefings.iter().filter_map(|briefing| {
            let theme = model.corpus.theme(&briefing.theme)?;
            Some(ThemeExport {
                id: theme.id.as_str(),
                title: &theme.title,
                question: &theme.question,
                scope: &theme.scope,
                href: Page::Index.link_to(&Page::briefing(&theme.id)),
                threshold: rounded(theme.threshold),
                terms: theme.terms.iter().map(|term| term.term.as_str()).collect(),
                overview: briefing.overview.as_ref().map(parts),
                key_points: briefing.key_points.iter().map(parts).collect(),
                groups: briefing
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, group)| GroupExport {
                        number: g + 1,
                        title: &group.title,
                        passages: group.passages.len(),
                    })
                    .collect(),
            })
        })
    };
    let (claims, discrepancies, timeline, entities, quotes) = facts_export(model);
    let head = Head {
        format: FORMAT,
        site: SiteInfo {
            title: &config.title,
            description: &config.description,
            language: &config.language,
        },
        themes: Lazy(themes),
        unfiled: model.unfiled(),
        claims,
        discrepancies,
        timeline,
        entities,
        quotes,
    };
    // The sources are most of the file. Those not at hand from the previous file are
    // serialised in parallel, each on its own, and written in order after the head, so the
    // bytes are those of one compact object whose last field is `sources`.
    let mut head = serde_json::to_vec(&head).map_err(std::io::Error::from)?;
    head.pop(); // the object's closing brace: `sources` comes next.
    out.write_all(&head)?;
    out.write_all(br#","sources":["#)?;
    for (batch, sources) in model.corpus.sources.chunks(SOURCES_AT_ONCE).enumerate() {
        let keys: Vec<_> = sources
            .par_iter()
            .map(|source| model.export_key(source))
            .collect();
        let at_hand: Vec<bool> = keys.iter().map(|key| out.has_part(key)).collect();
        let made: Vec<Option<Vec<u8>>> = sources
            .par_iter()
            .zip(&at_hand)
            .map(|(source, &at_hand)| {
                (!at_hand)
                    .then(|| serde_json::to_vec(&source_export(model, source)))
                    .transpose()
            })
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::from)?;
        for (at, (key, made)) in keys.iter().zip(&made).enumerate() {
            if batch > 0 || at > 0 {
                out.write_all(b",")?;
            }
            match made {
                Some(bytes) => out.write_part(key, bytes)?,
                None => out.copy_part(key)?,
            }
        }
    }
    out.write_all(b"]}\n")
}

#[cfg(test)]
mod tests {
    use super::listed;

    #[test]
    fn lists_every_new_key_first_then_the_first_items_in_order() {
        // Twelve copies of wording "a", then one "b" and one "c": with room for four, the
        // different wordings are listed, then the first copies.
        let items: Vec<&str> = std::iter::repeat_n("a", 12).chain(["b", "c"]).collect();
        assert_eq!(listed(&items, 4, |w| *w), vec![0, 1, 12, 13]);
        // Few enough: all of them.
        assert_eq!(listed(&items[..3], 4, |w| *w), vec![0, 1, 2]);
    }
}
