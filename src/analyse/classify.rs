//! Files paragraphs under themes, explainably.
//!
//! A theme's score for a paragraph is the sum, over the distinct vocabulary terms it
//! contains, of the term's weight — a little more when the term recurs, up to a cap, so one
//! repeated word cannot carry a paragraph. A paragraph is filed when the score reaches the
//! theme's threshold *and* it matched at least `min_terms` distinct positive terms: substance
//! shows as several related terms, a passing mention as one. The matched terms are kept so
//! every page can say why a passage is where it is.

use std::ops::Range;
use std::sync::Arc;

use super::vocabulary::{Matcher, Tokens};
use crate::ids::ThemeId;
use crate::load::Theme;

/// Paragraphs up to this many words are held to the theme's threshold as written; longer ones
/// to a higher one (see [`threshold_factor`]).
const SHORT_PARAGRAPH: f64 = 30.0;
/// The threshold of a long paragraph is at most this many times the theme's threshold.
const LONGEST_FACTOR: f64 = 1.6;

/// How much a paragraph of `words` words raises the theme's threshold. A long paragraph
/// collects weak terms by its length alone, so it must show more of them than a short news
/// item to be about the theme: the threshold grows with the square root of the length past
/// [`SHORT_PARAGRAPH`] words, up to [`LONGEST_FACTOR`] times.
pub fn threshold_factor(words: usize) -> f64 {
    (words as f64 / SHORT_PARAGRAPH)
        .sqrt()
        .clamp(1.0, LONGEST_FACTOR)
}

/// A theme is a subject of its article when at least this share of the article's paragraphs
/// are filed under it on their own (and at least [`SUBJECT_PARAGRAPHS`] of them).
const SUBJECT_SHARE: f64 = 1.0 / 3.0;
/// The fewest paragraphs filed on their own that make a theme a subject of its article.
const SUBJECT_PARAGRAPHS: usize = 2;
/// In an article whose subject is the theme, a paragraph needs this share of the threshold.
const SUBJECT_DISCOUNT: f64 = 0.4;

/// A theme is also a subject of its article when the headline reaches this share of the
/// theme's threshold: a headline is a few words chosen to say what the article is about, so
/// it needs less than a paragraph to show it.
const HEADLINE_SHARE: f64 = 0.6;

/// Extra weight for each repeat of a term, as a share of its weight.
const REPEAT_BONUS: f64 = 0.25;
/// Repeats beyond this many add nothing.
const MAX_REPEATS: usize = 4;

/// Why a paragraph is filed under a theme.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Filing {
    /// The theme.
    pub theme: ThemeId,
    /// The score, compared with the theme's threshold.
    pub score: f64,
    /// The matched terms, strongest contribution first (so terms that count against the
    /// theme come last), each as its place in the theme's `terms`: a number, not a copy of
    /// the words, since a large corpus holds millions of filings.
    pub terms: Vec<u32>,
    /// How many of `terms`, from the first, count for the theme.
    pub positive: usize,
    /// Which of the theme's passage groups the paragraph belongs in (by its place in the
    /// theme's `groups` list): the one whose terms it matches most often, the first on a
    /// tie; `None` when it matches none.
    pub group: Option<usize>,
    /// Whether the paragraph reached the theme only because the theme is a subject of its
    /// article (a third or more of the article's paragraphs are filed under it on their own),
    /// which lowers the score a paragraph needs to [`SUBJECT_DISCOUNT`] of the threshold.
    pub from_article: bool,
    /// The score this paragraph needed: the theme's threshold, raised for its length and
    /// lowered when the article is about the theme.
    pub needed: f64,
    /// Where the paragraph's words that matched the theme's positive terms are (byte ranges
    /// of its text), in reading order and each wording once: what a reader is shown as the
    /// reason. Ranges, not copies, since a large corpus holds millions of filings.
    pub words: Vec<Range<u32>>,
}

impl Filing {
    /// The words that filed the paragraph whose text is `text`, as written.
    pub fn words<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.words
            .iter()
            .filter_map(|span| text.get(span.start as usize..span.end as usize))
    }
}

/// A theme's score for a paragraph and each matched term's contribution, strongest first.
type Explained = (f64, Vec<(u32, f64)>);

/// One paragraph's scores for every theme, before anything is filed.
struct Scored {
    tokens: Tokens,
    /// Every match of the vocabulary: the term and the words it covers.
    found: Vec<(usize, Range<usize>)>,
    factor: f64,
    /// Per theme, in theme order: the score and the matched terms with their contributions.
    themes: Vec<Explained>,
}

/// One theme's part of the compiled vocabulary.
#[derive(Debug, Clone)]
struct ThemeModel {
    id: ThemeId,
    threshold: f64,
    min_terms: usize,
    /// Which of the classifier's terms are this theme's.
    terms: Range<usize>,
    /// Which of the classifier's group terms are this theme's, one range per group.
    groups: Vec<Range<usize>>,
}

/// Every theme's vocabulary, compiled once per build into one matcher, so a paragraph's
/// words are looked up once for all themes.
#[derive(Debug, Clone)]
pub struct Classifier {
    themes: Vec<ThemeModel>,
    labels: Vec<Arc<str>>,
    weights: Vec<f64>,
    /// Which theme (by its place in `themes`) each term belongs to.
    term_theme: Vec<usize>,
    terms: Matcher,
    group_terms: Matcher,
}

impl Classifier {
    /// Compiles the vocabularies of `themes`, in order.
    pub fn new(themes: &[Theme]) -> Classifier {
        let mut models = Vec::with_capacity(themes.len());
        let mut spellings: Vec<Vec<&str>> = Vec::new();
        let mut group_spellings: Vec<Vec<&str>> = Vec::new();
        let mut labels = Vec::new();
        let mut weights = Vec::new();
        let mut term_theme = Vec::new();
        for (t, theme) in themes.iter().enumerate() {
            let first_term = spellings.len();
            for term in &theme.terms {
                spellings.push(
                    std::iter::once(term.term.as_str())
                        .chain(term.aliases.iter().map(String::as_str))
                        .collect(),
                );
                labels.push(Arc::from(term.term.as_str()));
                weights.push(term.weight);
                term_theme.push(t);
            }
            let groups = theme
                .groups
                .iter()
                .map(|group| {
                    let first = group_spellings.len();
                    group_spellings.extend(group.terms.iter().map(|term| vec![term.as_str()]));
                    first..group_spellings.len()
                })
                .collect();
            models.push(ThemeModel {
                id: theme.id.clone(),
                threshold: theme.threshold,
                min_terms: theme.min_terms,
                terms: first_term..spellings.len(),
                groups,
            });
        }
        Classifier {
            themes: models,
            labels,
            weights,
            term_theme,
            terms: Matcher::new(spellings),
            group_terms: Matcher::new(group_spellings),
        }
    }

    /// The themes `text` is filed under, in theme order, judged on its own (as a one-paragraph
    /// article).
    pub fn classify(&self, text: &str) -> Vec<Filing> {
        self.classify_article("", &[text]).pop().unwrap_or_default()
    }

    /// The themes each paragraph of one article is filed under, in theme order. Each text is
    /// cut into words once, for every theme and for grouping. A paragraph is filed when its
    /// score reaches the theme's threshold (raised for long paragraphs, see
    /// [`threshold_factor`]) with `min_terms` distinct positive terms; where a theme is a
    /// subject of the article — its headline (`title`, may be empty) reaches
    /// [`HEADLINE_SHARE`] of the threshold, or [`SUBJECT_SHARE`] of its paragraphs pass on
    /// their own — the article's other paragraphs that match its terms need only
    /// [`SUBJECT_DISCOUNT`] of that.
    pub fn classify_article(&self, title: &str, paragraphs: &[&str]) -> Vec<Vec<Filing>> {
        let score_text = |text: &str| {
            let tokens = Tokens::new(text);
            let (_, found) = self.terms.find(&tokens);
            let counts = self.mentions(&found, &tokens, text);
            Scored {
                found,
                factor: threshold_factor(tokens.len()),
                themes: self
                    .themes
                    .iter()
                    .map(|model| self.score_counts(model, &counts))
                    .collect(),
                tokens,
            }
        };
        let scored: Vec<Scored> = paragraphs.iter().map(|text| score_text(text)).collect();
        let headline = score_text(title);
        let passes = |model: &ThemeModel, paragraph: &Scored, t: usize, discount: f64| {
            let (score, matched) = &paragraph.themes[t];
            let positive = matched.iter().filter(|(_, c)| *c > 0.0).count();
            *score >= model.threshold * paragraph.factor * discount && positive >= model.min_terms
        };
        let subjects: Vec<bool> = self
            .themes
            .iter()
            .enumerate()
            .map(|(t, model)| {
                let alone = scored.iter().filter(|p| passes(model, p, t, 1.0)).count();
                if passes(model, &headline, t, HEADLINE_SHARE) {
                    return true;
                }
                alone >= SUBJECT_PARAGRAPHS && alone as f64 >= SUBJECT_SHARE * scored.len() as f64
            })
            .collect();
        scored
            .into_iter()
            .zip(paragraphs)
            .map(|(paragraph, text)| {
                let mut group_counts: Option<Vec<usize>> = None;
                self.themes
                    .iter()
                    .enumerate()
                    .filter_map(|(t, model)| {
                        let alone = passes(model, &paragraph, t, 1.0);
                        let from_article =
                            !alone && subjects[t] && passes(model, &paragraph, t, SUBJECT_DISCOUNT);
                        if !alone && !from_article {
                            return None;
                        }
                        let group_counts = group_counts
                            .get_or_insert_with(|| self.group_terms.count(&paragraph.tokens));
                        let (score, matched) = &paragraph.themes[t];
                        let discount = if from_article { SUBJECT_DISCOUNT } else { 1.0 };
                        Some(Filing {
                            theme: model.id.clone(),
                            score: *score,
                            terms: matched.iter().map(|(term, _)| *term).collect(),
                            positive: matched.iter().filter(|(_, c)| *c > 0.0).count(),
                            group: best_group(model, group_counts),
                            from_article,
                            needed: model.threshold * paragraph.factor * discount,
                            words: self.matched_words(model, &paragraph, text),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// The words of `text` that matched the theme's positive terms, as written, each once;
    /// where matches overlap ("North Korean" inside "North Korean leader"), the longest.
    fn matched_words(&self, model: &ThemeModel, paragraph: &Scored, text: &str) -> Vec<Range<u32>> {
        let mut spans: Vec<Range<usize>> = paragraph
            .found
            .iter()
            .filter(|(term, _)| model.terms.contains(term) && self.weights[*term] > 0.0)
            .map(|(_, words)| paragraph.tokens.source_span(words.clone()))
            .collect();
        spans.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
        let mut words: Vec<Range<u32>> = Vec::new();
        let mut covered_until = 0;
        for span in spans {
            if span.end <= covered_until {
                continue;
            }
            covered_until = span.end;
            let (Ok(start), Ok(end)) = (u32::try_from(span.start), u32::try_from(span.end)) else {
                continue;
            };
            if let Some(word) = text.get(span)
                && !words
                    .iter()
                    .any(|w| text.get(w.start as usize..w.end as usize) == Some(word))
            {
                words.push(start..end);
            }
        }
        words
    }

    fn model(&self, theme: &ThemeId) -> Option<&ThemeModel> {
        self.themes.iter().find(|model| &model.id == theme)
    }

    /// The theme's score for `text` (0 for a theme the classifier does not know), for ranking
    /// sentences within a passage.
    pub fn score(&self, theme: &ThemeId, text: &str) -> f64 {
        self.explain(theme, text).0
    }

    /// The theme's score for `text` and each matched term's contribution, strongest first,
    /// whether or not the paragraph reaches the threshold: for tuning a vocabulary.
    pub fn explain(&self, theme: &ThemeId, text: &str) -> Explained {
        match self.model(theme) {
            Some(model) => {
                let tokens = Tokens::new(text);
                let (_, found) = self.terms.find(&tokens);
                self.score_counts(model, &self.mentions(&found, &tokens, text))
            }
            None => (0.0, Vec::new()),
        }
    }

    /// How many times each term is mentioned, counting one name once: where matches of one
    /// theme's positive terms that are names (they start with a capital in `text`) overlap or
    /// touch — "North Korea's Kim Jong Un" is `North Korea*`, `Kim` and `North Korean leader`
    /// — they name one person or thing, and only the heaviest of them counts. Without this, a
    /// single passing name scores like a paragraph about its subject. Descriptions that touch
    /// ("hypersonic missiles") still count each term, and terms that count against a theme
    /// always count.
    fn mentions(&self, found: &[(usize, Range<usize>)], tokens: &Tokens, text: &str) -> Vec<usize> {
        let is_name = |words: &Range<usize>| {
            text.get(tokens.source_span(words.clone()))
                .and_then(|written| written.chars().next())
                .is_some_and(char::is_uppercase)
        };
        let mut counts = vec![0; self.weights.len()];
        // Per theme, the run of touching matches being read: where it ends and its heaviest
        // term.
        let mut open: Vec<Option<(usize, usize)>> = vec![None; self.themes.len()];
        for (term, words) in found {
            let (term, weight) = (*term, self.weights[*term]);
            if weight <= 0.0 {
                counts[term] += 1;
                continue;
            }
            if !is_name(words) {
                counts[term] += 1;
                continue;
            }
            let run = &mut open[self.term_theme[term]];
            match run {
                Some((end, best)) if words.start <= *end => {
                    *end = (*end).max(words.end);
                    if weight > self.weights[*best] {
                        *best = term;
                    }
                }
                _ => {
                    if let Some((_, best)) = run.replace((words.end, term)) {
                        counts[best] += 1;
                    }
                }
            }
        }
        for (_, best) in open.into_iter().flatten() {
            counts[best] += 1;
        }
        counts
    }

    fn score_counts(&self, model: &ThemeModel, counts: &[usize]) -> Explained {
        let range = model.terms.clone();
        let first = range.start;
        let mut matched: Vec<(usize, f64)> = range
            .filter(|&term| counts[term] > 0)
            .map(|term| {
                let repeats = (counts[term] - 1).min(MAX_REPEATS) as f64;
                let contribution = self.weights[term] * (1.0 + REPEAT_BONUS * repeats);
                (term, contribution)
            })
            .collect();
        let score = matched.iter().map(|(_, c)| c).sum();
        matched.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.labels[a.0].cmp(&self.labels[b.0]))
        });
        let matched = matched
            .into_iter()
            .map(|(term, contribution)| ((term - first) as u32, contribution))
            .collect();
        (score, matched)
    }
}

/// The group whose terms `counts` holds most of (the first on a tie), if any.
fn best_group(model: &ThemeModel, counts: &[usize]) -> Option<usize> {
    let per_group: Vec<usize> = model
        .groups
        .iter()
        .map(|range| counts[range.clone()].iter().sum())
        .collect();
    let best = per_group.iter().copied().max().unwrap_or(0);
    (best > 0).then(|| per_group.iter().position(|&c| c == best).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{GroupDef, TermDef};

    fn theme(terms: &[(&str, f64)]) -> Theme {
        Theme {
            id: ThemeId::parse("t").unwrap(),
            path: "themes/t.yaml".into(),
            title: "T".into(),
            question: "Q?".into(),
            scope: String::new(),
            threshold: 4.0,
            min_terms: 2,
            colour: None,
            terms: terms
                .iter()
                .map(|(term, weight)| TermDef {
                    term: term.to_string(),
                    weight: *weight,
                    aliases: vec![],
                    line: 1,
                })
                .collect(),
            groups: vec![
                GroupDef {
                    title: "Missiles".into(),
                    terms: vec!["missile*".into()],
                },
                GroupDef {
                    title: "Drones".into(),
                    terms: vec!["drone*".into()],
                },
            ],
        }
    }

    #[test]
    fn files_only_with_enough_distinct_terms() {
        let themes = [theme(&[
            ("missile*", 3.0),
            ("hypersonic", 3.0),
            ("parade", -1.0),
        ])];
        let classifier = Classifier::new(&themes);
        let cases = [
            ("Hypersonic missiles rolled past.", true),
            ("Missiles, missiles, missiles and more missiles.", false),
            ("The hypersonic missile parade.", true),
            ("A parade.", false),
        ];
        for (text, filed) in cases {
            assert_eq!(!classifier.classify(text).is_empty(), filed, "{text}");
        }
    }

    #[test]
    fn names_the_words_that_filed_a_paragraph_as_written() {
        let themes = [theme(&[
            ("missile*", 2.0),
            ("ballistic missile*", 2.0),
            ("hypersonic", 3.0),
            ("parade", -1.0),
        ])];
        let text = "Hypersonic and ballistic missiles; Missiles at the parade.";
        let filing = &Classifier::new(&themes).classify(text)[0];
        assert_eq!(
            filing.words(text).collect::<Vec<_>>(),
            ["Hypersonic", "ballistic missiles", "Missiles"]
        );
    }

    #[test]
    fn explains_score_with_terms_strongest_first() {
        let themes = [theme(&[("missile*", 2.0), ("hypersonic", 3.0)])];
        let filing = &Classifier::new(&themes).classify("Missiles: hypersonic missiles.")[0];
        let terms: Vec<&str> = filing
            .terms
            .iter()
            .map(|&t| themes[0].terms[t as usize].term.as_str())
            .collect();
        assert_eq!(terms, ["hypersonic", "missile*"]);
        assert_eq!(filing.score, 3.0 + 2.0 * 1.25);
    }

    #[test]
    fn counts_one_name_once() {
        let mut north = theme(&[("North Korea*", 1.5), ("Kim", 1.5), ("missile*", 2.0)]);
        north.threshold = 3.0;
        north.min_terms = 1;
        let classifier = Classifier::new(&[north]);
        // One name written three ways at once is one mention: a passing name.
        assert!(
            classifier
                .classify("Guests included North Korea's Kim.")
                .is_empty()
        );
        // The same words apart are two mentions of the subject.
        assert!(
            !classifier
                .classify("Kim arrived by train; North Korea said the talks went well.")
                .is_empty()
        );
        // A name and a description that touch are two terms.
        let filing = &classifier.classify("Two North Korea missiles.")[0];
        assert_eq!(filing.score, 3.5);
        // Two names that touch are one.
        assert_eq!(classifier.explain(&filing.theme, "North Korea Kim").0, 1.5);
    }

    #[test]
    fn a_headline_makes_its_theme_the_subject_of_the_article() {
        let mut missiles = theme(&[("missile*", 2.0), ("hypersonic", 3.0)]);
        missiles.min_terms = 1;
        let classifier = Classifier::new(&[missiles]);
        let paragraphs = ["Crowds lined the avenue.", "The missiles came last."];
        let filed = |title: &str| {
            classifier
                .classify_article(title, &paragraphs)
                .iter()
                .map(|filings| filings.len())
                .collect::<Vec<_>>()
        };
        assert_eq!(filed("A day in Beijing"), [0, 0]);
        assert_eq!(filed("New hypersonic missiles on show"), [0, 1]);
        assert!(
            classifier.classify_article("New hypersonic missiles on show", &paragraphs)[1][0]
                .from_article
        );
    }

    #[test]
    fn picks_group_with_most_matches() {
        let themes = [theme(&[
            ("missile*", 2.0),
            ("drone*", 2.0),
            ("tank*", 2.0),
            ("armour*", 2.0),
        ])];
        let classifier = Classifier::new(&themes);
        let group = |text: &str| classifier.classify(text)[0].group;
        assert_eq!(group("drones and drones, one missile"), Some(1));
        assert_eq!(group("missiles, drones"), Some(0));
        assert_eq!(group("tanks and drones and tanks"), Some(1));
        assert_eq!(group("tanks and armoured vehicles"), None);
    }
}
