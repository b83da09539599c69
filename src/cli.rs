//! The command line, declared with clap: doc comments here become `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// Build the site from content/, themes/ and templates/ into site/.
    Build {
        /// The project folder, the one that holds briefing.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the site here instead of the output folder named in briefing.toml.
        #[arg(long)]
        out: Option<PathBuf>,
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
