//! The files for publishing the site on the web, made only when `briefing.toml` sets a
//! `base_url`: `sitemap.xml` (every page's absolute address, for search engines) and
//! `feed.xml` (an Atom feed of the newest sources, for feed readers). Both formats require
//! absolute addresses, which a site read from disk cannot have; everything else the site links
//! stays relative. (`404.html` is a page like the others, rendered from its template.)
//!
//! The feed has one entry per source, newest first, because what a reader subscribes to a
//! briefing site for is news of what arrived: each new article is one item to read, filed
//! into the briefings it names. An entry per briefing would change with every source added, and
//! feed readers show a changed entry poorly or not at all. Only the newest
//! [`FEED_ENTRIES`] are listed, so the file stays small however large the corpus.
//!
//! Both files are made from the plan and the sources' front matter alone, in a fixed order,
//! with dates from the sources (never the clock), so the same inputs give the same bytes.

use std::io::Write;

use std::borrow::Cow;

use super::views::{SiteModel, preview};
use crate::load::Source;
use crate::urls::Page;

/// Entries in the feed: the newest sources.
pub const FEED_ENTRIES: usize = 50;

/// Most addresses one sitemap file may list (the sitemap protocol's limit); a larger site's
/// `sitemap.xml` is an index of files of this many addresses each.
pub const SITEMAP_URLS: usize = 50_000;

/// Whether the sitemap lists this file: every HTML page but the not-found page.
pub fn in_sitemap(page: &Page) -> bool {
    !matches!(
        page,
        Page::Json
            | Page::Sitemap
            | Page::SitemapPart(_)
            | Page::Feed
            | Page::NotFound
            | Page::Asset(_)
            | Page::SearchIndex(_)
    )
}

/// A source's date for the feed and the sitemap: when it was published, or else when it was
/// captured; `None` when its front matter gives neither.
fn date_of(source: &Source) -> Option<&str> {
    source
        .meta
        .published
        .as_deref()
        .or(source.meta.retrieved.as_deref())
}

/// `sitemap.xml` for a site of at most [`SITEMAP_URLS`] pages, or one part of a larger one's
/// (`pages` is then that part's share): each page's absolute address under `base`, with the
/// date of its source for a source page (other pages draw on many sources; a date would say
/// little).
pub(super) fn sitemap<'p>(
    model: &SiteModel<'_>,
    base: &str,
    pages: impl Iterator<Item = &'p Page>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    )?;
    for page in pages {
        write!(
            out,
            "<url><loc>{}</loc>",
            text(&format!("{base}{}", page.path()))
        )?;
        if let Page::Source(id) = page
            && let Some(date) = model.corpus.source(id).and_then(date_of)
        {
            write!(out, "<lastmod>{}</lastmod>", text(date))?;
        }
        out.write_all(b"</url>\n")?;
    }
    out.write_all(b"</urlset>\n")?;
    out.flush()
}

/// `sitemap.xml` of a site too large for one: the index of its parts.
pub(super) fn sitemap_index(
    base: &str,
    parts: impl Iterator<Item = Page>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    )?;
    for part in parts {
        writeln!(
            out,
            "<sitemap><loc>{}</loc></sitemap>",
            text(&format!("{base}{}", part.path()))
        )?;
    }
    out.write_all(b"</sitemapindex>\n")
}

/// Text escaped for XML, without the control characters XML 1.0 cannot hold at all (a source
/// copied from the web may carry one).
fn text(value: &str) -> Cow<'_, str> {
    let allowed = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if value.chars().all(allowed) {
        html_escape::encode_text(value)
    } else {
        let kept: String = value.chars().filter(|&c| allowed(c)).collect();
        Cow::Owned(html_escape::encode_text(&kept).into_owned())
    }
}

/// An attribute value escaped for XML (in double quotes).
fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(&text(value)).into_owned()
}

/// An Atom timestamp for a `YYYY-MM-DD` date: its first instant, in UTC.
fn instant(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// `feed.xml`: the newest [`FEED_ENTRIES`] dated sources, newest first (by date, then id), each
/// linking to its page on the site and its original, with its opening sentence as summary and
/// the briefings that cite it as categories. Undated sources cannot be placed in time, so the
/// feed leaves them out.
pub(super) fn feed(model: &SiteModel<'_>, base: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut dated: Vec<(&str, &Source)> = model
        .corpus
        .sources
        .iter()
        .filter_map(|source| Some((date_of(source)?, source)))
        .collect();
    let newest = |a: &(&str, &Source), b: &(&str, &Source)| b.0.cmp(a.0).then(a.1.id.cmp(&b.1.id));
    if dated.len() > FEED_ENTRIES {
        dated.select_nth_unstable_by(FEED_ENTRIES - 1, newest);
        dated.truncate(FEED_ENTRIES);
    }
    dated.sort_unstable_by(newest);
    let config = &model.project.config;
    // An empty feed still needs a time; the epoch says "nothing yet" without a clock.
    let updated = dated.first().map_or("1970-01-01", |(date, _)| date);

    let mut out = std::io::BufWriter::new(out);
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")?;
    writeln!(out, "<title>{}</title>", text(&config.title))?;
    if !config.description.is_empty() {
        writeln!(out, "<subtitle>{}</subtitle>", text(&config.description))?;
    }
    writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        attr(&format!("{base}{}", Page::Feed.path()))
    )?;
    writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        attr(&format!("{base}{}", Page::Index.path()))
    )?;
    writeln!(out, "<id>{}</id>", text(base))?;
    writeln!(out, "<updated>{}</updated>", instant(updated))?;
    writeln!(out, "<author><name>{}</name></author>", text(&config.title))?;
    writeln!(out, "<generator>briefing</generator>")?;
    for (date, source) in dated {
        let page = format!("{base}{}", Page::Source(source.id.clone()).path());
        let meta = &source.meta;
        out.write_all(b"<entry>\n")?;
        writeln!(out, "<title>{}</title>", text(&meta.title))?;
        writeln!(
            out,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            attr(&page)
        )?;
        if let Some(url) = &meta.url {
            writeln!(
                out,
                "<link rel=\"related\" type=\"text/html\" href=\"{}\"/>",
                attr(url)
            )?;
        }
        writeln!(out, "<id>{}</id>", text(&page))?;
        if let Some(published) = &meta.published {
            writeln!(out, "<published>{}</published>", instant(published))?;
        }
        writeln!(out, "<updated>{}</updated>", instant(date))?;
        if let Some(name) = meta.author.as_ref().or(meta.publisher.as_ref()) {
            writeln!(out, "<author><name>{}</name></author>", text(name))?;
        }
        for theme in model.briefings_citing(&source.id) {
            writeln!(
                out,
                "<category term=\"{}\" label=\"{}\"/>",
                attr(theme.id.as_str()),
                attr(&theme.title)
            )?;
        }
        if let Some(first) = source.paragraphs.first() {
            writeln!(
                out,
                "<summary type=\"text\">{}</summary>",
                text(&preview(&first.text))
            )?;
        }
        out.write_all(b"</entry>\n")?;
    }
    out.write_all(b"</feed>\n")?;
    out.flush()
}
