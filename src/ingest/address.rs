//! What an article's address says about it: its canonical form (without tracking parameters
//! and fragment), the site's name, and the day filed in its path.
//!
//! A link shared from a newsletter or a social network carries `utm_source`, `fbclid` and the
//! like; kept, they make one article two sources. The site's name is what a reader cites
//! ("Al Arabiya", not `english.alarabiya.net`): when the article's own text spells a name
//! whose letters are the domain's (`alarabiya` ↔ "Al Arabiya"), that spelling is used; else
//! the domain's main label, capitalised (acronyms of up to four letters in capitals). Parsing
//! is the `url` crate's.

use url::Url;

/// Query parameters that only track where a reader came from.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "_ga",
    "_gl",
    "ocid",
    "cmpid",
    "smid",
    "ref_src",
    "ref",
    "src",
    "sr_share",
    "share",
    "fromshare",
    "cid",
    "ito",
    "at_medium",
    "at_campaign",
    "soc_src",
    "soc_trk",
    "spm",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "mkt_tok",
];

/// The address without tracking parameters and fragment, as it is recorded and compared;
/// `None` when it is not an `http(s)` address.
pub(crate) fn canonical(address: &str) -> Option<String> {
    let mut url = Url::parse(address.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| {
            let key = key.to_ascii_lowercase();
            !(key.starts_with("utm_") || TRACKING.contains(&key.as_str()))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.to_string())
}

/// The domain's main label: `english.alarabiya.net` → `alarabiya`, `bbc.co.uk` → `bbc`.
fn main_label(address: &str) -> Option<String> {
    let url = Url::parse(address.trim()).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .trim_end_matches('.')
        .to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    // Second-level registries (`co.uk`, `com.au`) push the name one label left.
    let registry = |label: &str| {
        matches!(
            label,
            "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "gen" | "ne" | "or"
        )
    };
    // On a blogging or hosting platform the site is the subdomain
    // (`thekabultimes.wordpress.com`).
    let hosted = |name: &str, tld: &str| {
        matches!(
            (name, tld),
            (
                "wordpress"
                    | "blogspot"
                    | "substack"
                    | "medium"
                    | "tumblr"
                    | "wixsite"
                    | "weebly"
                    | "ghost"
                    | "typepad"
                    | "livejournal",
                _
            ) | ("github", "io")
        )
    };
    let name = match labels.as_slice() {
        [.., site, name, tld] if hosted(name, tld) => *site,
        [.., name, second, tld] if registry(second) && tld.len() == 2 => *name,
        [.., name, _tld] => *name,
        [name] => *name,
        [] => return None,
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// The site's name for an article at `address`: a widely read publisher's own name
/// ([`super::publishers`]), else a run of one to four capitalised words in
/// `text` whose letters spell the domain's main label (with or without a leading "The"),
/// else the label itself in a readable form.
pub(crate) fn site_name(address: &str, text: &[&str]) -> Option<String> {
    if let Some(host) = Url::parse(address.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        && let Some(name) = super::publishers::known_publisher(&host.to_lowercase())
    {
        return Some(name.to_string());
    }
    let label = main_label(address)?;
    // `newsbytesapp` and "NewsBytes": the domain adds a word the name does not have.
    let spelled_without = |suffixes: &[&str]| {
        let bare = suffixes
            .iter()
            .find_map(|suffix| label.strip_suffix(suffix).filter(|b| b.len() >= 4))?;
        spelled_in(text, |letters| letters == bare)
    };
    let name = spelled_in(text, |letters| letters == label)
        .or_else(|| spelled_without(&["app", "online", "web", "hq", "now"]))
        .or_else(|| segmented(&label, text))
        .or_else(|| spelled_without(&["news", "daily", "media", "live"]))
        .or_else(|| branded(&label))
        .unwrap_or_else(|| readable_label(&label));
    Some(match word_domain(address) {
        Some(tld) if !name.to_lowercase().ends_with(&tld.to_lowercase()) => format!("{name} {tld}"),
        _ => name,
    })
}

/// A name followed by the words newspapers are named with, as news sites are called
/// (`ariananews` → "Ariana News", `gephardtdaily` → "Gephardt Daily"): the name at least
/// four letters and no word itself.
fn branded(label: &str) -> Option<String> {
    let mut rest = label;
    let mut words = Vec::new();
    while let Some(word) = MASTHEAD_WORDS
        .iter()
        .chain(&["breaking"])
        .filter(|w| rest.ends_with(**w) && rest.len() > w.len())
        .max_by_key(|w| w.len())
    {
        words.push(capitalised(word));
        rest = &rest[..rest.len() - word.len()];
    }
    if words.is_empty() || rest.len() < 4 || !rest.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    words.push(capitalised(rest));
    words.reverse();
    Some(words.join(" "))
}

/// The first run of one to four capitalised words in `text` whose letters (with or without a
/// leading "The") pass `spells`, as the text writes it.
fn spelled_in(text: &[&str], spells: impl Fn(&str) -> bool) -> Option<String> {
    let letters = |words: &[&str]| -> String {
        words
            .iter()
            .flat_map(|w| w.chars())
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    for line in text {
        let words: Vec<&str> = line
            .split(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '|' | '“' | '”' | '"')
            })
            .map(|w| {
                w.trim_end_matches(['.', ':'])
                    .trim_end_matches("’s")
                    .trim_end_matches("'s")
            })
            .filter(|w| !w.is_empty())
            .collect();
        for start in 0..words.len() {
            for len in 1..=4.min(words.len() - start) {
                let run = &words[start..start + len];
                let capitalised = run.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                });
                if !capitalised {
                    break;
                }
                let without_the = run
                    .first()
                    .filter(|w| w.eq_ignore_ascii_case("the"))
                    .map(|_| letters(&run[1..]));
                if spells(&letters(run)) || without_the.is_some_and(|l| spells(&l)) {
                    return Some(run.join(" "));
                }
            }
        }
    }
    None
}

/// A top-level domain that is a word of the site's name (`citizen.digital`, `geo.tv`,
/// `fidelis.news`), as it is written in the name.
fn word_domain(address: &str) -> Option<String> {
    let url = Url::parse(address.trim()).ok()?;
    let host = url.host_str()?.trim_end_matches('.').to_lowercase();
    let tld = host.rsplit('.').next()?;
    match tld {
        "tv" | "fm" => Some(tld.to_uppercase()),
        "news" | "digital" | "media" | "online" | "today" | "press" | "report" | "times"
        | "radio" | "world" | "live" | "daily" => Some(capitalised(tld)),
        _ => None,
    }
}

/// Words that newspapers and news sites are named with (*Daily Herald*, *The Capital*).
pub(super) const MASTHEAD_WORDS: &[&str] = &[
    "times",
    "post",
    "news",
    "daily",
    "herald",
    "journal",
    "tribune",
    "gazette",
    "capital",
    "telegraph",
    "guardian",
    "chronicle",
    "observer",
    "monitor",
    "express",
    "mail",
    "independent",
    "standard",
    "courier",
    "insider",
    "press",
    "weekly",
    "magazine",
    "economist",
    "globe",
    "mirror",
    "examiner",
    "inquirer",
    "dispatch",
    "sentinel",
    "register",
    "ledger",
    "bulletin",
    "star",
    "sun",
    "today",
    "wire",
    "reporter",
    "review",
    "report",
    "diplomat",
];

/// Other words site names are made of, for reading a domain written without spaces.
const NAME_WORDS: &[&str] = &[
    "the",
    "national",
    "international",
    "world",
    "global",
    "network",
    "media",
    "online",
    "digital",
    "radio",
    "tv",
    "new",
    "york",
    "washington",
    "financial",
    "business",
    "policy",
    "foreign",
    "affairs",
    "defense",
    "defence",
    "asia",
    "africa",
    "europe",
    "american",
    "america",
    "arab",
    "china",
    "india",
    "indian",
    "japan",
    "korea",
    "pacific",
    "middle",
    "east",
    "west",
    "north",
    "south",
    "central",
    "city",
    "free",
    "public",
    "voice",
    "morning",
    "evening",
    "sunday",
    "week",
    "time",
    "live",
    "first",
    "street",
    "hill",
    "breaking",
    "war",
    "on",
    "rocks",
    "in",
    "of",
    "and",
    "al",
];

/// The label split into words that the article's own text or the names of news sites use,
/// each capitalised as the text writes it (`centralbanking` → "Central Banking",
/// `nacchopreparedness` → "NACCHO Preparedness"): the fewest such words that spell it, or
/// `None` when no split uses only known words.
fn segmented(label: &str, text: &[&str]) -> Option<String> {
    use std::collections::BTreeMap;
    // Each known word and how the text writes it when capitalised.
    let mut known: BTreeMap<String, String> = NAME_WORDS
        .iter()
        .chain(MASTHEAD_WORDS)
        .map(|w| (w.to_string(), String::new()))
        .collect();
    for line in text {
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() < 2 || !word.chars().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            let lower = word.to_lowercase();
            // `students` also gives `student`, as a name is often in the singular.
            let singular = lower
                .strip_suffix('s')
                .filter(|s| s.len() >= 3)
                .map(str::to_string);
            for (key, shown) in std::iter::once((lower.clone(), word))
                .chain(singular.map(|s| (s, &word[..word.len() - 1])))
            {
                let written = known.entry(key).or_default();
                if written.is_empty() && capital {
                    *written = shown.to_string();
                }
            }
        }
    }
    // A hyphenated domain is read part by part (`eu-newstoday` → "EU News Today").
    let parts: Vec<String> = label
        .split('-')
        .filter(|p| !p.is_empty())
        .map(|part| {
            split_words(part, &known).unwrap_or_else(|| match known.get(part) {
                Some(written) if !written.is_empty() => written.clone(),
                Some(_) => capitalised(part),
                None if dictionary().contains(part) => capitalised(part),
                None => readable_label(part),
            })
        })
        .collect();
    let whole = parts.join(" ");
    (whole.contains(' ') && whole.to_lowercase().replace(' ', "") == label.replace('-', ""))
        .then_some(whole)
}

/// One part of a domain split into words: the fewest pieces that are words of the text, of
/// news sites' names or of the dictionary, or numbers, preferring pieces the text itself
/// uses; each written as the text writes it, else capitalised.
fn split_words(part: &str, known: &std::collections::BTreeMap<String, String>) -> Option<String> {
    let n = part.len();
    if n == 0 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let dictionary = dictionary();
    // The cost of a piece: 0 when the text or the names of sites use it, 1 from the
    // dictionary, `None` when it is no word.
    let cost = |piece: &str| -> Option<usize> {
        if piece.chars().all(|c| c.is_ascii_digit())
            || piece.len() >= 3 && known.contains_key(piece)
            || piece.len() == 2 && ["of", "in", "on", "al", "tv", "uk", "eu", "us"].contains(&piece)
        {
            Some(0)
        } else if piece.len() >= 3 && dictionary.contains(piece) {
            Some(1)
        } else {
            None
        }
    };
    // best[i]: (pieces, dictionary pieces, start of the last piece) spelling part[..i].
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for end in 1..=n {
        for start in 0..end {
            let Some((count, outside, _)) = best[start] else {
                continue;
            };
            let Some(extra) = cost(&part[start..end]) else {
                continue;
            };
            let candidate = (count + 1, outside + extra, start);
            if best[end].is_none_or(|(c, o, _)| (candidate.0, candidate.1) < (c, o)) {
                best[end] = Some(candidate);
            }
        }
    }
    let (count, _, _) = best[n]?;
    if count < 2 {
        return None;
    }
    let mut words = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, _, start) = best[end]?;
        words.push(&part[start..end]);
        end = start;
    }
    words.reverse();
    let small = ["of", "in", "on", "and", "for"];
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, word)| match known.get(*word) {
                Some(written) if !written.is_empty() => written.clone(),
                _ if i > 0 && small.contains(word) => word.to_string(),
                _ if *word == "tv" => "TV".to_string(),
                _ => capitalised(word),
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// English words of three letters or more (SCOWL, as Debian's `wamerican` ships it; see
/// `words.NOTICE`), read once.
fn dictionary() -> &'static std::collections::HashSet<String> {
    use std::io::Read;
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut text = String::new();
        // The list is built into the binary; a failure to inflate it leaves it empty, and
        // domains are then read only with the text's words.
        let _ = flate2::read::GzDecoder::new(&include_bytes!("words.txt.gz")[..])
            .read_to_string(&mut text);
        text.lines().map(str::to_string).collect()
    })
}

/// `bbc` → `BBC`, `geo` → `Geo`, `devdiscourse` → `Devdiscourse`, `the-hindu` → `The Hindu`:
/// a short label with at most one vowel is read as an acronym.
fn readable_label(label: &str) -> String {
    let vowels = label.chars().filter(|c| "aeiouy".contains(*c)).count();
    let short = label.len() <= 2 || label.len() <= 4 && vowels <= 1;
    if short && label.chars().all(|c| c.is_ascii_alphabetic()) {
        return label.to_uppercase();
    }
    label
        .split(['-', '_'])
        .filter(|p| !p.is_empty())
        .map(capitalised)
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
        .unwrap_or_default()
}

/// Whether `line` is the site's name printed as a masthead: its letters spell the address's
/// main label or one of the names the page gives itself elsewhere (its copyright line).
pub(crate) fn is_masthead(line: &str, address: Option<&str>, names: &[String]) -> bool {
    let letters = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let line_letters = letters(line);
    let bare = line_letters.strip_prefix("the").unwrap_or(&line_letters);
    if line_letters.is_empty() || line.split_whitespace().count() > 6 {
        return false;
    }
    let label = address.and_then(main_label);
    label
        .as_deref()
        .is_some_and(|l| l == line_letters || l == bare)
        || names.iter().any(|n| {
            let n = letters(n);
            n == line_letters || n.strip_prefix("the") == Some(bare) || n == bare
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_tracking_parameters_and_fragments() {
        let cases = [
            (
                "https://example.org/a?utm_source=twitter&utm_medium=social",
                "https://example.org/a",
            ),
            (
                "https://example.org/a?id=3&fbclid=XYZ#top",
                "https://example.org/a?id=3",
            ),
            (
                "https://example.org/a?gclid=1&page=2",
                "https://example.org/a?page=2",
            ),
            ("http://Example.org/a", "http://example.org/a"),
        ];
        for (address, expected) in cases {
            assert_eq!(canonical(address).as_deref(), Some(expected), "{address}");
        }
        for bad in [
            "javascript:alert(1)",
            "not an address",
            "ftp://example.org/a",
        ] {
            assert_eq!(canonical(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_the_site() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "https://english.alarabiya.net/News/x",
                &["Al Arabiya reported on Monday"],
                "Al Arabiya",
            ),
            (
                "https://www.thecapital.com/x",
                &["© 2024 The Capital. All rights reserved."],
                "The Capital",
            ),
            ("https://www.bbc.co.uk/news/1", &[], "BBC"),
            (
                "https://www.devdiscourse.com/article/1",
                &[],
                "Devdiscourse",
            ),
            ("https://www.the-hindu.in/x", &[], "The Hindu"),
            (
                "https://www.ssbcrack.com/2025/07/x.html",
                &["SSBCrack News"],
                "SSBCrack",
            ),
            (
                "https://www.centralbanking.com/x",
                &["The central bank raised banking rates"],
                "Central Banking",
            ),
            ("https://www.thenational.ae/x", &[], "The National"),
            ("https://citizen.digital/news/x", &[], "Citizen Digital"),
            ("https://www.geo.tv/latest/1", &[], "Geo TV"),
            ("https://daijiworld.com./news/1", &[], "Daijiworld"),
            (
                "https://www.newsbytesapp.com/news/1",
                &["NewsBytes reports"],
                "NewsBytes",
            ),
            (
                "http://nacchopreparedness.org/x",
                &["NACCHO said preparedness matters"],
                "NACCHO Preparedness",
            ),
        ];
        for &(address, text, name) in cases {
            assert_eq!(site_name(address, text).as_deref(), Some(name), "{address}");
        }
    }

    #[test]
    fn recognises_a_masthead() {
        assert!(is_masthead(
            "The Capital",
            Some("https://www.capitalgazette.com/x"),
            &["The Capital".into()]
        ));
        assert!(is_masthead(
            "THE CAPITAL",
            Some("https://www.thecapital.com/x"),
            &[]
        ));
        assert!(!is_masthead(
            "Kim arrives in Beijing",
            Some("https://www.thecapital.com/x"),
            &[]
        ));
        assert!(!is_masthead("The Capital", None, &[]));
    }
}
