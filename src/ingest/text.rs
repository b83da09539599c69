//! Plain text copied from a web page → [`Draft`].
//!
//! Copying an article out of a browser gives one paragraph per line, with the page's chrome
//! mixed in: breadcrumbs above the headline, share and rating widgets, "Scroll to load tweet…"
//! placeholders, comment forms, donation pleas, author bio blocks, "Further Reading" lists.
//! This reader applies general rules, line by line, in this order:
//!
//! 1. **Clean**: no-break and zero-width spaces are spaces; blank lines go.
//! 2. **Cut the tail**: the first line that starts the page's after-matter ("Further
//!    Reading", "Related Articles", "Show More", "Leave a Comment", "About the author", …),
//!    once the article has begun, ends the article. The after-matter is still read for the
//!    author (a bio block: a name followed by a `|`-separated description) and the publisher
//!    ("Further Reading on E-International Relations").
//! 3. **Drop widgets**: lines that are only a widget's label (share, print, advertisement,
//!    ad-block notices, reading time, "Scroll to load tweet…").
//! 4. **Headline**: above it, navigation (single words, glued menu items such as
//!    `Global AffairsOpinion & Analysis`) is dropped; the first line left is the title when
//!    it reads as a headline (short, no final full stop). Then the byline (`By …`) and a date
//!    line just below it fill `author` and `published`.
//! 5. **Blocks**: a credit line (`Image Source: NPR`, `Photo: …`) makes a figure, with the
//!    line above it as its caption; bulleted lines make a list; a short line without final
//!    punctuation (or a Title Case line ending in `?` or `:`) that is followed by body text is
//!    a `##` heading; everything else is a paragraph, escaped so Markdown reads it verbatim.

use chrono::NaiveDate;

use super::address;
use super::byline::{
    Header, copyright_holder, dateline, dateline_day, is_credit_line, read_after_matter,
    read_dates, read_header, reporting_credit,
};
use super::dates::DayOrder;
use super::draft::{Draft, DraftBlock, DraftMeta, escape_inline};

/// What the user or the page's address tells the reader before it reads.
#[derive(Debug, Clone, Default)]
pub struct TextHints {
    /// The article's address, when known (`--url`): its domain names the site, its country
    /// domain hints the order of numeric dates.
    pub url: Option<String>,
    /// The language tag, when known (`en-GB` reads `03/04/2025` as 3 April).
    pub language: Option<String>,
    /// The capture date, the last resort for the year of a dateline's day.
    pub today: Option<NaiveDate>,
}

/// Reads copied text.
pub fn read_text(text: &str, hints: &TextHints) -> Draft {
    let lines: Vec<String> = text.lines().map(clean).filter(|l| !l.is_empty()).collect();
    let order = DayOrder::hint(hints.language.as_deref(), hints.url.as_deref());
    // The page's footer names its owner; the masthead at the top is then known by that name.
    let owners: Vec<String> = lines.iter().filter_map(|l| copyright_holder(l)).collect();
    let (body, tail) = cut_tail(&lines);
    let mut body: Vec<&str> = body
        .iter()
        .map(String::as_str)
        .filter(|l| !is_widget(l) && copyright_holder(l).is_none())
        .collect();

    let mut meta = DraftMeta::default();
    let mut notes = Vec::new();
    let mut masthead = None;
    let mut header = Header::default();
    let split_first;
    if let Some(first) = body.first()
        && let Some((date, rest)) = split_date_label(first, order)
    {
        header.published = Some(date);
        split_first = rest.to_string();
        body[0] = &split_first;
    }
    while body.len() > 1 {
        // A date line above the headline (`February 23, 2011 in Nation/World`).
        if read_dates(body[0], order, 2, &mut header) {
            body.remove(0);
        } else if address::is_masthead(body[0], hints.url.as_deref(), &owners)
            || looks_like_masthead(&body)
        {
            masthead.get_or_insert_with(|| body[0].to_string());
            body.remove(0);
        } else if is_navigation(body[0]) {
            body.remove(0);
        } else {
            break;
        }
    }
    if body.len() > 1 && is_headline(body[0]) {
        meta.title = Some(body.remove(0).to_string());
    }
    read_header(&mut body, order, &mut header);
    // A wire story credits its reporters at its end, a line that is not the article's text.
    let credited = body.iter().rev().take(6).find_map(|l| reporting_credit(l));
    body.retain(|l| !is_credit_line(l));
    let mut first_paragraph = None;
    if let Some(i) = body.iter().position(|l| word_count(l) >= 8)
        && let Some(found) = dateline(body[i])
    {
        let rest = body[i][found.rest_at..].to_string();
        first_paragraph = Some((i, rest));
        meta.dateline = found.place.clone();
        if header.agency.is_none() {
            header.agency = found.agency.clone();
        }
        if header.published.is_none()
            && let Some(month_day) = found.month_day
        {
            let from_address = crate::analyse::relative::url_day(hints.url.as_deref());
            if let Some(reference) = from_address.or(hints.today) {
                header.published = dateline_day(month_day, reference);
                if from_address.is_none() {
                    notes.push(format!(
                        "the dateline gives a day but no year; `published` is {}, the last such \
                         day before today: check it",
                        header.published.map(|d| d.to_string()).unwrap_or_default()
                    ));
                }
            }
        }
    }
    let mut author = header.author.take().or(credited);
    let mut publisher = masthead.or_else(|| owners.first().cloned());
    read_after_matter(tail, &mut author, &mut publisher);
    if header.published.is_none()
        && let Some((year, month)) = header.month_only
    {
        notes.push(format!(
            "the page gives only the month ({year}-{month:02}) of its date; `published` was left \
             out, add the day"
        ));
    }
    meta.author = author;
    meta.publisher = publisher;
    meta.agency = header.agency;
    meta.published = header.published.map(|d| d.format("%Y-%m-%d").to_string());
    meta.updated = header.updated.map(|d| d.format("%Y-%m-%d").to_string());
    let mut lines: Vec<&str> = body;
    let replaced;
    if let Some((i, rest)) = first_paragraph {
        replaced = rest;
        lines[i] = &replaced;
    }
    Draft {
        meta,
        blocks: blocks(&lines),
        notes,
    }
}

/// A line that opens with a labelled date and goes on with text (`Date: 2024-04-29 The
/// attack…`, as some pages print their date in the line of the first paragraph): the date,
/// and the text after it.
fn split_date_label(line: &str, order: DayOrder) -> Option<(NaiveDate, &str)> {
    let lower = line.to_lowercase();
    let label = [
        "date:",
        "date ",
        "published:",
        "published ",
        "posted:",
        "posted ",
    ]
    .iter()
    .find(|l| lower.starts_with(*l))?;
    let after = line[label.len()..].trim_start();
    let end = after.find(' ').unwrap_or(after.len());
    let date = super::dates::find_date(&after[..end], order)?;
    let rest = after[end..].trim_start();
    (!rest.is_empty()).then_some((date, rest))
}

/// A newspaper's name above its headline: at most four capitalised words, one of them a word
/// papers are named with, and a headline below it.
fn looks_like_masthead(lines: &[&str]) -> bool {
    let [first, second, ..] = lines else {
        return false;
    };
    let words: Vec<&str> = first.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().flat_map(|w| w.split(['-', '–'])).any(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            address::MASTHEAD_WORDS.contains(&bare.as_str())
        })
        && !first.ends_with(['.', '?', '!', ':'])
        && is_headline(second)
        && word_count(second) > words.len()
}

/// A line with its spaces normalised and its ends trimmed.
fn clean(line: &str) -> String {
    line.chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The line lowercased, with trailing punctuation and spaces removed, for matching labels.
fn label(line: &str) -> String {
    line.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c == ' ')
        .to_lowercase()
}

pub(super) fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Labels that begin a page's after-matter.
const END_LABELS: &[&str] = &[
    "further reading",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "related reading",
    "read more",
    "read next",
    "more stories",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "show more",
    "show comments",
    "leave a comment",
    "leave a reply",
    "comments",
    "join the conversation",
    "about the author",
    "about the authors",
    "article rating",
    "back to top",
    "adblock detected",
    "tags",
    "topics",
    "please consider donating",
    "support our work",
    "most read",
    "most popular",
    "popular posts",
    "latest news",
    "latest stories",
    "sign up for our newsletter",
];

/// Starts of lines that begin the after-matter.
const END_PREFIXES: &[&str] = &["further reading on ", "more from ", "related articles on "];

fn is_end_marker(line: &str) -> bool {
    let label = label(line);
    END_LABELS.contains(&label.as_str())
        || END_PREFIXES.iter().any(|p| label.starts_with(p)) && word_count(line) <= 8
        || is_comment_count(&label)
}

/// `0 comments`, `12 Comments`.
fn is_comment_count(label: &str) -> bool {
    let mut words = label.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(n), Some("comment" | "comments"), None) if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// Splits at the first after-matter line that follows some article text.
fn cut_tail(lines: &[String]) -> (&[String], &[String]) {
    let mut seen_text = false;
    for (i, line) in lines.iter().enumerate() {
        if seen_text && is_end_marker(line) {
            return (&lines[..i], &lines[i..]);
        }
        seen_text |= word_count(line) >= 15;
    }
    (lines, &[])
}

/// Whole-line labels of widgets, dropped wherever they stand.
const WIDGET_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "article continues below",
    "continue reading below",
    "continue reading",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "copy link",
    "link copied",
    "save",
    "listen",
    "listen to this article",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "loading",
    "image",
    "photo",
    "video",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "play video",
];

/// Starts of widget lines.
const WIDGET_PREFIXES: &[&str] = &[
    "scroll to load",
    "related:",
    "read more:",
    "click here to",
    "follow us on",
    "please enable javascript",
    "please consider supporting us",
    "we use cookies",
];

fn is_widget(line: &str) -> bool {
    let label = label(line);
    let lower = line.to_lowercase();
    label.is_empty()
        || !line.chars().any(char::is_alphabetic)
        || WIDGET_LABELS.contains(&label.as_str())
        || WIDGET_PREFIXES.iter().any(|p| lower.starts_with(p))
        || (word_count(line) <= 12 && (lower.contains("ad blocker") || lower.contains("adblock")))
        || is_reading_time(&label)
}

/// `5 min read`, `Reading time: 3 minutes`.
fn is_reading_time(label: &str) -> bool {
    word_count(label) <= 5 && (label.ends_with("min read") || label.ends_with("minute read"))
        || label.starts_with("reading time")
}

/// Menu text above the headline: a single word, glued menu items, or a breadcrumb trail.
fn is_navigation(line: &str) -> bool {
    let words = word_count(line);
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”']);
    if words == 1 && !ends_sentence {
        return true;
    }
    let glued = line
        .split_whitespace()
        .filter(|word| has_glued_words(word))
        .count();
    let separated = [" › ", " > ", " » ", " / ", " | "]
        .iter()
        .any(|sep| line.contains(sep));
    !ends_sentence && (glued >= 1 || separated) && words <= 12
}

/// `AffairsOpinion`: a word with a capital after three lowercase letters, as menu items
/// copied without their separating spaces come out.
fn has_glued_words(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.windows(4).any(|w| {
        w[0].is_lowercase() && w[1].is_lowercase() && w[2].is_lowercase() && w[3].is_uppercase()
    })
}

/// Short, and not ending like a sentence: how a headline looks as a line.
fn is_headline(line: &str) -> bool {
    let words = word_count(line);
    (2..=30).contains(&words)
        && line.chars().count() <= 220
        && !line.ends_with(['.', ',', ';'])
        && !is_bullet(line)
}

/// The text of a bulleted line, without its bullet.
fn bullet_text(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let bullet = chars.next()?;
    let rest = chars.as_str();
    (matches!(bullet, '•' | '·' | '▪' | '●' | '◦' | '‣' | '-' | '*' | '–') && rest.starts_with(' '))
        .then(|| rest.trim())
}

fn is_bullet(line: &str) -> bool {
    bullet_text(line).is_some()
}

/// `Image Source: NPR`, `Photo: Jane Doe/AP`, `Photo by X on Unsplash`, `(Credit: …)`,
/// `AP Photo/Jon Gambrell`, `REUTERS/Amr Abdallah Dalsh`, `(Photo by X/Getty Images)`,
/// `File photo`: a picture's credit, never the article's text.
fn is_credit(line: &str) -> bool {
    let lower = line.trim_start_matches(['(', '[']).to_lowercase();
    if word_count(line) > 14 {
        return false;
    }
    const STARTS: &[&str] = &[
        "image source:",
        "image:",
        "image credit:",
        "image credits:",
        "image via",
        "image by ",
        "images:",
        "photo:",
        "photos:",
        "photo source:",
        "photo credit:",
        "photo credits:",
        "photo by ",
        "photos by ",
        "photograph:",
        "photograph by ",
        "photographs:",
        "picture:",
        "pictures:",
        "illustration:",
        "illustration by ",
        "credit:",
        "credits:",
        "source image:",
        "file photo",
        "file image",
        "representational image",
        "representative image",
        "courtesy:",
        "courtesy of ",
        "ap photo",
        "reuters/",
        "afp/",
        "epa/",
        "epa-efe/",
        "(ap photo",
    ];
    const AGENCY_MARKS: &[&str] = &[
        "/getty images",
        "via getty images",
        "/afp",
        "/reuters",
        "/ap photo",
        "/ap)",
        "/shutterstock",
        "/alamy",
        "/epa",
        "/bloomberg",
        "/xinhua",
        "/anadolu",
        "| photo credit",
        "photo credit:",
    ];
    STARTS.iter().any(|p| lower.starts_with(p))
        || !line.ends_with(['.', '?', '!']) && AGENCY_MARKS.iter().any(|m| lower.contains(m))
        || lower.ends_with("getty images") && word_count(line) <= 8
        || lower.ends_with("getty images)")
}

/// A caption that ends with its picture's credit, as wire captions are copied:
/// `Leaders walk in Tiananmen Square, Sept 3, 2025. REUTERS/Tingshu Wang` → the caption and
/// `REUTERS/Tingshu Wang`.
fn captioned_credit(line: &str) -> Option<(&str, &str)> {
    const MARKS: &[&str] = &[
        "REUTERS/",
        "AFP/",
        "AP Photo/",
        "(AP Photo/",
        "Xinhua/",
        "EPA/",
        "(Photo by ",
        "(Photo: ",
    ];
    if word_count(line) > 80 {
        return None;
    }
    let at = MARKS.iter().filter_map(|m| line.rfind(m)).max()?;
    let credit = line[at..].trim();
    let caption = line[..at].trim();
    (word_count(credit) <= 10 && !caption.is_empty() && caption.ends_with(['.', ')', '"', '”']))
        .then_some((caption, credit))
}

/// Title Case: most words that are not short function words start with a capital.
fn is_title_case(line: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "with",
        "by", "from", "as", "vs", "via", "into", "over", "per", "is",
    ];
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    let capitals = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !words.is_empty() && capitals * 5 >= words.len() * 4
}

/// Could be a section heading, if body text follows.
fn is_heading_like(line: &str) -> bool {
    let words = word_count(line);
    if !(1..=15).contains(&words) || line.chars().count() > 120 || is_bullet(line) {
        return false;
    }
    if !line.chars().next().is_some_and(char::is_uppercase) && !line.starts_with(['‘', '“', '"'])
    {
        return false;
    }
    match line.chars().last() {
        Some('?' | ':' | '!') => is_title_case(line),
        Some('.' | ',' | ';' | '…' | '"' | '”' | '’' | ')') => false,
        Some(_) => true,
        None => false,
    }
}

/// A block before headings are decided.
enum Pending<'a> {
    Line(&'a str),
    Figure(Option<&'a str>, &'a str),
    List(bool, Vec<&'a str>),
}

fn blocks(lines: &[&str]) -> Vec<DraftBlock> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_credit(line) {
            let caption = match pending.last() {
                Some(Pending::Line(prev)) if word_count(prev) <= 60 && !is_heading_like(prev) => {
                    let Some(Pending::Line(prev)) = pending.pop() else {
                        unreachable!("just matched")
                    };
                    Some(prev)
                }
                _ => None,
            };
            pending.push(Pending::Figure(caption, line));
        } else if let Some((caption, credit)) = captioned_credit(line) {
            pending.push(Pending::Figure(Some(caption), credit));
        } else if let Some(item) = bullet_text(line) {
            match pending.last_mut() {
                Some(Pending::List(false, items)) => items.push(item),
                _ => pending.push(Pending::List(false, vec![item])),
            }
        } else if let Some(run) = numbered_run(&lines[i..]) {
            pending.push(Pending::List(true, run.clone()));
            i += run.len();
            continue;
        } else {
            pending.push(Pending::Line(line));
        }
        i += 1;
    }

    let mut out = Vec::with_capacity(pending.len());
    for (i, block) in pending.iter().enumerate() {
        match block {
            Pending::Line(line) => {
                let next_is_body = pending[i + 1..]
                    .iter()
                    .find(|b| !matches!(b, Pending::Figure(..)))
                    .is_some_and(|b| match b {
                        Pending::Line(next) => !is_heading_like(next),
                        Pending::List(..) => true,
                        Pending::Figure(..) => false,
                    });
                let text = escape_inline(line);
                out.push(if is_heading_like(line) && next_is_body {
                    DraftBlock::Heading(text)
                } else {
                    DraftBlock::Paragraph(text)
                });
            }
            Pending::Figure(caption, credit) => out.push(DraftBlock::Figure {
                caption: caption.unwrap_or_default().to_string(),
                credit: Some(credit.to_string()),
            }),
            Pending::List(ordered, items) => out.push(DraftBlock::List {
                ordered: *ordered,
                items: items.iter().map(|item| escape_inline(item)).collect(),
            }),
        }
    }
    out
}

/// Two or more consecutive lines numbered `1.`, `2.`, … (or `1)`), without their numbers.
fn numbered_run<'a>(lines: &[&'a str]) -> Option<Vec<&'a str>> {
    let mut items = Vec::new();
    for (n, line) in (1..).zip(lines) {
        let rest = line
            .strip_prefix(&format!("{n}. "))
            .or_else(|| line.strip_prefix(&format!("{n}) ")));
        match rest {
            Some(rest) => items.push(rest.trim()),
            None => break,
        }
    }
    (items.len() >= 2).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(draft: &Draft) -> Vec<String> {
        draft
            .blocks
            .iter()
            .map(|b| match b {
                DraftBlock::Paragraph(t) => format!("p {t}"),
                DraftBlock::Heading(t) => format!("h {t}"),
                DraftBlock::List { ordered, items } => {
                    format!("l{} {}", *ordered as u8, items.join("/"))
                }
                DraftBlock::Figure { caption, credit } => {
                    format!("f {caption} [{}]", credit.clone().unwrap_or_default())
                }
                DraftBlock::Quote(q) => format!("q {}", q.join("/")),
                DraftBlock::Code(c) => format!("c {c}"),
                DraftBlock::Table(rows) => format!("t {}", rows.len()),
            })
            .collect()
    }

    const BODY: &str = "This is a long enough paragraph of the article body that it counts as text for the reader here.";

    #[test]
    fn recognises_title_byline_and_date() {
        let text = format!(
            "News\u{a0}\nWorldPolitics & Business\nA Headline About Things\nBy Jane Doe | September 3, 2025\n5 min read\n{BODY}\n"
        );
        let draft = read_text(&text, &TextHints::default());
        assert_eq!(draft.meta.title.as_deref(), Some("A Headline About Things"));
        assert_eq!(draft.meta.author.as_deref(), Some("Jane Doe"));
        assert_eq!(draft.meta.published.as_deref(), Some("2025-09-03"));
        assert_eq!(kinds(&draft), [format!("p {BODY}")]);
    }

    #[test]
    fn keeps_a_first_paragraph_that_is_not_a_headline() {
        let draft = read_text(&format!("{BODY}\nSecond.\n"), &TextHints::default());
        assert_eq!(draft.meta.title, None);
        assert_eq!(draft.blocks.len(), 2);
    }

    #[test]
    fn finds_headings_figures_and_lists() {
        let text = format!(
            "Title Here\n{BODY}\nA section heading\n\u{a0}\nScroll to load tweet…\nLeaders meet in a hall.\nImage Source: NPR\n{BODY}\nWhat Does It Mean?\n{BODY}\nThis is a sentence-case question?\n{BODY}\nThe officials:\n  • one\n  • two\nWhy it matters:\n1. first\n2. second\n"
        );
        assert_eq!(
            kinds(&read_text(&text, &TextHints::default())),
            [
                format!("p {BODY}"),
                "h A section heading".to_string(),
                "f Leaders meet in a hall. [Image Source: NPR]".to_string(),
                format!("p {BODY}"),
                "h What Does It Mean?".to_string(),
                format!("p {BODY}"),
                "p This is a sentence-case question?".to_string(),
                format!("p {BODY}"),
                "p The officials:".to_string(),
                "l0 one/two".to_string(),
                "p Why it matters:".to_string(),
                "l1 first/second".to_string(),
            ]
        );
    }

    #[test]
    fn cuts_the_after_matter_and_reads_it() {
        let text = format!(
            "Title Here\n{BODY}\nLast words.\nShow More\nJane Q Doe\nWriter | Editor | Gardener\n0 Comments\nFurther Reading on Example Review\nPlease Consider Donating\nBefore you go, please consider donating to us today.\n"
        );
        let draft = read_text(&text, &TextHints::default());
        assert_eq!(
            kinds(&draft),
            [format!("p {BODY}"), "p Last words.".to_string()]
        );
        assert_eq!(draft.meta.author.as_deref(), Some("Jane Q Doe"));
        assert_eq!(draft.meta.publisher.as_deref(), Some("Example Review"));
    }

    #[test]
    fn recognises_widgets_and_navigation() {
        for widget in [
            "Share",
            "Advertisement",
            "\u{a0}",
            "()",
            "3 min read",
            "Scroll to load tweet…",
        ] {
            assert!(is_widget(&clean(widget)), "{widget}");
        }
        for nav in [
            "Trending",
            "Global AffairsOpinion & AnalysisPolitics",
            "Home › World › Asia",
        ] {
            assert!(is_navigation(nav), "{nav}");
        }
        assert!(!is_navigation("Why Xi, Putin and Kim on One Stage Matters"));
    }

    #[test]
    fn reads_what_a_copied_wire_story_says_about_itself() {
        let text = format!(
            "The Capital\nPort Strike Ends After a Week\nBy SAMUEL OKAFOR\nAssociated Press\n\
             March 6, 2024 12:36 PM - Updated: March 7, 2024\nAP Photo/Jon Gambrell\n\
             ROTTERDAM, March 5 (AP) - {BODY}\nDockers walk back to work on Tuesday. REUTERS/Piroschka van de Wouw\n\
             {BODY}\n\u{a9} 2024 The Capital. All rights reserved.\n"
        );
        let draft = read_text(&text, &TextHints::default());
        assert_eq!(
            draft.meta.title.as_deref(),
            Some("Port Strike Ends After a Week")
        );
        assert_eq!(draft.meta.publisher.as_deref(), Some("The Capital"));
        assert_eq!(draft.meta.author.as_deref(), Some("Samuel Okafor"));
        assert_eq!(draft.meta.agency.as_deref(), Some("Associated Press"));
        assert_eq!(draft.meta.published.as_deref(), Some("2024-03-06"));
        assert_eq!(draft.meta.updated.as_deref(), Some("2024-03-07"));
        assert_eq!(draft.meta.dateline.as_deref(), Some("ROTTERDAM"));
        assert_eq!(
            kinds(&draft),
            [
                "f  [AP Photo/Jon Gambrell]".to_string(),
                format!("p {BODY}"),
                "f Dockers walk back to work on Tuesday. [REUTERS/Piroschka van de Wouw]"
                    .to_string(),
                format!("p {BODY}"),
            ]
        );
    }

    #[test]
    fn dates_a_dateline_from_the_address_or_today() {
        let text = format!("Port Strike Ends\nROTTERDAM, Sept 3 (Reuters) - {BODY}\n");
        let from_address = read_text(
            &text,
            &TextHints {
                url: Some("https://example.org/2023/09/04/port".into()),
                ..TextHints::default()
            },
        );
        assert_eq!(from_address.meta.published.as_deref(), Some("2023-09-03"));
        assert_eq!(from_address.meta.agency.as_deref(), Some("Reuters"));
        assert!(from_address.notes.is_empty());
        let from_today = read_text(
            &text,
            &TextHints {
                today: NaiveDate::from_ymd_opt(2026, 1, 2),
                ..TextHints::default()
            },
        );
        assert_eq!(from_today.meta.published.as_deref(), Some("2025-09-03"));
        assert_eq!(from_today.notes.len(), 1, "{:?}", from_today.notes);
    }

    #[test]
    fn a_masthead_is_the_publisher_not_the_title() {
        for (text, url) in [
            (
                "Daily Herald\nCouncil Votes to Close the Old Bridge\n",
                None,
            ),
            (
                "THE CAPITAL\nCouncil Votes to Close the Old Bridge\n",
                Some("https://www.thecapital.com/a"),
            ),
        ] {
            let draft = read_text(
                &format!("{text}{BODY}\n"),
                &TextHints {
                    url: url.map(str::to_string),
                    ..TextHints::default()
                },
            );
            assert_eq!(
                draft.meta.title.as_deref(),
                Some("Council Votes to Close the Old Bridge"),
                "{text}"
            );
            assert!(draft.meta.publisher.is_some(), "{text}");
        }
    }
}
