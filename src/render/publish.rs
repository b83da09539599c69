//! The files for publishing the site on the web, made only when `briefing.toml` sets a
//! `base_url`: `sitemap.xml` (every page's absolute address, for search engines) and
//! `feed.xml` (an Atom feed of the newest sources, for feed readers). Both formats require
//! absolute addresses, which a site read from disk cannot have; everything else the site links
//! stays relative. (`404.html` is a page like the others, rendered from its template.)
//!
//! What a reader subscribes to a briefing site for is news of what arrived. The feed has an
//! entry per recent build that brought something into a briefing (from the build history,
//! [`crate::history`]): what it added, and to which briefings, linking to its entry under
//! "What arrived" on the index; an entry is written once and never changes, which is what
//! feed readers handle well (an entry per briefing would change with every source added, and
//! readers show a changed entry poorly or not at all). The source entries follow, one per
//! dated source, newest first: each article is one item to read, and a reader who subscribed
//! before the history began still finds them. Only the newest [`FEED_ENTRIES`] sources are
//! listed, and only the builds the history keeps, so the file stays small however large the
//! corpus.
//!
//! Both files are made from the plan, the sources' front matter and the history, in a fixed
//! order, with dates from the sources and the recorded builds (never the clock), so the same
//! inputs and history give the same bytes.

use std::io::Write;

use std::borrow::Cow;

use super::arrivals::{SOURCES_LISTED, build_anchor, counts, sources_summary};
use super::views::{SiteModel, preview};
use crate::history::BuildRecord;
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
            | Page::History
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
    let builds: Vec<&BuildRecord> = model
        .history
        .newest_first()
        .filter(|build| !build.briefings.is_empty())
        .collect();
    // An empty feed still needs a time; the epoch says "nothing yet" without a clock.
    let updated = dated
        .first()
        .map(|(date, _)| *date)
        .into_iter()
        .chain(builds.first().map(|build| build.date.as_str()))
        .max()
        .unwrap_or("1970-01-01");

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
    for build in builds {
        build_entry(model, base, build, &mut out)?;
    }
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
            category(&mut out, theme)?;
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

/// The feed's entry for a build: "2 sources added: Diplomacy +5 passages; Finance +1 claim",
/// linking to the build's entry on the index, with the sources it added or edited as summary
/// and the briefings it added to as categories. Its id is the index's address and the build's
/// anchor, which no later build reuses.
fn build_entry(
    model: &SiteModel<'_>,
    base: &str,
    build: &BuildRecord,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let link = format!("{base}{}#{}", Page::Index.path(), build_anchor(build.build));
    let themes: Vec<(&crate::load::Theme, String)> = model
        .corpus
        .themes
        .iter()
        .filter_map(|theme| Some((theme, counts(build.briefings.get(&theme.id)?))))
        .collect();
    let added_to: Vec<String> = themes
        .iter()
        .map(|(theme, counts)| format!("{} {counts}", theme.title))
        .collect();
    let title = format!("{}: {}", sources_summary(build), added_to.join("; "));
    let titles = |marks: &[crate::history::SourceMark]| -> Vec<String> {
        let mut titles: Vec<String> = marks
            .iter()
            .take(SOURCES_LISTED)
            .map(|mark| {
                model
                    .corpus
                    .source(&mark.id)
                    .map_or_else(|| mark.id.to_string(), |s| s.meta.title.clone())
            })
            .collect();
        if marks.len() > titles.len() {
            titles.push(format!("and {} more", marks.len() - titles.len()));
        }
        titles
    };
    let mut summary = Vec::new();
    for (marks, what) in [(&build.added, "Added"), (&build.edited, "Edited")] {
        if !marks.is_empty() {
            summary.push(format!("{what}: {}.", titles(marks).join("; ")));
        }
    }
    out.write_all(b"<entry>\n")?;
    writeln!(out, "<title>{}</title>", text(&title))?;
    writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        attr(&link)
    )?;
    writeln!(out, "<id>{}</id>", text(&link))?;
    writeln!(out, "<updated>{}</updated>", instant(&build.date))?;
    for (theme, _) in &themes {
        category(out, theme)?;
    }
    if !summary.is_empty() {
        writeln!(
            out,
            "<summary type=\"text\">{}</summary>",
            text(&summary.join(" "))
        )?;
    }
    out.write_all(b"</entry>\n")
}

/// An Atom `<category>` naming a briefing.
fn category(out: &mut dyn Write, theme: &crate::load::Theme) -> std::io::Result<()> {
    writeln!(
        out,
        "<category term=\"{}\" label=\"{}\"/>",
        attr(theme.id.as_str()),
        attr(&theme.title)
    )
}
