//! `briefing serve` for the integration tests: start the real binary on a project, read the
//! URL it prints, speak plain HTTP/1.1 to it over loopback, stop it with SIGINT.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long any one awaited thing may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------------------------
// The running preview
// ---------------------------------------------------------------------------------------------

/// `briefing serve` running on a project; killed on drop if the test did not stop it.
pub struct Preview {
    child: Child,
    /// The port it serves on.
    pub port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Preview {
    /// Starts the binary and waits for the URL it prints.
    pub fn start(root: &Path, args: &[&str]) -> Preview {
        let mut child = spawn(root, args);
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut preview = Preview {
            child,
            port: 0,
            stdout,
            stderr,
        };
        preview.port = wait_for_value("the URL", || {
            let stdout = preview.stdout();
            let url = stdout
                .lines()
                .find_map(|line| line.strip_prefix("serving "))?;
            let rest = url.strip_prefix("http://127.0.0.1:")?;
            assert!(
                url.ends_with("/ — Ctrl-C stops"),
                "unexpected announcement: {url}"
            );
            rest.split('/').next()?.parse().ok()
        });
        preview
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the exit.
    pub fn interrupt(&mut self) -> ExitStatus {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a pid this test spawned and has not reaped yet.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let status = wait_exit(&mut self.child);
        // Let the reader threads take the last lines.
        wait_for("the output to close", || {
            Arc::strong_count(&self.stdout) == 1 && Arc::strong_count(&self.stderr) == 1
        });
        status
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn spawn(root: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("serve")
        .arg("--root")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Reads a pipe to its end on a thread, into a string the test can look at meanwhile.
pub fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut sink = sink.lock().unwrap();
            sink.push_str(&line);
            sink.push('\n');
        }
    });
    text
}

pub fn wait_exit(child: &mut Child) -> ExitStatus {
    wait_for_value("the process to exit", || child.try_wait().unwrap())
}

pub fn append(root: &Path, relative: &str, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(root.join(relative))
        .unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

pub fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    wait_for_value(what, || done().then_some(()));
}

/// Polls `found` every 20 ms until it gives a value, for at most [`WAIT`].
pub fn wait_for_value<T>(what: &str, mut found: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP over loopback
// ---------------------------------------------------------------------------------------------

pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    }
}

pub fn get(port: u16, target: &str) -> HttpResponse {
    request(port, "GET", target, "127.0.0.1")
}

/// The build state from the events endpoint (waits while the build is `since`).
pub fn events(port: u16, since: u64) -> Value {
    let response = get(port, &format!("/__briefing/events?since={since}"));
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(response.header("content-type"), Some("application/json"));
    serde_json::from_str(&response.body).unwrap()
}

/// One request on its own connection, the target sent as written (no normalising).
pub fn request(port: u16, method: &str, target: &str, host: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let raw = read_response(&mut stream);
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Reads one response: to its `Content-Length` when it has one (a server may keep the
/// connection open despite `Connection: close`), else to the end of the stream.
fn read_response(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok());
            if let Some(length) = length {
                if raw.len() >= end + 4 + length {
                    raw.truncate(end + 4 + length);
                    return raw;
                }
            }
        }
        let read = stream.read(&mut chunk).unwrap();
        if read == 0 {
            return raw;
        }
        raw.extend_from_slice(&chunk[..read]);
    }
}
