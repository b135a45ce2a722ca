// Collection pages in chromium (issue 14, "which ones?"): each lists every
// record of its collection (counted from catalogue.json) with or without
// JavaScript; grouped pages lead from their jump links to their groups; the
// filter box appears only when its script runs, hides the entries that do
// not match and the groups left empty, says how many remain in a polite
// live region, is reached and cleared with the keyboard, and works from
// file:// as over http; axe finds no violation on the page types the page
// tests leave out (A–Z, nested, filtered), in either colour scheme. Queries
// come from catalogue.json, not from editors' wording.
//
// The pages are those of the browser tests' catalogue (tests/fixtures/browser/),
// written to have groups, subgroups, shared titles and enough entries to
// scroll. The shipped catalogue's collection pages (content/) are checked
// too for what holds of any records: each lists all of them, and its jump
// links lead to groups that show.
//
// Usage: node tests/browser/collections.test.mjs [path/to/passerelle]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assert, deadline, launch, runner, serve } from './lib/harness.mjs';
import { buildFixtureSite, buildShippedSite, fileUrl } from './pages-support.mjs';

deadline('collection page tests', 280);
const site = buildFixtureSite();
const shipped = buildShippedSite();
const recordsOf = (root) => JSON.parse(readFileSync(join(root, 'catalogue.json'), 'utf8')).records
  .map((r) => ({ ...r, title: r.fields.title }));
const records = recordsOf(site);
const inCollection = (id) => records.filter((r) => r.collection === id);
// The collections of tests/fixtures/browser/schema.yaml with group_by.
const GROUPED = ['recommendations', 'factors', 'dps', 'initiatives', 'organisations'];
const fold = (text) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

const browser = await launch();
const { test, run } = runner();

async function open(url, { javaScript = true, width = 1280 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, errors };
}

// What the page shows: distinct records listed and visible, groups, jump links.
function listed(page) {
  return page.evaluate(() => {
    const visible = (el) => !!el && el.getClientRects().length > 0;
    const entries = [...document.querySelectorAll('#collection-list .record-list > li')];
    const shown = entries.filter(visible);
    const groups = [...document.querySelectorAll('#collection-list .record-group')];
    return {
      all: new Set(entries.map((li) => li.querySelector('a.record-title').getAttribute('href'))).size,
      shown: new Set(shown.map((li) => li.querySelector('a.record-title').getAttribute('href'))).size,
      // An entry's text and its own group's heading: what the filter matches.
      shownTexts: shown.map((li) => {
        const group = li.closest('.record-group');
        return li.textContent + ' ' + (group ? group.querySelector(':scope > h2, :scope > h3').textContent : '');
      }),
      groups: groups.length,
      // A group is shown exactly when it holds a shown entry.
      groupsConsistent: groups.every((g) => visible(g) === [...g.querySelectorAll('.record-list > li')].some(visible)),
      jumps: [...document.querySelectorAll('.jump-links a')].map((a) => ({
        target: a.getAttribute('href'), shown: visible(a),
        exists: !!document.getElementById(a.getAttribute('href').slice(1)),
        targetShown: visible(document.getElementById(a.getAttribute('href').slice(1))),
      })),
      box: visible(document.getElementById('list-filter')),
      status: document.getElementById('list-filter-status').textContent,
    };
  });
}

test('without JavaScript every collection page lists all its records, with no filter box (both sites)', async () => {
  for (const [name, root] of [['fixture', site], ['shipped', shipped]]) {
    const all = recordsOf(root);
    for (const id of new Set(all.map((r) => r.collection))) {
      const { page, context } = await open(fileUrl(root, `${id}/index.html`), { javaScript: false });
      const seen = await listed(page);
      const expected = all.filter((r) => r.collection === id).length;
      assert(seen.all === expected && seen.shown === expected,
        `${name} ${id}: ${seen.shown} of ${seen.all} shown, catalogue.json has ${expected}`);
      assert(!seen.box, `${name} ${id}: the filter box shows without JavaScript`);
      if (name === 'fixture' && GROUPED.includes(id))
        assert(seen.groups >= 2 && seen.jumps.length >= 2, `${id}: ${seen.groups} groups, ${seen.jumps.length} jump links`);
      const broken = seen.jumps.filter((j) => !j.exists || !j.targetShown);
      assert(broken.length === 0, `${name} ${id}: jump links lead nowhere: ${broken.map((j) => j.target)}`);
      await context.close();
    }
  }
});

test('a jump link brings its group into view, from file:// and over http', async () => {
  const server = await serve(site);
  try {
    for (const base of [fileUrl(site, '') + '/', server.url]) {
      const { page, context } = await open(base + 'organisations/index.html', { width: 390 });
      const links = await page.$$('.jump-links a');
      const middle = links[Math.floor(links.length / 2)];
      const target = await middle.getAttribute('href');
      await middle.click();
      const where = await page.evaluate((id) => [location.hash, document.getElementById(id.slice(1)).getBoundingClientRect().top,
        window.scrollY, window.innerHeight], target);
      assert(where[0] === target && where[2] > 0 && where[1] >= -1 && where[1] < where[3] / 2,
        `${base}: after ${target} the group is at ${where[1]} px, scrolled ${where[2]}`);
      await context.close();
    }
  } finally {
    await server.close();
  }
});

// Types `query` into the filter box, by keyboard, and returns what shows.
async function filtered(page, query) {
  await page.fill('#list-filter-input', '');
  await page.focus('#list-filter-input');
  await page.keyboard.type(query);
  return listed(page);
}

for (const mode of ['file', 'http']) {
  test(`the filter box keeps the matching entries and says how many (${mode})`, async () => {
    const server = mode === 'http' ? await serve(site) : null;
    try {
      for (const id of ['recommendations', 'organisations', 'sources']) {
        const url = server ? `${server.url}${id}/index.html` : fileUrl(site, `${id}/index.html`);
        const { page, context, errors } = await open(url);
        const total = inCollection(id).length;
        assert((await listed(page)).box, `${id}: no filter box with JavaScript`);
        // A record's own title finds it, and only entries holding every word.
        const record = inCollection(id).reduce((a, b) => (a.title.length >= b.title.length ? a : b));
        const words = fold(record.title).match(/[\p{L}\p{N}]+/gu).slice(0, 3);
        let seen = await filtered(page, words.join(' '));
        assert(seen.shown >= 1 && seen.shown <= total, `${id}: "${words.join(' ')}" shows ${seen.shown}`);
        assert(seen.shownTexts.some((t) => t.includes(record.title)), `${id}: "${record.title}" is not among the entries shown`);
        for (const text of seen.shownTexts) {
          const held = fold(text).match(/[\p{L}\p{N}]+/gu);
          assert(words.every((w) => held.some((h) => h.startsWith(w))), `${id}: shown but does not match: ${text.slice(0, 80)}`);
        }
        assert(seen.groupsConsistent, `${id}: a group is shown empty, or hidden with entries`);
        assert(seen.status === `${seen.shown} of ${total} records ${seen.shown === 1 ? 'matches' : 'match'}.`, `${id}: status "${seen.status}" for ${seen.shown}`);
        assert(seen.jumps.every((j) => j.shown === j.targetShown), `${id}: a jump link to a hidden group is shown, or the reverse`);
        const live = await page.$eval('#list-filter-status', (s) => [s.getAttribute('role'), s.getAttribute('aria-live')]);
        assert(live[0] === 'status' && live[1] === 'polite', `${id}: the count is not in a polite live region`);
        // Nothing matches: no entry, no group, a way back.
        seen = await filtered(page, 'zqxjvkw');
        assert(seen.shown === 0 && seen.groupsConsistent, `${id}: "zqxjvkw" shows ${seen.shown}`);
        assert(seen.status.startsWith('No record matches'), `${id}: status "${seen.status}"`);
        // Escape brings the whole list back.
        await page.keyboard.press('Escape');
        seen = await listed(page);
        assert(seen.shown === total && seen.status === `All ${total} records shown.`, `${id}: after Escape ${seen.shown} of ${total}, "${seen.status}"`);
        assert(errors.length === 0, `${id}: ${errors.join('; ')}`);
        await context.close();
      }
    } finally {
      if (server) await server.close();
    }
  });
}

test('the filter box is reached by Tab and named by its label', async () => {
  const { page, context } = await open(fileUrl(site, 'recommendations/index.html'));
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.id === 'list-filter-input');
  }
  assert(reached, 'Tab never reaches the filter box');
  const name = await page.evaluate(() => document.activeElement.labels[0].textContent.trim());
  assert(name === 'Filter this list', `the box is labelled "${name}"`);
  await page.keyboard.type('union');
  const seen = await listed(page);
  assert(seen.shown > 0 && seen.shown < inCollection('recommendations').length, `"union" shows ${seen.shown}`);
  await context.close();
});

test('factors that share a title are told apart by their group and number', async () => {
  const byTitle = new Map();
  for (const r of inCollection('factors')) byTitle.set(r.title, [...(byTitle.get(r.title) || []), r]);
  const shared = [...byTitle.values()].filter((list) => list.length > 1);
  assert(shared.length > 0, 'no two factors share a title: nothing to tell apart');
  const { page, context } = await open(fileUrl(site, 'factors/index.html'), { javaScript: false });
  for (const list of shared) {
    const seen = await page.evaluate((urls) => urls.map((url) => {
      const a = document.querySelector(`a.record-title[href="../${url}"]`);
      const groups = [];
      for (let g = a.closest('.record-group'); g; g = g.parentElement.closest('.record-group'))
        groups.unshift(g.querySelector(':scope > h2, :scope > h3').firstChild.textContent.trim());
      return { number: a.querySelector('.record-number') ? a.querySelector('.record-number').textContent : '', where: groups.join(' / ') };
    }), list.map((r) => r.url));
    assert(seen.every((s) => s.number !== ''), `"${list[0].title}": an entry without its number`);
    assert(new Set(seen.map((s) => s.where)).size === seen.length, `"${list[0].title}" twice under ${seen.map((s) => s.where)}`);
  }
  await context.close();
});

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

test('axe finds no violation on A–Z, nested and filtered lists, light and dark, with visible focus', async () => {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    for (const [path, query, width] of [['organisations/index.html', '', 390], ['factors/index.html', '', 1280],
      ['recommendations/index.html', 'union', 1280]]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(fileUrl(site, path));
      if (query) {
        await page.fill('#list-filter-input', query);
        await page.waitForFunction(() => document.getElementById('list-filter-status').textContent !== '');
      }
      // The filter box and a jump link show where the keyboard is.
      for (const selector of ['#list-filter-input', '.jump-links a']) {
        await page.focus(selector);
        const ring = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement);
          return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        });
        if (!ring) found.push(`${scheme} ${path}: no visible focus on ${selector}`);
      }
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
      for (const v of result.violations)
        found.push(`${scheme} ${path} ${query}: ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      await context.close();
    }
  }
  assert(found.length === 0, found.join('\n    '));
});

await run();
await browser.close();
