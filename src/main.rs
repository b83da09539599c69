//! The `briefing` binary: parses the command line, runs the library, prints what happened,
//! and maps the outcome to an exit code (0 built, 1 bad input or I/O failure, 2 usage).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out } => match briefing::build(&root, out.as_deref()) {
            Ok(report) => {
                println!(
                    "built {} files from {} sources and {} themes into {} in {} ms",
                    report.files,
                    report.sources,
                    report.themes,
                    report.output.display(),
                    report.elapsed.as_millis()
                );
                ExitCode::SUCCESS
            }
            Err(briefing::Error::Input(diagnostics)) => {
                for diagnostic in &diagnostics {
                    eprintln!("error: {diagnostic}");
                }
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                eprintln!("{count} error{plural} found; the previous site was left untouched");
                ExitCode::FAILURE
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
    }
}
