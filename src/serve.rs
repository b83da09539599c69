//! `briefing serve`: builds the site, serves it on 127.0.0.1, rebuilds it when an input
//! changes, and reloads the pages open in a browser.
//!
//! Three threads share one small [`State`] (a mutex and a condition variable; no other shared
//! values):
//!
//! - the **builder** runs [`crate::build`] — the same build as `briefing build`, into the same
//!   output folder, swapped in by `output.rs` — on each batch of changes the [`Watcher`]
//!   reports, and records the outcome: a new site, or the problems of a failed build while
//!   the last good site stays on disk and served;
//! - the **server** answers each request on its own short-lived thread: files read afresh
//!   from the output folder (so a swapped-in site is seen at once; a request that falls in the
//!   instant between the swap's two renames waits for the build and tries again), the reload
//!   script put into pages as they are sent ([`reload`]), and the long-poll at
//!   [`reload::EVENTS_PATH`] that tells a page when to reload or show the overlay;
//! - **Ctrl-C** (the `ctrlc` crate) sets the stop flag, wakes every waiting request, stops the
//!   builder after the build it may be running, and unblocks the server; [`serve`] then joins
//!   the threads and returns, so the process exits 0.
//!
//! The pure parts — which request targets are refused, content types, the script, the overlay
//! — live in the submodules with their tests; this file is the plumbing between them.

mod reload;
mod request;
mod response;

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response};

use crate::error::{Error, display_path, failure_summary};
use crate::watch::{WatchSet, Watcher};
use reload::Problem;

/// The only address served: this machine, never the network.
pub const ADDRESS: Ipv4Addr = Ipv4Addr::LOCALHOST;

/// How long a page's long-poll waits for a build before it is answered anyway (and asks
/// again), well under the time browsers and proxies give up on a request.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// How long a request for a file missing mid-build waits for the build to finish.
const BUILD_WAIT: Duration = Duration::from_secs(30);

/// How long stopping waits for requests still being answered.
const STOP_WAIT: Duration = Duration::from_secs(2);

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

    answer_requests(&server, &shared, port);

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
// State shared by the builder and the request threads
// ---------------------------------------------------------------------------------------------

/// What the builder has done, as the request threads see it.
#[derive(Debug)]
struct State {
    /// Finished builds, good or failed, from 1; 0 before the first.
    generation: u64,
    /// The generation of the last good build (0: none yet in this run).
    site: u64,
    /// The folder the site is served from: the output folder of the last good build.
    site_dir: PathBuf,
    /// The problems of the last build, empty when it succeeded.
    problems: Vec<Problem>,
    /// Whether a build is running now.
    building: bool,
}

/// [`State`] with the means to wait for it to change.
struct Shared {
    /// The state itself.
    state: Mutex<State>,
    /// Signalled on every change of the state and on stopping.
    changed: Condvar,
    /// Set once, by Ctrl-C (or the server loop ending).
    stopping: AtomicBool,
}

impl Shared {
    fn new(site_dir: PathBuf) -> Shared {
        Shared {
            state: Mutex::new(State {
                generation: 0,
                site: 0,
                site_dir,
                problems: Vec::new(),
                building: false,
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked leaves the state consistent: every change to it is
        // a plain assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Taking the lock orders the flag before any waiter's next check.
        drop(self.lock());
        self.changed.notify_all();
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Waits until a build newer than `since` has finished (or `timeout`, or stopping), and
    /// returns the state then; `None` when stopping.
    fn wait_for_build_after(&self, since: u64, timeout: Duration) -> Option<String> {
        let state = self
            .changed
            .wait_timeout_while(self.lock(), timeout, |state| {
                state.generation == since && !self.stopping()
            })
            .unwrap_or_else(PoisonError::into_inner)
            .0;
        (!self.stopping())
            .then(|| reload::status_json(state.generation, state.site, &state.problems))
    }

    /// Waits until no build is running (bounded).
    fn wait_while_building(&self) {
        let _ = self
            .changed
            .wait_timeout_while(self.lock(), BUILD_WAIT, |state| {
                state.building && !self.stopping()
            });
    }
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
            Ok(report) => println!(
                "{}built {} in {} ms",
                cause
                    .as_deref()
                    .map(|c| format!("{c}: re"))
                    .unwrap_or_default(),
                display_path(&report.output),
                report.elapsed.as_millis()
            ),
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

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/// Answers requests, each on its own thread, until stopping; then waits (bounded) for the
/// ones still running.
fn answer_requests(server: &tiny_http::Server, shared: &Arc<Shared>, port: u16) {
    let mut running: Vec<JoinHandle<()>> = Vec::new();
    loop {
        let request = match server.recv() {
            Ok(request) => request,
            Err(_) if shared.stopping() => break,
            Err(_) => {
                // A connection that failed before it made a request; a short pause keeps a
                // persistent accept error from spinning.
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if shared.stopping() {
            let _ = request.respond(text(503, "the preview is stopping"));
            break;
        }
        running.retain(|handle| !handle.is_finished());
        let shared = shared.clone();
        let spawned = thread::Builder::new()
            .name("briefing-http".into())
            .spawn(move || answer(request, &shared, port));
        match spawned {
            Ok(handle) => running.push(handle),
            Err(err) => eprintln!("error: cannot start a thread for a request: {err}"),
        }
    }
    let deadline = Instant::now() + STOP_WAIT;
    while running.iter().any(|handle| !handle.is_finished()) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    for handle in running.into_iter().filter(|handle| handle.is_finished()) {
        let _ = handle.join();
    }
}

/// Answers one request. A client that went away is no error of the server.
fn answer(request: Request, shared: &Shared, port: u16) {
    let response = respond_to(&request, shared, port);
    let _ = request.respond(response);
}

/// The response to `request`.
fn respond_to(request: &Request, shared: &Shared, port: u16) -> Response<io::Cursor<Vec<u8>>> {
    let host = request
        .headers()
        .iter()
        .find(|header| header.field.equiv("Host"))
        .map(|header| header.value.as_str());
    if !request::host_allowed(host, port) {
        return text(403, "this preview answers only to 127.0.0.1 and localhost");
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return text(405, "only GET and HEAD are served").with_header(header("Allow", "GET, HEAD"));
    }
    let target = request.url();
    if request::path_part(target) == reload::EVENTS_PATH {
        let since = request::query_value(target, "since")
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        return match shared.wait_for_build_after(since, POLL_WAIT) {
            Some(json) => body(200, "application/json", json.into_bytes()),
            None => text(503, "the preview is stopping"),
        };
    }
    let site_path = match request::resolve(target) {
        Ok(site_path) => site_path,
        Err(refusal) => return text(400, refusal.reason()),
    };
    site_file(shared, &site_path, target)
}

/// A file of the site, a redirect for a folder, or the not-found page.
fn site_file(
    shared: &Shared,
    site_path: &request::SitePath,
    target: &str,
) -> Response<io::Cursor<Vec<u8>>> {
    let mut retried = false;
    loop {
        let (site_dir, site) = {
            let state = shared.lock();
            (state.site_dir.clone(), state.site)
        };
        let path = site_dir.join(&site_path.relative);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let content_type = response::content_type(&path);
                let bytes = if response::is_html(content_type) {
                    reload::inject(&bytes, &reload::script(site))
                } else {
                    bytes
                };
                return body(200, content_type, bytes);
            }
            Err(err) if err.kind() == io::ErrorKind::IsADirectory => {
                let location = format!("{}/", request::path_part(target));
                return text(302, "the folder's address ends in /")
                    .with_header(header("Location", &location));
            }
            Err(_) if !retried => {
                // The site may have been between the two renames that swap a new one in:
                // once the build (if any) is over, the file is where it belongs or nowhere.
                shared.wait_while_building();
                retried = true;
            }
            Err(_) => {
                let page = response::not_found_page(
                    &site_path.asked,
                    crate::output::holds_site(&site_dir),
                );
                let page = reload::inject(page.as_bytes(), &reload::script(site));
                return body(404, "text/html; charset=utf-8", page);
            }
        }
    }
}

fn body(status: u16, content_type: &str, bytes: Vec<u8>) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        // Every reload must see the newest build.
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, reason: &str) -> Response<io::Cursor<Vec<u8>>> {
    body(
        status,
        "text/plain; charset=utf-8",
        response::plain(status, reason).into_bytes(),
    )
}

/// A header from ASCII text; anything else (never the case for the names and values built
/// here) becomes a harmless `X-Invalid` header rather than a panic.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .or_else(|()| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]))
        .unwrap_or_else(|()| unreachable!("a constant header is valid"))
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

    #[test]
    fn waiting_for_a_build_answers_when_one_finishes_or_at_once_when_behind() {
        let shared = Arc::new(Shared::new(PathBuf::from("site")));
        let json = shared
            .wait_for_build_after(5, Duration::from_secs(5))
            .unwrap();
        assert!(json.contains("\"generation\":0"), "{json}");

        let waiter = {
            let shared = shared.clone();
            thread::spawn(move || shared.wait_for_build_after(0, Duration::from_secs(10)))
        };
        shared.update(|state| {
            state.generation = 1;
            state.site = 1;
        });
        let json = waiter.join().unwrap().unwrap();
        assert!(json.contains("\"generation\":1"), "{json}");
    }

    #[test]
    fn stopping_releases_waiting_requests() {
        let shared = Arc::new(Shared::new(PathBuf::from("site")));
        let waiter = {
            let shared = shared.clone();
            thread::spawn(move || shared.wait_for_build_after(0, Duration::from_secs(30)))
        };
        let started = Instant::now();
        shared.stop();
        assert_eq!(waiter.join().unwrap(), None);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
