//! What a request to `briefing serve` asks for: the request target → a file below the site
//! folder, or a refusal; and whether the request comes through a name that means this machine.
//!
//! Pure functions of the request's text, so every refusal is a unit-tested table row rather
//! than a property of the file system: a target is percent-decoded first and split after, so
//! `..` cannot hide as `%2e%2e` or `..%2f`; any `..`, backslash, NUL or non-origin form (an
//! absolute URL, `*`) is refused before a path is joined to the site folder.

use std::path::{Component, Path, PathBuf};

/// A request target that names a place in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// The path below the site folder, with `index.html` added for `/` and for targets ending
    /// in `/`.
    pub relative: PathBuf,
    /// The decoded path as the browser asked for it, from the leading `/`, for redirecting a
    /// folder to itself with a trailing `/`.
    pub asked: String,
}

/// Why a request target is refused (answered `400 Bad Request`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a path beginning with `/` (an absolute URL, `*`, or empty).
    NotAPath,
    /// Percent-decodes to bytes that are not UTF-8, or holds a NUL or a backslash.
    BadEncoding,
    /// A `..` part, which would leave the site folder.
    Traversal,
}

impl Refusal {
    /// One sentence for the response body.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::NotAPath => "the request target is not a path beginning with /",
            Refusal::BadEncoding => "the path is not valid percent-encoded UTF-8",
            Refusal::Traversal => "the path leaves the site folder",
        }
    }
}

/// Resolves a request target (`/themes/a.html?x=1#top`) to a file below the site folder.
pub fn resolve(target: &str) -> Result<SitePath, Refusal> {
    let path = path_part(target);
    if !path.starts_with('/') {
        return Err(Refusal::NotAPath);
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::BadEncoding)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refusal::BadEncoding);
    }
    let mut relative = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(Refusal::Traversal),
            _ => {
                let mut components = Path::new(part).components();
                match (components.next(), components.next()) {
                    (Some(Component::Normal(_)), None) => relative.push(part),
                    _ => return Err(Refusal::Traversal),
                }
            }
        }
    }
    if decoded.ends_with('/') || relative.as_os_str().is_empty() {
        relative.push("index.html");
    }
    Ok(SitePath {
        relative,
        asked: decoded.into_owned(),
    })
}

/// The target without its query and fragment.
pub fn path_part(target: &str) -> &str {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    &target[..end]
}

/// The value of `key` in the target's query (`/x?since=3` → `3` for `since`), undecoded.
pub fn query_value<'a>(target: &'a str, key: &str) -> Option<&'a str> {
    let query = target.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (name == key).then_some(value)
    })
}

/// Whether a request's `Host` header names this machine on `port`. Browsers always send it,
/// so refusing other names keeps a web page from reaching the preview through a host name
/// it has pointed at 127.0.0.1 (DNS rebinding). A request without one (a plain tool) passes.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return true;
    };
    let host = host.trim().to_ascii_lowercase();
    let (name, host_port) = match host.rsplit_once(':') {
        Some((name, host_port)) => (name, host_port.parse().ok()),
        None => (host.as_str(), Some(80)),
    };
    matches!(name, "127.0.0.1" | "localhost") && host_port == Some(port)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_below_the_site() {
        let cases = [
            ("/", "index.html", "/"),
            ("", "", ""),
            ("/index.html", "index.html", "/index.html"),
            (
                "/themes/diplomacy.html",
                "themes/diplomacy.html",
                "/themes/diplomacy.html",
            ),
            ("/themes/", "themes/index.html", "/themes/"),
            ("/themes", "themes", "/themes"),
            ("/a%20b.html", "a b.html", "/a b.html"),
            ("/caf%C3%A9.html", "café.html", "/café.html"),
            (
                "/sources/x.html?since=1#p3",
                "sources/x.html",
                "/sources/x.html",
            ),
            ("/sources/x.html#p3", "sources/x.html", "/sources/x.html"),
            (
                "//assets//style.css",
                "assets/style.css",
                "//assets//style.css",
            ),
            (
                "/./assets/./style.css",
                "assets/style.css",
                "/./assets/./style.css",
            ),
            ("/%252e%252e/x", "%2e%2e/x", "/%2e%2e/x"),
        ];
        for (target, relative, asked) in cases {
            if target.is_empty() {
                assert_eq!(resolve(target), Err(Refusal::NotAPath));
                continue;
            }
            let resolved = resolve(target).unwrap_or_else(|err| panic!("{target}: {err:?}"));
            assert_eq!(resolved.relative, PathBuf::from(relative), "{target}");
            assert_eq!(resolved.asked, asked, "{target}");
        }
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let cases = [
            ("/../briefing.toml", Refusal::Traversal),
            ("/themes/../../x", Refusal::Traversal),
            ("/..", Refusal::Traversal),
            ("/%2e%2e/briefing.toml", Refusal::Traversal),
            ("/%2E%2E/briefing.toml", Refusal::Traversal),
            ("/themes/..%2f..%2fbriefing.toml", Refusal::Traversal),
            ("/%2e%2e%2fbriefing.toml", Refusal::Traversal),
            ("/..%5c..%5cbriefing.toml", Refusal::BadEncoding),
            ("/a\\b", Refusal::BadEncoding),
            ("/a%00.html", Refusal::BadEncoding),
            ("/%ff.html", Refusal::BadEncoding),
            ("http://127.0.0.1:1/etc/passwd", Refusal::NotAPath),
            ("etc/passwd", Refusal::NotAPath),
            ("*", Refusal::NotAPath),
        ];
        for (target, expected) in cases {
            assert_eq!(resolve(target), Err(expected), "{target}");
        }
    }

    #[test]
    fn an_absolute_path_stays_below_the_site() {
        let resolved = resolve("//etc/passwd").unwrap();
        assert_eq!(resolved.relative, PathBuf::from("etc/passwd"));
        assert!(
            Path::new("/site")
                .join(&resolved.relative)
                .starts_with("/site")
        );
    }

    #[test]
    fn reads_query_values() {
        let cases = [
            ("/__briefing/events?since=3", Some("3")),
            ("/__briefing/events?a=1&since=12#x", Some("12")),
            ("/__briefing/events?since", Some("")),
            ("/__briefing/events?sincere=1", None),
            ("/__briefing/events", None),
        ];
        for (target, expected) in cases {
            assert_eq!(query_value(target, "since"), expected, "{target}");
        }
    }

    #[test]
    fn accepts_only_names_of_this_machine() {
        let cases = [
            (None, true),
            (Some("127.0.0.1:4000"), true),
            (Some("localhost:4000"), true),
            (Some("LocalHost:4000"), true),
            (Some("127.0.0.1:4001"), false),
            (Some("127.0.0.1"), false),
            (Some("evil.example:4000"), false),
            (Some("localhost.evil.example:4000"), false),
            (Some("[::1]:4000"), false),
            (Some(""), false),
        ];
        for (host, expected) in cases {
            assert_eq!(host_allowed(host, 4000), expected, "{host:?}");
        }
        assert!(host_allowed(Some("localhost"), 80));
    }
}
