//! The search index: source paragraphs, sources and the claims the analysis pages show →
//! JavaScript files below `assets/search/` that the search page loads with `<script src>`.
//!
//! A page opened from `file://` cannot `fetch` a file, but it can load a script; so, as
//! mdBook does with `searchindex.js`, every file of the index is a script that hands its data
//! to a global registration function (`briefingSearch.terms(…)`, …) defined by
//! `assets/search.js`. The index is cut so that a query loads only what it needs:
//!
//! - **Term shards** `t<k>.js`: every term whose first two letters hash to shard `k`, so a
//!   whole word or the prefix a reader is still typing is found in one shard. A shard holds
//!   one part per *bucket* of sources, and each posting names a passage by its source's place
//!   in the bucket, its unit (0 for the source's title and publisher, then its paragraphs and
//!   list items in order) and a weight from 1 to 9 (BM25's term-frequency saturation against
//!   a fixed paragraph length, so that no posting depends on the rest of the corpus).
//! - **Buckets** `b<k>.js`: the ids of the sources a bucket holds; a source's bucket is a hash
//!   of its id, so adding a source changes one bucket and leaves the others' parts alone.
//! - **Passages** `s/<source>.js`: a source's title, publisher and the text of each unit, once,
//!   loaded only for the sources among the best results, to show snippets.
//! - `claims.js`: the claims of the briefings' bottom lines and the discrepancies, each linking
//!   to its anchor; `index.js`: counts, the shard and bucket numbers and the folding table.
//!
//! Terms are normalised the same way here and in `search.js`: lower case, accents folded by
//! the table `index.js` carries, a few very common words dropped, and a light plural stemmer.
//!
//! Incremental builds: a shard is written part by part ([`super::PartSink`]); a part is keyed
//! by its bucket's sources, so after one source changes only its bucket is tokenised again and
//! every other part is copied from the shard as the last build wrote it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use super::PartSink;
use super::pages::SiteView;
use super::paging::stable_hash_parts;
use super::views::SiteModel;
use crate::ids::SourceId;
use crate::load::{Corpus, Digest, Source};
use crate::urls::{AnalysisPage, Page, SearchFile};

/// Sources per bucket, about: few enough that one changed source re-tokenises little, many
/// enough that a shard does not hold thousands of parts.
const SOURCES_PER_BUCKET: usize = 128;
/// Fewest and most term shards. Eight sources per shard below the most: a query then loads
/// an eighth of the index of a small site and a 512th of a large one.
const SHARDS: (usize, usize) = (8, 512);
/// The paragraph length, in terms, the weights are normalised against.
const AVERAGE_LENGTH: f64 = 40.0;
/// BM25's `k1` and `b`.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Words too common to be worth an entry (their postings would list nearly every paragraph).
/// A phrase that contains them is still matched, against the text of the best results.
pub const STOP_WORDS: [&str; 40] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "not", "of", "on", "or", "s", "she", "t",
    "than", "that", "the", "their", "they", "this", "to", "was", "were", "which", "with",
];

/// Letters folded to plain ones, group by group (Latin-1 and Latin Extended-A, which covers
/// the languages of most news sources), shipped in `index.js` so the page folds queries the
/// same way. Combining accents (U+0300–U+036F) are dropped on both sides.
const FOLDS: [(&str, &str); 25] = [
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("þ", "th"),
    ("ς", "σ"),
    ("ĳ", "ij"),
];

/// The view `search.html` gets: the common fields only; the results are made in the browser.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    /// Common fields.
    pub site: SiteView<'a>,
}

/// A claim or discrepancy as the index holds it.
#[derive(Debug, Serialize)]
struct ClaimDoc {
    /// What it is and where ("Claim · Diplomacy").
    label: String,
    /// Link from the site root to its anchor.
    href: String,
    /// Its sentence.
    text: String,
}

/// The search index of a site, planned: which files there are and what each is made from;
/// term shards are made on demand.
pub struct SearchIndex<'a> {
    /// Number of term shards.
    shards: u32,
    /// Number of buckets (some may be empty).
    bucket_count: u32,
    /// The sources of each bucket, by id.
    buckets: Vec<Vec<&'a Source>>,
    /// Every source by id.
    sources: HashMap<&'a SourceId, &'a Source>,
    /// Each bucket's key: its sources' ids and texts.
    bucket_keys: Vec<Digest>,
    /// Claims and discrepancies, in page order.
    claims: Vec<ClaimDoc>,
    /// Their key.
    claims_key: Digest,
    /// The key of every part of every shard together.
    all_key: Digest,
    /// Passages, sources and claims indexed.
    documents: usize,
    /// Each bucket's parts, one per shard, made when first needed.
    parts: Vec<OnceLock<Vec<Vec<u8>>>>,
    /// The claims' parts, one per shard.
    claim_parts: OnceLock<Vec<Vec<u8>>>,
    /// Set once the buckets the first shard needs have been tokenised side by side.
    warmed: OnceLock<()>,
}

impl<'a> SearchIndex<'a> {
    /// Plans the index of the site `model` describes.
    pub fn plan(model: &SiteModel<'a>) -> SearchIndex<'a> {
        let corpus: &'a Corpus = model.corpus;
        let n = corpus.sources.len().max(1);
        let shards = n.div_ceil(8).next_power_of_two().clamp(SHARDS.0, SHARDS.1) as u32;
        let bucket_count = n.div_ceil(SOURCES_PER_BUCKET).next_power_of_two() as u32;
        let mut buckets: Vec<Vec<&Source>> = vec![Vec::new(); bucket_count as usize];
        for source in &corpus.sources {
            let bucket = stable_hash_parts(&[source.id.as_str().as_bytes()]) % bucket_count as u64;
            buckets[bucket as usize].push(source);
        }
        for bucket in &mut buckets {
            bucket.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let bucket_keys: Vec<Digest> = buckets
            .iter()
            .map(|sources| {
                let mut hasher = blake3::Hasher::new();
                for source in sources {
                    hasher.update(source.id.as_str().as_bytes());
                    hasher.update(&[0]);
                    hasher.update(&source.digest.0);
                }
                Digest::from_hash(&hasher.finalize())
            })
            .collect();
        let claims = claim_docs(model);
        let claims_key = Digest::of(format!("{claims:?}").as_bytes());
        let mut all = blake3::Hasher::new();
        all.update(&shards.to_le_bytes());
        for key in bucket_keys.iter().chain([&claims_key]) {
            all.update(&key.0);
        }
        let documents = corpus
            .sources
            .iter()
            .map(|source| 1 + source.units().count())
            .sum::<usize>()
            + claims.len();
        SearchIndex {
            shards,
            bucket_count,
            parts: buckets.iter().map(|_| OnceLock::new()).collect(),
            buckets,
            sources: corpus.sources.iter().map(|s| (&s.id, s)).collect(),
            bucket_keys,
            claims,
            claims_key,
            all_key: Digest::from_hash(&all.finalize()),
            documents,
            claim_parts: OnceLock::new(),
            warmed: OnceLock::new(),
        }
    }

    /// The files of the index, in a fixed order.
    pub fn files(&self) -> Vec<Page> {
        let mut files = vec![
            Page::SearchIndex(SearchFile::Meta),
            Page::SearchIndex(SearchFile::Claims),
        ];
        files.extend((0..self.shards).map(|k| Page::SearchIndex(SearchFile::Terms(k))));
        for (k, sources) in self.buckets.iter().enumerate() {
            if !sources.is_empty() {
                files.push(Page::SearchIndex(SearchFile::Bucket(k as u32)));
            }
        }
        let mut sources: Vec<&Source> = self.buckets.iter().flatten().copied().collect();
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        files.extend(
            sources
                .into_iter()
                .map(|s| Page::SearchIndex(SearchFile::Source(s.id.clone()))),
        );
        files
    }

    /// A key for everything `file` is made from besides `global` (see
    /// [`super::SiteFiles::key`]); `None` for `index.js`, which counts every passage.
    pub fn key(&self, global: &Digest, file: &SearchFile) -> Option<Digest> {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&global.0);
        hasher.update(format!("{file:?}").as_bytes());
        match file {
            SearchFile::Meta => return None,
            SearchFile::Terms(_) => hasher.update(&self.all_key.0),
            SearchFile::Bucket(k) => hasher.update(&self.bucket_keys.get(*k as usize)?.0),
            SearchFile::Source(id) => {
                let source = self.sources.get(id)?;
                hasher.update(&source.digest.0)
            }
            SearchFile::Claims => hasher.update(&self.claims_key.0),
        };
        Some(Digest::from_hash(&hasher.finalize()))
    }

    /// Writes `file`; a term shard part by part, copying the parts `out` holds from the last
    /// build.
    pub fn write(&self, file: &SearchFile, out: &mut dyn PartSink) -> std::io::Result<()> {
        match file {
            SearchFile::Meta => {
                let folds: BTreeMap<String, &str> = FOLDS
                    .iter()
                    .flat_map(|(from, to)| from.chars().map(move |c| (c.to_string(), *to)))
                    .collect();
                let meta = serde_json::json!({
                    "documents": self.documents,
                    "shards": self.shards,
                    "buckets": self.bucket_count,
                    "fold": folds,
                    "stop": &STOP_WORDS[..],
                });
                writeln!(out, "briefingSearch.meta({meta});")
            }
            SearchFile::Claims => {
                let list: Vec<[&str; 3]> = self
                    .claims
                    .iter()
                    .map(|c| [c.label.as_str(), c.href.as_str(), c.text.as_str()])
                    .collect();
                writeln!(out, "briefingSearch.claims({});", json(&list))
            }
            SearchFile::Bucket(k) => {
                let ids: Vec<&str> = self
                    .buckets
                    .get(*k as usize)
                    .into_iter()
                    .flatten()
                    .map(|s| s.id.as_str())
                    .collect();
                writeln!(out, "briefingSearch.bucket({k},{});", json(&ids))
            }
            SearchFile::Source(id) => {
                let Some(source) = self.sources.get(id) else {
                    return Ok(());
                };
                let units: Vec<[String; 3]> = source
                    .units()
                    .map(|(at, text)| {
                        let anchor = source.anchor(&at).unwrap_or_default().to_string();
                        [at.number(), anchor, text.to_string()]
                    })
                    .collect();
                let doc = serde_json::json!({
                    "title": source.meta.title,
                    "publisher": source.meta.publisher,
                    "units": units,
                });
                writeln!(out, "briefingSearch.source({},{doc});", json(&id.as_str()))
            }
            SearchFile::Terms(k) => self.write_shard(*k as usize, out),
        }
    }

    /// The key of bucket `bucket`'s part of shard `shard`.
    fn part_key(&self, bucket: &Digest, shard: usize) -> Digest {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&bucket.0);
        hasher.update(&(shard as u64).to_le_bytes());
        Digest::from_hash(&hasher.finalize())
    }

    fn write_shard(&self, shard: usize, out: &mut dyn PartSink) -> std::io::Result<()> {
        let keys: Vec<Option<Digest>> = self
            .buckets
            .iter()
            .zip(&self.bucket_keys)
            .map(|(sources, key)| (!sources.is_empty()).then(|| self.part_key(key, shard)))
            .collect();
        // The first shard written tells which buckets changed since the last build (a shard
        // has a part for every bucket, empty or not): those are tokenised side by side, once.
        self.warmed.get_or_init(|| {
            let wanted: Vec<usize> = keys
                .iter()
                .enumerate()
                .filter(|(_, key)| key.is_some_and(|key| !out.has_part(&key)))
                .map(|(b, _)| b)
                .collect();
            wanted.into_par_iter().for_each(|b| {
                self.bucket_parts(b);
            });
        });
        write!(out, "briefingSearch.terms({shard},[")?;
        let claims_key = self.part_key(&self.claims_key, shard);
        if out.has_part(&claims_key) {
            out.copy_part(&claims_key)?;
        } else {
            let parts = self
                .claim_parts
                .get_or_init(|| self.tokenise(u32::MAX, self.claims.iter().map(claim_units)));
            out.write_part(&claims_key, &parts[shard])?;
        }
        for (b, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            out.write_all(b",")?;
            if out.has_part(key) {
                out.copy_part(key)?;
            } else {
                out.write_part(key, &self.bucket_parts(b)[shard])?;
            }
        }
        writeln!(out, "]);")
    }

    /// Bucket `b`'s part of every shard.
    fn bucket_parts(&self, b: usize) -> &[Vec<u8>] {
        self.parts[b].get_or_init(|| {
            self.tokenise(
                b as u32,
                self.buckets[b].iter().map(|source| source_units(source)),
            )
        })
    }

    /// The parts of every shard for one bucket (`u32::MAX`: the claims, written `-1`), given
    /// each of its documents' units: `[bucket,{"term":[document,unit,weight,…],…}]`.
    fn tokenise(
        &self,
        bucket: u32,
        documents: impl Iterator<Item = Vec<(String, bool)>>,
    ) -> Vec<Vec<u8>> {
        let mut shards: Vec<BTreeMap<String, Vec<u32>>> =
            vec![BTreeMap::new(); self.shards as usize];
        for (document, units) in documents.enumerate() {
            for (unit, (text, title)) in units.iter().enumerate() {
                let mut counts: HashMap<String, u32> = HashMap::new();
                let mut length = 0;
                for term in terms(text) {
                    *counts.entry(term).or_default() += 1;
                    length += 1;
                }
                let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
                counts.sort();
                for (term, count) in counts {
                    let weight = weight(count, length, *title);
                    shards[shard_of(&term, self.shards)]
                        .entry(term)
                        .or_default()
                        .extend([document as u32, unit as u32, weight]);
                }
            }
        }
        let label = if bucket == u32::MAX {
            "-1".to_string()
        } else {
            bucket.to_string()
        };
        shards
            .into_iter()
            .map(|terms| format!("[{label},{}]", json(&terms)).into_bytes())
            .collect()
    }
}

/// A source's units as the index numbers them: 0 its title and publisher, then its
/// paragraphs and list items in body order; each with whether it is a title.
fn source_units(source: &Source) -> Vec<(String, bool)> {
    let title = match &source.meta.publisher {
        Some(publisher) => format!("{} {publisher}", source.meta.title),
        None => source.meta.title.clone(),
    };
    std::iter::once((title, true))
        .chain(source.units().map(|(_, text)| (text.to_string(), false)))
        .collect()
}

fn claim_units(claim: &ClaimDoc) -> Vec<(String, bool)> {
    vec![(claim.text.clone(), false)]
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The claims of every briefing's bottom line (under the first theme that shows them) and the
/// discrepancies the discrepancies page lists: what the site shows of the analysis.
fn claim_docs(model: &SiteModel) -> Vec<ClaimDoc> {
    let facts = &model.analysis.facts;
    let by_id: HashMap<&str, &crate::analyse::facts::ClaimSet> =
        facts.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut seen = HashSet::new();
    let mut docs = Vec::new();
    for theme in &model.corpus.themes {
        let page = Page::briefing(&theme.id);
        let bottom = model.bottom_line(&theme.id, &page);
        for view in bottom.corroborated.iter().chain(&bottom.figures) {
            if let Some(claim) = by_id.get(view.id).filter(|_| seen.insert(view.id)) {
                docs.push(ClaimDoc {
                    label: format!("Claim · {}", theme.title),
                    href: Page::Index.link_to_anchor(&page, view.id),
                    text: claim.text.clone(),
                });
            }
        }
    }
    let discrepancies = Page::Analysis(AnalysisPage::Discrepancies);
    for d in facts
        .discrepancies
        .iter()
        .take(super::analysis::ITEMS_PER_PAGE)
    {
        docs.push(ClaimDoc {
            label: "Discrepancy".to_string(),
            href: Page::Index.link_to_anchor(&discrepancies, &d.id),
            text: format!("{}: {}", d.topic, d.context),
        });
    }
    docs
}

/// A posting's weight, 1 to 9: BM25's saturation of the term's count against the unit's
/// length, relative to a fixed average; a title's terms weigh more.
fn weight(count: u32, length: usize, title: bool) -> u32 {
    let count = f64::from(count);
    let norm = 1.0 - B + B * length as f64 / AVERAGE_LENGTH;
    let saturated = count * (K1 + 1.0) / (count + K1 * norm);
    let weight = ((saturated * 4.0).round() as u32).clamp(1, 9);
    if title { (weight + 4).min(9) } else { weight }
}

/// The shard of a term: FNV-1a over the code points of its first two letters (as
/// `search.js` computes it).
pub fn shard_of(term: &str, shards: u32) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for c in term.chars().take(2) {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % shards.max(1)) as usize
}

/// The terms of a text, in order: words normalised (see [`normalise`]), stop words dropped,
/// plurals stemmed.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(normalise)
        .filter(|word| !word.is_empty() && !STOP_WORDS.contains(&word.as_str()))
        .map(stem)
}

/// A word in lower case with its accents folded.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.to_lowercase().chars() {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent: dropped.
        } else if let Some((_, to)) = FOLDS.iter().find(|(from, _)| from.contains(c)) {
            out.push_str(to);
        } else {
            out.push(c);
        }
    }
    out
}

/// A light plural stemmer: `countries` → `country`, `talks` → `talk`; `-ss`, `-us` and `-is`
/// are kept (`press`, `status`, `analysis`).
pub fn stem(word: String) -> String {
    let length = word.chars().count();
    if length > 4 && word.ends_with("ies") {
        format!("{}y", &word[..word.len() - 3])
    } else if length > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word[..word.len() - 1].to_string()
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_words_as_the_page_does() {
        let cases = [
            ("Beijing's", vec!["beijing"]),
            ("Négociations TALKS", vec!["negociation", "talk"]),
            ("the countries and the press", vec!["country", "press"]),
            ("Straße, Œuvre: 2025", vec!["strasse", "oeuvre", "2025"]),
            ("status analysis bus", vec!["status", "analysis", "bus"]),
        ];
        for (text, expected) in cases {
            assert_eq!(terms(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn weighs_repeated_and_title_terms_more() {
        assert!(weight(3, 40, false) > weight(1, 40, false));
        assert!(weight(1, 10, false) > weight(1, 200, false));
        assert!(weight(1, 40, true) > weight(1, 40, false));
        assert!((1..=9).contains(&weight(100, 1, true)));
    }

    #[test]
    fn a_prefix_and_its_words_share_a_shard() {
        for shards in [8, 64, 512] {
            let shard = shard_of("ne", shards);
            for word in ["negotiation", "new", "ne"] {
                assert_eq!(shard_of(word, shards), shard);
            }
        }
        // FNV-1a of 'a' then 'b', as search.js computes it.
        assert_eq!(shard_of("ab", 1000), (0x4d25_05ca_u32 % 1000) as usize);
    }
}
