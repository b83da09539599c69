//! What a saved web page says about itself: its headline, author, publisher, publication
//! date, canonical address and language, for the front matter of the source `add` writes.
//!
//! Read from the whole page, most specific first: JSON-LD `NewsArticle` (or any `…Article`,
//! `BlogPosting`), then `<link rel=canonical>`, Open Graph and `article:` meta tags, then the
//! extractor's own guesses. Only `http(s)` addresses are kept, dates become `YYYY-MM-DD`.

use scraper::{Html, Selector};
use serde_json::Value;

use super::dates::{DayOrder, find_date};
use super::draft::DraftMeta;
use super::html::normalise;

/// Metadata declared in the page's markup.
pub(super) fn page_meta(document: &Html) -> DraftMeta {
    let mut meta = DraftMeta::default();
    if let Some(article) = json_ld_article(document) {
        let text = |key: &str| article.get(key).and_then(value_text);
        meta.title = text("headline").or_else(|| text("name"));
        meta.author = article.get("author").and_then(person_names);
        meta.published = text("datePublished").and_then(|d| date_of(&d));
        meta.publisher = article
            .get("publisher")
            .and_then(|p| p.get("name").and_then(value_text).or_else(|| value_text(p)));
        meta.url = text("url")
            .or_else(|| {
                article
                    .get("mainEntityOfPage")
                    .and_then(|m| value_text(m).or_else(|| m.get("@id").and_then(value_text)))
            })
            .filter(|u| is_web_address(u));
    }
    let link = |selector: &str| {
        Selector::parse(selector).ok().and_then(|s| {
            document
                .select(&s)
                .filter_map(|e| e.value().attr("href"))
                .map(str::trim)
                .find(|href| is_web_address(href))
                .map(str::to_string)
        })
    };
    let content = |selector: &str| {
        Selector::parse(selector).ok().and_then(|s| {
            document
                .select(&s)
                .filter_map(|e| e.value().attr("content"))
                .map(|c| normalise(&html_escape::decode_html_entities(c)))
                .find(|c| !c.is_empty())
        })
    };
    let canonical = link("link[rel=canonical]")
        .or_else(|| content("meta[property='og:url']").filter(|u| is_web_address(u)));
    meta.url = canonical.or(meta.url);
    meta.title = meta.title.or_else(|| content("meta[property='og:title']"));
    meta.publisher = content("meta[property='og:site_name']").or(meta.publisher);
    meta.author = meta.author.or_else(|| {
        content("meta[name=author], meta[property='article:author'], meta[name='byl']")
            .filter(|a| !is_web_address(a))
            .map(|a| a.trim_start_matches("By ").to_string())
    });
    meta.published = meta.published.or_else(|| {
        content(
            "meta[property='article:published_time'], meta[itemprop=datePublished], \
             meta[name=date], meta[name='pubdate'], meta[name='publish-date']",
        )
        .and_then(|d| date_of(&d))
    });
    meta.language = Selector::parse("html").ok().and_then(|s| {
        document
            .select(&s)
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    });
    meta
}

/// Where the page's own markup says nothing, the extractor's guesses.
pub(super) fn fill_from_extractor(meta: &mut DraftMeta, found: &rs_trafilatura::Metadata) {
    let clean = |v: &Option<String>| v.as_deref().map(normalise).filter(|v| !v.is_empty());
    if meta.title.is_none() {
        meta.title = clean(&found.title);
    }
    if meta.author.is_none() {
        meta.author = clean(&found.author);
    }
    if meta.publisher.is_none() {
        meta.publisher = clean(&found.sitename);
    }
    if meta.url.is_none() {
        meta.url = clean(&found.url).filter(|u| is_web_address(u));
    }
    if meta.published.is_none() {
        meta.published = found.date.map(|d| d.format("%Y-%m-%d").to_string());
    }
    if meta.language.is_none() {
        meta.language = clean(&found.language);
    }
}

fn is_web_address(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// `2025-09-03T10:00:00Z` or a written date → `2025-09-03`.
fn date_of(text: &str) -> Option<String> {
    find_date(text.trim(), DayOrder::MonthFirst).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The first JSON-LD object of an article type, searching arrays and `@graph`.
fn json_ld_article(document: &Html) -> Option<Value> {
    let selector = Selector::parse("script[type='application/ld+json']").ok()?;
    document
        .select(&selector)
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| find_article(&value))
}

fn find_article(value: &Value) -> Option<Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            let is_article = |t: &Value| {
                value_text(t).is_some_and(|t| {
                    t.ends_with("Article")
                        || t == "BlogPosting"
                        || t == "Report"
                        || t == "NewsArticle"
                })
            };
            let typed = match object.get("@type") {
                Some(Value::Array(types)) => types.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(value.clone());
            }
            object.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

/// A JSON string or number as text, trimmed; `None` when empty.
fn value_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => normalise(&html_escape::decode_html_entities(s)),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// `"Jane"`, `{"name": "Jane"}` or a list of either → `Jane, John`.
fn person_names(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(person_names).collect(),
        Value::Object(object) => object
            .get("name")
            .and_then(value_text)
            .into_iter()
            .collect(),
        other => value_text(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !is_web_address(n)).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_metadata_from_json_ld_and_meta_tags() {
        let html = r#"<html lang="en-GB"><head>
            <link rel="canonical" href="https://news.example/a/1">
            <meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2025-09-03T08:00:00+08:00">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"x"},
              {"@type":"NewsArticle","headline":"The Headline","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
               "datePublished":"2025-09-02T22:00:00Z","publisher":{"name":"Example Group"}}]}</script>
            </head><body></body></html>"#;
        let meta = page_meta(&Html::parse_document(html));
        assert_eq!(
            meta,
            DraftMeta {
                title: Some("The Headline".into()),
                author: Some("Jane Doe, John Roe".into()),
                publisher: Some("Example News".into()),
                published: Some("2025-09-02".into()),
                url: Some("https://news.example/a/1".into()),
                language: Some("en-GB".into()),
                ..DraftMeta::default()
            }
        );
    }
}
