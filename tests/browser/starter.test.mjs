// A catalogue started with `passerelle init` and built with the templates and
// theme built into the binary passes the checks the shipped catalogue
// passes: every page type loads with no console error and asks for nothing
// outside the site, every page passes html-validate, axe finds no violation
// on any page type. Its offline copy (catalogue.zip, on by default in the
// starter) unpacks into a site that browses and searches from file://.
//
// Usage: node tests/browser/starter.test.mjs [path/to/passerelle]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, deadline, launch, runner, searchSettled } from './lib/harness.mjs';
import { axeViolations, discoverPageTypes, fileUrl, sourceDir, validateSite } from './pages-support.mjs';

deadline('starter catalogue tests', 400);
const binary = resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));

// `passerelle init` then `passerelle build`, in a folder outside the
// repository, as a new user would run them: no flag but the title.
const workspace = mkdtempSync(join(tmpdir(), 'passerelle-starter-'));
const catalogue = join(workspace, 'mycat');
const run = (args, cwd) => execFileSync(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
run(['init', 'mycat', '--title', 'Practices that work'], workspace);
run(['build', '--quiet'], catalogue);
const site = join(catalogue, 'site');
const types = discoverPageTypes(site);

const browser = await launch();
const { test, run: runTests } = runner();

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

test('every page type of the new catalogue loads from file:// with no error, asking for nothing outside', async () => {
  const problems = [];
  for (const { type, path, query } of types) {
    const { page, context, errors, outside } = await open(fileUrl(site, path, query));
    if (type === 'search') await searchSettled(page);
    for (const e of errors) problems.push(`${type}: ${e}`);
    for (const u of outside) problems.push(`${type}: asked for ${u}`);
    await context.close();
  }
  assert(types.length >= 10, `only ${types.length} page types found`);
  assert(problems.length === 0, problems.join('\n    '));
});

test('every page of the new catalogue passes html-validate', async () => {
  const { pages, found } = await validateSite(site);
  console.log(`  html-validate: ${pages} pages, ${found.length} problems`);
  assert(pages > 20, `only ${pages} pages`);
  assert(found.length === 0, found.slice(0, 20).join('\n    '));
});

test('axe finds no violation on any page type of the new catalogue', async () => {
  const found = [];
  for (const { type, path, query } of types) {
    const { page, context } = await open(fileUrl(site, path, query), { bypassCSP: true });
    if (type === 'search') await searchSettled(page);
    for (const v of await axeViolations(page)) found.push(`${type}: ${v}`);
    await context.close();
  }
  assert(found.length === 0, found.join('\n    '));
});

test('the offline copy unpacks into one folder that browses and searches from file://', async () => {
  const unpacked = mkdtempSync(join(tmpdir(), 'passerelle-offline-'));
  execFileSync('unzip', ['-q', join(site, 'catalogue.zip'), '-d', unpacked]);
  const root = join(unpacked, 'catalogue');
  assert(existsSync(join(root, 'index.html')), 'no catalogue/index.html in the archive');
  assert(!existsSync(join(root, 'catalogue.zip')), 'the archive holds itself');

  const { page, context, errors, outside } = await open(fileUrl(root, 'index.html'));
  const offer = await page.locator('footer a[download]').textContent();
  assert(offer === 'Download this catalogue for offline reading', `footer offers: ${offer}`);
  // Browse: from the home page to a record through the menu and a list.
  await page.locator('nav.site-nav a', { hasText: 'Practices' }).first().click();
  await page.waitForURL(/practices\/index\.html$/);
  await page.locator('main a', { hasText: 'mentoring newcomers' }).first().click();
  await page.waitForURL(/practices\/example-mentoring\.html$/);
  // Search, from the page's own search box, for a word of the record's body.
  await page.locator('#site-search').fill('volunteers');
  await page.locator('#site-search').press('Enter');
  await page.waitForURL(/search\.html\?q=volunteers/);
  await searchSettled(page);
  const results = await page.locator('#search-results a').allTextContents();
  assert(results.some((t) => t.includes('mentoring newcomers')), `search results: ${results.join(' | ')}`);
  assert(errors.length === 0, errors.join('\n    '));
  assert(outside.length === 0, `asked for ${outside.join(', ')}`);
  await context.close();
});

await runTests();
await browser.close();
