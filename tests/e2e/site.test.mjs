// The committed sample site in a real browser, as a reader opens it: from disk (`file://`),
// in Debian's headless Chromium driven by playwright-core, with axe-core (nobody here wrote
// it) checking accessibility. Run by `bash tests/run.sh` after the Rust tests; on its own:
// `npm ci --prefix tests/e2e && node --test tests/e2e/`.
//
// Screenshots (390 and 1280 px wide, light and dark) and print PDFs of every page type are
// kept in target/browser-artefacts/ for a human to look at.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { axeViolations, launch, overflow } from "./browser.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SITE = path.join(REPO, "site");
const ARTEFACTS = path.join(REPO, "target", "browser-artefacts");

/// One page of each kind, by its path in the site.
const PAGE_TYPES = {
  index: "index.html", // with the sources × themes coverage
  briefing: "themes/diplomacy.html",
  source: "sources/putin-kim-join-xi-military-show.html",
  unfiled: "unfiled.html",
  discrepancies: "discrepancies.html",
  timeline: "timeline.html",
  entities: "entities.html",
  search: "search.html",
};

/// Every page type, including the ones printed or shown on a missing page.
const ALL_PAGE_TYPES = {
  ...PAGE_TYPES,
  takeaway: "print/diplomacy.html", // one briefing in a file of its own
  print: "print.html", // every briefing, one after another
  notFound: "404.html",
};

let browser;

before(async () => {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const url = (relative) => pathToFileURL(path.join(SITE, relative)).href;

/// A page that records every request it makes and every console error or uncaught exception.
async function watchedPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught: ${error.message}`));
  return { context, page, requests, errors };
}

/// The internal links (and form targets) of the page open in `page`, as absolute file URLs without fragments.
async function internalLinks(page) {
  // A search form's page counts as linked: the box on every page leads to it.
  const hrefs = await page.$$eval("a[href], form[action]", (elements) =>
    elements.map((el) => (el.tagName === "FORM" ? el.action : el.href)),
  );
  return hrefs
    .filter((href) => href.startsWith("file://"))
    .map((href) => href.split("#")[0].split("?")[0])
    .filter((href) => href.endsWith(".html"));
}

/// Every .html file of the site, relative to it.
function htmlFiles(dir = SITE, prefix = "") {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) files.push(...htmlFiles(path.join(dir, entry.name), relative + "/"));
    else if (entry.name.endsWith(".html")) files.push(relative);
  }
  return files.sort();
}

test("every page is reachable from the index, requests nothing outside file:// and logs no error", async () => {
  const { context, page, requests, errors } = await watchedPage();
  const start = url("index.html");
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const next = queue.shift();
    await page.goto(next, { waitUntil: "load" });
    for (const link of await internalLinks(page)) {
      if (link.startsWith(pathToFileURL(SITE).href) && !seen.has(link) && fs.existsSync(fileURLToPath(link))) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  await context.close();
  const reached = new Set([...seen].map((href) => path.relative(SITE, fileURLToPath(href))));
  // The not-found page is for a server to show at an unknown address, not a page to link.
  const unreachable = htmlFiles().filter((file) => !reached.has(file) && file !== "404.html");
  assert.deepEqual(unreachable, [], "pages no link leads to");
  const remote = requests.filter((request) => !request.startsWith("file://") && !request.startsWith("data:"));
  assert.deepEqual(remote, [], "requests outside file://");
  assert.deepEqual(errors, [], "console errors");
});

test("axe-core finds no accessibility violation on any page type, light or dark", async () => {
  const found = [];
  for (const scheme of ["light", "dark"]) {
    const { context, page } = await watchedPage({ colorScheme: scheme });
    for (const [kind, relative] of Object.entries(ALL_PAGE_TYPES)) {
      if (!fs.existsSync(path.join(SITE, relative))) {
        found.push(`${kind}: ${relative} is missing`);
        continue;
      }
      await page.goto(url(relative), { waitUntil: "load" });
      for (const violation of await axeViolations(page)) {
        const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ");
        found.push(`${scheme} ${kind} (${relative}): ${violation.id} (${violation.impact}) x${violation.nodes.length}: ${violation.help} — ${targets}`);
      }
    }
    await context.close();
  }
  assert.deepEqual(found, [], "axe-core violations");
});

test("a search for a word from a source finds its passage, and following it lands on the paragraph", async () => {
  const { context, page, errors } = await watchedPage();
  // A word that occurs in one sample source and nowhere else in the samples.
  const word = "choreographed";
  await page.goto(url("index.html"), { waitUntil: "load" });
  const box = page.locator("form[role=search] input[type=search]").first();
  await box.fill(word);
  await box.press("Enter");
  await page.waitForURL(/search\.html\?q=/);
  const result = page.locator("main a[href*='sources/'][href*='#']").first();
  await result.waitFor({ timeout: 10000 });
  const marked = await page.locator("main mark").first().textContent();
  assert.equal(marked.toLowerCase(), word);
  const href = await result.getAttribute("href");
  await result.click();
  await page.waitForURL(/sources\/.*#/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const text = await page.locator(`[id="${anchor}"]`).first().textContent();
  assert.match(text, new RegExp(word, "i"), `the anchor ${href} is not the paragraph with the word`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a citation shows its cited words in a preview on keyboard focus", async () => {
  const { context, page, errors } = await watchedPage();
  await page.goto(url(PAGE_TYPES.briefing), { waitUntil: "load" });
  const cite = page.locator("a.cite[data-quote]").first();
  const quote = await cite.getAttribute("data-quote");
  assert.ok(quote && quote.length > 3, "the first citation carries no cited words");
  await cite.focus();
  const tooltip = page.locator("#cite-preview:visible").first();
  await tooltip.waitFor({ timeout: 5000 });
  const shown = (await tooltip.textContent()).replace(/\s+/g, " ");
  assert.ok(shown.includes(quote.replace(/\s+/g, " ").trim()), `preview "${shown}" lacks "${quote}"`);
  const describedBy = await cite.getAttribute("aria-describedby");
  assert.ok(describedBy, "the focused citation is not described by its preview");
  await page.keyboard.press("Escape");
  await tooltip.waitFor({ state: "hidden", timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("Tab goes from a citation into its preview's links and then on past the citation", async () => {
  const { context, page, errors } = await watchedPage();
  await page.goto(url(PAGE_TYPES.briefing), { waitUntil: "load" });
  const cite = page.locator("a.cite[data-quote]").first();
  await cite.focus();
  const preview = page.locator("#cite-preview:visible");
  await preview.waitFor({ timeout: 5000 });
  const inPreview = () => page.evaluate(() => document.getElementById("cite-preview").contains(document.activeElement));
  const focused = () => page.evaluate(() => document.activeElement.textContent.trim());
  // "Open the paragraph", and "live page" where the source has a url.
  const links = await preview.locator("a[href]").allTextContents();
  assert.ok(links.length >= 1, "the preview has a link to the paragraph");

  for (const text of links) {
    await page.keyboard.press("Tab");
    assert.ok(await inPreview(), "Tab from a citation enters its preview");
    assert.equal(await focused(), text);
  }
  assert.equal(await preview.count(), 1, "the preview stays open while its links have focus");
  for (const _ of links) await page.keyboard.press("Shift+Tab");
  assert.equal(await cite.evaluate((el) => el === document.activeElement), true, "Shift+Tab goes back to the citation");

  // Past the preview's last link, focus goes to what follows the citation in the page.
  const expected = await cite.evaluate((link) => {
    const all = [...document.querySelectorAll("a[href], button, input, summary, select, textarea")]
      .filter((el) => !el.closest("#cite-preview") && el.getClientRects().length && el.tabIndex >= 0);
    const next = all[all.indexOf(link) + 1];
    next.setAttribute("data-expect-focus", "");
    return next.textContent.trim();
  });
  for (let i = 0; i <= links.length; i++) await page.keyboard.press("Tab");
  assert.ok(
    await page.evaluate(() => document.activeElement.hasAttribute("data-expect-focus")),
    `focus is on "${await focused()}", not on "${expected}", which follows the citation`,
  );
  assert.equal(await inPreview(), false);

  // Escape inside the preview closes it and returns to the citation.
  await cite.focus();
  await preview.waitFor({ timeout: 5000 });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await preview.waitFor({ state: "hidden", timeout: 5000 });
  assert.equal(await cite.evaluate((el) => el === document.activeElement), true, "Escape returns to the citation");
  assert.deepEqual(errors, []);
  await context.close();
});

test("no page type scrolls sideways on a 360 px phone; only the matrix scrolls, inside its frame", async () => {
  const { context, page } = await watchedPage({ viewport: { width: 360, height: 740 } });
  const wide = [];
  for (const [kind, relative] of Object.entries(ALL_PAGE_TYPES)) {
    await page.goto(url(relative), { waitUntil: "load" });
    // A large site's citation labels are longer than the sample's: a publisher, a cut title
    // and a source id to tell two alike apart. Every citation gets the longest kind.
    await page.evaluate(() => {
      for (const cite of document.querySelectorAll("a.cite")) {
        cite.textContent = "Northern Review: A Parade That Parades Peril for… (a-parade-that-parades-peril-for-the-west-00302), ¶12";
      }
      document.querySelectorAll("details").forEach((d) => (d.open = true));
    });
    const found = await overflow(page);
    if (found.page > found.view || found.culprits.length) wide.push(`${kind}: ${found.page} px wide in ${found.view}: ${found.culprits.join(" | ")}`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test("dark mode changes the colours", async () => {
  const colours = {};
  for (const scheme of ["light", "dark"]) {
    const { context, page } = await watchedPage({ colorScheme: scheme });
    await page.goto(url(PAGE_TYPES.briefing), { waitUntil: "load" });
    colours[scheme] = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return [body.backgroundColor, body.color];
    });
    await context.close();
  }
  assert.notDeepEqual(colours.light[0], colours.dark[0], "same background");
  assert.notDeepEqual(colours.light[1], colours.dark[1], "same text colour");
});

test("the print layout keeps the full width of the page", async () => {
  // An A4 page at 96 dpi, less 2 cm margins: about 718 CSS px of text width.
  const { context, page } = await watchedPage({ viewport: { width: 718, height: 1000 } });
  for (const kind of ["briefing", "source", "index"]) {
    await page.goto(url(PAGE_TYPES[kind]), { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const widths = await page.evaluate(() => {
      const paragraph = document.querySelector("main p:not(.kicker):not(.note)");
      const table = document.querySelector("main table");
      return {
        page: document.documentElement.clientWidth,
        text: paragraph ? paragraph.getBoundingClientRect().width : 0,
        tableOverflow: table ? table.scrollWidth - table.clientWidth : 0,
        nav: [...document.querySelectorAll("header nav, form[role=search]")].some((el) => el.getBoundingClientRect().height > 0),
      };
    });
    // Three quarters at least: a source page keeps a narrow column for its ¶ numbers and
    // themes, where the phone layout it printed in before left half the page empty.
    assert.ok(widths.text >= 0.75 * widths.page, `${kind}: text ${widths.text}px of ${widths.page}px`);
    assert.ok(widths.tableOverflow <= 1, `${kind}: a table is cut by ${widths.tableOverflow}px`);
    assert.equal(widths.nav, false, `${kind}: navigation is printed`);
    await page.emulateMedia({ media: "screen" });
    await page.pdf({ path: path.join(ARTEFACTS, `print-${kind}.pdf`), format: "A4", printBackground: false });
  }
  await context.close();
});

test("screenshots at 390 and 1280 px, light and dark, are kept for review", async () => {
  for (const scheme of ["light", "dark"]) {
    for (const width of [390, 1280]) {
      const { context, page } = await watchedPage({ colorScheme: scheme, viewport: { width, height: 900 } });
      for (const [kind, relative] of Object.entries(PAGE_TYPES)) {
        if (!fs.existsSync(path.join(SITE, relative))) continue;
        await page.goto(url(relative), { waitUntil: "load" });
        const file = path.join(ARTEFACTS, `${kind}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: false });
        assert.ok(fs.statSync(file).size > 1000, `${file} is empty`);
      }
      await context.close();
    }
  }
});
