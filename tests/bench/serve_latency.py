#!/usr/bin/env python3
"""Edit-to-visible latency of `briefing serve`.

`python3 tests/bench/serve_latency.py [BINARY] [RUNS]` (default: target/release/briefing, 9
runs; build it first with `cargo build --release`). Serves a temp copy of the sample project,
opens a source page in headless Chromium (`bash tests/install-browser.sh`), then RUNS times
rewrites that source's title and measures, from the write:

- the reload event: a long-poll of /__briefing/events answering after the rebuild;
- the browser showing the edit: the reloaded page's new title in Chromium's list of pages
  (its DevTools HTTP endpoint, polled every 5 ms).

Prints each run and the medians. Loopback only; stops the server with SIGINT and checks that
it exits 0.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = "content/xi-putin-kim-one-stage.md"
PAGE = "sources/xi-putin-kim-one-stage.html"
TITLE = 'title: "Why Xi, Putin and Kim on One Stage Matters"'


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def wait(what, check, timeout=30.0, every=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    sys.exit(f"gave up waiting for {what}")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "target/release/briefing")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    project = tempfile.mkdtemp(prefix="serve-latency-")
    profile = tempfile.mkdtemp(prefix="serve-latency-chromium-")
    shutil.copy(os.path.join(REPO, "briefing.toml"), project)
    for folder in ["content", "themes", "templates"]:
        shutil.copytree(os.path.join(REPO, folder), os.path.join(project, folder))

    server = subprocess.Popen([binary, "serve", "--root", project], stdout=subprocess.PIPE, text=True)
    browser = None
    try:
        url = None
        for line in server.stdout:
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            sys.exit("the server printed no URL")
        threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()
        page = url + PAGE
        browser = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", page],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = os.path.join(profile, "DevToolsActivePort")
        wait("Chromium's DevTools port", lambda: os.path.exists(port_file) and open(port_file).readline().strip())
        devtools = open(port_file).readline().strip()

        def title():
            for target in fetch_json(f"http://127.0.0.1:{devtools}/json/list"):
                if target.get("url") == page:
                    return target.get("title") or ""
            return ""

        wait("the page", lambda: title().startswith("Why Xi"))
        source = os.path.join(project, SOURCE)
        text = open(source, encoding="utf-8").read()
        events, shown = [], []
        for run in range(runs):
            time.sleep(0.3)  # let the page settle into its long-poll
            generation = fetch_json(url + "__briefing/events?since=0")["generation"]
            told = {}
            poll = threading.Thread(target=lambda: told.setdefault(
                "at", (fetch_json(url + f"__briefing/events?since={generation}"), time.monotonic())[1]))
            poll.start()
            time.sleep(0.1)
            new_title = f"Edit {run} at {time.time():.3f}"
            written = time.monotonic()
            with open(source, "w", encoding="utf-8") as out:
                out.write(text.replace(TITLE, f'title: "{new_title}"'))
            wait("the edit in the browser", lambda: title().startswith(new_title))
            visible = time.monotonic()
            poll.join()
            events.append((told["at"] - written) * 1000)
            shown.append((visible - written) * 1000)
            print(f"run {run + 1}: reload event {events[-1]:.0f} ms, browser shows the edit {shown[-1]:.0f} ms",
                  flush=True)
        median = lambda values: sorted(values)[len(values) // 2]
        print(f"median of {runs}: reload event {median(events):.0f} ms, browser shows the edit {median(shown):.0f} ms")
    finally:
        if browser is not None:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=10)
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
    if code != 0:
        sys.exit(f"briefing serve exited with {code} after SIGINT")


if __name__ == "__main__":
    main()
