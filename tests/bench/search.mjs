// Search from file:// on a built site: for a few queries, how long until results show, and how
// many index files (and bytes) the page loaded to answer. Uses tests/e2e's playwright-core
// (`npm ci --prefix tests/e2e`) and Debian's Chromium.
//
//   node tests/bench/search.mjs DIR [QUERY ...]    # DIR: a built site, e.g. target/bench/out-10000
//
// Times include loading search.html; each query runs in a fresh browser context (cold cache).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { launch } from "../e2e/browser.mjs";

const [site, ...asked] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tests/bench/search.mjs SITE_DIR [QUERY ...]");
  process.exit(2);
}
const queries = asked.length ? asked : ["missile", "hypersonic missile", "Kim Jong Un armored train", "de-dollarization yuan payments"];
const browser = await launch();
console.log("| query | results | ms to results | index files loaded | KB loaded |");
console.log("|---|---:|---:|---:|---:|");
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on("requestfinished", (request) => {
    if (request.url().includes("/assets/search/")) files.push(fileURLToPath(request.url()));
  });
  const start = Date.now();
  await page.goto(`${pathToFileURL(path.join(path.resolve(site), "search.html")).href}?q=${encodeURIComponent(query)}`, { waitUntil: "load" });
  await page.waitForFunction(
    () => document.querySelector(".search-result") || /no /i.test(document.querySelector(".search-status")?.textContent || ""),
    null,
    { timeout: 30000 },
  );
  const ms = Date.now() - start;
  const results = await page.locator(".search-result").count();
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  console.log(`| ${query} | ${results} | ${ms} | ${files.length} | ${Math.round(bytes / 1024)} |`);
  await context.close();
}
await browser.close();
