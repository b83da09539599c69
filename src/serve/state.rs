//! The state `briefing serve`'s builder shares with its request threads: what the last build
//! did, and the means to wait for the next one.
//!
//! One mutex and one condition variable; every change is a plain assignment made under the
//! lock and followed by a wake-up of every waiter, so a long-poll or a request waiting out a
//! build never misses the change it waits for.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::reload::{self, Problem};

/// How long a request for a file missing mid-build waits for the build to finish.
const BUILD_WAIT: Duration = Duration::from_secs(30);

/// What the builder has done, as the request threads see it.
#[derive(Debug)]
pub(super) struct State {
    /// Finished builds, good or failed, from 1; 0 before the first.
    pub(super) generation: u64,
    /// The generation of the last good build (0: none yet in this run).
    pub(super) site: u64,
    /// The folder the site is served from: the output folder of the last good build.
    pub(super) site_dir: PathBuf,
    /// The problems of the last build, empty when it succeeded.
    pub(super) problems: Vec<Problem>,
    /// Whether a build is running now.
    pub(super) building: bool,
}

/// [`State`] with the means to wait for it to change.
pub(super) struct Shared {
    /// The state itself.
    state: Mutex<State>,
    /// Signalled on every change of the state and on stopping.
    changed: Condvar,
    /// Set once, by Ctrl-C (or the server loop ending).
    stopping: AtomicBool,
}

impl Shared {
    pub(super) fn new(site_dir: PathBuf) -> Shared {
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

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked leaves the state consistent: every change to it is
        // a plain assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    pub(super) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Taking the lock orders the flag before any waiter's next check.
        drop(self.lock());
        self.changed.notify_all();
    }

    pub(super) fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Waits until a build newer than `since` has finished (or `timeout`, or stopping), and
    /// returns the state then; `None` when stopping.
    pub(super) fn wait_for_build_after(&self, since: u64, timeout: Duration) -> Option<String> {
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
    pub(super) fn wait_while_building(&self) {
        let _ = self
            .changed
            .wait_timeout_while(self.lock(), BUILD_WAIT, |state| {
                state.building && !self.stopping()
            });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::thread;
    use std::time::Instant;

    use super::*;

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
