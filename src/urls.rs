//! The site's URL scheme, in one place: where every page lives and how any page links to any
//! other, to a paragraph, or to a passage.
//!
//! Every link the site contains is relative (`../sources/x.html#p4`), so the site reads the
//! same from `file://`, from a USB stick or from any static host, under any prefix. Render,
//! `briefing.json` and anything later (search, feeds, a local server) ask this module rather
//! than formatting paths themselves, so the scheme can change in one place.
//!
//! | page | path |
//! |---|---|
//! | index | `index.html` |
//! | briefing, first page | `themes/<theme>.html` |
//! | briefing, a later page | `themes/<theme>/<first passage's anchor>.html` |
//! | source | `sources/<source>.html`, paragraph anchors `#t-<opening words>` (and `#p<n>`) |
//! | list of sources, first page (large sites only) | `coverage.html` |
//! | list of sources, a later page | `coverage/<first source>.html` |
//! | paragraphs filed under no theme, first page | `unfiled.html` |
//! | paragraphs filed under no theme, a later page | `unfiled/<first paragraph's anchor>.html` |
//! | a briefing as one file to mail or print | `print/<theme>.html` |
//! | every briefing on one page, for print | `print.html` |
//! | machine-readable export | `briefing.json` |
//! | search results | `search.html?q=<words>` |
//! | search index | `assets/search/index.js`, `t<k>.js` (terms), `b<k>.js` (source buckets), `s/<source>.js` (passages), `claims.js` |
//! | sitemap, Atom feed (only with a `base_url`) | `sitemap.xml`, `feed.xml` |
//! | parts of the sitemap of a site of more than 50,000 pages | `sitemap/<k>.xml` |
//! | the page a server shows for a missing address | `404.html` |
//! | static files | `assets/<path>` |
//!
//! Later pages of a list are named after the item that opens them, not numbered, so that a
//! page keeps its address (and its bytes) when items are added elsewhere in the list (see
//! `render::paging`). They live in a folder of their own, which no theme id can collide with;
//! the list of sources lives outside `sources/`, so no source id can collide with it.

use crate::ids::{ParagraphRef, SourceId, ThemeId};

/// A page (or file) of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// `index.html`.
    Index,
    /// One page of a theme's briefing.
    Briefing {
        /// The theme.
        theme: ThemeId,
        /// The anchor of the passage that opens the page; `None` for the first page.
        from: Option<String>,
    },
    /// A source's page.
    Source(SourceId),
    /// One page of the list of sources with their coverage, for sites too large to list every
    /// source on the index.
    Coverage {
        /// The source that opens the page; `None` for the first page.
        from: Option<SourceId>,
    },
    /// One page of the paragraphs filed under no theme.
    Unfiled {
        /// The passage anchor of the paragraph that opens the page; `None` for the first page.
        from: Option<String>,
    },
    /// A site-wide page of the analysis across sources.
    Analysis(AnalysisPage),
    /// A briefing as one self-contained file, to mail or print: `print/<theme>.html`.
    Takeaway(ThemeId),
    /// Every briefing one after another, for print: `print.html`.
    Print,
    /// `briefing.json`.
    Json,
    /// `history.json`: what recent builds brought in (see `crate::history`), read back by
    /// the next build.
    History,
    /// `search.html`: the results of a search, made in the browser from the search index.
    Search,
    /// A file of the search index (see `render::search`).
    SearchIndex(SearchFile),
    /// `sitemap.xml`: every page's absolute address, for search engines (with a `base_url`);
    /// on a site too large for one file, the index of its parts.
    Sitemap,
    /// `sitemap/<k>.xml`: part `k` (from 1) of the sitemap of a very large site.
    SitemapPart(usize),
    /// `feed.xml`: the Atom feed of the newest sources (with a `base_url`).
    Feed,
    /// `404.html`: what a server shows for an address the site lacks, at any depth; so its
    /// links start from the site root (see [`Page::root`]), not from where it is.
    NotFound,
    /// A static file below `assets/`.
    Asset(String),
}

/// The files of the search index, below `assets/search/`: scripts that register their data
/// with the search page's script, because a page opened from `file://` may load a script but
/// not `fetch` a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchFile {
    /// `index.js`: counts, shard and bucket numbers, the accent folding table.
    Meta,
    /// `t<k>.js`: the terms whose first letters hash to shard `k`, with their postings.
    Terms(u32),
    /// `b<k>.js`: the ids of the sources in bucket `k`.
    Bucket(u32),
    /// `s/<source>.js`: a source's title, publisher and passages.
    Source(SourceId),
    /// `claims.js`: the claims and discrepancies the analysis pages show.
    Claims,
}

/// The site-wide pages of the analysis across sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnalysisPage {
    /// `discrepancies.html`: where sources give figures that cannot all hold.
    Discrepancies,
    /// `timeline.html`: dated events.
    Timeline,
    /// `entities.html`: who's who.
    Entities,
}

impl AnalysisPage {
    /// Every one, in the order the site lists them.
    pub const ALL: [AnalysisPage; 3] = [
        AnalysisPage::Discrepancies,
        AnalysisPage::Timeline,
        AnalysisPage::Entities,
    ];

    /// The page's name, which is its file name without `.html` and its template's.
    pub fn name(self) -> &'static str {
        match self {
            AnalysisPage::Discrepancies => "discrepancies",
            AnalysisPage::Timeline => "timeline",
            AnalysisPage::Entities => "entities",
        }
    }
}

impl Page {
    /// The first page of a theme's briefing.
    pub fn briefing(theme: &ThemeId) -> Page {
        Page::Briefing {
            theme: theme.clone(),
            from: None,
        }
    }

    /// The page's path below the site root, `/`-separated.
    pub fn path(&self) -> String {
        match self {
            Page::Index => "index.html".to_string(),
            Page::Briefing { theme, from: None } => format!("themes/{theme}.html"),
            Page::Briefing {
                theme,
                from: Some(from),
            } => format!("themes/{theme}/{from}.html"),
            Page::Source(source) => format!("sources/{source}.html"),
            Page::Coverage { from: None } => "coverage.html".to_string(),
            Page::Coverage { from: Some(from) } => format!("coverage/{from}.html"),
            Page::Unfiled { from: None } => "unfiled.html".to_string(),
            Page::Unfiled { from: Some(from) } => format!("unfiled/{from}.html"),
            Page::Analysis(page) => format!("{}.html", page.name()),
            Page::Takeaway(theme) => format!("print/{theme}.html"),
            Page::Print => "print.html".to_string(),
            Page::Json => "briefing.json".to_string(),
            Page::History => crate::history::HISTORY_FILE.to_string(),
            Page::Sitemap => "sitemap.xml".to_string(),
            Page::SitemapPart(part) => format!("sitemap/{part}.xml"),
            Page::Feed => "feed.xml".to_string(),
            Page::NotFound => "404.html".to_string(),
            Page::Asset(path) => format!("assets/{path}"),
            Page::Search => "search.html".to_string(),
            Page::SearchIndex(SearchFile::Meta) => "assets/search/index.js".to_string(),
            Page::SearchIndex(SearchFile::Terms(k)) => format!("assets/search/t{k}.js"),
            Page::SearchIndex(SearchFile::Bucket(k)) => format!("assets/search/b{k}.js"),
            Page::SearchIndex(SearchFile::Source(id)) => format!("assets/search/s/{id}.js"),
            Page::SearchIndex(SearchFile::Claims) => "assets/search/claims.js".to_string(),
        }
    }

    /// The prefix that leads from this page back to the site root: `""`, `"../"`, …; for the
    /// not-found page, which a server shows in place of a page at any depth, `"/"`: its links
    /// start from the root of the host (the views use the `base_url` instead when it is set).
    pub fn root(&self) -> &'static str {
        match self {
            Page::NotFound => "/",
            Page::Index
            | Page::Json
            | Page::History
            | Page::Sitemap
            | Page::Feed
            | Page::Analysis(_)
            | Page::Search
            | Page::Print
            | Page::Unfiled { from: None }
            | Page::Coverage { from: None } => "",
            Page::Briefing { from: None, .. }
            | Page::Source(_)
            | Page::Takeaway(_)
            | Page::Coverage { .. }
            | Page::SitemapPart(_)
            | Page::Unfiled { .. } => "../",
            Page::Briefing { .. } => "../../",
            Page::Asset(path) => ROOTS[(path.matches('/').count() + 1).min(ROOTS.len() - 1)],
            Page::SearchIndex(SearchFile::Source(_)) => "../../../",
            Page::SearchIndex(_) => "../../",
        }
    }

    /// The relative link from this page to `to` (a full relative path even when `to` is this
    /// page, so a link means the same wherever its markup is copied).
    pub fn link_to(&self, to: &Page) -> String {
        format!("{}{}", self.root(), to.path())
    }

    /// The relative link from this page to the element `anchor` of `to`.
    pub fn link_to_anchor(&self, to: &Page, anchor: &str) -> String {
        format!("{}#{anchor}", self.link_to(to))
    }

    /// The relative link from this page to a paragraph (or list item) of `source`, by its
    /// text anchor (see [`text_anchors`]).
    pub fn link_to_paragraph(&self, source: &SourceId, anchor: &str) -> String {
        self.link_to_anchor(&Page::Source(source.clone()), anchor)
    }
}

const ROOTS: [&str; 5] = ["", "../", "../../", "../../../", "../../../../"];

/// The numbered anchor of paragraph `n` on its source's page, `p<n>` (or `p<n>-<item>` for a
/// list item): what a reader types after reading "¶4". It follows the paragraph's position,
/// so the site itself never links to it (see [`text_anchors`]).
pub fn number_anchor(paragraph: &ParagraphRef) -> String {
    match paragraph.item {
        Some(item) => format!("p{}-{item}", paragraph.n),
        None => format!("p{}", paragraph.n),
    }
}

/// Longest text anchor, in bytes, before its words are cut.
const TEXT_ANCHOR_LONGEST: usize = 48;
/// Words of a paragraph's opening that make its text anchor.
const TEXT_ANCHOR_WORDS: usize = 6;

/// The anchors every link of the site uses for the paragraphs (and list items) of one source,
/// given their texts in body order, each after the prefix that says what it is (`t` for a
/// paragraph or list item, `l` for a list as a whole, whose first item opens the same way):
/// the prefix, then the first words of the text in ASCII lower case
/// (`t-kim-jong-un-arrived-in-beijing`), with `-2`, `-3`… on later ones that open the same
/// way.
///
/// Why from the words and not the number: a link published to ¶4 must keep reaching the
/// same paragraph when the source gains a paragraph above it (a correction, an editor's
/// note), and must not silently land on other words. An anchor made of the paragraph's own
/// opening survives insertions and edits further down the paragraph; if the opening itself
/// is rewritten the link falls back to the top of the page rather than to a wrong paragraph.
pub fn text_anchors<'t>(texts: impl IntoIterator<Item = (&'static str, &'t str)>) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    texts
        .into_iter()
        .map(|(prefix, text)| {
            let base = text_anchor_base(prefix, text);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                base
            } else {
                format!("{base}-{count}")
            }
        })
        .collect()
}

/// `prefix`, `-` and the first words of `text` (ASCII letters and digits; anything else
/// separates words), or the prefix and a short hash of the text when it has no such word.
fn text_anchor_base(prefix: &str, text: &str) -> String {
    let mut anchor = String::from(prefix);
    let words = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(TEXT_ANCHOR_WORDS);
    for word in words {
        if anchor.len() + 1 + word.len() > TEXT_ANCHOR_LONGEST && anchor.len() > prefix.len() {
            break;
        }
        anchor.push('-');
        anchor.extend(
            word.chars()
                .take(TEXT_ANCHOR_LONGEST)
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    if anchor.len() == prefix.len() {
        // FNV-1a: stable across platforms and versions, unlike the standard library's hasher.
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        anchor.push_str(&format!("-{:08x}", hash >> 32));
    }
    anchor
}

/// The anchor of a passage on a briefing page: its source and the paragraph's text anchor,
/// `<source>__<anchor>` (ids never hold `_`, so the two parts cannot run together).
pub fn passage_anchor(source: &SourceId, anchor: &str) -> String {
    format!("{source}__{anchor}")
}

/// The anchor of a passage group on a briefing page: `group-<k>` for the theme's k-th group
/// (from 1, in the theme's order, which adding sources never changes), `group-other` for the
/// passages that fit none.
pub fn group_anchor(definition: Option<usize>) -> String {
    match definition {
        Some(index) => format!("group-{}", index + 1),
        None => "group-other".to_string(),
    }
}

/// The anchor of a briefing overview's citation of a paragraph (its first one there), which
/// the paragraph's source page links back to: `c-` and the paragraph's passage anchor.
pub fn citing_anchor(source: &SourceId, anchor: &str) -> String {
    format!("c-{}", passage_anchor(source, anchor))
}

/// The anchor of a source's entry in a briefing's reference list.
pub fn reference_anchor(source: &SourceId) -> String {
    format!("ref-{source}")
}

/// Paragraphs of at most this many words are matched whole on the live page; longer ones by
/// their first and last words.
const LIVE_WHOLE_WORDS: usize = 8;
/// Words at each end of a longer paragraph that the live link matches.
const LIVE_END_WORDS: usize = 4;

/// What a text directive's terms leave as they are; everything else is percent-encoded,
/// including `-`, `,` and `&`, which are the directive's own syntax (Text Fragments spec,
/// "Syntax"), `#` and `%`, spaces and every non-ASCII byte (as UTF-8).
const TEXT_DIRECTIVE_KEEPS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A link to `text` on the source's live page at `url`: a text fragment
/// (`<url>#:~:text=<words>`, or `#:~:text=<start>,<end>` for a longer text, matching from its
/// first to its last words), which browsers that support it scroll to and highlight; others
/// open the page at its top. `None` when the text has no words.
///
/// Why words at both ends rather than the whole text: the live page may differ from the
/// captured text in the middle (a link, a changed quote mark) without losing the match, and
/// the link stays short.
pub fn live_text_link(url: &str, text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let term = |words: &[&str]| {
        percent_encoding::utf8_percent_encode(&words.join(" "), TEXT_DIRECTIVE_KEEPS).to_string()
    };
    let directive = if words.len() <= LIVE_WHOLE_WORDS {
        term(&words)
    } else {
        format!(
            "{},{}",
            term(&words[..LIVE_END_WORDS]),
            term(&words[words.len() - LIVE_END_WORDS..])
        )
    };
    // A fragment directive follows the page's own fragment, if the address has one.
    let separator = if url.contains('#') { ":~:" } else { "#:~:" };
    Some(format!("{url}{separator}text={directive}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str) -> ThemeId {
        ThemeId::parse(id).unwrap()
    }

    fn source(id: &str) -> SourceId {
        SourceId::parse(id).unwrap()
    }

    #[test]
    fn places_every_page() {
        let cases = [
            (Page::Index, "index.html", ""),
            (
                Page::briefing(&theme("diplomacy")),
                "themes/diplomacy.html",
                "../",
            ),
            (
                Page::Briefing {
                    theme: theme("diplomacy"),
                    from: Some("s__t-kim-arrived".into()),
                },
                "themes/diplomacy/s__t-kim-arrived.html",
                "../../",
            ),
            (Page::Source(source("a-b")), "sources/a-b.html", "../"),
            (Page::Coverage { from: None }, "coverage.html", ""),
            (
                Page::Coverage {
                    from: Some(source("a-b")),
                },
                "coverage/a-b.html",
                "../",
            ),
            (Page::Json, "briefing.json", ""),
            (Page::Search, "search.html", ""),
            (
                Page::SearchIndex(SearchFile::Terms(3)),
                "assets/search/t3.js",
                "../../",
            ),
            (
                Page::SearchIndex(SearchFile::Source(source("a-b"))),
                "assets/search/s/a-b.js",
                "../../../",
            ),
            (
                Page::Takeaway(theme("diplomacy")),
                "print/diplomacy.html",
                "../",
            ),
            (Page::Print, "print.html", ""),
            (Page::Sitemap, "sitemap.xml", ""),
            (Page::Feed, "feed.xml", ""),
            (Page::SitemapPart(2), "sitemap/2.xml", "../"),
            (Page::Unfiled { from: None }, "unfiled.html", ""),
            (
                Page::Unfiled {
                    from: Some("s__t-x".into()),
                },
                "unfiled/s__t-x.html",
                "../",
            ),
            (Page::Asset("style.css".into()), "assets/style.css", "../"),
            (
                Page::Asset("img/x.png".into()),
                "assets/img/x.png",
                "../../",
            ),
        ];
        for (page, path, root) in cases {
            assert_eq!(page.path(), path);
            assert_eq!(page.root(), root, "{path}");
            assert_eq!(page.path().matches('/').count(), root.matches('/').count());
        }
        assert_eq!(Page::NotFound.path(), "404.html");
        assert_eq!(Page::NotFound.link_to(&Page::Index), "/index.html");
    }

    #[test]
    fn links_relatively_between_pages() {
        let index = Page::Index;
        let later = Page::Briefing {
            theme: theme("t"),
            from: Some("s__t-a".into()),
        };
        assert_eq!(
            index.link_to_paragraph(&source("s"), "t-kim"),
            "sources/s.html#t-kim"
        );
        assert_eq!(
            later.link_to_paragraph(&source("s"), "t-kim"),
            "../../sources/s.html#t-kim"
        );
        assert_eq!(later.link_to(&Page::Index), "../../index.html");
        assert_eq!(
            Page::Source(source("s"))
                .link_to_anchor(&later, &passage_anchor(&source("s"), "t-kim")),
            "../themes/t/s__t-a.html#s__t-kim"
        );
        let item = ParagraphRef::item(source("s"), 4, 2);
        assert_eq!(number_anchor(&item), "p4-2");
        assert_eq!(number_anchor(&ParagraphRef::new(source("s"), 4)), "p4");
    }

    #[test]
    fn links_live_text_with_an_encoded_text_fragment() {
        let url = "https://news.example/a";
        let cases = [
            (
                "Kim arrived.",
                "https://news.example/a#:~:text=Kim%20arrived.",
            ),
            // The directive's own syntax is encoded: `-`, `,`, `&`; and `#`, `%`, `:`.
            (
                "A well-known, 50% cut & more #1: yes",
                "https://news.example/a#:~:text=A%20well%2Dknown%2C%2050%25%20cut%20%26%20more%20%231%3A%20yes",
            ),
            // Non-ASCII as UTF-8 bytes; quotes and brackets as they are.
            (
                "“Xi’s” (parade) '25",
                "https://news.example/a#:~:text=%E2%80%9CXi%E2%80%99s%E2%80%9D%20(parade)%20'25",
            ),
            // Longer texts: the first and last four words, whitespace runs as one space.
            (
                "One two three four five six\nseven   eight nine ten.",
                "https://news.example/a#:~:text=One%20two%20three%20four,seven%20eight%20nine%20ten.",
            ),
            (
                "a b c d e f g h",
                "https://news.example/a#:~:text=a%20b%20c%20d%20e%20f%20g%20h",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                live_text_link(url, text).as_deref(),
                Some(expected),
                "{text}"
            );
        }
        assert_eq!(live_text_link(url, "  \n "), None);
        assert_eq!(
            live_text_link("https://news.example/a#top", "Kim").as_deref(),
            Some("https://news.example/a#top:~:text=Kim")
        );
    }

    #[test]
    fn anchors_paragraphs_by_their_opening_words() {
        let anchors = text_anchors(
            [
                "Kim Jong Un arrived in Beijing by armored train, his first visit.",
                "“Correction:” an earlier version misstated the date.",
                "Kim Jong Un arrived in Beijing by armored train, his first visit.",
                "北京",
                "",
                "A-very-long-hyphenated-compound-word-that-keeps-going-and-going-on beyond.",
            ]
            .map(|text| ("t", text)),
        );
        assert_eq!(
            anchors,
            [
                "t-kim-jong-un-arrived-in-beijing",
                "t-correction-an-earlier-version-misstated-the",
                "t-kim-jong-un-arrived-in-beijing-2",
                anchors[3].as_str(),
                anchors[4].as_str(),
                "t-a-very-long-hyphenated-compound-word",
            ]
        );
        assert!(anchors[3].starts_with("t-") && anchors[3].len() == 10);
        assert_ne!(anchors[3], anchors[4]);
        for anchor in &anchors {
            assert!(anchor.len() <= TEXT_ANCHOR_LONGEST + 3, "{anchor}");
            assert!(
                anchor
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
        }
    }

    #[test]
    fn a_paragraph_inserted_above_leaves_the_anchors_below_alone() {
        let before = text_anchors([("t", "First point."), ("l", "A\nB"), ("t", "A")]);
        let after = text_anchors([
            ("t", "Correction: a note."),
            ("t", "First point."),
            ("l", "A\nB"),
            ("t", "A"),
        ]);
        assert_eq!(&after[1..], &before[..]);
        assert_eq!(before, ["t-first-point", "l-a-b", "t-a"]);
    }
}
