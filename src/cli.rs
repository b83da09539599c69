//! The command line, declared with clap: doc comments here become `--help`.

use std::path::PathBuf;

use briefing::ingest::TextEncoding;
use clap::{Args, Parser, Subcommand};

/// Turn a folder of articles into a static, offline-readable briefing site, one briefing per
/// theme, every statement cited to the paragraph of its source.
#[derive(Debug, Parser)]
#[command(name = "briefing", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a project: briefing.toml, one theme, one example source and a README for its
    /// editors, in DIR (made when missing). It builds at once with the built-in templates.
    /// Never replaces a file.
    Init {
        /// The folder of the new project.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the built-in templates into templates/ to edit them (in an existing
        /// project: only that). A file there replaces the built-in one of the same name.
        #[arg(long)]
        templates: bool,
    },
    /// Build the site from content/, themes/ and templates/ into site/.
    Build {
        /// The project folder, the one that holds briefing.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the site here instead of the output folder named in briefing.toml.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add articles to content/ as new sources: plain text copied from a web page (.txt or
    /// any other name), a saved web page (.html, .htm, also gzipped as .html.gz), Markdown
    /// (.md, with or without front matter), a page's address (http:// or https://, fetched)
    /// or, with --feed, the articles of an RSS or Atom feed. The front matter is filled from
    /// what the article says (title, author, publisher, dates, address); an article already in
    /// content/ (same address, same text or a near copy of it) is refused, and no existing file is ever replaced.
    /// Either every input is added or, on any mistake, none. Then the site is rebuilt
    /// (incrementally), and the build says what changed.
    Add(AddArgs),
    /// Check a built site for broken links and anchors, missing stylesheets, scripts and
    /// images, and malformed pages, without fetching anything.
    ///
    /// Prints one line per problem (`page:line: what is wrong (the link)`, then a hint) and
    /// exits with 1 when there is any; otherwise prints how many pages and links were checked.
    /// Links to other sites are counted, not fetched; links to the `base_url` of briefing.toml
    /// count as links within the site.
    Check {
        /// The project folder, the one that holds briefing.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The site to check; the project's output folder when left out.
        site: Option<PathBuf>,
    },
    /// Build the site, serve it on 127.0.0.1 and rebuild it as you edit.
    ///
    /// Every change to content/, themes/, templates/ or briefing.toml rebuilds the site into
    /// its output folder and reloads the open pages. A failed build shows its errors in the
    /// page and here, while the last good site stays served. Ctrl-C stops.
    Serve {
        /// The project folder, the one that holds briefing.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (on 127.0.0.1 only); a free one when left out.
        #[arg(long)]
        port: Option<u16>,
    },
}

/// The arguments of `briefing add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The project folder, the one that holds briefing.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The new source's id instead of one made from its title (one source only).
    #[arg(long)]
    pub id: Option<String>,
    /// Show the files that would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Add an article whose text is a near copy of a source's anyway (another publisher's
    /// syndicated copy, say), recorded as `copy_of` that source: it then never counts as
    /// independent support for what the original says.
    #[arg(long)]
    pub allow_similar: bool,
    /// Only add the sources; leave the site as it is.
    #[arg(long)]
    pub no_build: bool,
    /// The title, instead of the one the article gives (one source only).
    #[arg(long)]
    pub title: Option<String>,
    /// The author, instead of the one the article names.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The publisher, instead of the one the article names.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// The publication date (YYYY-MM-DD), instead of the one the article gives.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// The article's address, instead of the one it gives or it was fetched from (one source
    /// only).
    #[arg(long)]
    pub url: Option<String>,
    /// An RSS or Atom feed: each article it lists that is not yet a source is fetched and
    /// added (may be repeated).
    #[arg(long = "feed", value_name = "URL")]
    pub feeds: Vec<String>,
    /// Read text, Markdown and HTML inputs in this encoding (windows-1252, latin1, utf-16le,
    /// …) instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = TextEncoding::parse)]
    pub encoding: Option<TextEncoding>,
    /// The articles to add: files, or addresses starting with http:// or https://.
    #[arg(required_unless_present = "feeds", value_name = "FILE|URL")]
    pub files: Vec<PathBuf>,
}
