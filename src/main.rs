//! The `briefing` binary: parses the command line, runs the library, prints what happened,
//! and maps the outcome to an exit code (0 built or served until Ctrl-C, 1 bad input or I/O
//! failure, 2 usage).

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
                    "built {} from {} and {} into {} in {} ms",
                    counted(report.files, "file"),
                    counted(report.sources, "source"),
                    counted(report.themes, "theme"),
                    report.output.display(),
                    report.elapsed.as_millis()
                );
                ExitCode::SUCCESS
            }
            Err(briefing::Error::Input(diagnostics)) => {
                for diagnostic in &diagnostics {
                    eprintln!("error: {diagnostic}");
                }
                let output = briefing::output_folder(&root, out.as_deref());
                let previous_site = briefing::output::holds_site(&output).then_some(&*output);
                eprintln!(
                    "{}",
                    briefing::error::failure_summary(diagnostics.len(), previous_site)
                );
                ExitCode::FAILURE
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
        Command::Serve { root, port } => {
            let options = briefing::serve::ServeOptions {
                port: port.unwrap_or(0),
            };
            match briefing::serve::serve(&root, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// `1 theme`, `7 themes`.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}
