// Browser tests of site search (theme/search.js and the index under search/).
//
// Builds the browser tests' catalogue (tests/fixtures/browser/: invented
// records written for these checks, so that editing content/ cannot break
// them) with the passerelle binary into a temporary folder, then runs the
// same suite in Debian's chromium against the site opened from disk (file://)
// and served over http from 127.0.0.1.
//
// Usage: node tests/browser/search.test.mjs [path/to/passerelle]
// Prints one line per check and closes with "N passed, M failed"; exits 1 on
// any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, deadline, launch, searchSettled, serve } from './lib/harness.mjs';

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = path.resolve(process.argv[2] || path.join(sourceDir, 'build', 'passerelle'));
deadline('search tests', 240);

/* ---- The site and what catalogue.json says about it ---------------------- */

let siteDir;
try {
  siteDir = buildSite(binary, path.join(sourceDir, 'tests', 'fixtures', 'browser'), sourceDir);
} catch (error) {
  console.log('0 passed, 1 failed (tests/fixtures/browser does not build)');
  process.exit(1);
}
const workDir = path.dirname(siteDir);
const catalogue = JSON.parse(fs.readFileSync(path.join(siteDir, 'catalogue.json'), 'utf8'));
const records = catalogue.records;
const has = (record, field, value) => (record.fields[field] || []).includes(value);
// Queries and what they must give, shared with the C++ and node tests.
const shared = JSON.parse(fs.readFileSync(path.join(sourceDir, 'tests', 'search', 'cases.json'), 'utf8')).browser;

const server = await serve(siteDir);

/* ---- Helpers -------------------------------------------------------------- */

async function open(page, base, search) {
  await page.goto(base + 'search.html' + search);
  await searchSettled(page, new URLSearchParams(search).get('q') || '');
}

async function type(page, query) {
  await page.fill('#search-input', query);
  await searchSettled(page, query);
}

const titles = (page) => page.$$eval('#search-results h3', (hs) => hs.map((h) => h.textContent));
const marks = (page) => page.$$eval('#search-results li:first-child mark', (ms) => ms.map((m) => m.textContent));
// The number of results, once the live region announces it.
const resultCount = async (page) => {
  await page.waitForFunction(() => {
    const n = Number(document.getElementById('search-app').dataset.count);
    const text = document.getElementById('search-status').textContent;
    return n === 0 ? /^No /.test(text) : text.startsWith(n.toLocaleString('en') + ' ') || text.includes('; ' + n.toLocaleString('en') + ' ');
  }, null, { timeout: 5_000 });
  return page.$eval('#search-app', (app) => Number(app.dataset.count));
};
// {facet: {value id: count}} as the page shows them (hidden values count 0).
const facetCounts = (page) => page.$$eval('#search-facets input[type=checkbox]', (boxes) => {
  const out = {};
  for (const box of boxes) {
    const item = box.closest('li');
    out[box.name] = out[box.name] || {};
    out[box.name][box.value] = item.hidden ? 0 : Number(box.parentNode.lastChild.textContent);
  }
  return out;
});

// Bytes of the stylesheets and scripts search.html links to (the index aside).
function pageAssetBytes() {
  const html = fs.readFileSync(path.join(siteDir, 'search.html'), 'utf8');
  const assets = [...html.matchAll(/(?:href|src)="([^"]+\.(?:css|js))"/g)].map((m) => m[1]);
  return assets.reduce((sum, asset) => sum + fs.statSync(path.join(siteDir, asset)).size, 0);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}
function expectEqual(actual, expected, message) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: got ${a}, expected ${e}`);
}

/* ---- The suite ------------------------------------------------------------- */

const suite = [
  ['folding: "migracoes" finds Migrações e Trabalho', async (page, base) => {
    await open(page, base, '?q=migracoes');
    const found = await titles(page);
    expectEqual(found[0], 'Migrações e Trabalho', 'top result');
    expect((await marks(page)).includes('Migrações'), 'the accented word is highlighted');
    await type(page, 'Migrações');
    expectEqual((await titles(page))[0], 'Migrações e Trabalho', 'top result for the accented query');
  }],
  ['a French word: "lutte" finds the records titled Lutte…', async (page, base) => {
    await open(page, base, '?q=lutte');
    const found = await titles(page);
    expect(found[0].startsWith('Lutte contre les discriminations'), `top result is ${found[0]}`);
    expect((await marks(page)).includes('Lutte'), 'Lutte is highlighted');
  }],
  ['a typo: "Cantinne" finds Cantine Solidaire', async (page, base) => {
    await open(page, base, '?q=Cantinne');
    expectEqual((await titles(page))[0], 'Cantine Solidaire', 'top result');
  }],
  ['a typo in the first letter: "Kantine" and "antine" find Cantine Solidaire', async (page, base) => {
    await open(page, base, '?q=Kantine');
    expectEqual((await titles(page))[0], 'Cantine Solidaire', 'top result for a letter replaced');
    await type(page, 'antine ');
    expectEqual((await titles(page))[0], 'Cantine Solidaire', 'top result for a letter left out');
    await type(page, 'aCntine ');
    expectEqual((await titles(page))[0], 'Cantine Solidaire', 'top result for the first two swapped');
  }],
  ['a country code: "PT" finds the records tagged Portugal, first', async (page, base) => {
    await open(page, base, '?q=PT%20');
    const portuguese = records.filter((r) => has(r, 'countries', 'PT'));
    const n = await resultCount(page);
    expect(n >= portuguese.length, `${n} results, ${portuguese.length} records in Portugal`);
    const metas = await page.$$eval('#search-results .search-result-meta', (ps) => ps.map((p) => p.textContent));
    expect(metas.length > 0 && metas.every((m) => m.includes('Portugal')), 'the first results are Portuguese');
  }],
  ['"it" alone is Italy\'s code, a stop word otherwise', async (page, base) => {
    const italian = records.filter((r) => has(r, 'countries', 'IT'));
    await open(page, base, '?q=IT%20');
    expectEqual(await resultCount(page), italian.length, 'records in Italy');
    const metas = await page.$$eval('#search-results .search-result-meta', (ps) => ps.map((p) => p.textContent));
    expect(metas.length > 0 && metas.every((m) => m.includes('Italy')), 'every result is Italian');
    await type(page, 'cantine ');
    const alone = await titles(page);
    await type(page, 'it cantine ');
    expectEqual(await titles(page), alone, '"it" dropped beside another word');
  }],
  ['a DP code: "PT-2001-077" finds AURORA alone', async (page, base) => {
    await open(page, base, '?q=PT-2001-077');
    expectEqual(await titles(page), ['AURORA'], 'results');
    expectEqual(await resultCount(page), 1, 'announced count');
  }],
  ['names: "Cantine Solidaire" and "ACCESSIO" come first', async (page, base) => {
    await open(page, base, '?q=Cantine%20Solidaire');
    expectEqual((await titles(page))[0], 'Cantine Solidaire', 'top result');
    await type(page, 'ACCESSIO');
    expectEqual((await titles(page))[0], 'ACCESSIO', 'top result');
    const about = await page.textContent('#search-results li:first-child .search-result-meta');
    expectEqual(about, 'Organisation · France', 'collection and countries');
  }],
  ['prefixes match while typing', async (page, base) => {
    await open(page, base, '?q=mediat');
    const n = await resultCount(page);
    expect(n > 3, `${n} results for a prefix`);
    expect((await titles(page)).some((t) => /mediat/i.test(t)), 'a title with mediat…');
  }],
  ['filters alone list the records catalogue.json holds, with its counts', async (page, base) => {
    await open(page, base, '?country=PT');
    const portuguese = records.filter((r) => has(r, 'countries', 'PT'));
    expectEqual(await resultCount(page), portuguese.length, 'records in Portugal');
    const counts = await facetCounts(page);
    for (const theme of Object.keys(counts.theme)) {
      const expected = portuguese.filter((r) => has(r, 'themes', theme)).length;
      expectEqual(counts.theme[theme], expected, `theme ${theme} among PT records`);
    }
    for (const collection of Object.keys(counts.collection)) {
      const expected = portuguese.filter((r) => r.collection === collection).length;
      expectEqual(counts.collection[collection], expected, `collection ${collection} among PT records`);
    }
    // The country facet counts as if its own filter were not chosen.
    const france = records.filter((r) => has(r, 'countries', 'FR')).length;
    expectEqual(counts.country.FR, france, 'FR beside the chosen PT');
    expect(await page.isChecked('input[name=country][value=PT]'), 'PT is checked');
  }],
  ['facets combine, and counts follow the query', async (page, base) => {
    await open(page, base, '?country=BE&theme=social-economy');
    const both = records.filter((r) => has(r, 'countries', 'BE') && has(r, 'themes', 'social-economy'));
    expectEqual(await resultCount(page), both.length, 'BE and social economy');
    await open(page, base, '?q=migrant');
    const total = await resultCount(page);
    const counts = await facetCounts(page);
    const sum = Object.values(counts.collection).reduce((a, b) => a + b, 0);
    expectEqual(sum, total, 'collection counts add up to the results');
    const belgium = counts.country.BE;
    await page.check('input[name=country][value=BE]');
    await searchSettled(page, 'migrant');
    expectEqual(await resultCount(page), belgium, 'choosing BE gives the count it showed');
  }],
  ['a frequent word counts from its own postings file, as the facet lists would', async (page, base) => {
    // "migrant " (finished, so no completions) is one stem group, frequent
    // enough to carry its best records and facet counts.
    await open(page, base, '?q=migrant%20');
    const lists = await page.$$eval('script[src*="search/f-"]', (ss) => ss.length);
    expectEqual(lists, 0, 'facet lists loaded');
    const fromGroup = (await facetCounts(page)).theme;
    const total = await resultCount(page);
    const sum = Object.values((await facetCounts(page)).collection).reduce((a, b) => a + b, 0);
    expectEqual(sum, total, 'collection counts add up to the results');
    const theme = Object.keys(fromGroup).find((t) => fromGroup[t] > 0);
    await page.check(`input[name=theme][value=${theme}]`);
    await searchSettled(page, 'migrant ');
    expectEqual((await facetCounts(page)).theme, fromGroup, 'theme counts from the facet lists');
    expectEqual(await resultCount(page), fromGroup[theme], 'results with the theme');
  }],
  ['a word being typed counts from the postings files too, its completions and stems together', async (page, base) => {
    // "migrant" still being typed brings "migrants", "migrante", "migrantes":
    // two stem groups, whose counts come together with the first one's postings.
    await open(page, base, '?q=migrant');
    const lists = await page.$$eval('script[src*="search/f-"]', (ss) => ss.length);
    expectEqual(lists, 0, 'facet lists loaded');
    const fromGroups = await facetCounts(page);
    const total = await resultCount(page);
    expectEqual(Object.values(fromGroups.collection).reduce((a, b) => a + b, 0), total,
      'collection counts add up to the results');
    expect(total > 0, 'results');
    const theme = Object.keys(fromGroups.theme).find((t) => fromGroups.theme[t] > 0);
    await page.check(`input[name=theme][value=${theme}]`);
    await searchSettled(page, 'migrant');
    expectEqual((await facetCounts(page)).theme, fromGroups.theme, 'theme counts from the facet lists');
    expectEqual(await resultCount(page), fromGroups.theme[theme], 'results with the theme');
  }],
  ['the first page of a frequent word, made with the index, is what its postings give', async (page, base) => {
    // "migrant" being typed: its first results come with its words, shown
    // before its postings load; "More" decodes them and ranks every result.
    await open(page, base, '?q=migrant');
    const files = (await page.getAttribute('#search-app', 'data-files')).split(' ');
    expect(files.some((f) => f.startsWith('t-')) && !files.some((f) => f.startsWith('p-')),
      `results shown from the dictionary file alone: ${files.join(' ')}`);
    const total = await resultCount(page);
    expect(total > 10, 'more than a page of results');
    const links = () => page.$$eval('#search-results h3 a', (as) => as.map((a) => a.getAttribute('href')));
    const first = await links();
    expectEqual(first.length, 10, 'results on the first page');
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 10, null,
      { timeout: 5_000 });
    const all = await links();
    expectEqual(all.slice(0, 10), first, 'the first page, ranked from the postings');
    expectEqual(all.length, Math.min(20, total), 'results after More');
    expectEqual(await resultCount(page), total, 'results in all');
  }],
  ['the URL holds the query and the filters', async (page, base) => {
    await open(page, base, '?q=mediation&country=PT');
    expectEqual(await page.inputValue('#search-input'), 'mediation', 'query from the URL');
    expect(await page.isChecked('input[name=country][value=PT]'), 'filter from the URL');
    const metas = await page.$$eval('#search-results .search-result-meta', (ps) => ps.map((p) => p.textContent));
    expect(metas.length > 0 && metas.every((m) => m.includes('Portugal')), 'every result is Portuguese');
    await type(page, 'lutte');
    const search = new URL(page.url()).search;
    expectEqual(search, '?q=lutte&country=PT', 'URL after typing');
    await page.reload();
    await searchSettled(page, 'lutte');
    expectEqual(await page.inputValue('#search-input'), 'lutte', 'query after reload');
    expect(await page.isChecked('input[name=country][value=PT]'), 'filter after reload');
  }],
  ['keyboard: Tab reaches the results, arrows move, Enter opens', async (page, base) => {
    await open(page, base, '');
    expect(await page.evaluate(() => document.activeElement.id === 'search-input'), 'the input has focus');
    await page.keyboard.type('aurora');
    await searchSettled(page, 'aurora');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.closest('#search-results li') !== null &&
      document.activeElement.tagName === 'A');
    expect(focused, 'Tab moves to the first result');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline !== 'none', 'focus is visible');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement.id === 'search-input'), 'ArrowUp goes back to the input');
    await page.keyboard.press('ArrowDown');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    expectEqual(href, 'dps/aurora.html', 'first result link');
    await Promise.all([page.waitForURL(/dps\/aurora\.html$/), page.keyboard.press('Enter')]);
  }],
  ['accessible: labelled input, polite live count', async (page, base) => {
    await open(page, base, '?q=training');
    const label = await page.textContent('label[for=search-input]');
    expect(label.trim().length > 0, 'the input has a label');
    expectEqual(await page.getAttribute('#search-status', 'aria-live'), 'polite', 'live region');
    expect((await resultCount(page)) > 0, 'the count is announced');
  }],
  ['ranking: the queries of tests/search/cases.json ("browser") give the results it expects', async (page, base) => {
    const keyOf = (href) => href.replace(/\.html$/, '');
    for (const c of shared) {
      await open(page, base, '?q=' + encodeURIComponent(c.query));
      const hrefs = (await page.$$eval('#search-results h3 a', (as) => as.map((a) => a.getAttribute('href')))).map(keyOf);
      if (c.first) expectEqual(hrefs.slice(0, c.first.length), c.first, `first results for "${c.query}"`);
      if (c.top) {
        const top = hrefs.slice(0, c.top);
        for (const key of top) {
          const record = records.find((r) => r.collection + '/' + r.id === key);
          expect(c.among.includes(record.collection), `"${c.query}": ${key} is not among ${c.among}`);
          if (c.theme_of_top) expect(has(record, 'themes', c.theme_of_top), `"${c.query}": ${key} lacks ${c.theme_of_top}`);
        }
        for (const key of c.include) expect(top.includes(key), `"${c.query}": ${key} not in the first ${c.top}: ${top}`);
      }
      if (c.theme) {
        // Every record of the theme matches: with the theme's filter on, the count is the theme's.
        const tagged = records.filter((r) => has(r, 'themes', c.theme)).length;
        await open(page, base, '?q=' + encodeURIComponent(c.query) + '&theme=' + c.theme);
        expectEqual(await resultCount(page), tagged, `"${c.query}" among the ${c.theme} theme's records`);
      }
    }
  }],
  ['"femmes" and "women" both find the women theme, by its labels in both languages', async (page, base) => {
    const women = records.filter((r) => has(r, 'themes', 'women')).length;
    for (const query of ['femmes ', 'women ', 'Femmes migrantes ']) {
      await open(page, base, '?q=' + encodeURIComponent(query));
      const n = await resultCount(page);
      expect(n >= women, `"${query}": ${n} results, ${women} records of the women theme`);
    }
  }],
  ['no result: suggestions, matching terms and browse links, no empty filters', async (page, base) => {
    await open(page, base, '?q=dsicrimnation%20');
    expectEqual(await resultCount(page), 0, 'results');
    expect(await page.isHidden('#search-filters'), 'the filters panel is hidden');
    const suggested = await page.$$eval('.search-suggestions a', (as) => as.map((a) => a.textContent));
    expect(suggested.includes('discrimination'), `suggestions: ${suggested}`);
    const terms = await page.$$eval('.search-terms a', (as) => as.map((a) => a.getAttribute('href')));
    expect(terms.includes('themes/anti-discrimination.html'), `terms: ${terms}`);
    const browse = await page.$$eval('.search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    expectEqual(browse, ['countries/index.html', 'themes/index.html', 'actors/index.html', 'programmes/index.html'],
      'browse links: one per taxonomy of schema.yaml');
    await Promise.all([page.waitForURL(/q=discrimination/), page.click('.search-suggestions a >> text=discrimination')]);
    await searchSettled(page, 'discrimination');
    expect((await resultCount(page)) > 0, 'the suggestion finds records');
    expect(await page.isHidden('#search-empty'), 'no suggestions once results show');
  }],
  ['on a phone the filters are a panel above the results, and a change keeps them in view', async (page, base) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, base, '?q=migrant%20');
    expect(await page.isVisible('#search-filters-toggle'), 'the toggle shows');
    expect(await page.isHidden('#search-filters'), 'the panel starts closed');
    await page.click('#search-filters-toggle');
    expectEqual(await page.getAttribute('#search-filters-toggle', 'aria-expanded'), 'true', 'aria-expanded');
    const above = await page.evaluate(() => document.getElementById('search-filters').getBoundingClientRect().bottom <=
      document.getElementById('search-results').getBoundingClientRect().top);
    expect(above, 'the panel is above the results');
    const order = await page.evaluate(() => document.getElementById('search-filters-toggle').nextElementSibling.id);
    expectEqual(order, 'search-filters', 'the panel follows its toggle in reading order');
    const box = page.locator('#search-facets li:not([hidden]) input[name=country]').first();
    await box.scrollIntoViewIfNeeded();
    await box.check();
    await page.waitForFunction(() => !document.getElementById('search-app').hasAttribute('aria-busy') &&
      new URL(location.href).searchParams.has('country'));
    await page.waitForFunction(() => {
      const top = document.getElementById('search-status').getBoundingClientRect().top;
      return top > -1 && top < window.innerHeight / 2;  // scrolling lands on whole pixels
    }, null, { timeout: 5_000 });
    expect((await page.textContent('#search-filters-toggle')).includes('1 chosen'), 'the toggle counts the filter');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.isHidden('#search-filters-toggle'), 'no toggle on a wide screen');
    // The panel moves on the media query's change event, which fires at the next rendering step.
    const moved = await page.waitForFunction(
      () => document.querySelector('.search-main').nextElementSibling?.id === 'search-filters',
      null, { timeout: 5_000 }).then(() => true, () => false);
    expect(moved, 'the filters follow the results on a wide screen');
  }],
  ['two clicks from the home page: practices against discrimination in France, exactly those records', async (page, base) => {
    await page.goto(base + 'index.html');
    await Promise.all([page.waitForURL(/themes\/anti-discrimination\.html$/),
      page.click('a[href="themes/anti-discrimination.html"]')]);
    // The France row of the table by country; its first count is the first section's, Practices.
    const row = page.locator('#combine-countries + .table-scroll tbody tr', { has: page.locator('th', { hasText: /^France$/ }) });
    const column = await page.textContent('#combine-countries + .table-scroll thead th:nth-child(2)');
    expectEqual(column, 'Practices', 'the first column');
    const cell = row.locator('td:nth-child(2) a');
    const shown = Number((await cell.textContent()).match(/^\d+/)[0]);
    await Promise.all([page.waitForURL(/search\.html\?/), cell.click()]);
    await searchSettled(page, '');
    const params = new URL(page.url()).searchParams;
    expectEqual([params.get('theme'), params.get('country')], ['anti-discrimination', 'FR'], 'the filters set');
    const collections = params.getAll('collection');
    expect(['dps', 'initiatives', 'practices'].every((c) => collections.includes(c)), `collections: ${collections}`);
    const expected = records.filter((r) => has(r, 'themes', 'anti-discrimination') && has(r, 'countries', 'FR') &&
      collections.includes(r.collection)).length;
    expect(expected > 0, 'catalogue.json has such records');
    expectEqual(await resultCount(page), expected, 'results, as catalogue.json counts them');
    expectEqual(shown, expected, 'the count on the theme page');
  }],
  ['a first query loads a few index files, not the whole index', async (page, base) => {
    await open(page, base, '?q=migracoes');
    const loaded = await page.$$eval('script[src*="search/"]', (ss) => ss.length);
    const all = fs.readdirSync(path.join(siteDir, 'search')).length;
    expect(loaded > 0 && loaded < all / 2, `${loaded} of ${all} index files loaded`);
  }],
];

/* ---- Runs ------------------------------------------------------------------ */

let passed = 0, failed = 0;
const browser = await launch();
try {
  // Static checks: the page's own code stays within the CSP and never parses data as HTML.
  const script = fs.readFileSync(path.join(siteDir, 'assets', 'search.js'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');  // code, not comments
  for (const [name, ok] of [
    ['search.js never uses innerHTML, eval or Function', !/innerHTML|outerHTML|\beval\(|new Function/.test(script)],
    ['index files are plain scripts', fs.readdirSync(path.join(siteDir, 'search')).every((f) => f.endsWith('.js'))],
    // The search page's budget, as in pages.test.mjs: it carries the search
    // engine and the interface's words in the page's language too.
    ['the search page\'s own CSS and JS stay under 65 KB (pages.test.mjs: SEARCH_BUDGET)', pageAssetBytes() < 65_000],
  ]) {
    console.log(`${ok ? 'ok' : 'not ok'} - ${name}`);
    ok ? passed++ : failed++;
  }

  for (const [mode, base] of [['file', 'file://' + siteDir + '/'], ['http', server.url]]) {
    for (const [name, check] of suite) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await check(page, base);
        if (errors.length) throw new Error('console errors: ' + errors.join(' | '));
        console.log(`ok - ${mode}: ${name}`);
        passed++;
      } catch (error) {
        console.log(`not ok - ${mode}: ${name}\n  ${String(error.message).split('\n')[0]}`);
        failed++;
      }
      await context.close();
    }
    // Without JavaScript the page says so and points to the taxonomy pages.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + 'search.html');
    const notice = await page.isVisible('noscript >> xpath=..') && (await page.content()).includes('Search needs JavaScript');
    const hidden = await page.isHidden('#search-app');
    const ok = notice && hidden;
    console.log(`${ok ? 'ok' : 'not ok'} - ${mode}: without JavaScript, a notice instead of the search form`);
    ok ? passed++ : failed++;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
