//! What `briefing serve` answers with besides the site's own bytes: the content type of each
//! kind of file, and the small pages it writes itself (not found, refused).
//!
//! Pure functions; the HTTP plumbing in `serve.rs` puts their results on the wire.

use std::path::Path;

/// The `Content-Type` of a file, by its extension (any case); unknown kinds are plain bytes.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Whether a response of this content type is a page, the only kind the reload script goes
/// into.
pub fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// The page for a path that is not in the site. `site_built` says whether any site is there
/// at all (no build has succeeded yet otherwise; the error overlay then says why).
pub fn not_found_page(asked: &str, site_built: bool) -> String {
    let explanation = if site_built {
        format!(
            "There is no <code>{}</code> in the site.",
            html_escape::encode_text(asked)
        )
    } else {
        "No site has been built yet: the build has failed so far.".to_string()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
         <body><h1>Not found</h1><p>{explanation}</p><p><a href=\"/\">The site's index</a></p></body></html>\n"
    )
}

/// A one-line text body for a refused or failed request.
pub fn plain(status: u16, reason: &str) -> String {
    format!("{status} {reason}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_files_by_extension() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("INDEX.HTM", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("briefing.json", "application/json"),
            ("feed.xml", "application/xml"),
            ("logo.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.JPG", "image/jpeg"),
            ("font.woff2", "font/woff2"),
            ("font.woff", "font/woff"),
            ("README", "application/octet-stream"),
            ("archive.tar.gz", "application/octet-stream"),
        ];
        for (path, expected) in cases {
            assert_eq!(content_type(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn only_pages_are_html() {
        assert!(is_html(content_type(Path::new("a.html"))));
        for path in ["a.css", "a.js", "a.json", "a.svg", "a.xml"] {
            assert!(!is_html(content_type(Path::new(path))), "{path}");
        }
    }

    #[test]
    fn not_found_page_escapes_the_path() {
        let page = not_found_page("/<script>alert(1)</script>.html", true);
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        assert!(not_found_page("/", false).contains("No site has been built yet"));
    }
}
