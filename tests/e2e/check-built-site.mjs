// Checks any built site in headless Chromium, for the page types only a large site has
// (continuation pages of a briefing, coverage and unfiled pages) as well as the rest:
// axe-core (WCAG 2.1 AA and best practice) in light and dark with folded parts unfolded, and
// nothing wider than a 360 px phone outside the frames meant to scroll.
//
//   npm ci --prefix tests/e2e
//   node tests/e2e/check-built-site.mjs DIR      # e.g. a site built from gen_corpus.py's output
//
// Prints one line per page and scheme; exits with 1 if any page has a finding.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SITE = path.resolve(process.argv[2] || "site");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/// The first page of a folder of the site, if it has one.
function first(dir) {
  const full = path.join(SITE, dir);
  if (!fs.existsSync(full)) return [];
  const pages = fs.readdirSync(full).filter((f) => f.endsWith(".html")).sort();
  return pages.length ? [path.join(dir, pages[0])] : [];
}

const themes = first("themes").map((p) => p.replace(/\.html$/, ""));
const pages = [
  "index.html", "coverage.html", ...first("coverage"), "unfiled.html", ...first("unfiled"),
  ...themes.map((t) => `${t}.html`), ...themes.flatMap(first), ...first("sources"),
  "search.html", ...first("print"), "print.html", "timeline.html", "entities.html", "discrepancies.html", "404.html",
].filter((p) => fs.existsSync(path.join(SITE, p)));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: FLAGS });
let findings = 0;
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const relative of pages) {
    await page.goto(pathToFileURL(path.join(SITE, relative)).href, { waitUntil: "load" });
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
      return result.violations.map((v) => `${v.id} x${v.nodes.length}: ${v.nodes[0].target.join(" ")}`);
    });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((el) => !el.closest(".matrix-wrap, pre, .chart") && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 2)
        .map((el) => el.outerHTML.slice(0, 100)),
    );
    const problems = [...violations, ...wide.map((w) => `wider than 360 px: ${w}`)];
    findings += problems.length;
    console.log(`${scheme} ${relative}: ${problems.length ? problems.join(" | ") : "ok"}`);
  }
  await context.close();
}
await browser.close();
process.exit(findings ? 1 : 0);
