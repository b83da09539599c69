//! Code highlighting with syntect, the one module that uses it.
//!
//! Highlighted code carries CSS classes (`hl-…`), not inline styles, so a reader's stylesheet
//! (or print stylesheet) can restyle it and pages stay small. The syntax definitions take
//! tens of milliseconds to load, so they load on first use: a corpus without code blocks never
//! pays for them.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const THEME: &str = "InspiredGitHub";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Highlights `code` written in `language` (a fence info string such as `yaml` or `rust`) as a
/// `<pre>` block. Unknown languages come out as escaped plain text.
pub fn highlight_block(code: &str, language: &str) -> String {
    let token = language.split_whitespace().next().unwrap_or("");
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(token)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain_block(code, token);
        }
    }
    format!(
        "<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>\n",
        html_escape::encode_double_quoted_attribute(token),
        generator.finalize()
    )
}

fn plain_block(code: &str, token: &str) -> String {
    format!(
        "<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>\n",
        html_escape::encode_double_quoted_attribute(token),
        html_escape::encode_text(code)
    )
}

/// The stylesheet that colours highlighted code.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get(THEME)
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_not_inline_styles() {
        let html = highlight_block("event: parade\n", "yaml");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("parade"));
    }

    #[test]
    fn escapes_unknown_language_as_text() {
        let html = highlight_block("<script>alert(1)</script>\n", "no-such-language");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn stylesheet_targets_prefixed_classes() {
        assert!(stylesheet().contains(".hl-"));
    }
}
