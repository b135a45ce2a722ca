// The form editor (issue 21) in chromium: a copy of the shipped catalogue
// with `cms: {backend: test-repo}` is built, its admin/ served on 127.0.0.1,
// and Sveltia CMS's test backend (a repository in the browser's private file
// system, seeded here with the catalogue's records) lists the collections,
// opens dps/espere with its countries, themes and actors as chosen labels
// and its lead partner as a relation searched among the organisations, and
// saves a record whose front matter `passerelle check` accepts.
//
// Nothing may leave the machine: every request not to 127.0.0.1 is refused
// and the test fails if one was made. The editor's update check and its
// fonts' CDN are refused by the admin page's policy before any request
// (generator/cms/cms_config.cpp); those refusals are the only console
// errors allowed.
//
// With PASSERELLE_SHOTS=DIR, screenshots of the collection list and the
// record's form are saved there.
//
// Usage: node tests/browser/cms.test.mjs [path/to/passerelle]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, buildSite, deadline, launch, runner, serve } from './lib/harness.mjs';
import { sourceDir } from './pages-support.mjs';

deadline('form editor tests', 240);
const shots = process.env.PASSERELLE_SHOTS;

// The repository editors work in: the catalogue under content/.
const repo = mkdtempSync(join(tmpdir(), 'passerelle-cms-'));
const content = join(repo, 'content');
cpSync(join(sourceDir, 'content'), content, { recursive: true });
appendFileSync(join(content, 'catalogue.yaml'), 'cms: {backend: test-repo, folder: content}\n');
const binary = resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));
const site = buildSite(binary, content, sourceDir);
const config = readFileSync(join(site, 'admin', 'config.yml'), 'utf8');

// The collections as config.yml lists them (name, then label).
const collections = [...config.matchAll(/^ {2}- name: (\S+)\n {4}label: (.+)$/gm)]
  .map(([, name, label]) => ({ name, label }));
// The records the test repository starts with: every file of every collection.
const records = {};
for (const { name } of collections) {
  for (const file of readdirSync(join(content, name)).filter((f) => f.endsWith('.md')))
    records[`content/${name}/${file}`] = readFileSync(join(content, name, file), 'utf8');
}
// value → label of a field's options in config.yml, from the dps collection.
function optionsOf(field) {
  const dps = config.slice(config.indexOf('  - name: dps\n'));
  const start = dps.indexOf(`      - name: ${field}\n`);
  const block = dps.slice(start, dps.indexOf('\n      - name:', start + 1));
  return new Map([...block.matchAll(/\{label: (.+?), value: (\S+?)\}/g)].map(([, label, value]) => [value,
    label.replace(/^"(.*)"$/, '$1')]));
}
// A list field of a record's front matter: `countries: [FR]`.
const espere = records['content/dps/espere.md'];
const listOf = (field) => espere.match(new RegExp(`^${field}: \\[(.*)\\]$`, 'm'))[1].split(', ');
const organisations = readdirSync(join(content, 'organisations')).filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(join(content, 'organisations', f), 'utf8').match(/^title: (.+)$/m)[1]
    .replace(/^"(.*)"$/, '$1'));

const server = await serve(site);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const left = [];
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.hostname === '127.0.0.1') return route.continue();
  left.push(url.href);
  return route.abort();
});
const page = await context.newPage();
const errors = [];
const refused = /violates the following Content Security Policy directive|Refused to connect/;
const allowedHosts = /https:\/\/(unpkg\.com\/@sveltia\/cms\/package\.json|cdn\.jsdelivr\.net\/fontsource\/)/;
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  const text = m.text();
  if (!(refused.test(text) && allowedHosts.test(text))) errors.push(text);
});
const admin = `${server.url}admin/index.html`;
const { test, run } = runner();

// A field's group in the form. Its name is “<label>” Field, the label set off
// by bidirectional isolates.
const fieldGroup = (label) => page.getByRole('group', { name: new RegExp(`^“\u2068?${label}\u2069?” Field$`) });

// Scrolls the form until the field is there: the editor renders the fields
// as they come into view.
async function reveal(label) {
  const group = fieldGroup(label);
  for (let i = 0; i < 30 && await group.count() === 0; i++) {
    await page.getByRole('group', { name: /Field$/ }).last().scrollIntoViewIfNeeded();
    await page.mouse.move(300, 500);
    await page.mouse.wheel(0, 600);
    await group.waitFor({ timeout: 1_000 }).catch(() => {});
  }
  await group.scrollIntoViewIfNeeded();
  return group;
}

// The test repository's copy of a file, once it holds `needle` (checked at
// each frame, for 15 s at most), or null.
function repositoryFile(path, needle) {
  return page.evaluate(async ([path, needle]) => {
    const read = async () => {
      try {
        let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
        const parts = path.split('/');
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
        return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
      } catch {
        return null;
      }
    };
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      const text = await read();
      if (text !== null && text.includes(needle)) return text;
      await new Promise((frame) => requestAnimationFrame(frame));
    }
    return null;
  }, [path, needle]);
}

test('the editor starts on the test repository and lists every collection', async () => {
  assert(collections.length === 9, `config.yml lists ${collections.length} collections, not 9`);
  await page.goto(admin);
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    const top = await root.getDirectoryHandle('sveltia-cms-test', { create: true });
    for (const [path, text] of Object.entries(files)) {
      const parts = path.split('/');
      let dir = top;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
  }, records);
  await page.reload();
  await page.getByRole('button', { name: 'Work with Test Repository' }).click();
  const list = page.getByRole('tree', { name: 'Collection List' });
  await list.waitFor({ timeout: 20_000 });
  for (const { name, label } of collections) {
    const count = Object.keys(records).filter((path) => path.startsWith(`content/${name}/`)).length;
    // "Development Partnerships 14": the label and how many records it holds.
    await list.getByRole('treeitem', { name: label, exact: true }).filter({ hasText: String(count) })
      .waitFor({ timeout: 10_000 });
  }
  assert(await list.getByRole('treeitem').count() === 9, 'the list holds other collections than the 9');
  if (shots) await page.screenshot({ path: join(shots, 'collections.png') });
});

test('dps/espere shows its countries, themes and actors as labels, its lead partner as a relation', async () => {
  await page.goto(`${admin}#/collections/dps/entries/espere`);
  await page.getByRole('textbox', { name: 'Title' }).first().waitFor({ timeout: 20_000 });
  for (const [field, label] of [['countries', 'Countries'], ['themes', 'Themes'], ['actors', 'Actor types']]) {
    const labels = optionsOf(field);
    const chosen = listOf(field);
    assert(labels.size > chosen.length, `config.yml has too few options for ${field}`);
    const selected = (await reveal(label)).getByRole('grid', { name: 'Selected Options' });
    for (const id of chosen) {
      assert(labels.get(id), `${field}: no option for ${id}`);
      await selected.getByRole('gridcell', { name: labels.get(id), exact: true }).waitFor({ timeout: 5_000 });
    }
    const shown = await selected.getByRole('row').count();
    assert(shown === chosen.length, `${field}: ${shown} chosen in the form, ${chosen.length} in the file`);
  }
  if (shots) {
    await page.getByRole('textbox', { name: 'Title' }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'espere.png') });
  }
  const lead = await reveal('Lead partner');
  await lead.getByRole('combobox').click();
  const options = page.getByRole('option');
  await options.first().waitFor();
  const titles = (await options.allInnerTexts()).map((text) => text.trim());
  assert(titles.length === organisations.length + 1, // and "(None)"
    `the lead partner offers ${titles.length - 1} organisations of ${organisations.length}`);
  for (const title of organisations) assert(titles.includes(title), `no option for the organisation ${title}`);
  if (shots) await page.screenshot({ path: join(shots, 'espere-lead-partner.png') });
});

test('a record saved through the editor passes passerelle check', async () => {
  await page.getByRole('option', { name: 'Public Employment Service (France)', exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  const saved = await repositoryFile('content/dps/espere.md', 'lead: organisations/spe');
  assert(saved !== null, 'the saved record has no lead partner');
  assert(saved.includes('ESPERE stands for *Engagement'), 'the body was rewritten:\n' + saved.slice(0, 3000));
  assert(!/: ''$/m.test(saved), 'empty fields were written:\n' + saved);
  writeFileSync(join(content, 'dps', 'espere.md'), saved);
  const check = spawnSync(binary, ['check', '--content', content, '--templates', join(sourceDir, 'templates'),
    '--theme', join(sourceDir, 'theme')], { encoding: 'utf8' });
  assert(check.status === 0, `passerelle check failed on the saved record:\n${check.stderr}`);
});

await run().finally(async () => {
  await browser.close();
  await server.close();
});
console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console error');
console.log(left.length ? `requests that left the machine:\n${left.join('\n')}` : 'no request left the machine');
if (errors.length || left.length) process.exitCode = 1;
