//! An RSS or Atom feed → the articles it lists, for `briefing add --feed URL`.
//!
//! `feed-rs` reads every common flavour (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into one model;
//! this module keeps what `add` needs of each item: the address of its article, resolved
//! against the feed's own address when relative, and what the feed says about it — date,
//! author, the feed's title as the publisher and its language. Those are only fallbacks: the
//! article page, once fetched, usually says the same things more precisely, and wins.

use crate::error::Diagnostic;

use super::DraftMeta;

/// One article a feed lists.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FeedItem {
    /// The article's address, absolute; `None` when the item links nowhere.
    pub link: Option<String>,
    /// The item's title, to name it in messages.
    pub title: Option<String>,
    /// What the feed says about the article, to fill what its page leaves out.
    pub meta: DraftMeta,
}

/// The items of the feed read from `address`, in the feed's order, or a diagnostic when the
/// bytes are not a feed.
pub(crate) fn read_feed(bytes: &[u8], address: &str) -> Result<Vec<FeedItem>, Diagnostic> {
    let feed = feed_rs::parser::parse(bytes).map_err(|err| {
        Diagnostic::new(address, format!("not an RSS or Atom feed ({err})")).with_hint(
            "give the feed's own address (a site links it as RSS or Atom); to add one article, give its address without --feed",
        )
    })?;
    let base = url::Url::parse(address).ok();
    let publisher = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let feed_author = first_name(&feed.authors);
    Ok(feed
        .entries
        .iter()
        .map(|entry| {
            let link = article_link(&entry.links).and_then(|href| resolve(base.as_ref(), href));
            FeedItem {
                title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
                meta: DraftMeta {
                    title: None,
                    author: first_name(&entry.authors).or_else(|| feed_author.clone()),
                    publisher: publisher.clone(),
                    published: entry
                        .published
                        .or(entry.updated)
                        .map(|date| date.format("%Y-%m-%d").to_string()),
                    updated: entry
                        .published
                        .and(entry.updated)
                        .map(|date| date.format("%Y-%m-%d").to_string()),
                    url: link.clone(),
                    language: entry.language.clone().or_else(|| feed.language.clone()),
                    ..DraftMeta::default()
                },
                link,
            }
        })
        .collect())
}

/// The link to the article itself: the `alternate` one (Atom's default relation), else the
/// first. Enclosures and comment pages are not the article.
fn article_link(links: &[feed_rs::model::Link]) -> Option<&str> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.trim())
        .filter(|href| !href.is_empty())
}

/// `href` made absolute against the feed's address; only `http(s)` addresses are kept.
fn resolve(base: Option<&url::Url>, href: &str) -> Option<String> {
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The first author with a name. RSS writes `email (Name)` (which `feed-rs` may leave as
/// `(Name)`); the name is kept.
fn first_name(people: &[feed_rs::model::Person]) -> Option<String> {
    people.iter().find_map(|person| {
        let name = person.name.as_deref()?.trim();
        let name = match (name.find('('), name.strip_suffix(')')) {
            (Some(open), Some(inner)) if name[..open].trim().is_empty() || name.contains('@') => {
                inner[open + 1..].trim()
            }
            _ => name,
        };
        (!name.is_empty() && !name.contains('@')).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>The Portsea Gazette</title><link>https://gazette.example/</link>
<language>en-gb</language>
<item><title>One</title><link>https://gazette.example/one</link>
<pubDate>Thu, 04 Sep 2025 08:30:00 GMT</pubDate><dc:creator>Mara Quill</dc:creator></item>
<item><title>Two</title><link>/two</link><author>desk@gazette.example (Tom Reed)</author></item>
<item><title>No link</title></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Notes</title>
<id>urn:x</id><updated>2025-09-05T10:00:00Z</updated><author><name>Ada Penhale</name></author>
<entry><title>Lamps</title><id>urn:1</id><updated>2025-09-05T10:00:00Z</updated>
<link rel="enclosure" href="https://notes.example/lamps.mp3"/>
<link href="https://notes.example/lamps"/></entry>
</feed>"#;

    #[test]
    fn reads_what_feeds_say_about_their_items() {
        let rss = read_feed(RSS.as_bytes(), "https://gazette.example/feed.xml").unwrap();
        let atom = read_feed(ATOM.as_bytes(), "https://notes.example/atom").unwrap();
        let cases = [
            (
                &rss[0],
                Some("https://gazette.example/one"),
                Some("Mara Quill"),
                Some("2025-09-04"),
                Some("The Portsea Gazette"),
            ),
            (
                &rss[1],
                Some("https://gazette.example/two"),
                Some("Tom Reed"),
                None,
                Some("The Portsea Gazette"),
            ),
            (&rss[2], None, None, None, Some("The Portsea Gazette")),
            (
                &atom[0],
                Some("https://notes.example/lamps"),
                Some("Ada Penhale"),
                Some("2025-09-05"),
                Some("Harbour Notes"),
            ),
        ];
        for (item, link, author, published, publisher) in cases {
            let title = item.title.as_deref();
            assert_eq!(item.link.as_deref(), link, "{title:?}");
            assert_eq!(item.meta.url.as_deref(), link, "{title:?}");
            assert_eq!(item.meta.author.as_deref(), author, "{title:?}");
            assert_eq!(item.meta.published.as_deref(), published, "{title:?}");
            assert_eq!(item.meta.publisher.as_deref(), publisher, "{title:?}");
        }
        assert_eq!(rss[0].meta.language.as_deref(), Some("en-gb"));
    }

    #[test]
    fn refuses_what_is_not_a_feed() {
        let diagnostic = read_feed(b"<html><p>hi</p></html>", "https://x.example/").unwrap_err();
        assert!(
            diagnostic
                .to_string()
                .starts_with("https://x.example/: not an RSS or Atom feed ("),
            "{diagnostic}"
        );
    }
}
