// Accessibility of every page type, in chromium: axe-core (all its WCAG 2.0,
// 2.1 A and AA rules and its best practices) reports no violation in the
// light and the dark colour scheme, at desktop and phone widths; the
// benchmark page also once filled in. Keyboard focus is always visible.
//
// The page types are those of the browser tests' catalogue
// (tests/fixtures/browser/); the shipped catalogue (content/) is swept too,
// on pages found from its files (discoverPageTypes), never named, so that
// editing its records cannot break a test but a record that breaks a rule
// still fails one.
//
// Usage: node tests/browser/a11y.test.mjs [path/to/passerelle]
import { assert, deadline, launch, runner, searchSettled } from './lib/harness.mjs';
import { PAGE_TYPES, axeViolations, buildFixtureSite, buildShippedSite, discoverPageTypes, fileUrl }
  from './pages-support.mjs';

deadline('accessibility tests', 800);

const site = buildFixtureSite();
const shipped = buildShippedSite();
const browser = await launch();
const { test, run } = runner();

async function open(url, { scheme = 'light', width = 1280 } = {}) {
  // bypassCSP lets axe be injected; the pages themselves forbid inline scripts.
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context };
}

for (const scheme of ['light', 'dark']) {
  for (const width of [1280, 390]) {
    test(`axe finds no violation on any page type (${scheme}, ${width} px)`, async () => {
      const found = [];
      for (const { type, path, query } of PAGE_TYPES) {
        const { page, context } = await open(fileUrl(site, path, query), { scheme, width });
        if (type === 'search') await searchSettled(page);
        for (const v of await axeViolations(page)) found.push(`${type}: ${v}`);
        await context.close();
      }
      assert(found.length === 0, found.join('\n    '));
    });
  }
}

// The shipped site once, light at 1280 px: what its records hold (headings
// from Markdown, tables, long titles, links) against every rule; the schemes
// and widths are the templates' and are swept above.
test('axe finds no violation on any page type of the shipped catalogue (light, 1280 px)', async () => {
  const found = [];
  for (const { type, path, query } of discoverPageTypes(shipped)) {
    const { page, context } = await open(fileUrl(shipped, path, query));
    if (type === 'search') await searchSettled(page);
    for (const v of await axeViolations(page)) found.push(`${type} (${path}): ${v}`);
    await context.close();
  }
  assert(found.length === 0, found.join('\n    '));
});

test('axe finds no violation on search with no result, nor with the phone\'s filter panel open', async () => {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    let { page, context } = await open(fileUrl(site, 'search.html', '?q=dsicrimnation%20'), { scheme });
    await page.waitForSelector('#search-empty:not([hidden]) .search-browse');
    for (const v of await axeViolations(page)) found.push(`${scheme}, no result: ${v}`);
    await context.close();
    ({ page, context } = await open(fileUrl(site, 'search.html', '?q=migrant%20'), { scheme, width: 390 }));
    await searchSettled(page);
    await page.click('#search-filters-toggle');
    for (const v of await axeViolations(page)) found.push(`${scheme}, phone panel open: ${v}`);
    await context.close();
  }
  assert(found.length === 0, found.join('\n    '));
});

test('axe finds no violation on a filled-in benchmark, in either scheme', async () => {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await open(fileUrl(site, 'benchmarks/cities-benchmark.html'), { scheme });
    const factors = await page.$$('.factor');
    assert(factors.length > 1, `${factors.length} factors to fill in`);
    const marks = ['in-place', 'partly', 'not-yet'];
    for (let i = 0; i < factors.length; i++) {
      await factors[i].$(`input[value="${marks[i % 3]}"]`).then((r) => r.check());
      await factors[i].$('textarea').then((t) => t.fill(`Note ${i}`));
    }
    await page.click('#assessment-details summary');
    for (const v of await axeViolations(page)) found.push(`${scheme}: ${v}`);
    await page.evaluate(() => localStorage.clear());
    await context.close();
  }
  assert(found.length === 0, found.join('\n    '));
});

test('keyboard focus is visible on every element the Tab key reaches (home, record, benchmark)', async () => {
  for (const path of ['index.html', 'dps/tremplin.html', 'benchmarks/project-quality-grid.html']) {
    for (const scheme of ['light', 'dark']) {
      const { page, context } = await open(fileUrl(site, path), { scheme });
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          // The ring may be drawn by the element itself or by its card / file button.
          const ring = (node) => {
            const s = getComputedStyle(node);
            return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          };
          const holder = el.closest('.card, .file-button');
          return { name: el.tagName + ' ' + (el.textContent || el.value || '').trim().slice(0, 30),
            visible: ring(el) || (holder !== null && ring(holder)) };
        });
        if (!focus) break;
        assert(focus.visible, `${path} (${scheme}): no visible focus on ${focus.name}`);
      }
      await context.close();
    }
  }
});

await run();
await browser.close();
