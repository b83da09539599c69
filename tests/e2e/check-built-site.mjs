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
import { pathToFileURL } from "node:url";

import { axeViolations, launch, overflow } from "./browser.mjs";

const SITE = path.resolve(process.argv[2] || "site");

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

const browser = await launch();
let findings = 0;
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const relative of pages) {
    await page.goto(pathToFileURL(path.join(SITE, relative)).href, { waitUntil: "load" });
    const violations = (await axeViolations(page)).map((v) => `${v.id} x${v.nodes.length}: ${v.nodes[0].target.join(" ")}`);
    const wide = await overflow(page);
    const problems = [...violations, ...wide.culprits.map((w) => `wider than 360 px: ${w}`)];
    if (wide.page > wide.view && !wide.culprits.length) problems.push(`${wide.page} px wide in ${wide.view}`);
    findings += problems.length;
    console.log(`${scheme} ${relative}: ${problems.length ? problems.join(" | ") : "ok"}`);
  }
  await context.close();
}
await browser.close();
process.exit(findings ? 1 : 0);
