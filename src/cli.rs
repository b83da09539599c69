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
}
