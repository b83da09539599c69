//! Who a sentence says is speaking: the words around a quotation (or a sentence without one)
//! → a name, an organisation, a pronoun to follow back, or nothing.
//!
//! Everything here reads words of one sentence whose quotations have been blanked out (see
//! the parent module), so that words inside a quotation are never taken for its attribution.
//! Precision comes first: a capitalised word is a speaker only when it stands where a subject
//! stands (just before the verb of saying, or just after it in "said Putin"), a nationality
//! ("South Korean officials said") or a title alone ("the President said") is never one, a title
//! before a name gives the name ("President Xi Jinping" → "Xi Jinping"), and an organisation
//! ("China’s foreign ministry said") is named as the text names it.

/// Who an attribution points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Who {
    /// A person or organisation named as the text writes it.
    Named(String),
    /// "he" or "she": the last person named before, if only one is.
    Pronoun,
}

/// What the words on one side of a quotation say about its speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Attribution {
    /// The speaker they name, if any.
    pub(super) who: Option<Who>,
    /// Whether a verb of saying stands close to the quotation, speaker or not: a quoted phrase
    /// without one is a term.
    pub(super) verb: bool,
}

/// Verbs of saying, in the forms news writing uses; "according (to)" counts as one.
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "stated",
    "states",
    "warned",
    "warns",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "stressed",
    "stresses",
    "announced",
    "announces",
    "asserted",
    "asserts",
    "argued",
    "argues",
    "explained",
    "explains",
    "remarked",
    "replied",
    "responded",
    "emphasized",
    "emphasised",
    "acknowledged",
    "observed",
    "cautioned",
    "urged",
    "vowed",
    "pledged",
    "promised",
    "recalled",
    "admitted",
    "conceded",
    "concluded",
    "continued",
    "asked",
    "answered",
    "confirmed",
    "reiterated",
    "boasted",
    "predicted",
    "tweeted",
    "posted",
    "commented",
    "according",
];

/// Capitalised words that are a title, not a name: "Foreign Minister Wang Yi" is Wang Yi.
const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Deputy",
    "Secretary",
    "General",
    "Premier",
    "Chairman",
    "Chairwoman",
    "Leader",
    "Chancellor",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Chief",
    "Director",
    "Commander",
    "Admiral",
    "Gen",
    "Colonel",
    "Marshal",
    "Supreme",
    "Envoy",
    "Professor",
    "Prof",
    "Mayor",
    "Expert",
    "Analyst",
];

/// Common nouns for groups of people, capitalised only when they open a sentence
/// ("Officials said …"): never a name.
const GROUPS: &[&str] = &[
    "officials",
    "analysts",
    "experts",
    "observers",
    "critics",
    "sources",
    "diplomats",
    "people",
    "residents",
    "witnesses",
    "leaders",
    "lawmakers",
    "authorities",
    "strategists",
    "scholars",
    "researchers",
    "commentators",
    "insiders",
    "aides",
    "officers",
    "troops",
    "protesters",
];

/// Lower-case words for a person's role that may stand before a name ("North Korean leader
/// Kim Jong Un", "Military expert Yang Uk"): a name after one is a person's.
const ROLES: &[&str] = &[
    "leader",
    "president",
    "minister",
    "expert",
    "analyst",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "envoy",
    "ambassador",
    "general",
    "commander",
    "professor",
    "researcher",
    "scholar",
    "diplomat",
    "lawmaker",
    "senator",
    "secretary",
    "chairman",
    "premier",
    "chancellor",
    "adviser",
    "advisor",
    "director",
    "founder",
    "chief",
    "strategist",
    "economist",
    "historian",
    "dictator",
    "ruler",
];

/// Nouns that make the words before them an organisation: "the foreign ministry", "the
/// Kremlin", "South Korea’s National Intelligence Service".
const ORGANISATIONS: &[&str] = &[
    "ministry",
    "kremlin",
    "government",
    "agency",
    "service",
    "office",
    "embassy",
    "council",
    "committee",
    "commission",
    "department",
    "administration",
    "parliament",
    "cabinet",
    "institute",
    "bureau",
    "court",
    "pentagon",
    "secretariat",
    "presidency",
    "command",
];

/// Lower-case words that may stand inside an organisation's name ("the foreign ministry").
const ORGANISATION_WORDS: &[&str] = &[
    "foreign",
    "defence",
    "defense",
    "state",
    "interior",
    "finance",
    "trade",
    "news",
    "press",
    "central",
    "federal",
    "national",
    "intelligence",
    "military",
    "presidential",
    "security",
];

/// Nationalities and regions as adjectives: never a speaker, and dropped before a name.
const DEMONYMS: &[&str] = &[
    "American",
    "German",
    "Mexican",
    "Cuban",
    "Afghan",
    "Pakistani",
    "Israeli",
    "Saudi",
    "Iraqi",
    "Soviet",
    "Western",
    "Eastern",
    "Arab",
    "Thai",
    "French",
    "Dutch",
    "Greek",
    "Swiss",
    "Czech",
    "Filipino",
    "North",
    "South",
    "East",
    "West",
];

/// Words that may stand between a subject and its verb of saying ("Xi also said").
const FILLERS: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "then",
    "later",
    "again",
    "once",
    "further",
    "previously",
    "reportedly",
    "separately",
    "earlier",
    "would",
    "will",
    "was",
    "is",
    "publicly",
    "often",
];

/// Prepositions: a name after one is a complement ("from Seoul’s Asan Institute"), not the
/// subject.
const PREPOSITIONS: &[&str] = &[
    "from", "of", "at", "in", "on", "for", "with", "by", "to", "about", "against", "between",
    "after", "before", "during", "like", "unlike", "than", "over",
];

/// Capitalised words that open sentences without being names.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "As",
    "When",
    "While",
    "However",
    "Yet",
    "Still",
    "Meanwhile",
    "Then",
    "Now",
    "Later",
    "Earlier",
    "Also",
    "So",
    "For",
    "Asked",
    "Speaking",
    "Today",
    "Yesterday",
    "This",
    "That",
    "These",
    "Those",
    "If",
    "After",
    "Before",
];

/// How close (in words) a verb of saying must stand to a quotation to attribute it.
const NEAR: usize = 6;

/// How far after a quotation its verb of saying may stand, in words: room for a title and a
/// name ("”, North Korean leader Kim Jong Un said").
const NEAR_AFTER: usize = 8;

/// How far a verb followed by "that" may stand from a quotation inside the indirect speech
/// it opens ("Xi declared that the world faced a choice between “peace or war”").
const NEAR_THAT: usize = 12;

/// A word without the punctuation around it (and without a possessive).
pub(super) fn bare(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
    let word = word.trim_matches(|c: char| c == '’' || c == '\'');
    word.trim_end_matches("’s").trim_end_matches("'s")
}

/// A word trimmed of the punctuation around it, a possessive kept.
fn trimmed(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .trim_matches(|c: char| c == '’' || c == '\'')
}

fn capitalised(word: &str) -> bool {
    bare(word).starts_with(char::is_uppercase)
}

fn possessive(word: &str) -> bool {
    let word = trimmed(word);
    word.ends_with("’s") || word.ends_with("'s")
}

fn lower(word: &str) -> String {
    bare(word).to_lowercase()
}

fn is_pronoun(word: &str) -> bool {
    matches!(lower(word).as_str(), "he" | "she")
}

/// Other pronouns and words that stand for someone without naming them.
fn is_other_pronoun(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "they" | "it" | "we" | "i" | "you" | "this" | "that" | "who" | "which"
    )
}

fn is_demonym(word: &str) -> bool {
    let word = bare(word);
    DEMONYMS.contains(&word)
        || ["ian", "ean", "ese", "ish"]
            .iter()
            .any(|end| word.len() > end.len() + 2 && word.ends_with(end))
}

fn is_title(word: &str) -> bool {
    TITLES.contains(&bare(word))
}

/// Whether a token ends a clause: a comma, semicolon or colon.
fn ends_clause(word: &str) -> bool {
    word.trim_end_matches(['”', '"', '’'])
        .ends_with([',', ';', ':'])
}

/// Whether a token is (or holds) a quotation mark: another quotation in the sentence.
fn is_mark(word: &str) -> bool {
    word.contains(['“', '”', '"'])
}

/// The verb of saying at `i`, as the range of words it takes ("pointed out", "made it
/// clear"), or `None`.
fn verb_at(words: &[&str], i: usize) -> Option<std::ops::Range<usize>> {
    let word = lower(words[i]);
    if SAYING.contains(&word.as_str()) {
        return Some(i..i + 1);
    }
    let next = words.get(i + 1).map(|w| lower(w));
    match (word.as_str(), next.as_deref()) {
        ("pointed", Some("out")) => Some(i..i + 2),
        ("made" | "makes", Some("it")) if words.get(i + 2).is_some_and(|w| lower(w) == "clear") => {
            Some(i..i + 3)
        }
        _ => None,
    }
}

/// The attribution in the words before a quotation, in its sentence: "Xi declared that “",
/// "Military expert Yang Uk noted: “", "According to Hegseth, “", "He also said “".
pub(super) fn before(text: &str) -> Attribution {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(verb) = (0..words.len())
        .rev()
        .filter_map(|i| verb_at(&words, i))
        .find(|v| v.end <= words.len())
    else {
        return Attribution::default();
    };
    let gap = &words[verb.end..];
    let near = gap.len() < NEAR
        || (gap.first().is_some_and(|w| lower(w) == "that")
            && gap.len() < NEAR_THAT
            && !gap
                .iter()
                .any(|w| capitalised(w) || ends_clause(w) && !is_mark(w)));
    if !near {
        return Attribution::default();
    }
    let who = if lower(words[verb.start]) == "according" {
        named_from(&words[verb.end..])
    } else {
        subject_of(&words[..verb.start])
    };
    Attribution { who, verb: true }
}

/// The attribution in the words after a quotation, in its sentence: "”, Putin said", "” said
/// Kim Jong Un, North Korea's leader", "”, according to Hegseth", "”, she said".
pub(super) fn after(text: &str) -> Attribution {
    let words: Vec<&str> = text
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-'))
        .split_whitespace()
        .take_while(|w| !is_mark(w))
        .collect();
    let Some(verb) = (0..words.len().min(NEAR_AFTER)).find_map(|i| verb_at(&words, i)) else {
        return Attribution::default();
    };
    // A verb after the end of the clause is another clause's.
    if words[..verb.start].iter().any(|w| ends_clause(w)) {
        return Attribution::default();
    }
    let who = if verb.start == 0 {
        match words.get(verb.end) {
            Some(w) if is_pronoun(w) => Some(Who::Pronoun),
            _ => named_from(&words[verb.end..]),
        }
    } else {
        subject_ending(&words[..verb.start])
    };
    Attribution { who, verb: true }
}

/// The speaker a sentence without a quotation attributes speech to, when it is only that:
/// "Xi said.", "Putin told reporters on Tuesday.", "So said Xi." (at most eight words).
pub(super) fn bare_attribution(sentence: &str) -> Option<Who> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() > 8 || words.iter().any(|w| is_mark(w)) {
        return None;
    }
    let verb = (0..words.len()).find_map(|i| verb_at(&words, i))?;
    if words[verb.end..].iter().any(|w| lower(w) == "that") {
        return None;
    }
    if verb.start == 0 || (verb.start == 1 && lower(words[0]) == "so") {
        return named_from(&words[verb.end..]);
    }
    subject_of(&words[..verb.start])
}

/// Who the first verb of saying of a sentence has as its subject ("Putin told reporters:",
/// "Xi said the talks failed"), if named or a pronoun.
pub(super) fn said_by(sentence: &str) -> Option<Who> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    (0..words.len())
        .filter_map(|i| verb_at(&words, i))
        .find_map(|verb| {
            let before = &words[..verb.start];
            if lower(words[verb.start]) == "according" || before.iter().all(|w| bare(w).is_empty())
            {
                // "According to X", "“…,” said X".
                named_from(&words[verb.end..])
            } else {
                subject_of(before)
            }
        })
}

/// The subject of a verb of saying, from the words before it in its clause.
fn subject_of(words: &[&str]) -> Option<Who> {
    let start = words
        .iter()
        .rposition(|w| ends_clause(w) && !is_mark(w))
        .map_or(0, |p| p + 1);
    let clause: Vec<&str> = words[start..]
        .iter()
        .copied()
        .filter(|w| !bare(w).is_empty())
        .collect();
    let mut end = clause.len();
    while end > 0 && FILLERS.contains(&lower(clause[end - 1]).as_str()) {
        end -= 1;
    }
    let clause = &clause[..end];
    let last = *clause.last()?;
    if is_pronoun(last) {
        return Some(Who::Pronoun);
    }
    if is_other_pronoun(last) {
        return None;
    }
    if let Some(org) = organisation(clause) {
        return Some(Who::Named(org));
    }
    // The first run of capitalised words that stands as the subject: not after a preposition,
    // and followed by the verb, a filler or a prepositional complement.
    let mut at = 0;
    while at < clause.len() {
        if !capitalised(clause[at]) {
            at += 1;
            continue;
        }
        let len = clause[at..].iter().take_while(|w| capitalised(w)).count();
        let run = &clause[at..at + len];
        let after_preposition = at > 0 && PREPOSITIONS.contains(&lower(clause[at - 1]).as_str());
        let then = clause.get(at + len);
        let stands = then.is_none_or(|w| PREPOSITIONS.contains(&lower(w).as_str()));
        if !after_preposition && stands {
            if let Some(name) = person_name(run) {
                return Some(Who::Named(name));
            }
        }
        at += len;
    }
    None
}

/// The subject that ends `words` right before a verb of saying ("”, Chinese President Xi
/// Jinping said", "”, the foreign ministry said", "”, he said").
fn subject_ending(words: &[&str]) -> Option<Who> {
    let mut end = words.len();
    while end > 0 && FILLERS.contains(&lower(words[end - 1]).as_str()) {
        end -= 1;
    }
    let words = &words[..end];
    let last = *words.last()?;
    if is_pronoun(last) {
        return Some(Who::Pronoun);
    }
    if let Some(org) = organisation(words) {
        return Some(Who::Named(org));
    }
    let run = words.iter().rev().take_while(|w| capitalised(w)).count();
    // The run must be the whole subject, or follow a role ("leader Kim Jong Un"), not a
    // noun phrase's modifier.
    let start = words.len() - run;
    if start > 0 && !ROLES.contains(&lower(words[start - 1]).as_str()) {
        let before = lower(words[start - 1]);
        if !matches!(before.as_str(), "the" | "and") {
            return None;
        }
    }
    person_name(&words[start..]).map(Who::Named)
}

/// The name that opens `words` ("said Putin", "according to Hegseth", "said Kim Jong Un,
/// North Korea's leader").
fn named_from(words: &[&str]) -> Option<Who> {
    let words: Vec<&str> = words
        .iter()
        .skip_while(|w| matches!(lower(w).as_str(), "to" | "by"))
        .copied()
        .collect();
    if words.first().is_some_and(|w| is_pronoun(w)) {
        return Some(Who::Pronoun);
    }
    if let Some(org) = organisation_from(&words) {
        return Some(Who::Named(org));
    }
    let run = words.iter().take_while(|w| capitalised(w)).count();
    let run = words[..run]
        .iter()
        .position(|w| ends_clause(w))
        .map_or(run, |p| p + 1);
    person_name(&words[..run]).map(Who::Named)
}

/// An organisation ending `words` and standing as their subject: "the foreign ministry",
/// "China’s foreign ministry", "the Kremlin", "South Korea’s National Intelligence Service".
fn organisation(words: &[&str]) -> Option<String> {
    let last = *words.last()?;
    if !ORGANISATIONS.contains(&lower(last).as_str()) {
        return None;
    }
    let mut start = words.len() - 1;
    while start > 0 {
        let word = words[start - 1];
        if capitalised(word) || ORGANISATION_WORDS.contains(&lower(word).as_str()) {
            start -= 1;
        } else {
            break;
        }
    }
    let taken = &words[start..];
    let determiner = start.checked_sub(1).map(|p| lower(words[p]));
    match determiner.as_deref() {
        // A complement ("from Seoul’s Asan Institute") or an unnamed one ("a ministry").
        Some(d) if PREPOSITIONS.contains(&d) || d == "a" || d == "an" => None,
        Some("the") if !capitalised(taken[0]) => Some(format!("the {}", join(taken))),
        Some("the") | None => {
            let taken: Vec<&str> = taken
                .iter()
                .copied()
                .skip_while(|w| OPENERS.contains(&bare(w)) && bare(w) == trimmed(w))
                .collect();
            (!taken.is_empty() && taken.iter().any(|w| capitalised(w))).then(|| join(&taken))
        }
        Some(_) => None,
    }
}

/// An organisation opening `words` ("said the foreign ministry").
fn organisation_from(words: &[&str]) -> Option<String> {
    let end = words
        .iter()
        .position(|w| ORGANISATIONS.contains(&lower(w).as_str()))?;
    if words[..end].iter().any(|w| ends_clause(w)) || end > 4 {
        return None;
    }
    organisation(&words[..=end])
}

/// The name in a run of capitalised words, without a title or nationality before it, or
/// `None` when nothing of a name is left ("South Korean", "the President") or the run is not
/// one (a possessive, a pronoun, too long to be a name).
pub(super) fn person_name(run: &[&str]) -> Option<String> {
    let mut words: Vec<&str> = run
        .iter()
        .map(|w| trimmed(w))
        .filter(|w| !w.is_empty())
        .collect();
    while words.first().is_some_and(|w| OPENERS.contains(w)) {
        words.remove(0);
    }
    if let Some(title) = words.iter().rposition(|w| is_title(w)) {
        words.drain(..=title);
    }
    while words.len() > 1 && is_demonym(words[0]) {
        words.remove(0);
    }
    let first = *words.first()?;
    let last = *words.last()?;
    if words.len() > 4
        || words.iter().any(|w| {
            let w = w.to_lowercase();
            GROUPS.contains(&w.as_str()) || ROLES.contains(&w.as_str())
        })
        || possessive(last)
        || is_pronoun(first)
        || is_other_pronoun(first)
        || words.iter().all(|w| is_demonym(w))
        || words.iter().any(|w| possessive(w))
    {
        return None;
    }
    Some(words.join(" "))
}

fn join(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| trimmed(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs of capitalised words in a sentence, as names.
pub(super) fn names(sentence: &str) -> Vec<String> {
    runs(sentence)
        .into_iter()
        .filter_map(|(_, run)| person_name(&run))
        .collect()
}

/// Names a sentence marks as a person's: after a title ("President Xi Jinping") or a role
/// ("expert Yang Uk").
pub(super) fn titled(sentence: &str) -> Vec<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    runs(sentence)
        .into_iter()
        .filter(|(at, run)| {
            run.iter().any(|w| is_title(w))
                || at
                    .checked_sub(1)
                    .is_some_and(|p| ROLES.contains(&lower(words[p]).as_str()))
        })
        .filter_map(|(_, run)| person_name(&run))
        .collect()
}

/// The name that opens a sentence as its subject ("Putin kicked off …", "Chinese President Xi
/// Jinping revealed …"), if a lower-case word follows it.
pub(super) fn subject(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let run = words.iter().take_while(|w| capitalised(w)).count();
    let next = words.get(run)?;
    if run == 0 || ends_clause(words[run - 1]) || is_mark(next) || capitalised(next) {
        return None;
    }
    person_name(&words[..run])
}

/// Runs of capitalised words (with where each starts, in words).
fn runs(sentence: &str) -> Vec<(usize, Vec<&str>)> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if capitalised(words[at]) {
            let len = words[at..]
                .iter()
                .position(|w| !capitalised(w) || ends_clause(w))
                .map_or(words.len() - at, |p| {
                    if capitalised(words[at + p]) { p + 1 } else { p }
                });
            found.push((at, words[at..at + len].to_vec()));
            at += len.max(1);
        } else {
            at += 1;
        }
    }
    found
}

/// Whether two names can be one person's: every word of the shorter is in the longer ("Xi"
/// and "Xi Jinping"; not "Kim Jong Un" and "Kim Yo Jong").
pub(super) fn same_person(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let long: Vec<&str> = long.split(' ').collect();
    short.split(' ').all(|w| long.contains(&w))
}
