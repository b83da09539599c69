//! `briefing serve`: builds the site, serves it on 127.0.0.1, rebuilds it when an input
//! changes, and reloads the pages open in a browser.
//!
//! Three threads share one small state (`state.rs`: a mutex and a condition variable; no other
//! shared values):
//!
//! - the **builder** runs [`crate::build`] — the same build as `briefing build`, into the same
//!   output folder, swapped in by `output.rs` — on each batch of changes the [`Watcher`]
//!   reports, and records the outcome: a new site, or the problems of a failed build while
//!   the last good site stays on disk and served;
//! - the **server** (`http.rs`) answers each request on its own short-lived thread: files read afresh
//!   from the output folder (so a swapped-in site is seen at once; a request that falls in the
//!   instant between the swap's two renames waits for the build and tries again), the reload
//!   script put into pages as they are sent ([`reload`]), and the long-poll at
//!   [`reload::EVENTS_PATH`] that tells a page when to reload or show the overlay;
//! - **Ctrl-C** (the `ctrlc` crate) sets the stop flag, wakes every waiting request, stops the
//!   builder after the build it may be running, and unblocks the server; [`serve`] then joins
//!   the threads and returns, so the process exits 0. A second Ctrl-C exits at once (130).
//!
//! The pure parts — which request targets are refused (`request.rs`), content types
//! (`response.rs`), the script and the overlay (`reload.rs`) — live in the submodules with
//! their tests; this file starts everything and runs the builder.

mod http;
mod reload;
mod request;
mod response;
mod state;

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use crate::error::{Error, display_path, failure_summary};
use crate::watch::{WatchSet, Watcher};
use state::Shared;

/// The only address served: this machine, never the network.
pub const ADDRESS: Ipv4Addr = Ipv4Addr::LOCALHOST;

/// How `briefing serve` runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServeOptions {
    /// The port on 127.0.0.1 to listen on; 0 takes a free one.
    pub port: u16,
}

/// Why `briefing serve` could not run. Build failures are not among them: they are shown in
/// the terminal and the page, and serving goes on.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port asked for is taken.
    #[error(
        "port {port} on 127.0.0.1 is already in use; choose another with --port, or leave --port out to take a free one"
    )]
    PortInUse {
        /// The port asked for.
        port: u16,
    },
    /// Listening failed for another reason.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen {
        /// The port asked for.
        port: u16,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file-system watcher could not start or watch a folder.
    #[error("cannot watch the project for changes: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
    /// The Ctrl-C handler could not be installed.
    #[error("cannot handle Ctrl-C: {0}")]
    Signal(#[from] ctrlc::Error),
    /// A thread could not be started.
    #[error("cannot start a thread: {0}")]
    Thread(io::Error),
    /// The project folder cannot be read.
    #[error(transparent)]
    Project(#[from] Error),
}

/// Builds the project at `root`, serves it on 127.0.0.1 and rebuilds on every change until
/// Ctrl-C. Prints the URL, each build's outcome and its errors (as `briefing build` does).
pub fn serve(root: &Path, options: ServeOptions) -> Result<(), ServeError> {
    // The watcher reports absolute paths; the build keeps the root as given, so its messages
    // name the output folder as `briefing build` does.
    let watch_root = root.canonicalize().map_err(|err| Error::io(root, err))?;
    let listener = listen(options.port)?;
    let port = listener
        .local_addr()
        .map_err(|source| ServeError::Listen {
            port: options.port,
            source,
        })?
        .port();
    let server =
        tiny_http::Server::from_listener(listener, None).map_err(|err| ServeError::Listen {
            port,
            source: io::Error::other(err.to_string()),
        })?;
    let server = Arc::new(server);
    let shared = Arc::new(Shared::new(crate::output_folder(root, None)));

    let (messages, received) = mpsc::channel();
    let watcher = {
        let messages = messages.clone();
        Watcher::start(move |batch| {
            let _ = messages.send(Message::Changed(batch));
        })?
    };
    {
        let (messages, server, shared) = (messages.clone(), server.clone(), shared.clone());
        ctrlc::set_handler(move || {
            if shared.stopping() {
                // A second Ctrl-C while the first waits for a build: leave at once.
                std::process::exit(130);
            }
            shared.stop();
            let _ = messages.send(Message::Stop);
            server.unblock();
        })?;
    }

    let mut builder = Builder::new(root.to_path_buf(), watch_root, watcher, shared.clone())?;
    builder.rebuild(None, false);
    if !shared.stopping() {
        println!("serving http://{ADDRESS}:{port}/ — Ctrl-C stops");
    }
    let builder = thread::Builder::new()
        .name("briefing-build".into())
        .spawn(move || builder.run(received))
        .map_err(ServeError::Thread)?;

    http::answer_requests(&server, &shared, port);

    shared.stop();
    let _ = messages.send(Message::Stop);
    let _ = builder.join();
    println!("stopped");
    Ok(())
}

/// Binds 127.0.0.1:`port`, telling a taken port apart from other failures.
fn listen(port: u16) -> Result<TcpListener, ServeError> {
    TcpListener::bind(SocketAddr::from((ADDRESS, port))).map_err(|source| {
        if source.kind() == io::ErrorKind::AddrInUse {
            ServeError::PortInUse { port }
        } else {
            ServeError::Listen { port, source }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

/// What reaches the builder thread.
enum Message {
    /// A debounced batch of changed paths, or the watcher's error.
    Changed(Result<Vec<PathBuf>, String>),
    /// Ctrl-C.
    Stop,
}

/// Runs builds and keeps the watcher pointed at the project's inputs.
struct Builder {
    /// The project folder as the user gave it, for the build.
    root: PathBuf,
    /// The same folder, absolute, as the watcher names the paths it reports.
    watch_root: PathBuf,
    /// Reports changes to the builder's channel.
    watcher: Watcher,
    /// What is watched now, read afresh from `briefing.toml` after every build.
    inputs: WatchSet,
    /// Where the outcome of each build goes.
    shared: Arc<Shared>,
}

impl Builder {
    fn new(
        root: PathBuf,
        watch_root: PathBuf,
        mut watcher: Watcher,
        shared: Arc<Shared>,
    ) -> Result<Builder, ServeError> {
        let inputs = WatchSet::for_project(&watch_root);
        watcher.watch(&inputs, false)?;
        Ok(Builder {
            root,
            watch_root,
            watcher,
            inputs,
            shared,
        })
    }

    /// Builds on every batch of relevant changes until told to stop. Batches already waiting
    /// are merged into one build.
    fn run(mut self, received: Receiver<Message>) {
        self.build_on_changes(&received);
        self.watcher.stop();
    }

    fn build_on_changes(&mut self, received: &Receiver<Message>) {
        while let Ok(message) = received.recv() {
            let mut batches = vec![message];
            batches.extend(received.try_iter());
            let mut changed = Vec::new();
            for batch in batches {
                match batch {
                    Message::Stop => return,
                    Message::Changed(Ok(paths)) => changed.extend(paths),
                    Message::Changed(Err(err)) => eprintln!("error: watching for changes: {err}"),
                }
            }
            let relevant: Vec<PathBuf> = changed
                .into_iter()
                .filter(|path| self.inputs.triggers_rebuild(path))
                .collect();
            if relevant.is_empty() || self.shared.stopping() {
                continue;
            }
            let renew = relevant
                .iter()
                .any(|path| self.inputs.folders.contains(path));
            self.rebuild(Some(&relevant), renew);
        }
    }

    /// Builds once, reports the outcome in the terminal and to the pages, and follows any
    /// change of the configured folders. `changed` is what caused it (none for the first).
    fn rebuild(&mut self, changed: Option<&[PathBuf]>, renew: bool) {
        self.shared.update(|state| state.building = true);
        let outcome = crate::build(&self.root, None);
        let cause = changed.map(|paths| describe_change(paths, &self.watch_root));
        match &outcome {
            Ok(report) => {
                for warning in &report.warnings {
                    eprintln!("warning: {warning}");
                }
                println!(
                    "{}built {} in {} ms",
                    cause
                        .as_deref()
                        .map(|c| format!("{c}: re"))
                        .unwrap_or_default(),
                    display_path(&report.output),
                    report.elapsed.as_millis()
                );
                if let Some(changes) = report.changes.as_ref().filter(|c| !c.is_empty()) {
                    println!("  {changes}");
                }
            }
            Err(err) => {
                if let Some(cause) = &cause {
                    eprintln!("{cause}: the build failed");
                }
                report_failure(err, &self.root);
            }
        }
        self.shared.update(|state| {
            state.generation += 1;
            state.building = false;
            match outcome {
                Ok(report) => {
                    state.site = state.generation;
                    state.site_dir = report.output;
                    state.problems.clear();
                }
                Err(err) => state.problems = reload::problems(&err),
            }
        });
        self.inputs = WatchSet::for_project(&self.watch_root);
        if let Err(err) = self.watcher.watch(&self.inputs, renew) {
            eprintln!("error: cannot watch the project for changes: {err}");
        }
    }
}

/// Prints a failed build as `briefing build` does.
fn report_failure(err: &Error, root: &Path) {
    match err {
        Error::Input(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("error: {diagnostic}");
            }
            let output = crate::output_folder(root, None);
            let previous_site = crate::output::holds_site(&output).then_some(&*output);
            eprintln!("{}", failure_summary(diagnostics.len(), previous_site));
        }
        other => eprintln!("error: {other}"),
    }
}

/// `content/a.md changed`, `content/a.md and 2 more changed`: paths relative to the root.
fn describe_change(paths: &[PathBuf], root: &Path) -> String {
    let mut shown: Vec<String> = paths
        .iter()
        .map(|path| display_path(path.strip_prefix(root).unwrap_or(path)))
        .collect();
    shown.sort();
    shown.dedup();
    match shown.as_slice() {
        [] => "nothing changed".to_string(),
        [one] => format!("{one} changed"),
        [first, rest @ ..] => format!("{first} and {} more changed", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_what_changed() {
        let root = Path::new("/p");
        let cases: [(&[&str], &str); 4] = [
            (&[], "nothing changed"),
            (&["/p/content/a.md"], "content/a.md changed"),
            (
                &["/p/content/b.md", "/p/content/a.md", "/p/content/a.md"],
                "content/a.md and 1 more changed",
            ),
            (&["/q/themes/t.yaml"], "/q/themes/t.yaml changed"),
        ];
        for (paths, expected) in cases {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            assert_eq!(describe_change(&paths, root), expected, "{paths:?}");
        }
    }

    #[test]
    fn listens_on_loopback_only() {
        let listener = listen(0).unwrap();
        let address = listener.local_addr().unwrap();
        assert!(address.ip().is_loopback(), "{address}");
        assert_ne!(address.port(), 0);
    }

    #[test]
    fn a_taken_port_is_a_clear_error() {
        let taken = TcpListener::bind((ADDRESS, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = listen(port).unwrap_err();
        assert!(
            matches!(err, ServeError::PortInUse { port: p } if p == port),
            "{err}"
        );
        assert!(err.to_string().contains("already in use"), "{err}");
    }
}
