// Shared by the page, accessibility, benchmark and collection browser tests:
// the page types of the site with one representative page each, building the
// browser tests' catalogue (tests/fixtures/browser/) and the shipped one
// (content/), and finding the shipped site's page types without naming any
// of its records.
//
// Chromium, the static server, the time limit and the runner come from
// lib/harness.mjs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { buildSite } from './lib/harness.mjs';

export const sourceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = join(sourceDir, 'tests', 'browser', 'screenshots');
export const fixtureDir = join(sourceDir, 'tests', 'fixtures', 'browser');

// One page per page type of tests/fixtures/browser; the term pages come in
// four kinds (a country has charts, a theme, an actor type or a funding
// programme a map; programmes are a taxonomy of some collections only).
export const PAGE_TYPES = [
  { type: 'home', path: 'index.html' },
  { type: 'section', path: 'practices.html' },
  { type: 'collection', path: 'recommendations/index.html' },
  { type: 'record', path: 'dps/tremplin.html' },
  { type: 'record-network', path: 'networks/pt-integration-network.html' },
  { type: 'record-factor', path: 'factors/cities-key-01.html' },
  { type: 'taxonomy', path: 'countries/index.html' },
  { type: 'term-country', path: 'countries/fr.html' },
  { type: 'term-theme', path: 'themes/anti-discrimination.html' },
  { type: 'term-actor', path: 'actors/municipalities.html' },
  { type: 'term-programme', path: 'programmes/equal.html' },
  { type: 'search', path: 'search.html', query: '?q=employment' },
  { type: 'benchmark', path: 'benchmarks/cities-benchmark.html' },
  { type: 'not-found', path: '404.html' },
  { type: 'page', path: 'pages/about.html' },
  { type: 'recent', path: 'recent.html' },
];

function binary() {
  return resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));
}

// Builds tests/fixtures/browser with the given binary (argv[2], else
// build/passerelle).
export function buildFixtureSite() {
  return buildSite(binary(), fixtureDir, sourceDir);
}

// Builds content/ with the same binary.
export function buildShippedSite() {
  return buildSite(binary(), join(sourceDir, 'content'), sourceDir);
}

// The page types of a built site, found from its files and catalogue.json
// rather than named: the pages every site has, each section's page, each
// collection's index and first record, each taxonomy's index and first
// term, the first page of pages/, and a search for the first word of the
// first record's title. For checks on the shipped site that hold whatever
// its records say.
export function discoverPageTypes(site) {
  const records = JSON.parse(readFileSync(join(site, 'catalogue.json'), 'utf8')).records;
  const collections = [...new Set(records.map((r) => r.collection))];
  const html = (dir) => readdirSync(join(site, dir)).filter((f) => f.endsWith('.html')).sort();
  const fixed = ['index.html', 'search.html', '404.html', 'recent.html'];
  const word = records[0].fields.title.match(/[\p{L}\p{N}]{3,}/u)[0];
  const found = [
    { type: 'home', path: 'index.html' },
    { type: 'search', path: 'search.html', query: '?q=' + encodeURIComponent(word.toLowerCase()) },
    { type: 'not-found', path: '404.html' },
    { type: 'recent', path: 'recent.html' },
    ...html('.').filter((f) => !fixed.includes(f)).map((f) => ({ type: `section ${f}`, path: f })),
  ];
  for (const collection of collections) {
    found.push({ type: `collection ${collection}`, path: `${collection}/index.html` });
    const first = records.find((r) => r.collection === collection);
    found.push({ type: `record ${collection}`, path: first.url });
  }
  const skip = new Set([...collections, 'assets', 'search', 'pages']);
  for (const dir of readdirSync(site, { withFileTypes: true })) {
    if (!dir.isDirectory() || skip.has(dir.name) || !existsSync(join(site, dir.name, 'index.html'))) continue;
    if (existsSync(join(site, dir.name, 'search.html'))) continue;  // another language's site (fr/), not a taxonomy
    found.push({ type: `taxonomy ${dir.name}`, path: `${dir.name}/index.html` });
    const term = html(dir.name).find((f) => f !== 'index.html');
    if (term) found.push({ type: `term ${dir.name}`, path: `${dir.name}/${term}` });
  }
  if (existsSync(join(site, 'pages'))) found.push({ type: 'page', path: `pages/${html('pages')[0]}` });
  return found;
}

export function fileUrl(site, path, query = '') {
  return pathToFileURL(join(site, path)).href + query;
}

// html-validate's recommended rules, with one relaxed:
// - long-title: a record's page is titled by the record, and some records
//   (the titles of reports) are longer than 70 characters; cutting them
//   would lose the words that tell them apart.
export const VALIDATOR_CONFIG = {
  extends: ['html-validate:recommended'],
  rules: { 'long-title': 'off' },
};
// And on the search page only:
// - wcag/h32 (a form needs a submit button): its form filters the results
//   in place as one types, so there is nothing to submit and no change of
//   context (WCAG 3.2.2, which H32 serves, is met); every other form has one.
const PAGE_RULES = { 'search.html': { 'wcag/h32': 'off' } };

// Every page of the site at `root` through html-validate: how many pages, and
// each problem as "file:line:column: rule: message".
export async function validateSite(root) {
  const validator = new HtmlValidate(new StaticConfigLoader(VALIDATOR_CONFIG));
  const special = Object.fromEntries(Object.entries(PAGE_RULES).map(([page, rules]) => [page,
    new HtmlValidate(new StaticConfigLoader({ ...VALIDATOR_CONFIG, rules: { ...VALIDATOR_CONFIG.rules, ...rules } }))]));
  const pages = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.html')).sort();
  const found = [];
  for (const file of pages) {
    // A page of another language's site (fr/search.html) follows the same rules.
    const page = special[file] || special[file.replace(/^[a-z]{2}\//, '')];
    const report = await (page || validator).validateFile(join(root, file));
    for (const result of report.results)
      for (const m of result.messages) found.push(`${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
  }
  return { pages: pages.length, found };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// axe-core's violations on the page (all its WCAG 2.0, 2.1 A and AA rules and
// its best practices), each as a line with up to five of its nodes. The page
// must have been opened with bypassCSP, which lets axe be injected.
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ` +
    v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join('\n      '));
}
