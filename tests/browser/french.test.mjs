// The French site speaks French: on the shipped catalogue built with the
// repository's templates, one page of every type under site/fr/ is opened
// in chromium from file:// (home, search with a query, 404, recent changes,
// each section, each collection's index and first record, each taxonomy's
// index and first term, a free page, a benchmark tool), and the words a
// reader meets there (text, and the aria-label, placeholder, title and alt
// attributes, outside any element whose `lang` is another language) must
// hold none of the English interface strings: every string of
// templates/strings/en.yaml whose French differs, cut at its {placeholders},
// longer than three characters. No console error on any page.
//
// A string of one word is found where it is the whole of a text, or of one
// of its parts between "·", ":", brackets or a line break (a heading, a
// button, a label), not inside a sentence of a record, where "Score" or
// "Home" may be the record's own English words; a string of several words
// is found anywhere. The schema's labels (collections, fields: "Benchmark",
// "Weight") are translated in content/schema.fr.yaml, not here: interface
// strings that are also one of them are left out of the search until that
// file exists. More English words to look for go in EXTRA_ENGLISH below.
//
// Usage: node tests/browser/french.test.mjs [path/to/passerelle]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assert, deadline, launch, runner, searchSettled } from './lib/harness.mjs';
import { buildShippedSite, discoverPageTypes, fileUrl, sourceDir } from './pages-support.mjs';

// English words that must not be left on a French page beyond the
// interface's strings: add a collection's or a field's label here once the
// schema is translated (content/schema.fr.yaml).
const EXTRA_ENGLISH = [];

deadline('french tests', 400);

// Each English string as the fragments a page may show: a count's forms and
// the pieces of a text between its {placeholders}, trimmed of spaces and
// punctuation at the ends.
function fragments(value) {
  const texts = typeof value === 'string' ? [value]
    : value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value).filter((v) => typeof v === 'string')
      : [];
  return texts.flatMap((text) => text.split(/\{[a-z_]+\}/))
    .map((piece) => piece.replace(/^[\s.,;:()]+|[\s.,;:()]+$/gu, ''))
    .filter((piece) => piece.length > 3);
}

// The English fragments whose French differs, each once.
function englishStrings(en, fr) {
  const found = new Set();
  const walk = (english, french) => {
    for (const [key, value] of Object.entries(english)) {
      if (key === 'language_name') continue;  // "English" names the language, here and in records' data
      if (key === 'script') { walk(value || {}, (french && french.script) || {}); continue; }
      if (JSON.stringify(value) === JSON.stringify(french && french[key])) continue;
      const frenchPieces = new Set(fragments(french && french[key]));
      for (const piece of fragments(value)) if (!frenchPieces.has(piece)) found.add(piece);
    }
  };
  walk(en, fr);
  for (const word of EXTRA_ENGLISH) found.add(word);
  return [...found];
}

// Every label of the schema, in lower case: what its `label`, `singular`
// and `inverse_label` keys say, at any depth.
function schemaLabels(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => schemaLabels(item, out));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (['label', 'singular', 'inverse_label'].includes(key) && typeof value === 'string') out.add(value.toLowerCase());
      else schemaLabels(value, out);
    }
  return out;
}

const strings = join(sourceDir, 'templates', 'strings');
const en = parse(readFileSync(join(strings, 'en.yaml'), 'utf8'));
const fr = parse(readFileSync(join(strings, 'fr.yaml'), 'utf8'));
delete en.months;
const schemaTranslated = existsSync(join(sourceDir, 'content', 'schema.fr.yaml'));
const labels = schemaLabels(parse(readFileSync(join(sourceDir, 'content', 'schema.yaml'), 'utf8')));
// The fields every collection has, labelled by the schema's loader
// (generator/catalogue/schema.cpp), translated with the schema too.
for (const label of ['Title', 'Summary', 'Period', 'Related', 'Sources', 'Cited by']) labels.add(label.toLowerCase());
const ENGLISH = englishStrings(en, fr)
  .filter((s) => schemaTranslated || EXTRA_ENGLISH.includes(s) || !labels.has(s.toLowerCase()));
// With the schema translated, its English labels that French writes
// otherwise ("Development Partnerships", "DP code") are looked for too.
if (schemaTranslated) {
  const frenchLabels = schemaLabels(parse(readFileSync(join(sourceDir, 'content', 'schema.fr.yaml'), 'utf8')));
  const english = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (['label', 'singular', 'inverse_label'].includes(key) && typeof value === 'string') english.add(value);
        else walk(value);
      }
  };
  walk(parse(readFileSync(join(sourceDir, 'content', 'schema.yaml'), 'utf8')));
  for (const label of english)
    if (label.length > 3 && !frenchLabels.has(label.toLowerCase()) && !ENGLISH.includes(label)) ENGLISH.push(label);
}

const site = buildShippedSite();
const french = join(site, 'fr');
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const { test, run } = runner();
const errors = [];

// The page's words in its own language: text nodes, the page's title and
// the attributes a reader hears or sees, outside elements in another language.
function wordsOnPage() {
  const own = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    const marked = element && element.closest('[lang]');
    return !marked || marked.lang.toLowerCase().startsWith('fr');
  };
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && ['SCRIPT', 'STYLE'].includes(parent.tagName)) continue;
    if (own(node) && node.textContent.trim()) out.push(node.textContent);
  }
  for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))
    if (own(element))
      for (const name of ['aria-label', 'placeholder', 'title', 'alt'])
        if (element.hasAttribute(name)) out.push(element.getAttribute(name));
  return out.join('\n');
}

// The English strings among `text`: a phrase as whole words anywhere, a
// single word as the whole of one of the text's parts.
function englishIn(text) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = new Set(text.split(/[\n·:()]/).map((part) => part.trim()));
  return ENGLISH.filter((s) => (/\s/.test(s)
    ? new RegExp(`(^|[^\\p{L}])${escape(s)}($|[^\\p{L}])`, 'u').test(text)
    : parts.has(s)));
}

async function open(path, query = '') {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${path}: ${m.text()}`); });
  await page.goto(fileUrl(french, path, query));
  return page;
}

async function check(page, label) {
  const left = englishIn(await page.evaluate(wordsOnPage));
  assert(left.length === 0, `${label}: English on a French page: ${left.map((s) => JSON.stringify(s)).join(', ')}`);
}

test('the English strings to look for are there to find', () => {
  for (const s of ['Skip to content', 'Cite this record', 'Page not found'])
    assert(ENGLISH.includes(s), `"${s}" is not looked for`);
  assert(englishIn('Aller au contenu').length === 0, 'French text taken for English');
  assert(englishIn('x\nCite this record\ny').length === 1, 'English text not found');
  assert(englishIn('Filters').length === 1 && englishIn('Filters: Pays').length === 1, 'English word not found');
  assert(englishIn('Score it from three angles').length === 0, 'a word of a sentence taken for the interface');
});

// The site's own pages, not the French folder taken for a taxonomy's.
const pages = discoverPageTypes(site).filter((p) => !p.path.startsWith('fr/'));
const benchmark = JSON.parse(readFileSync(join(site, 'catalogue.json'), 'utf8')).records
  .find((r) => r.collection === 'benchmarks' && r.fields.scoring);
if (benchmark) pages.push({ type: 'benchmark tool', path: `benchmarks/${benchmark.id}.html` });
for (const { type, path, query = '' } of pages)
  test(`${type} (fr/${path}) is in French`, async () => {
    const page = await open(path, query);
    assert(await page.evaluate(() => document.documentElement.lang) === 'fr', `fr/${path} is not lang="fr"`);
    if (type === 'search') await searchSettled(page);
    await check(page, `fr/${path}${query}`);
    await page.close();
  });

// The words the scripts write: the search's status, filters and offers,
// a collection's filter box, a benchmark's tally, tables and messages.
test('the search page\'s scripts speak French', async () => {
  const page = await open('search.html', '?q=emploi');
  await searchSettled(page);
  await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '');
  const facet = page.locator('#search-facets input[type="checkbox"]').first();
  await facet.check();
  await page.waitForFunction(() => /\(/.test(document.getElementById('search-filters-toggle').textContent));
  await check(page, 'fr/search.html, a filter chosen');
  await page.goto(fileUrl(french, 'search.html', '?q=zzqxw'));
  await searchSettled(page);
  await page.waitForFunction(() => !document.getElementById('search-empty').hidden &&
    document.getElementById('search-status').textContent.trim() !== '');
  await check(page, 'fr/search.html, nothing found');
  await page.close();
});

test('a collection\'s filter box speaks French', async () => {
  const page = await open('dps/index.html');
  await page.fill('#list-filter-input', 'a');
  await page.waitForFunction(() => document.getElementById('list-filter-status').textContent.trim() !== '');
  await check(page, 'fr/dps/index.html, filtered');
  await page.fill('#list-filter-input', 'zzqxw');
  await page.waitForFunction(() => /\d/.test(document.getElementById('list-filter-status').textContent));
  await check(page, 'fr/dps/index.html, nothing left');
  await page.close();
});

test('a benchmark\'s tool speaks French', async () => {
  assert(benchmark, 'no benchmark with a scoring in the shipped catalogue');
  const page = await open(`benchmarks/${benchmark.id}.html`);
  await page.waitForFunction(() => document.getElementById('assessment-tally').textContent.trim() !== '');
  await page.locator('.factor .mark input[type="radio"]').first().check();
  await page.locator('#assessment-details summary').click();
  await page.click('[data-action="consensus-json"]');
  await page.waitForFunction(() => document.getElementById('peer-status').textContent.trim() !== '');
  await check(page, `fr/benchmarks/${benchmark.id}.html, marked`);
  await page.close();
});

test('no console error on any French page', () => {
  assert(errors.length === 0, errors.join('\n'));
});

await run();
await browser.close();
