//! `briefing check`: reads a built site back, as a browser and a static host would, and reports
//! what would fail a reader: links and anchors to nothing, missing stylesheets, scripts and
//! images, and pages that are malformed (no `<title>`, no `<html lang>`, an id given twice,
//! markup the HTML tokenizer cannot read cleanly).
//!
//! It runs on the output, not on the build's plans, so it also catches what a template author
//! writes by hand and what a host's copy lost. Nothing is fetched: links to other sites
//! (`http:`, `https:`, `mailto:`) are only counted; links to the site's own `base_url` are read
//! as links within the site.
//!
//! Shape: every page is tokenized once, in parallel (html5ever's tokenizer, which reports each
//! tag's line, without building a tree), collecting its ids and its links. A link's file is
//! checked at once, since every file's path is known before any page is read; a link with an
//! anchor into another page waits until that page's ids are known, then everything is checked
//! in parallel. Ids are kept as 64-bit hashes, so memory stays small on sites of tens of
//! thousands of pages.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use crate::text::hash::StableHasher;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Diagnostic, Error, sorted};

/// What `briefing check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// HTML pages read.
    pub pages: usize,
    /// Links within the site that were followed (to a file, an anchor or both).
    pub links: usize,
    /// Links to other sites, counted but not fetched.
    pub external: usize,
    /// Every problem, sorted by page and line.
    pub problems: Vec<Diagnostic>,
}

/// What a link loads or leads to, for the message about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<a href>`, `<area href>`, `<link rel=canonical|alternate|…>`.
    Link,
    /// `<link rel=stylesheet href>`.
    Stylesheet,
    /// `<script src>`.
    Script,
    /// `<img src|srcset>`, `<source>`, `<video poster>`, `<link rel=icon>`.
    Image,
    /// Other embedded files: `<audio>`, `<video>`, `<iframe>`, `<embed>`, `<object>`, `<track>`.
    Media,
    /// `<blockquote cite>`, `<q cite>`: where the quoted words come from.
    Quoted,
}

impl Kind {
    fn missing(self) -> &'static str {
        match self {
            Kind::Link => "broken link: no such file",
            Kind::Stylesheet => "missing stylesheet",
            Kind::Script => "missing script",
            Kind::Image => "missing image",
            Kind::Media => "missing embedded file",
            Kind::Quoted => "quotation's source is missing",
        }
    }
}

/// A link found on a page.
#[derive(Debug)]
struct Link {
    line: u32,
    kind: Kind,
    value: String,
}

/// What one page holds, as far as the check needs it.
#[derive(Default)]
struct Scan {
    /// Each id with the line it first stands on.
    ids: FxHashMap<String, u32>,
    links: Vec<Link>,
    /// Problems found while reading: (line, message, hint).
    problems: Vec<(u32, String, &'static str)>,
    /// The text of `<title>`, once one is seen.
    title: Option<String>,
    in_title: bool,
    /// Whether `<html>` has a non-empty `lang`.
    has_lang: bool,
}

/// The tokenizer's sink: records what [`Scan`] needs from each token.
struct Scanner(RefCell<Scan>);

/// The hint for a page the tokenizer cannot read cleanly.
const MARKUP_HINT: &str =
    "correct the markup in the template that makes this page (quotes, `<` and `&` in text)";

impl TokenSink for Scanner {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let mut scan = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return scan.tag(&tag, line),
            Token::CharacterTokens(text) if scan.in_title => {
                if let Some(title) = scan.title.as_mut() {
                    title.push_str(&text);
                }
            }
            Token::ParseError(message) => {
                scan.problems
                    .push((line, format!("malformed HTML: {message}"), MARKUP_HINT));
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Scan {
    fn tag(&mut self, tag: &Tag, line: u32) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if tag.kind == TagKind::EndTag {
            if name == "title" {
                self.in_title = false;
            }
            return TokenSinkResult::Continue;
        }
        let attr = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == wanted)
                .map(|a| &a.value)
        };
        if let Some(id) = attr("id") {
            let id = id.to_string();
            if let Some(first) = self.ids.get(&id) {
                self.problems.push((
                    line,
                    format!("duplicate id `{id}` (first on line {first})"),
                    "give each element its own id; a link to this one reaches only the first",
                ));
            } else {
                self.ids.insert(id, line);
            }
        }
        let mut link = |kind: Kind, value: &StrTendril| {
            self.links.push(Link {
                line,
                kind,
                value: value.to_string(),
            });
        };
        match name {
            "a" | "area" => attr("href").into_iter().for_each(|v| link(Kind::Link, v)),
            "link" => {
                let rel = attr("rel")
                    .map(|r| r.to_ascii_lowercase())
                    .unwrap_or_default();
                let kind = if rel.split_ascii_whitespace().any(|r| r == "stylesheet") {
                    Kind::Stylesheet
                } else if rel.split_ascii_whitespace().any(|r| r == "icon") {
                    Kind::Image
                } else {
                    Kind::Link
                };
                attr("href").into_iter().for_each(|v| link(kind, v));
            }
            "script" => attr("src").into_iter().for_each(|v| link(Kind::Script, v)),
            "img" | "source" | "input" => {
                attr("src").into_iter().for_each(|v| link(Kind::Image, v));
                if let Some(set) = attr("srcset") {
                    // Candidates are `url [descriptor]`, separated by commas.
                    for candidate in set.split(',') {
                        if let Some(url) = candidate.split_ascii_whitespace().next() {
                            link(Kind::Image, &StrTendril::from(url));
                        }
                    }
                }
            }
            "video" => {
                attr("src").into_iter().for_each(|v| link(Kind::Media, v));
                attr("poster")
                    .into_iter()
                    .for_each(|v| link(Kind::Image, v));
            }
            "audio" | "iframe" | "embed" | "track" => {
                attr("src").into_iter().for_each(|v| link(Kind::Media, v));
            }
            "object" => attr("data").into_iter().for_each(|v| link(Kind::Media, v)),
            "blockquote" | "q" | "del" | "ins" => {
                attr("cite").into_iter().for_each(|v| link(Kind::Quoted, v));
            }
            "html" => self.has_lang = attr("lang").is_some_and(|l| !l.trim().is_empty()),
            "title" => {
                self.in_title = true;
                self.title.get_or_insert_with(String::new);
            }
            _ => {}
        }
        // The tokenizer alone does not know which elements hold raw text; the tree builder
        // would tell it, so this sink does.
        match name {
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Reads one page's ids, links and problems.
fn scan(html: &str) -> Scan {
    let tokenizer = Tokenizer::new(
        Scanner(RefCell::new(Scan::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Another site; not fetched.
    External,
    /// Nothing to check (`data:`, `javascript:`, an empty link).
    Ignored,
    /// Above the site's root folder.
    Outside,
    /// A file of the site (`/`-separated, from the root) and an anchor in it, if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
}

/// Reads `value`, a link on the page at `page` (`/`-separated, from the site root), the way a
/// browser would; `base_url` (ending in `/`) is the site's own published address.
fn resolve(page: &str, value: &str, base_url: Option<&str>) -> Target {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty() {
        return Target::Ignored;
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (value, None),
    };
    let rest = rest.split_once('?').map_or(rest, |(path, _)| path);
    // The site's own address, absolute or from the host's root, is a link within the site.
    let base_path = base_url.and_then(|base| {
        let after_scheme = base.split_once("://")?.1;
        Some(&after_scheme[after_scheme.find('/')?..])
    });
    let (from_root, path) = if let Some(inside) = base_url.and_then(|b| rest.strip_prefix(b)) {
        (true, inside)
    } else if base_url.is_some_and(|b| rest == b.trim_end_matches('/')) {
        (true, "")
    } else if rest.starts_with("//") {
        return Target::External;
    } else if let Some(absolute) = rest.strip_prefix('/') {
        match base_path.and_then(|p| rest.strip_prefix(p)) {
            Some(inside) => (true, inside),
            None => (true, absolute),
        }
    } else if let Some(colon) = rest.find(':')
        && !rest[..colon].contains('/')
    {
        let scheme = rest[..colon].to_ascii_lowercase();
        return match scheme.as_str() {
            "http" | "https" | "mailto" | "tel" | "ftp" => Target::External,
            _ => Target::Ignored,
        };
    } else {
        (false, rest)
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = if from_root {
        Vec::new()
    } else if path.is_empty() {
        // `#anchor` or `?query` alone: this very page.
        return Target::Internal {
            path: page.to_string(),
            fragment: fragment.map(decode_fragment),
        };
    } else {
        let mut folder: Vec<&str> = page.split('/').collect();
        folder.pop(); // the page's own file name
        folder
    };
    let ends_in_folder = decoded.is_empty() || decoded.ends_with('/');
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            segment => parts.push(segment),
        }
    }
    if ends_in_folder {
        parts.push("index.html");
    }
    Target::Internal {
        path: parts.join("/"),
        fragment: fragment.map(decode_fragment),
    }
}

fn decode_fragment(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

/// An id as kept for the pages' anchors: its hash.
fn id_key(id: &str) -> u64 {
    let mut hasher = StableHasher::default();
    id.hash(&mut hasher);
    hasher.finish()
}

/// Whether a fragment needs no element of that id: the top of the page, or a text fragment.
fn needs_no_id(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:")
}

/// One page as checked: its path, ids (hashed), and the links with an anchor in another page,
/// kept until every page's ids are known.
struct Checked {
    ids: FxHashSet<u64>,
    later: Vec<(Link, u32, String)>,
    problems: Vec<Diagnostic>,
    links: usize,
    external: usize,
}

/// Checks the built site in `site`. `base_url` is the site's published address (links to it
/// are links within the site). Fails only when the folder cannot be read at all.
pub fn check(site: &Path, base_url: Option<&str>) -> Result<CheckReport, Error> {
    let mut files: FxHashMap<String, Option<u32>> = FxHashMap::default();
    let mut folders: FxHashSet<String> = FxHashSet::default();
    let mut pages: Vec<String> = Vec::new();
    let walk = walkdir::WalkDir::new(site)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walk {
        let entry = entry.map_err(|err| {
            let path = err.path().unwrap_or(site).to_path_buf();
            Error::io(path, err.into())
        })?;
        let Ok(relative) = entry.path().strip_prefix(site) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            folders.insert(relative);
        } else if relative.ends_with(".html") || relative.ends_with(".htm") {
            files.insert(relative.clone(), Some(pages.len() as u32));
            pages.push(relative);
        } else {
            files.insert(relative, None);
        }
    }
    let shown = |page: &str| site.join(page);
    let checked: Vec<Checked> = pages
        .par_iter()
        .map(|page| {
            let mut out = Checked {
                ids: FxHashSet::default(),
                later: Vec::new(),
                problems: Vec::new(),
                links: 0,
                external: 0,
            };
            let html = match std::fs::read(site.join(page)) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(html) => html,
                    Err(_) => {
                        out.problems.push(
                            Diagnostic::new(shown(page), "malformed page: not UTF-8 text")
                                .with_hint("write pages in UTF-8, as `briefing build` does"),
                        );
                        return out;
                    }
                },
                Err(err) => {
                    out.problems.push(Diagnostic::new(
                        shown(page),
                        format!("cannot be read: {err}"),
                    ));
                    return out;
                }
            };
            let scan = scan(&html);
            for (line, message, hint) in scan.problems {
                out.problems.push(
                    Diagnostic::new(shown(page), message)
                        .at_line(line as usize)
                        .with_hint(hint),
                );
            }
            if scan.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                out.problems.push(
                    Diagnostic::new(shown(page), "malformed page: no <title>")
                        .at_line(1)
                        .with_hint("give the page a <title> in its template's <head>, for tabs, bookmarks and screen readers"),
                );
            }
            if !scan.has_lang {
                out.problems.push(
                    Diagnostic::new(shown(page), "malformed page: no <html lang>")
                        .at_line(1)
                        .with_hint("write <html lang=\"{{ site.language }}\"> in the template, so screen readers pronounce the page right"),
                );
            }
            out.ids = scan.ids.keys().map(|id| id_key(id)).collect();
            for link in scan.links {
                match resolve(page, &link.value, base_url) {
                    Target::External => out.external += 1,
                    Target::Ignored => {}
                    Target::Outside => {
                        out.links += 1;
                        out.problems.push(
                            Diagnostic::new(
                                shown(page),
                                format!("{} above the site's folder ({})", link.kind.missing(), link.value),
                            )
                            .at_line(link.line as usize)
                            .with_hint("a link within the site must not climb above its root folder; remove a `../`"),
                        );
                    }
                    Target::Internal { path, fragment } => {
                        out.links += 1;
                        let path = match files.get(&path) {
                            Some(_) => path,
                            None if folders.contains(&path) => format!("{path}/index.html"),
                            None => path,
                        };
                        match files.get(&path) {
                            None => out.problems.push(
                                Diagnostic::new(
                                    shown(page),
                                    format!("{} `{path}` ({})", link.kind.missing(), link.value),
                                )
                                .at_line(link.line as usize)
                                .with_hint(if link.kind == Kind::Link {
                                    "correct the link, or build the site again if a page is missing"
                                } else {
                                    "put the file in templates/assets/ (copied to site/assets/) and build again, or correct the path"
                                }),
                            ),
                            Some(Some(target)) => {
                                if let Some(fragment) = fragment.filter(|f| !needs_no_id(f)) {
                                    out.later.push((link, *target, fragment));
                                }
                            }
                            Some(None) => {}
                        }
                    }
                }
            }
            out
        })
        .collect();
    let (pages_ref, checked_ref, shown_ref) = (&pages, &checked, &shown);
    let anchor_problems: Vec<Diagnostic> = checked
        .par_iter()
        .zip(&pages)
        .flat_map_iter(|(page_check, page)| {
            page_check.later.iter().filter_map(move |(link, target, fragment)| {
                let target_page = &pages_ref[*target as usize];
                let found = checked_ref[*target as usize].ids.contains(&id_key(fragment));
                (!found).then(|| {
                    let on = if target_page == page {
                        "on this page".to_string()
                    } else {
                        format!("in `{target_page}`")
                    };
                    Diagnostic::new(
                        shown_ref(page),
                        format!("broken anchor: no id `{fragment}` {on} ({})", link.value),
                    )
                    .at_line(link.line as usize)
                    .with_hint("the element may have been renamed or removed: link to an id the page has")
                })
            })
        })
        .collect();
    let mut problems = anchor_problems;
    let mut links = 0;
    let mut external = 0;
    for page in checked {
        problems.extend(page.problems);
        links += page.links;
        external += page.external;
    }
    Ok(CheckReport {
        pages: pages.len(),
        links,
        external,
        problems: sorted(problems),
    })
}

/// The folder `briefing check` reads when none is given: the project's output folder.
pub fn default_site(root: &Path) -> PathBuf {
    crate::output_folder(root, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn resolves_links_as_a_browser_does() {
        let base = Some("https://briefing.example/parade/");
        let cases = [
            (
                "themes/a.html",
                "../index.html",
                internal("index.html", None),
            ),
            (
                "themes/a.html",
                "#t-x",
                internal("themes/a.html", Some("t-x")),
            ),
            (
                "themes/a.html",
                "b.html?x=1#p%20q",
                internal("themes/b.html", Some("p q")),
            ),
            (
                "themes/a/b.html",
                "../../sources/s.html#t",
                internal("sources/s.html", Some("t")),
            ),
            ("index.html", "./", internal("index.html", None)),
            ("index.html", "themes/", internal("themes/index.html", None)),
            ("index.html", "../x.html", Target::Outside),
            (
                "404.html",
                "/themes/a.html",
                internal("themes/a.html", None),
            ),
            (
                "404.html",
                "/parade/themes/a.html",
                internal("themes/a.html", None),
            ),
            (
                "404.html",
                "https://briefing.example/parade/themes/a.html#g",
                internal("themes/a.html", Some("g")),
            ),
            (
                "404.html",
                "https://briefing.example/parade",
                internal("index.html", None),
            ),
            (
                "index.html",
                "https://news.example/a#:~:text=x",
                Target::External,
            ),
            ("index.html", "//cdn.example/x.js", Target::External),
            ("index.html", "MAILTO:a@b.example", Target::External),
            ("index.html", "data:image/png;base64,AAAA", Target::Ignored),
            ("index.html", "  ", Target::Ignored),
        ];
        for (page, link, expected) in cases {
            assert_eq!(resolve(page, link, base), expected, "{page}: {link}");
        }
        assert_eq!(
            resolve("404.html", "https://briefing.example/parade/x.html", None),
            Target::External
        );
    }

    #[test]
    fn reads_ids_links_and_lines() {
        let scan = scan(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><title>T &amp; U</title>\n<link rel=\"stylesheet\" href=\"a.css\">\n<script src=\"s.js\"></script><script>if (a < b) { x('<a href=\"no.html\">') }</script></head>\n<body><p id=\"x\">a</p>\n<p id=\"x\"><a href=\"#x\">b</a><img srcset=\"i.png 1x, j.png 2x\"></p></body></html>",
        );
        assert_eq!(scan.title.as_deref(), Some("T & U"));
        assert!(scan.has_lang);
        let links: Vec<(u32, Kind, &str)> = scan
            .links
            .iter()
            .map(|l| (l.line, l.kind, l.value.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                (3, Kind::Stylesheet, "a.css"),
                (4, Kind::Script, "s.js"),
                (6, Kind::Link, "#x"),
                (6, Kind::Image, "i.png"),
                (6, Kind::Image, "j.png"),
            ]
        );
        assert_eq!(scan.problems.len(), 1, "{:?}", scan.problems);
        assert_eq!(scan.problems[0].0, 6);
        assert_eq!(scan.problems[0].1, "duplicate id `x` (first on line 5)");
    }
}
