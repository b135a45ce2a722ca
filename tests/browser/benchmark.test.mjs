// The benchmark pages as working tools, in chromium from file://, with the
// Content-Security-Policy of the pages in force. On a fixture catalogue
// (tests/fixtures/benchmarks/: a weighted score grid and a status checklist):
// a grid assessment is filled in from each of three perspectives and saved;
// the three are compared in the peer-review view, whose weighted scores must
// match a hand computation; a consensus is filled in, saved and loaded back
// unchanged; a checklist's development plan is exported (HTML, Markdown, CSV,
// JSON) and its links lead to the factor pages; axe finds no violation in any
// of these states; and no console error is logged, downloads included. On
// the shipped catalogue: each benchmark is presented whole with the marks its
// scoring declares, a EUROCITIES plan links to pages that exist, and without
// JavaScript a page is a printable grid.
//
// Screenshots of each step go to $PASSERELLE_SHOTS (default: none).
//
// Usage: node tests/browser/benchmark.test.mjs [path/to/passerelle]
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, buildSite, deadline, launch, runner } from './lib/harness.mjs';
import { buildShippedSite, fileUrl, sourceDir } from './pages-support.mjs';

deadline('benchmark tests', 240);
const binary = resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));
const fixture = buildSite(binary, join(sourceDir, 'tests', 'fixtures', 'benchmarks'), sourceDir);
const shipped = buildShippedSite();
const browser = await launch();
const { test, run } = runner();
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-benchmark-'));
const shots = process.env.PASSERELLE_SHOTS || '';
if (shots) mkdirSync(shots, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const HOSTILE = '<img src=x onerror="window.__pwned=1"> & "quotes"';
const GRID = 'benchmarks/grid.html';
const CHECKLIST = 'benchmarks/checklist.html';

// One context for the stateful tests, so localStorage carries over. Console
// errors include the policy's: a blocked inline style or script logs one.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const errors = [];
async function open(site, path, where = context) {
  const page = await where.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${path}: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  await page.goto(fileUrl(site, path));
  return page;
}
// A page whole, or one part of it (a locator).
async function shot(target, name) {
  if (shots) await target.screenshot({ path: join(shots, name), ...(typeof target.url === 'function' ? { fullPage: true } : {}) });
}
// axe through the DevTools protocol, which the page's policy does not govern.
async function axe(page, state) {
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => window.axe.run(document, { preload: false, runOnly: { type: 'tag', values: tags } }), TAGS);
  const found = result.violations.map((v) => `${state}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)})`);
  assert(found.length === 0, found.join('\n  '));
}
async function download(page, selector, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(scratch, name);
  await file.saveAs(path);
  return { path, suggested: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
const statusSays = (page, id, start) => page.waitForFunction(([box, text]) =>
  document.getElementById(box).textContent.startsWith(text), [id, start]);
// theme/benchmark.js keeps the answers 400 ms after typing stops.
const kept = (page, subject, factor, field, value) => page.waitForFunction(([s, f, k, v]) => {
  const benchmark = document.querySelector('[data-benchmark]').dataset.benchmark;
  const saved = JSON.parse(localStorage.getItem('passerelle.assessment.' + benchmark + '|' + s) || 'null');
  return saved !== null && saved.answers.some((a) => a.factor === f && a[k] === v);
}, [subject, factor, field, value]);

// The grid's scores by perspective: [m1, m2, m3] mandatory, [d1, d2]
// discretionary ('' = not scored), weights 2/3 and 1/3.
const SUBJECT = 'Welcome guide';
const SCORES = {
  author: { name: 'Ana Vale', m: [5, 4, 3], d: [4, 2] },
  peer: { name: 'Tito Matos', m: [3, 4, 4], d: [2, 2] },
  expert: { name: 'Jorge Malheiros', m: [4, 4, 3], d: [3, ''] },
};
// By hand: the mean of each group's scored criteria, times its weight.
//   author: mandatory (5+4+3)/3 = 4, discretionary (4+2)/2 = 3: 2/3·4 + 1/3·3 = 11/3 ≈ 3.67
//   peer:   mandatory (3+4+4)/3 = 11/3, discretionary 2:        2/3·11/3 + 1/3·2 = 28/9 ≈ 3.11
//   expert: mandatory (4+4+3)/3 = 11/3, discretionary 3 alone:  2/3·11/3 + 1/3·3 = 31/9 ≈ 3.44
//   consensus m 4, 4, 3 and d 3, 2: 2/3·11/3 + 1/3·2.5 = 29.5/9 ≈ 3.28
const BY_HAND = { author: '3.67', peer: '3.11', expert: '3.44', consensus: '3.28' };
const CONSENSUS = { 'grid-m1': '4', 'grid-m3': '3', 'grid-d1': '3' };  // the rows that differ
const files = {};

// Clicks the print button of `action` under print media and says, for each
// named selector, whether what it finds would be printed.
async function printedParts(page, action, selectors) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate((wanted) => {
    window.print = () => {
      const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
      window.__printed = Object.fromEntries(Object.entries(wanted)
        .map(([name, selector]) => [name, shown(document.querySelector(selector))]));
    };
  }, selectors);
  await page.$eval(`[data-action="${action}"]`, (b) => b.click());
  return page.evaluate(() => window.__printed);
}

test('the grid is filled in from each perspective, kept per subject and saved as JSON', async () => {
  const page = await open(fixture, GRID);
  await axe(page, 'empty grid');
  await shot(page, '01-grid-empty.png');
  assert(await page.textContent('.factor[data-factor="grid-m1"] .undefined') !== null, 'no "not defined" note');
  assert(await page.$$eval('.factor[data-factor="grid-m1"] input[type=radio]', (r) => r.map((x) => x.value).join()) === '1,2,3,4,5',
    'the scale is not the declared one');
  assert(await page.isVisible('#replaced-grid-d1') && !(await page.isVisible('#replaced-grid-m1')),
    'only discretionary criteria can be replaced');
  for (const [perspective, s] of Object.entries(SCORES)) {
    if (perspective !== 'author') await page.click('[data-action="clear"]');
    await page.fill('#assessment-subject', SUBJECT);
    await page.press('#assessment-subject', 'Tab');
    await page.fill('#assessment-assessor', s.name);
    await page.selectOption('#assessment-perspective', perspective);
    await page.fill('#assessment-date', '2026-03-0' + (Object.keys(SCORES).indexOf(perspective) + 1));
    for (const [group, scores] of [['m', s.m], ['d', s.d]])
      for (let i = 0; i < scores.length; i++)
        if (scores[i] !== '') await page.check(`.factor[data-factor="grid-${group}${i + 1}"] input[value="${scores[i]}"]`);
    await page.fill('#evidence-grid-m1', `${perspective}: ${HOSTILE}`);
    if (perspective === 'peer') {
      await page.fill('#replaced-grid-d2', 'Cost');
      await page.click('.factor[data-factor="grid-m2"] .more-answers summary');
      await page.fill('#strengths-grid-m2', 'Clear language');
    }
    await kept(page, SUBJECT, 'grid-m1', 'evidence', `${perspective}: ${HOSTILE}`);
    const hand = BY_HAND[perspective];
    assert((await page.textContent('#assessment-tally')).startsWith(`Weighted score: ${hand} on 1 to 5`),
      `${perspective}: ${await page.textContent('#assessment-tally')}`);
    await shot(page, `02-grid-${perspective}.png`);
    if (perspective === 'peer') await axe(page, 'filled grid');
    const saved = await download(page, '[data-action="export-json"]', `${perspective}.json`);
    assert(/^grid-welcome-guide-assessment-\d{4}-\d\d-\d\d\.json$/.test(saved.suggested), saved.suggested);
    const data = JSON.parse(saved.text);
    assert(data.subject === SUBJECT && data.assessor === s.name && data.perspective === perspective, saved.text);
    files[perspective] = saved.path;
  }
  // Kept in the browser for this subject: a reload brings the last one back.
  await page.reload();
  assert((await page.inputValue('#assessment-assessor')) === 'Jorge Malheiros', 'the header was not kept');
  assert(await page.isChecked('.factor[data-factor="grid-d1"] input[value="3"]'), 'a score was not kept');
  await page.close();
});

test('the peer review shows the three side by side, marks where they differ, and weighs them as by hand', async () => {
  const page = await open(fixture, GRID);
  await page.setInputFiles('#peer-import', [files.author, files.peer, files.expert]);
  await page.waitForSelector('#peer-review[data-compared="3"]');
  const heads = await page.$$eval('.comparison thead th', (th) => th.map((t) => t.textContent));
  assert(heads.join('|') === 'Criterion|Ana Vale (Authors)|Tito Matos (Peers)|Jorge Malheiros (External experts)|Agreement|Consensus',
    heads.join('|'));
  const rows = await page.$$eval('.comparison tbody tr[data-factor]', (trs) => trs.map((tr) => ({
    id: tr.dataset.factor, differs: tr.classList.contains('differs'),
    said: tr.querySelector('.agreement').textContent })));
  const differing = rows.filter((r) => r.differs).map((r) => r.id);
  assert(differing.join() === 'grid-m1,grid-m3,grid-d1', `differing rows: ${differing}`);
  assert(rows.every((r) => r.said === (r.differs ? 'Differs' : 'Agrees')), 'a row does not say whether it agrees');
  assert(await page.textContent('tr[data-factor="grid-d2"] th') === '2. Autonomy', 'factor names');
  const scores = await page.$$eval('.comparison .weighted-score', (tds) => tds.map((t) => t.textContent));
  assert(scores.slice(0, 3).join() === [BY_HAND.author, BY_HAND.peer, BY_HAND.expert].join(), `scores ${scores}`);
  assert(await page.$eval('select[data-consensus="grid-m2"]', (s) => s.value) === '4', 'an agreed score was not proposed');
  await axe(page, 'peer review');
  await shot(page.locator('#peer-review'), '03-peer-review.png');
  for (const [factor, score] of Object.entries(CONSENSUS)) await page.selectOption(`select[data-consensus="${factor}"]`, score);
  await page.fill('input[data-consensus-note="grid-m1"]', 'Agreed after discussion');
  assert(await page.textContent('.consensus-score') === BY_HAND.consensus, await page.textContent('.consensus-score'));
  await axe(page, 'consensus filled');
  await shot(page.locator('#peer-review'), '04-consensus.png');
  const saved = await download(page, '[data-action="consensus-json"]', 'consensus.json');
  const data = JSON.parse(saved.text);
  assert(data.perspective === 'consensus' && data.subject === SUBJECT &&
    data.assessor === 'Ana Vale, Tito Matos, Jorge Malheiros', saved.text);
  const marks = Object.fromEntries(data.answers.map((a) => [a.factor, a.mark]));
  assert(JSON.stringify(marks) === JSON.stringify({ 'grid-m1': '4', 'grid-m2': '4', 'grid-m3': '3', 'grid-d1': '3', 'grid-d2': '2' }),
    JSON.stringify(marks));
  files.consensus = saved;

  // Print comparison: the table alone.
  const printed = await printedParts(page, 'print-comparison', { table: '.comparison', factors: '.factor-group',
    tool: '#assessment', buttons: '#peer-review .tool-buttons' });
  assert(printed && printed.table && !printed.factors && !printed.tool && !printed.buttons, JSON.stringify(printed));
  await page.evaluate(() => document.documentElement.classList.add('print-comparison'));
  await shot(page, '04b-comparison-print.png');
  await page.close();
});

test('the consensus loads back as an assessment and saves unchanged', async () => {
  const page = await open(fixture, GRID);
  await page.setInputFiles('#assessment-import', files.consensus.path);
  await statusSays(page, 'assessment-status', 'Loaded 5 answers from consensus.json');
  assert((await page.inputValue('#assessment-perspective')) === 'consensus', 'the perspective was lost');
  assert((await page.textContent('#assessment-tally')).startsWith(`Weighted score: ${BY_HAND.consensus} on 1 to 5`),
    await page.textContent('#assessment-tally'));
  const again = await download(page, '[data-action="export-json"]', 'consensus-again.json');
  const strip = (text) => { const d = JSON.parse(text); delete d.saved; return JSON.stringify(d); };
  assert(strip(again.text) === strip(files.consensus.text), `changed on the way:\n${again.text}\n${files.consensus.text}`);
  await shot(page, '05-consensus-reloaded.png');
  const summary = await download(page, '[data-action="export-summary"]', 'summary.html');
  assert(!summary.text.includes('<script') && !summary.text.includes('<img'), 'the summary holds markup from an answer');
  await page.close();
});

test('a checklist\'s development plan lists what is not in place, in four formats, linking to its pages', async () => {
  const page = await open(fixture, CHECKLIST);
  await page.fill('#assessment-subject', 'Lyon');
  await page.press('#assessment-subject', 'Tab');
  await page.fill('#assessment-assessor', 'City equality unit');
  await page.selectOption('#assessment-perspective', 'self');
  const ids = await page.$$eval('.factor', (fs) => fs.map((f) => f.dataset.factor));
  assert(ids.join() === 'checklist-1,checklist-2,checklist-3', ids.join());
  await page.check('#factor-checklist-1 input[value="in-place"]');
  await page.check('#factor-checklist-2 input[value="partly"]');
  await page.check('#factor-checklist-3 input[value="not-yet"]');
  for (const [id, steps, owner, due] of [['checklist-2', 'Train front-desk staff', 'HR', '2026-06-30'],
    ['checklist-3', HOSTILE, 'Policy team', '2026-09-01']]) {
    await page.click(`#factor-${id} .more-answers summary`);
    await page.fill(`#next-${id}`, steps);
    await page.fill(`#owner-${id}`, owner);
    await page.fill(`#due-${id}`, due);
  }
  await kept(page, 'Lyon', 'checklist-3', 'due', '2026-09-01');
  assert((await page.textContent('#assessment-tally')).startsWith('In place: 1 · Partly: 1 · Not yet: 1'), await page.textContent('#assessment-tally'));
  await axe(page, 'filled checklist');
  await shot(page, '06-checklist-filled.png');

  const html = await download(page, '[data-action="plan-html"]', 'plan.html');
  assert(/^checklist-lyon-plan-\d{4}-\d\d-\d\d\.html$/.test(html.suggested), html.suggested);
  assert(!html.text.includes('<script') && !html.text.includes('<img') && html.text.includes('&lt;img src=x'),
    'the plan holds markup from an answer');
  assert(html.text.includes('Train front-desk staff') && html.text.includes('Policy team') && !html.text.includes('Public commitment'),
    'the plan does not list exactly the factors not in place');
  const links = [...html.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  assert(links.length === 3, `links: ${links}`);
  for (const link of links) assert(link.startsWith('file://') && existsSync(fileURLToPath(link.split('#')[0])), `${link} leads nowhere`);
  assert(links.some((l) => l.endsWith('factors/checklist-2.html')) && links.some((l) => l.endsWith('factors/checklist-3.html')),
    `links: ${links}`);
  const shown = await open(fixture, CHECKLIST);
  await shown.goto('file://' + html.path);
  assert(await shown.evaluate(() => window.__pwned === undefined), 'the plan ran an answer');
  await shot(shown, '07-plan-html.png');
  await shown.close();

  const md = await download(page, '[data-action="plan-markdown"]', 'plan.md');
  assert(md.text.includes('## [2. Staff training](<' + links[1] + '>)') && md.text.includes('\\<img src=x'), md.text);
  const csv = await download(page, '[data-action="plan-csv"]', 'plan.csv');
  const lines = csv.text.trim().split('\r\n');
  assert(lines.length === 3 && lines[0] === 'Factor,Mark,Next steps,Owner,Due by,Address' &&
    lines[1] === `2. Staff training,Partly,Train front-desk staff,HR,2026-06-30,${links[1]}`, csv.text);
  const json = JSON.parse((await download(page, '[data-action="plan-json"]', 'plan.json')).text);
  assert(json.plan.length === 2 && json.plan[1].owner === 'Policy team' && json.plan[1].url === links[2], JSON.stringify(json.plan));

  // Print plan: the plan alone.
  const printed = await printedParts(page, 'print-plan', { plan: '#assessment-plan table', factors: '.factor-group',
    title: 'h1', peer: '#peer-review' });
  assert(printed && printed.plan && printed.title && !printed.factors && !printed.peer, JSON.stringify(printed));
  await page.evaluate(() => document.documentElement.classList.add('print-plan'));
  await shot(page, '08-plan-print.png');
  await page.evaluate(() => document.documentElement.classList.remove('print-plan'));
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('a peer review of the checklist compares statuses; a file of another benchmark is refused', async () => {
  const page = await open(fixture, CHECKLIST);
  await page.setInputFiles('#peer-import', [join(scratch, 'plan.json'), files.author]);
  await page.waitForSelector('#peer-review[data-compared="1"]');
  assert((await page.textContent('#peer-status')).includes('author.json is an assessment of another benchmark (Product grid)'),
    await page.textContent('#peer-status'));
  await page.click('[data-action="consensus-json"]');
  assert((await page.textContent('#peer-status')) === 'Load two or more assessments first.', await page.textContent('#peer-status'));
  await axe(page, 'checklist peer review');
  await page.close();
});

test('the shipped benchmarks offer the marks their scoring declares, and a EUROCITIES plan links to its pages', async () => {
  const expected = {
    'benchmarks/eurocities-anti-discrimination.html': [18, 3, 0],
    'benchmarks/impart-core.html': [8, 3, 0],
    'benchmarks/pt-validation-grid.html': [11, 5, 6],
  };
  for (const [path, [factors, marks, undefinedCount]] of Object.entries(expected)) {
    const page = await open(shipped, path);
    const found = await page.$$eval('.factor', (fs) => fs.map((f) => f.querySelectorAll('.mark input[type=radio]').length));
    assert(found.length === factors && found.every((n) => n === marks), `${path}: ${found}`);
    assert(await page.$$eval('.undefined', (u) => u.length) === undefinedCount, `${path}: "not defined" notes`);
    assert(await page.isVisible('.assessment-tools') && await page.isVisible('#peer-review'), `${path}: tools hidden`);
    if (path.includes('eurocities')) {
      const ids = await page.$$eval('.factor', (fs) => fs.map((f) => f.dataset.factor));
      await page.check(`#factor-${ids[0]} input[value="not-yet"]`);
      await page.check(`#factor-${ids[1]} input[value="in-place"]`);
      const plan = await download(page, '[data-action="plan-html"]', 'eurocities-plan.html');
      const links = [...plan.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      assert(links.length === 18, `${links.length} links`);  // the benchmark, and 17 factors not in place
      for (const link of links) assert(existsSync(fileURLToPath(link.split('#')[0])), `${link} leads nowhere`);
    }
    await page.close();
  }
});

test('answers kept by the first version of the tool come back', async () => {
  const fresh = await browser.newContext();
  const page = await open(fixture, CHECKLIST, fresh);
  await page.evaluate(() => localStorage.setItem('passerelle.assessment.benchmarks/checklist', JSON.stringify(
    { format: 'passerelle-assessment', version: 1, answers: { 'checklist-2': { status: 'partly', note: 'Half the staff' } } })));
  await page.reload();
  assert(await page.isChecked('#factor-checklist-2 input[value="partly"]'), 'an old mark was lost');
  assert((await page.inputValue('#evidence-checklist-2')) === 'Half the staff', 'an old note was lost');
  await fresh.close();
});

test('without JavaScript the page is a printable grid', async () => {
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const page = await plain.newPage();
  await page.goto(fileUrl(fixture, GRID));
  assert(await page.isVisible('.no-script') && !(await page.isVisible('.assessment-tools')), 'no-script note hidden');
  assert(!(await page.isVisible('#peer-review')), 'the peer review shows without its script');
  assert(await page.$$eval('.factor fieldset', (f) => f.length) === 5, 'the grid lacks criteria');
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => ({
    fieldsets: getComputedStyle(document.querySelector('.factor fieldset')).display,
    header: getComputedStyle(document.querySelector('.site-header')).display,
  }));
  assert(print.fieldsets !== 'none' && print.header === 'none', JSON.stringify(print));
  assert((await page.pdf({ format: 'A4' })).length > 10_000, 'the grid did not print');
  await plain.close();
});

test('no console error in any state, downloads included, and no answer ever ran', async () => {
  assert(errors.length === 0, errors.join('\n  '));
  const page = await open(fixture, GRID);
  assert(await page.evaluate(() => window.__pwned === undefined), 'an answer ran');
  await page.close();
});

await run();
await context.close();
await browser.close();
