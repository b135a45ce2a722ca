// The benchmark pages as working tools, in chromium from file://: each
// benchmark is presented whole and in order; marks and notes are kept in
// localStorage per benchmark, saved as JSON and as an HTML summary, loaded
// back from a file, cleared; "Print summary" prints the answers only; and
// without JavaScript the page is a printable checklist.
//
// Usage: node tests/browser/benchmark.test.mjs [path/to/passerelle]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, deadline, launch, runner } from './lib/harness.mjs';
import { buildShippedSite, fileUrl } from './pages-support.mjs';

deadline('benchmark tests', 120);
const site = buildShippedSite();
const browser = await launch();
const { test, run } = runner();
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-benchmark-'));
const EUROCITIES = 'benchmarks/eurocities-anti-discrimination.html';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> & "quotes"';

// One browser context for the stateful tests, so localStorage carries over.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const errors = [];
async function open(path) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => d.accept());
  await page.goto(fileUrl(site, path));
  return page;
}
const factorIds = (page) => page.$$eval('.factor', (fs) => fs.map((f) => f.dataset.factor));
const tally = (page) => page.textContent('#assessment-tally');
// Resolves once localStorage holds `note` for the factor: theme/benchmark.js
// saves the answers 400 ms after typing stops, then redraws the tally.
const noteSaved = (page, factor, note) => page.waitForFunction(([id, text]) => {
  const benchmark = document.querySelector('[data-benchmark]').dataset.benchmark;
  const saved = JSON.parse(localStorage.getItem('passerelle.assessment.' + benchmark) || 'null');
  return saved !== null && saved.answers[id] !== undefined && saved.answers[id].note === text;
}, [factor, note]);

test('each benchmark presents its standard and factors whole, in order, with a mark and a note per factor', async () => {
  const expected = {
    'benchmarks/eurocities-anti-discrimination.html': [['Key factors', 11], ['Contextual factors', 7]],
    'benchmarks/impart-core.html': [['Core factors', 8]],
    'benchmarks/pt-validation-grid.html': [['Mandatory factors', 6], ['Discretionary factors', 5]],
  };
  for (const [path, groups] of Object.entries(expected)) {
    const page = await open(path);
    const found = await page.$$eval('.factor-group', (gs) => gs.map((g) => ({
      label: g.querySelector('h2').firstChild.textContent.trim(),
      numbers: [...g.querySelectorAll('.factor')].map((f) => Number(f.dataset.number)),
      marks: g.querySelectorAll('.factor fieldset input[type=radio]').length,
      notes: g.querySelectorAll('.factor textarea').length,
    })));
    assert(found.length === groups.length, `${path}: ${found.length} groups`);
    groups.forEach(([label, n], i) => {
      const g = found[i];
      assert(g.label === label, `${path}: group ${i} is ${g.label}`);
      assert(g.numbers.join() === Array.from({ length: n }, (_, k) => k + 1).join(), `${path} ${label}: ${g.numbers}`);
      assert(g.marks === 3 * n && g.notes === n, `${path} ${label}: ${g.marks} marks, ${g.notes} notes`);
    });
    if (path.includes('eurocities')) {
      const text = await page.textContent('main');
      assert(text.includes('The standard') && text.includes('Guiding questions') && text.includes('Examples'),
        'the standard, guiding questions or examples are missing');
      assert(await page.isVisible('.assessment-tools') && !(await page.isVisible('.no-script')), 'tools hidden');
    }
    await page.close();
  }
});

test('marks and notes are kept per benchmark across reloads', async () => {
  const page = await open(EUROCITIES);
  const ids = await factorIds(page);
  await page.check(`#factor-${ids[0]} input[value="in-place"]`);
  await page.check(`#factor-${ids[1]} input[value="partly"]`);
  await page.check(`#factor-${ids[12]} input[value="not-yet"]`);
  await page.fill(`#note-${ids[0]}`, HOSTILE);
  await noteSaved(page, ids[0], HOSTILE);
  assert((await tally(page)).startsWith('In place: 1 · Partly: 1 · Not yet: 1 · Not marked: 15 of 18'), await tally(page));
  await page.reload();
  assert(await page.isChecked(`#factor-${ids[0]} input[value="in-place"]`), 'mark lost on reload');
  assert(await page.isChecked(`#factor-${ids[12]} input[value="not-yet"]`), 'mark lost on reload');
  assert((await page.inputValue(`#note-${ids[0]}`)) === HOSTILE, 'note lost on reload');
  const other = await open('benchmarks/impart-core.html');
  assert(await other.$$eval('input[type=radio]:checked', (r) => r.length) === 0, 'answers leak to another benchmark');
  await other.close();
  await page.close();
});

test('answers are saved as JSON and as an HTML summary that escapes every note', async () => {
  const page = await open(EUROCITIES);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  assert(/^eurocities-anti-discrimination-assessment-\d{4}-\d\d-\d\d\.json$/.test(json.suggestedFilename()), json.suggestedFilename());
  const jsonPath = join(scratch, 'answers.json');
  await json.saveAs(jsonPath);
  const data = JSON.parse(readFileSync(jsonPath, 'utf8'));
  assert(data.format === 'passerelle-assessment' && data.benchmark === 'benchmarks/eurocities-anti-discrimination', 'wrong header');
  assert(data.answers.length === 3 && data.answers[0].status === 'in-place' && data.answers[0].note === HOSTILE,
    JSON.stringify(data.answers));
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-summary"]')]);
  const summaryPath = join(scratch, 'summary.html');
  await html.saveAs(summaryPath);
  const summary = readFileSync(summaryPath, 'utf8');
  assert(summary.startsWith('<!DOCTYPE html>') && summary.includes('Public commitment') && summary.includes('In place'),
    'the summary lacks its answers');
  assert(!summary.includes('<img') && summary.includes('&lt;img src=x'), 'a note reached the summary unescaped');
  const shown = await browser.newPage();
  await shown.goto('file://' + summaryPath);
  assert(await shown.evaluate(() => window.__pwned === undefined), 'the summary ran a note');
  await shown.close();
  await page.close();
});

test('answers are cleared, then loaded back from the saved file; a file for another benchmark is refused', async () => {
  const page = await open(EUROCITIES);
  await page.click('[data-action="clear"]');
  assert((await tally(page)).includes('Not marked: 18 of 18'), await tally(page));
  assert(await page.evaluate(() => JSON.parse(localStorage.getItem('passerelle.assessment.benchmarks/eurocities-anti-discrimination')).answers)
    .then((a) => Object.keys(a).length === 0), 'storage not cleared');
  await page.setInputFiles('#assessment-import', join(scratch, 'answers.json'));
  await page.waitForFunction(() => document.getElementById('assessment-status').textContent.startsWith('Loaded'));
  assert((await page.textContent('#assessment-status')) === 'Loaded 3 answers from answers.json.', await page.textContent('#assessment-status'));
  const ids = await factorIds(page);
  assert(await page.isChecked(`#factor-${ids[1]} input[value="partly"]`), 'import lost a mark');
  assert((await page.inputValue(`#note-${ids[0]}`)) === HOSTILE, 'import lost a note');
  await page.reload();
  assert(await page.isChecked(`#factor-${ids[1]} input[value="partly"]`), 'imported answers were not kept');

  const other = await open('benchmarks/impart-core.html');
  await other.setInputFiles('#assessment-import', join(scratch, 'answers.json'));
  await other.waitForFunction(() => document.getElementById('assessment-status').textContent !== '');
  assert((await other.textContent('#assessment-status')).includes('another benchmark'), await other.textContent('#assessment-status'));
  writeFileSync(join(scratch, 'broken.json'), '{not json');
  await other.setInputFiles('#assessment-import', join(scratch, 'broken.json'));
  await other.waitForFunction(() => document.getElementById('assessment-status').textContent.includes('broken.json'));
  assert(await other.$$eval('input[type=radio]:checked', (r) => r.length) === 0, 'a refused file changed answers');
  await other.close();
  await page.close();
});

test('"Print summary" prints the answers alone', async () => {
  const page = await open(EUROCITIES);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    window.print = () => {
      const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
      window.__printed = { factors: shown(document.querySelector('.factor-group')), table: shown(document.querySelector('.summary-table')),
        title: shown(document.querySelector('h1')) };
    };
  });
  // The buttons are hidden in print, so the click comes from the page itself.
  await page.$eval('[data-action="print-summary"]', (b) => b.click());
  const printed = await page.evaluate(() => window.__printed);
  assert(printed && printed.table && printed.title && !printed.factors, JSON.stringify(printed));
  assert(!(await page.evaluate(() => document.documentElement.classList.contains('print-summary'))), 'summary mode left on');
  await page.close();
});

test('without JavaScript the page is a printable checklist', async () => {
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const page = await plain.newPage();
  await page.goto(fileUrl(site, 'benchmarks/pt-validation-grid.html'));
  assert(await page.isVisible('.no-script') && !(await page.isVisible('.assessment-tools')), 'no-script note hidden');
  assert(await page.$$eval('.factor fieldset', (f) => f.length) === 11, 'the checklist lacks factors');
  await page.check('.factor input[value="partly"]');  // the controls work without the script
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => ({
    fieldsets: getComputedStyle(document.querySelector('.factor fieldset')).display,
    header: getComputedStyle(document.querySelector('.site-header')).display,
  }));
  assert(print.fieldsets !== 'none' && print.header === 'none', JSON.stringify(print));
  assert((await page.pdf({ format: 'A4' })).length > 10_000, 'the checklist did not print');
  await plain.close();
});

test('no page error and no note ever ran', async () => {
  assert(errors.length === 0, errors.join('; '));
  const page = await open(EUROCITIES);
  assert(await page.evaluate(() => window.__pwned === undefined), 'a note ran');
  await page.close();
});

await run();
await context.close();
await browser.close();
