//! Who's who: the mentions of the gazetteer's entities ([`crate::load::Entity`]) in a text.
//!
//! Names are matched as whole words on a normalised key, so the spellings a reader takes for
//! one name are one name:
//! - **Case** is ignored within a word ("JuLang-3", "Julang-3", "JULANG-3"), with two rules
//!   that keep common words from turning into names: a word the gazetteer writes with a
//!   capital must show one in the text, so "trump", "turkey" and "the Global times" are not
//!   Trump, Turkey or the Global Times, while a name written all in lowercase ("hypersonic
//!   missiles") matches in any case; and a name of at most three letters, all capitals ("US",
//!   "UN", "JL-3", "DF-5C"), matches only in capitals, so "us" and "Us" are never the United
//!   States.
//! - **A hyphen, space or dot between a letter and a digit** is dropped: "JuLang-3",
//!   "Julang 3" and "Julang3" are one name, as are "DF-5C" and "DF 5C". Between two letters a
//!   hyphen still counts ("Kim Jong-un" needs its alias), and "DF-26" never matches inside
//!   "DF-26D".
//! - **Apostrophes** are read alike (’ ' ʼ ‘), and the last word of a name may carry a
//!   possessive: "South Korea’s", "Russia's" and "the Koreas’" name South Korea, Russia and
//!   the Koreas (the mention's span stops before the "’s").
//!
//! Where names overlap the longest wins, the leftmost first, and matched words are not
//! matched again, so "South China Sea" is the sea and not China. A `short` name ("Kim") counts
//! only once its entity's name or an alias has appeared earlier in the same source, which the
//! caller carries from paragraph to paragraph in reading order.
//!
//! The words themselves come from `tokens`; the normalisation is kept in functions of its
//! own (`unify`, `Form`, `name_words`) so that the tokeniser can be replaced without
//! touching the rules.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::load::Entity;

/// One mention: which entity (its index in the gazetteer) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity's index in the gazetteer.
    pub entity: usize,
    /// The byte range of the words in the text.
    pub span: Range<usize>,
}

/// Whether a name matches only in the case it is written in: at most three letters, all
/// capitals ("US", "UN", "JL-3", "DF-5C"). Such initialisms are also short common words
/// ("us", "Us", "un"), and no reader writes them otherwise.
fn is_initialism(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether a word has a capital letter.
fn has_capital(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
}

/// One way of naming an entity, as words.
#[derive(Debug, Clone)]
struct Name {
    /// Its words as written, normalised by [`name_words`].
    written: Vec<String>,
    /// The same, lowercased: what is compared unless the name is `exact`.
    folded: Vec<String>,
    entity: usize,
    /// Matched only as written ([`is_initialism`]).
    exact: bool,
    /// Counts only after the entity was named in full.
    short: bool,
}

impl Name {
    fn words(&self) -> &[String] {
        if self.exact {
            &self.written
        } else {
            &self.folded
        }
    }
}

/// The gazetteer, ready to match: names by the lowercased form of their first word.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    by_first: HashMap<String, Vec<Name>>,
    /// Every run of consecutive words of every name, lowercased and joined by spaces: a
    /// capitalised run found in a text that is one of these is part of a known name ("Jong
    /// Un"), not a new one.
    parts: std::collections::HashSet<String>,
    /// Each entity's id, by index.
    ids: Vec<String>,
}

impl Gazetteer {
    /// Prepares the entities' names for matching.
    pub fn new(entities: &[Entity]) -> Gazetteer {
        let mut by_first: HashMap<String, Vec<Name>> = HashMap::new();
        let mut parts = std::collections::HashSet::new();
        for (index, entity) in entities.iter().enumerate() {
            let full = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .map(|n| (n, false));
            let short = entity.short.iter().map(|n| (n, true));
            for (name, short) in full.chain(short) {
                let lower = part_words(name);
                for from in 0..lower.len() {
                    for to in from + 1..=lower.len() {
                        parts.insert(lower[from..to].join(" "));
                    }
                }
                let written = name_words(name);
                let folded: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
                let Some(first) = folded.first().cloned() else {
                    continue;
                };
                by_first.entry(first).or_default().push(Name {
                    written,
                    folded,
                    entity: index,
                    exact: is_initialism(name),
                    short,
                });
            }
        }
        Gazetteer {
            by_first,
            parts,
            ids: entities.iter().map(|e| e.id.clone()).collect(),
        }
    }

    /// The id of the entity with this index.
    pub fn id(&self, entity: usize) -> Option<&str> {
        self.ids.get(entity).map(String::as_str)
    }

    /// Whether `words` (split on anything but letters and digits) are all or part of a name
    /// the gazetteer knows, in any case.
    pub fn knows_part(&self, words: &str) -> bool {
        self.parts.contains(&part_words(words).join(" "))
    }

    /// The mentions in `text`, in order. `named` holds the entities already named in full in
    /// this source; it gains the ones named here.
    pub fn mentions(&self, text: &str, named: &mut BTreeSet<usize>) -> Vec<Mention> {
        let words = tokens(text);
        let forms = forms(text, &words);
        let mut found = Vec::new();
        let mut at = 0;
        while at < words.len() {
            // A name's first word may be this word, this word and the next run together
            // ("Julang 3"), or either with a possessive, when the name is one word long.
            let here = &forms[at];
            let mut firsts: Vec<&str> = [Some(&here.one), here.two.as_ref()]
                .into_iter()
                .flatten()
                .flat_map(|form| [Some(&form.whole), form.bare.as_ref()])
                .flatten()
                .map(|key| key.folded.as_str())
                .collect();
            firsts.sort_unstable();
            firsts.dedup();
            let best = firsts
                .into_iter()
                .filter_map(|first| self.by_first.get(first))
                .flatten()
                .filter(|name| !name.short || named.contains(&name.entity))
                .filter_map(|name| Some((name, matches(name, &forms, at)?)))
                .max_by(|(a, (_, a_span)), (b, (_, b_span))| {
                    a_span.end.cmp(&b_span.end).then(b.entity.cmp(&a.entity))
                });
            match best {
                Some((name, (next, span))) => {
                    found.push(Mention {
                        entity: name.entity,
                        span,
                    });
                    if !name.short {
                        named.insert(name.entity);
                    }
                    at = next;
                }
                None => at += 1,
            }
        }
        found
    }
}

/// Where `name` matches the text from word `at`: the word after it and the mention's span.
fn matches(name: &Name, forms: &[Forms], at: usize) -> Option<(usize, Range<usize>)> {
    let exact = name.exact;
    let wants = name.words();
    let start = forms.get(at)?.one.span.start;
    let mut next = at;
    let mut end = start;
    for (k, want) in wants.iter().enumerate() {
        let last = k + 1 == wants.len();
        let capital = has_capital(&name.written[k]);
        let here = forms.get(next)?;
        let (step, form_end) = [(1, Some(&here.one)), (2, here.two.as_ref())]
            .into_iter()
            .filter_map(|(step, form)| Some((step, form?)))
            .filter(|(_, form)| !capital || has_capital(&form.whole.written))
            .find_map(|(step, form)| {
                if form.whole.get(exact) == want {
                    Some((step, form.span.end))
                } else {
                    let bare = form.bare.as_ref().filter(|_| last)?;
                    (bare.get(exact) == want).then_some((step, form.bare_end))
                }
            })?;
        next += step;
        end = form_end;
    }
    Some((next, start..end))
}

/// The key of a name as clashes between entries are found: two names with one key would
/// match the same words, so they may not name two entities.
pub fn name_key(name: &str) -> String {
    name_words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name's words as they are compared: each [`unify`]d, and a word that ends in a letter
/// run together with a next that starts with a digit, or the reverse, when only a space or a
/// dot comes between them ("Julang 3" is one word, `Julang3`).
fn name_words(name: &str) -> Vec<String> {
    let words = tokens(name);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (k, (word, _)) in words.iter().enumerate() {
        let joins = k > 0 && joinable(name, &words[k - 1].1, &words[k].1);
        match out.last_mut() {
            Some(previous) if joins => previous.push_str(&unify(word)),
            _ => out.push(unify(word)),
        }
    }
    out
}

/// The words of `text` (split on anything but letters and digits), lowercased: how
/// [`Gazetteer::knows_part`] compares runs of words.
fn part_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words at `a` and then `b` in `text` are one designation: one space, no-break
/// space or dot between them, with a letter on one side and a digit on the other.
fn joinable(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = &text[a.end..b.start];
    let one_separator = matches!(gap, " " | "\u{a0}" | ".");
    let left = text[a.clone()].chars().next_back();
    let right = text[b.clone()].chars().next();
    one_separator && letter_meets_digit(left, right)
}

/// A letter on one side and a digit on the other.
fn letter_meets_digit(left: Option<char>, right: Option<char>) -> bool {
    match (left, right) {
        (Some(l), Some(r)) => {
            (l.is_alphabetic() && r.is_ascii_digit()) || (l.is_ascii_digit() && r.is_alphabetic())
        }
        _ => false,
    }
}

/// A word as names are compared, case kept: apostrophes alike (’), and no hyphen between a
/// letter and a digit ("JuLang-3" is `JuLang3`).
fn unify(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (k, &c) in chars.iter().enumerate() {
        let between = k > 0 && letter_meets_digit(Some(chars[k - 1]), chars.get(k + 1).copied());
        match c {
            '-' | '.' if between => {}
            '\'' | 'ʼ' | '‘' => out.push('’'),
            _ => out.push(c),
        }
    }
    out
}

/// A word's key as written and lowercased.
#[derive(Debug, Clone)]
struct Key {
    written: String,
    folded: String,
}

impl Key {
    fn new(written: String) -> Key {
        let folded = written.to_lowercase();
        Key { written, folded }
    }

    /// The key compared: as written when `exact`.
    fn get(&self, exact: bool) -> &str {
        if exact { &self.written } else { &self.folded }
    }
}

/// One word of the text, or two run together, as names are compared with it.
#[derive(Debug, Clone)]
struct Form {
    /// Its bytes in the text.
    span: Range<usize>,
    /// The whole word.
    whole: Key,
    /// The word without a possessive "’s", when it has one.
    bare: Option<Key>,
    /// Where the word ends without its possessive.
    bare_end: usize,
}

impl Form {
    fn new(text: &str, span: Range<usize>, written: String) -> Form {
        let possessive = written
            .strip_suffix("’s")
            .or_else(|| written.strip_suffix("’S"))
            .filter(|rest| !rest.is_empty());
        let bare = possessive.map(|rest| Key::new(rest.to_string()));
        // The apostrophe as the text writes it (one byte or three) and the "s".
        let suffix = text[span.clone()]
            .chars()
            .rev()
            .take(2)
            .map(char::len_utf8)
            .sum::<usize>();
        Form {
            bare_end: if bare.is_some() {
                span.end - suffix
            } else {
                span.end
            },
            span,
            whole: Key::new(written),
            bare,
        }
    }
}

/// A word of the text, alone and run together with the next when the two may be one
/// designation ("Julang 3").
#[derive(Debug, Clone)]
struct Forms {
    one: Form,
    two: Option<Form>,
}

/// The forms of every word of `text`.
fn forms(text: &str, words: &[(String, Range<usize>)]) -> Vec<Forms> {
    words
        .iter()
        .enumerate()
        .map(|(k, (word, span))| {
            let two = words
                .get(k + 1)
                .filter(|(_, next)| joinable(text, span, next))
                .map(|(next_word, next)| {
                    let written = unify(word) + &unify(next_word);
                    Form::new(text, span.start..next.end, written)
                });
            Forms {
                one: Form::new(text, span.clone(), unify(word)),
                two,
            }
        })
        .collect()
}
/// The words of a text with their byte ranges: letters, digits, and the hyphens and
/// apostrophes inside them ("Kim Jong-un", "People’s", "DF-5C").
fn tokens(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let inner = |c: char| matches!(c, '-' | '\'' | '’' | 'ʼ' | '‘');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next_is_word = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        let part = c.is_alphanumeric() || (inner(c) && start.is_some() && next_is_word);
        match (start, part) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                out.push((text[from..at].to_string(), from..at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push((text[from..].to_string(), from..text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EntityKind, parse_entities};

    fn gazetteer() -> (Vec<Entity>, Gazetteer) {
        let text = "\
- id: kim-jong-un\n  name: Kim Jong Un\n  kind: person\n  aliases: [Kim Jong-un]\n  short: [Kim]\n\
- id: kim-yo-jong\n  name: Kim Yo Jong\n  kind: person\n\
- id: china\n  name: China\n  kind: country\n  aliases: [Beijing]\n\
- id: south-china-sea\n  name: South China Sea\n  kind: place\n\
- id: pla\n  name: People’s Liberation Army\n  kind: organisation\n\
- id: icbm\n  name: intercontinental ballistic missile\n  kind: weapon\n  aliases: [icbms, icbm]\n";
        let entities = parse_entities(text, std::path::Path::new("e.yaml")).unwrap();
        assert_eq!(entities[0].kind, EntityKind::Person);
        let gazetteer = Gazetteer::new(&entities);
        (entities, gazetteer)
    }

    fn ids(entities: &[Entity], text: &str, mentions: &[Mention]) -> Vec<(String, String)> {
        mentions
            .iter()
            .map(|m| {
                (
                    entities[m.entity].id.clone(),
                    text[m.span.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn longest_name_wins_and_short_names_need_the_full_one_first() {
        let (entities, gazetteer) = gazetteer();
        let mut named = BTreeSet::new();
        let text = "Kim met Kim Yo Jong in the South China Sea, then Beijing.";
        let found = gazetteer.mentions(text, &mut named);
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("kim-yo-jong".into(), "Kim Yo Jong".into()),
                ("south-china-sea".into(), "South China Sea".into()),
                ("china".into(), "Beijing".into()),
            ],
            "a lone 'Kim' before the full name is nobody yet"
        );
        let text = "Kim Jong-un arrived. Later Kim spoke.";
        let found = gazetteer.mentions(text, &mut named);
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("kim-jong-un".into(), "Kim Jong-un".into()),
                ("kim-jong-un".into(), "Kim".into()),
            ]
        );
    }

    #[test]
    fn lowercase_names_match_in_any_case_and_apostrophes_alike() {
        let (entities, gazetteer) = gazetteer();
        let text =
            "The People's Liberation Army showed ICBMs and an Intercontinental Ballistic Missile.";
        let found = gazetteer.mentions(text, &mut BTreeSet::new());
        assert_eq!(
            ids(&entities, text, &found),
            [
                ("pla".into(), "People's Liberation Army".into()),
                ("icbm".into(), "ICBMs".into()),
                ("icbm".into(), "Intercontinental Ballistic Missile".into()),
            ]
        );
    }

    /// A gazetteer with the names the normalisation rules are about.
    fn designations() -> (Vec<Entity>, Gazetteer) {
        let text = "\
- id: south-korea\n  name: South Korea\n  kind: country\n  aliases: [ROK]\n\
- id: russia\n  name: Russia\n  kind: country\n\
- id: korean-peninsula\n  name: Korean Peninsula\n  kind: place\n  aliases: [the Koreas]\n\
- id: united-states\n  name: United States\n  kind: country\n  aliases: [US, U.S.]\n\
- id: trump\n  name: Donald Trump\n  kind: person\n  aliases: [Trump]\n\
- id: global-times\n  name: Global Times\n  kind: organisation\n\
- id: julang-3\n  name: JuLang-3\n  kind: weapon\n  aliases: [JL-3]\n\
- id: df-5c\n  name: DF-5C\n  kind: weapon\n  aliases: [Dongfeng-5C]\n\
- id: df-26\n  name: DF-26\n  kind: weapon\n";
        let entities = parse_entities(text, std::path::Path::new("e.yaml")).unwrap();
        let gazetteer = Gazetteer::new(&entities);
        (entities, gazetteer)
    }

    /// Each rule as a table: the text, and the (entity, words) it mentions.
    #[test]
    fn matches_possessives_case_and_designation_variants() {
        let (entities, gazetteer) = designations();
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Possessives, with either apostrophe; the span stops before the "’s".
            (
                "South Korea's intelligence service",
                &[("south-korea", "South Korea")],
            ),
            (
                "South Korea’s spy agency",
                &[("south-korea", "South Korea")],
            ),
            (
                "Russia’s army and Russia's navy",
                &[("russia", "Russia"), ("russia", "Russia")],
            ),
            ("SOUTH KOREA’S ELECTION", &[("south-korea", "SOUTH KOREA")]),
            ("the Koreas' border", &[("korean-peninsula", "the Koreas")]),
            ("the Koreas’ border", &[("korean-peninsula", "the Koreas")]),
            // A possessive is read on a name's last word only.
            ("South’s Korea", &[]),
            // Case within a word, and separators between letters and digits.
            ("JuLang-3", &[("julang-3", "JuLang-3")]),
            ("the Julang 3 missile", &[("julang-3", "Julang 3")]),
            ("JULANG-3 launch", &[("julang-3", "JULANG-3")]),
            ("julang3", &[]),
            (
                "a JL-3 and a JL 3",
                &[("julang-3", "JL-3"), ("julang-3", "JL 3")],
            ),
            ("the jl-3", &[]),
            (
                "DF-5C, DF 5C and DF5C",
                &[("df-5c", "DF-5C"), ("df-5c", "DF 5C"), ("df-5c", "DF5C")],
            ),
            ("Dongfeng-5C’s range", &[("df-5c", "Dongfeng-5C")]),
            ("DONGFENG 5C", &[("df-5c", "DONGFENG 5C")]),
            ("df-5c", &[]),
            // Designations stay whole words: DF-26 is not inside DF-26D.
            ("the DF-26D and DF 26D", &[]),
            // Initialisms of up to three capitals match only as written.
            ("Tell us, US officials", &[("united-states", "US")]),
            ("Us Weekly", &[]),
            ("the U.S. said", &[("united-states", "U.S")]),
            ("the ROK’s navy", &[("south-korea", "ROK")]),
            // A capitalised word of a name needs a capital in the text.
            ("trump card, Trump’s card", &[("trump", "Trump")]),
            (
                "Global times, GLOBAL TIMES",
                &[("global-times", "GLOBAL TIMES")],
            ),
        ];
        for (text, want) in cases {
            let found = gazetteer.mentions(text, &mut BTreeSet::new());
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(id, w)| (id.to_string(), w.to_string()))
                .collect();
            assert_eq!(ids(&entities, text, &found), want, "in {text:?}");
        }
    }

    #[test]
    fn keys_clash_for_names_read_alike() {
        let cases = [
            ("JuLang-3", "julang3"),
            ("Julang 3", "julang3"),
            ("DF-5C", "df5c"),
            ("DF 5C", "df5c"),
            ("South Korea’s", "south korea’s"),
            ("People's Liberation Army", "people’s liberation army"),
            ("Kim Jong-un", "kim jong-un"),
        ];
        for (name, key) in cases {
            assert_eq!(name_key(name), key, "{name}");
        }
    }

    #[test]
    fn knows_parts_of_names_whatever_their_separators() {
        let (_, gazetteer) = designations();
        for part in ["JuLang-3", "julang 3", "Korea", "the koreas", "U.S."] {
            assert!(gazetteer.knows_part(part), "{part}");
        }
        assert!(!gazetteer.knows_part("Korea Times"));
    }

    #[test]
    fn names_are_whole_words() {
        let (_, gazetteer) = gazetteer();
        assert!(
            gazetteer
                .mentions("Chinatown and Kimchi", &mut BTreeSet::new())
                .is_empty()
        );
    }
}
