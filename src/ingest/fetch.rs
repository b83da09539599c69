//! Fetching a page or a feed for `briefing add URL` and `briefing add --feed URL`.
//!
//! One blocking GET per address through `ureq`, bounded so a slow or hostile server cannot
//! hang the command or fill the memory: a connect timeout, a timeout on the whole exchange,
//! a few redirects, and a size limit that refuses a larger body rather than cutting it (a
//! cut page would become a source with half its text). What comes back is the body's bytes
//! with what the response said about them: the address reached after redirects (the new
//! source's `url`) and the `charset` of its `Content-Type`, which the decoder tries before
//! the page's own declaration. Every failure is a [`Diagnostic`] on the address, saying what
//! the server did and what the user can do instead, so `add` reports it with the others and
//! writes nothing.

use std::time::Duration;

use ureq::ResponseExt;

use crate::error::Diagnostic;

/// The largest body fetched: far above any article page (a few hundred KiB with its markup),
/// small enough to hold in memory.
pub(crate) const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// How long to wait for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the whole exchange (connection, redirects, body) may take.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// How many redirects are followed: news sites redirect to a canonical host and path, and
/// through a consent or paywall page at most once or twice more.
const MAX_REDIRECTS: u32 = 5;

/// How the tool names itself to servers.
const USER_AGENT: &str = concat!("briefing/", env!("CARGO_PKG_VERSION"));

/// What is being fetched, which decides the `Accept` header and which content is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    /// An article page: HTML.
    Page,
    /// An RSS or Atom feed: XML of any announced type (servers label feeds loosely).
    Feed,
}

/// A body fetched, with what its response said about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fetched {
    /// The address the body came from, after redirects.
    pub url: String,
    /// The body, decompressed if the server compressed it.
    pub bytes: Vec<u8>,
    /// The `charset` parameter of the `Content-Type`, if any.
    pub charset: Option<String>,
}

/// One HTTP client for a run of `add`, so connections to one host are reused.
pub(crate) struct Fetcher {
    agent: ureq::Agent,
}

impl Fetcher {
    pub(crate) fn new() -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(TOTAL_TIMEOUT))
            .max_redirects(MAX_REDIRECTS)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build();
        Fetcher {
            agent: config.into(),
        }
    }

    /// GETs `url`: its body, or a diagnostic naming the address.
    pub(crate) fn get(&self, url: &str, wanted: Wanted) -> Result<Fetched, Diagnostic> {
        let accept = match wanted {
            Wanted::Page => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            Wanted::Feed => {
                "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
            }
        };
        let mut response = self
            .agent
            .get(url)
            .header("Accept", accept)
            .call()
            .map_err(|err| failure(url, &err))?;
        let status = response.status();
        if !status.is_success() {
            return Err(refused_status(
                url,
                status.as_u16(),
                status.canonical_reason(),
            ));
        }
        let reached = response.get_uri().to_string();
        let mime = response.body().mime_type().map(str::to_ascii_lowercase);
        if wanted == Wanted::Page
            && let Some(mime) = mime.as_deref()
            && !is_html(mime)
        {
            return Err(Diagnostic::new(
                url,
                format!("the address serves {mime}, not a web page"),
            )
            .with_hint(
                "add only article pages; save other documents as text (.txt) and add that file",
            ));
        }
        if let Some(length) = response.body().content_length()
            && length > MAX_BYTES
        {
            return Err(too_large(url, Some(length)));
        }
        let charset = response.body().charset().map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BYTES)
            .read_to_vec()
            .map_err(|err| failure(url, &err))?;
        Ok(Fetched {
            url: reached,
            bytes,
            charset,
        })
    }
}

/// Whether a media type is a web page. A server that announces no type is given the benefit
/// of the doubt; the reader finds out.
fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

fn refused_status(url: &str, code: u16, reason: Option<&str>) -> Diagnostic {
    let shown = match reason {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    };
    let hint = match code {
        401 | 403 | 451 => {
            "the site refuses to serve the page to this tool; open it in a browser, save it (.html) and add the saved file"
        }
        404 | 410 => "check the address; if it opens in a browser, save the page and add the file",
        429 | 500..=599 => {
            "the site is busy or failing; try again later, or save the page from a browser and add the file"
        }
        _ => {
            "open the address in a browser; if it shows the article, save it and add the saved file"
        }
    };
    Diagnostic::new(url, format!("the server answered {shown}")).with_hint(hint)
}

fn too_large(url: &str, length: Option<u64>) -> Diagnostic {
    let size = length.map_or_else(String::new, |n| format!(" ({n} bytes)"));
    Diagnostic::new(
        url,
        format!(
            "the page is larger than the {} MiB limit{size}",
            MAX_BYTES / 1024 / 1024
        ),
    )
    .with_hint("an article page is far smaller; check the address, or save the article from a browser and add the saved file")
}

/// A failed exchange, told in the user's terms.
fn failure(url: &str, err: &ureq::Error) -> Diagnostic {
    let (message, hint) = match err {
        ureq::Error::BodyExceedsLimit(_) => return too_large(url, None),
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => (
            format!("no connection within {} s", CONNECT_TIMEOUT.as_secs()),
            "the site is slow or unreachable; try again later, or save the page from a browser and add the file",
        ),
        ureq::Error::Timeout(_) => (
            format!("no complete answer within {} s", TOTAL_TIMEOUT.as_secs()),
            "the site is slow or unreachable; try again later, or save the page from a browser and add the file",
        ),
        ureq::Error::HostNotFound => (
            "the host was not found".to_string(),
            "check the address and the network connection",
        ),
        ureq::Error::TooManyRedirects => (
            format!("more than {MAX_REDIRECTS} redirects"),
            "the site sends the tool in circles (often a consent or login page); save the page from a browser and add the file",
        ),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => (
            format!("not a web address this tool can fetch ({err})"),
            "give a full address starting with http:// or https://",
        ),
        _ => (
            format!("cannot fetch the address ({err})"),
            "check the address and the network connection, or save the page from a browser and add the file",
        ),
    };
    Diagnostic::new(url, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_pages_from_other_documents() {
        let cases = [
            ("text/html", true),
            ("application/xhtml+xml", true),
            ("application/pdf", false),
            ("text/plain", false),
            ("image/png", false),
        ];
        for (mime, html) in cases {
            assert_eq!(is_html(mime), html, "{mime}");
        }
    }

    #[test]
    fn says_what_went_wrong_in_the_user_terms() {
        let cases = [
            (
                ureq::Error::Timeout(ureq::Timeout::Connect),
                "u: no connection within 10 s\n  hint: the site is slow or unreachable",
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Global),
                "u: no complete answer within 60 s\n  hint: the site is slow or unreachable",
            ),
            (
                ureq::Error::HostNotFound,
                "u: the host was not found\n  hint: check the address",
            ),
            (
                ureq::Error::TooManyRedirects,
                "u: more than 5 redirects\n  hint: the site sends the tool in circles",
            ),
            (
                ureq::Error::BodyExceedsLimit(MAX_BYTES),
                "u: the page is larger than the 10 MiB limit\n  hint: an article page",
            ),
            (
                ureq::Error::ConnectionFailed,
                "u: cannot fetch the address (connection failed)\n  hint: check the address",
            ),
        ];
        for (err, expected) in cases {
            let shown = failure("u", &err).to_string();
            assert!(shown.starts_with(expected), "{shown}");
        }
    }

    #[test]
    fn names_the_status_and_a_way_out() {
        let cases = [
            (
                404,
                Some("Not Found"),
                "u: the server answered 404 Not Found\n  hint: check the address",
            ),
            (
                403,
                Some("Forbidden"),
                "u: the server answered 403 Forbidden\n  hint: the site refuses",
            ),
            (
                503,
                None,
                "u: the server answered 503\n  hint: the site is busy",
            ),
        ];
        for (code, reason, expected) in cases {
            let shown = refused_status("u", code, reason).to_string();
            assert!(shown.starts_with(expected), "{shown}");
        }
    }
}
