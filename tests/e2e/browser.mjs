// What the browser checks share: launching Debian's Chromium with the project's flags,
// axe-core's run, and the phone-width check. Used by site.test.mjs, check-built-site.mjs and
// tests/bench/search.mjs.
import fs from "node:fs";
import { createRequire } from "node:module";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/// The flags every launch gets (the project's standard set). Chromium's own background
/// requests are kept on the machine by failing every host name lookup.
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/// Debian's Chromium, or the one `CHROMIUM` names.
export function executable() {
  for (const candidate of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error("no Chromium: run `bash tests/install-browser.sh` (tests/run.sh does)");
}

export function launch() {
  return chromium.launch({ executablePath: executable(), args: FLAGS });
}

/// axe-core's WCAG 2.1 AA and best-practice violations on the page open in `page`, with
/// every folded part (evidence, a chart's numbers) unfolded, since it is part of the page.
/// axe is evaluated through the DevTools protocol, so the page's policy (own scripts only)
/// is left as it is.
export async function axeViolations(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations;
}

/// What on the page open in `page` sticks out past the viewport's right edge, outside the
/// frames meant to scroll (the coverage matrix, code, charts): the page's width and the
/// first few such elements.
export function overflow(page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    culprits: [...document.querySelectorAll("main *")]
      .filter((el) => !el.closest(".matrix-wrap, pre, .chart") && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 3)
      .map((el) => el.outerHTML.slice(0, 120)),
  }));
}
