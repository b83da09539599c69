//! Live reload for `briefing serve`: the script put into every page it serves, the state that
//! script asks for, and the overlay that shows a failed build's errors in the page.
//!
//! The script goes into HTTP responses only, never into the files on disk, so the built site
//! stays script-free. It long-polls [`EVENTS_PATH`] (a plain `fetch`, which needs nothing the
//! HTTP server does not already do, unlike a held-open event stream): the server answers when
//! a build finishes, with [`status_json`]. A page that was served from an older site reloads,
//! keeping its scroll position; otherwise the page shows the overlay of a failed build, or
//! removes it after a good one. The overlay's text comes from the user's files, so every part
//! of it is HTML-escaped here.

use crate::error::{Diagnostic, Error};

/// Where the injected script asks for the build state: `?since=<generation>` waits until a
/// build newer than that generation has finished (`since=0` answers at once).
pub const EVENTS_PATH: &str = "/__briefing/events";

/// The `id` of the overlay element, so the script can find and replace it.
const OVERLAY_ID: &str = "briefing-serve-overlay";

/// One mistake of a failed build as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// `path:line:col`, as the terminal prints it; empty for a fault that is not about one
    /// file.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    pub hint: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(diagnostic: &Diagnostic) -> Self {
        Problem {
            location: diagnostic.location(),
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        }
    }
}

/// The problems of a failed build: each diagnostic of bad input, or the one fault.
pub fn problems(error: &Error) -> Vec<Problem> {
    match error {
        Error::Input(diagnostics) => diagnostics.iter().map(Problem::from).collect(),
        other => vec![Problem {
            location: String::new(),
            message: other.to_string(),
            hint: None,
        }],
    }
}

/// The state a waiting page is told: `generation` counts finished builds, `site` is the
/// generation of the last good one (the page reloads when it differs from the one it was
/// served from), `overlay` the HTML to show (null after a good build), `errors` the same
/// problems as data.
pub fn status_json(generation: u64, site: u64, problems: &[Problem]) -> String {
    serde_json::json!({
        "generation": generation,
        "site": site,
        "overlay": (!problems.is_empty()).then(|| overlay_html(problems)),
        "errors": problems,
    })
    .to_string()
}

/// Where the injected script is served from: a file of the preview's own, since the pages'
/// Content-Security-Policy lets only the site's own scripts run, never an inline one.
pub const SCRIPT_PATH: &str = "/__briefing/reload.js";

/// Where the overlay's stylesheet is served from (style attributes are refused by the policy
/// too).
pub const STYLE_PATH: &str = "/__briefing/reload.css";

/// The overlay listing a failed build's problems, every piece of text escaped. Styled by
/// [`STYLESHEET`] through its classes.
pub fn overlay_html(problems: &[Problem]) -> String {
    let count = problems.len();
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\">\
         <p class=\"briefing-serve-head\">The build failed ({count} error{}): this page is the last good site. \
         Fix the files and save; this closes on the next good build.</p><ul>",
        if count == 1 { "" } else { "s" }
    );
    for problem in problems {
        html.push_str("<li>");
        if !problem.location.is_empty() {
            html.push_str(&format!(
                "<strong>{}</strong>: ",
                html_escape::encode_text(&problem.location)
            ));
        }
        html.push_str(&html_escape::encode_text(&problem.message));
        if let Some(hint) = &problem.hint {
            html.push_str(&format!(
                "<br><span class=\"briefing-serve-hint\">hint: {}</span>",
                html_escape::encode_text(hint)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul></div>");
    html
}

/// The overlay's stylesheet, served at [`STYLE_PATH`].
pub const STYLESHEET: &str = "#briefing-serve-overlay{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;\
max-height:50vh;overflow:auto;margin:0;padding:0.75em 1em;background:#fff4f4;color:#5c0000;\
border-top:3px solid #c00;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
box-shadow:0 -2px 8px rgba(0,0,0,0.2)}\n\
#briefing-serve-overlay .briefing-serve-head{margin:0 0 0.5em;font-weight:bold}\n\
#briefing-serve-overlay ul{margin:0;padding-left:1.2em}\n\
#briefing-serve-overlay li{margin:0.25em 0}\n\
#briefing-serve-overlay .briefing-serve-hint{color:#444}\n";

/// The live-reload script, served at [`SCRIPT_PATH`]. It reads the generation of the site its
/// page came from off its own tag (`data-site`).
pub const SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  var site = Number(me && me.getAttribute("data-site")), since = 0;
  var key = "briefing-serve-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved)); }
  } catch (e) {}
  function show(html) {
    var old = document.getElementById("briefing-serve-overlay");
    if (old) old.remove();
    if (html) document.body.insertAdjacentHTML("beforeend", html);
  }
  function poll() {
    fetch("/__briefing/events?since=" + since, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (s) {
        if (s.site !== site) {
          try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
          location.reload();
          return;
        }
        since = s.generation;
        show(s.overlay);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// The tags put into a page served from the site of build generation `site`: the overlay's
/// stylesheet and the script, both the preview's own files.
pub fn script(site: u64) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\" data-briefing-serve>\
         <script src=\"{SCRIPT_PATH}\" data-site=\"{site}\" data-briefing-serve></script>\n"
    )
}

/// `page` with `script` put just before its last `</body>` (any case), or at the end when it
/// has none.
pub fn inject(page: &[u8], script: &str) -> Vec<u8> {
    let at = last_index_ignoring_case(page, b"</body").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn last_index_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_closing_body() {
        let cases = [
            (
                "<html><body><p>x</p></body></html>",
                "<html><body><p>x</p>S</body></html>",
            ),
            (
                "<HTML><BODY>x</BODY></HTML>",
                "<HTML><BODY>xS</BODY></HTML>",
            ),
            (
                "<body><pre>&lt;/body&gt; </body>\n</body></html>",
                "<body><pre>&lt;/body&gt; </body>\nS</body></html>",
            ),
            ("<p>fragment</p>", "<p>fragment</p>S"),
            ("", "S"),
        ];
        for (page, expected) in cases {
            let injected = inject(page.as_bytes(), "S");
            assert_eq!(String::from_utf8(injected).unwrap(), expected, "{page}");
        }
    }

    #[test]
    fn script_waits_for_the_events_and_knows_its_site() {
        let script = script(7);
        assert!(script.contains("data-site=\"7\""), "{script}");
        assert!(
            script.contains(SCRIPT_PATH) && script.contains(STYLE_PATH),
            "{script}"
        );
        assert!(SCRIPT.contains(EVENTS_PATH), "{SCRIPT}");
        assert!(SCRIPT.contains(OVERLAY_ID) && STYLESHEET.contains(OVERLAY_ID));
        assert!(!script.contains("style=") && !overlay_html(&[]).contains("style="));
    }

    #[test]
    fn overlay_lists_each_diagnostic_escaped() {
        let error = Error::Input(vec![
            Diagnostic::new(
                "content/a.md",
                "unknown field `<img src=x onerror=alert(1)>`",
            )
            .at(3, 1)
            .with_hint("remove \"it\" & retry"),
            Diagnostic::new("content/<b>.md", "bad").at_line(2),
        ]);
        let html = overlay_html(&problems(&error));
        let cases = [
            ("<strong>content/a.md:3:1</strong>: ", true),
            ("unknown field `&lt;img src=x onerror=alert(1)&gt;`", true),
            ("hint: remove \"it\" &amp; retry", true),
            ("<strong>content/&lt;b&gt;.md:2</strong>: bad", true),
            ("(2 errors)", true),
            ("<img", false),
            ("<b>", false),
        ];
        for (needle, present) in cases {
            assert_eq!(html.contains(needle), present, "{needle} in {html}");
        }
    }

    #[test]
    fn a_fault_shows_as_one_problem_without_a_location() {
        let error = Error::io("site", std::io::Error::other("disk full"));
        let found = problems(&error);
        assert_eq!(
            found,
            [Problem {
                location: String::new(),
                message: "site: disk full".to_string(),
                hint: None
            }]
        );
        assert!(overlay_html(&found).contains("(1 error)"));
    }

    #[test]
    fn status_carries_the_overlay_only_after_a_failure() {
        let good: serde_json::Value = serde_json::from_str(&status_json(3, 3, &[])).unwrap();
        assert_eq!(good["generation"], 3);
        assert_eq!(good["site"], 3);
        assert!(good["overlay"].is_null());
        assert_eq!(good["errors"], serde_json::json!([]));

        let problem = Problem {
            location: "content/a.md:2".to_string(),
            message: "bad".to_string(),
            hint: None,
        };
        let failed: serde_json::Value =
            serde_json::from_str(&status_json(4, 3, &[problem])).unwrap();
        assert_eq!(failed["site"], 3);
        assert!(
            failed["overlay"]
                .as_str()
                .unwrap()
                .contains("content/a.md:2")
        );
        assert_eq!(failed["errors"][0]["location"], "content/a.md:2");
    }
}
