// The shipped catalogue in English and French (issue 16): the French site
// under fr/ loads from file:// with no console error on every page type, in
// French; its language switcher lands on the same page in the other language
// and back; a French query from the header finds the French-source
// recommendations, shown with their French titles; html-validate and axe
// find nothing on the French pages.
//
// Usage: node tests/browser/languages.test.mjs [path/to/passerelle]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, deadline, launch, runner, searchSettled } from './lib/harness.mjs';
import { axeViolations, buildShippedSite, discoverPageTypes, fileUrl, sourceDir, validateSite } from './pages-support.mjs';

deadline('language tests', 500);
const site = buildShippedSite();
const french = join(site, 'fr');
const types = discoverPageTypes(french);

const browser = await launch();
const { test, run } = runner();

async function open(url, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  const outside = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('file://')) outside.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, errors, outside };
}

// The page's path inside the site, whatever its language.
const inSite = (url) => fileURLToPath(url).slice(site.length + 1);

test('every page type of the French site loads from file://, in French, with no console error', async () => {
  const problems = [];
  for (const { type, path, query } of types) {
    const { page, context, errors, outside } = await open(fileUrl(french, path, query));
    if (type === 'search') await searchSettled(page);
    const lang = await page.getAttribute('html', 'lang');
    if (lang !== 'fr') problems.push(`${type}: <html lang="${lang}">`);
    for (const e of errors) problems.push(`${type}: ${e}`);
    for (const u of outside) problems.push(`${type}: asked for ${u}`);
    await context.close();
  }
  assert(types.length >= 15, `only ${types.length} page types found`);
  assert(problems.length === 0, problems.join('\n    '));
});

test('the switcher lands on the same page in the other language, and back', async () => {
  const problems = [];
  for (const { type, path } of types) {
    if (type === 'not-found') continue;  // 404.html answers any address; its links are the site's
    const { page, context } = await open(fileUrl(french, path));
    await page.locator('nav.language-switch a[hreflang="en"]').click();
    await page.waitForLoadState('load');
    if (inSite(page.url()) !== path) problems.push(`${type}: English is ${inSite(page.url())}, not ${path}`);
    if (await page.getAttribute('html', 'lang') !== 'en') problems.push(`${type}: the English page is not lang=en`);
    await page.locator('nav.language-switch a[hreflang="fr"]').click();
    await page.waitForLoadState('load');
    if (inSite(page.url()) !== `fr/${path}`) problems.push(`${type}: back in French at ${inSite(page.url())}`);
    await context.close();
  }
  assert(problems.length === 0, problems.join('\n    '));
});

test('"discrimination à l\'embauche" from the French header finds French-source recommendations, in French', async () => {
  const { page, context, errors } = await open(fileUrl(french, 'index.html'));
  await page.fill('#site-search', "discrimination à l'embauche");
  await page.press('#site-search', 'Enter');
  await page.waitForLoadState('load');
  await searchSettled(page);
  const results = await page.$$eval('#search-results a', (links) => links.map((a) => ({
    href: a.getAttribute('href'), text: a.textContent.trim() })));
  const recommendations = results.filter((r) => /recommendations\/fds-\d+\.html$/.test(r.href));
  assert(recommendations.length >= 2, `French-source recommendations found: ${JSON.stringify(results.slice(0, 10))}`);
  // Shown with their French titles, linking into the French site.
  const titles = new Map();
  for (const r of recommendations) {
    const id = r.href.match(/fds-\d+/)[0];
    const text = readFileSync(join(sourceDir, 'content', 'recommendations', `${id}.fr.md`), 'utf8');
    titles.set(id, text.match(/^title: "?(.*?)"?$/m)[1]);
  }
  for (const r of recommendations) {
    const id = r.href.match(/fds-\d+/)[0];
    assert(r.text.includes(titles.get(id)), `${id} is shown as "${r.text}", not "${titles.get(id)}"`);
  }
  assert(inSite(page.url()).startsWith('fr/search.html'), `the search ran at ${page.url()}`);
  assert(errors.length === 0, errors.join('\n    '));
  await context.close();
});

test('every French page passes html-validate', async () => {
  const { pages, found } = await validateSite(french);
  console.log(`  html-validate: ${pages} French pages, ${found.length} problems`);
  assert(pages > 300, `only ${pages} pages`);
  assert(found.length === 0, found.slice(0, 20).join('\n    '));
});

test('axe finds no violation on any page type of the French site', async () => {
  const found = [];
  for (const { type, path, query } of types) {
    const { page, context } = await open(fileUrl(french, path, query), { bypassCSP: true });
    if (type === 'search') await searchSettled(page);
    for (const v of await axeViolations(page)) found.push(`${type}: ${v}`);
    await context.close();
  }
  assert(found.length === 0, found.join('\n    '));
});

await run();
await browser.close();
