// Hostile content never runs: a catalogue whose every text slot (titles,
// summaries, fields, bodies, vocabulary labels, the catalogue title) carries
// script payloads is built, and every page is opened in chromium from file://
// and over http. No payload may run, no dialog may open, and no payload may
// appear unescaped in the HTML.
//
// Usage: node injection.test.mjs <passerelle binary> <source dir>
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, buildSite, launch, runner, serve } from './lib/harness.mjs';

const [binary, sourceDir] = process.argv.slice(2);
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "'><a href=\"javascript:window.__pwned = 4\">click</a>",
  '<iframe srcdoc="<script>parent.__pwned = 5</script>"></iframe>',
];
const yamlString = (s) => JSON.stringify(s);  // JSON strings are valid YAML

function hostileCatalogue() {
  const content = join(mkdtempSync(join(tmpdir(), 'passerelle-hostile-')), 'content');
  cpSync(join(sourceDir, 'tests/fixtures/base'), content, { recursive: true });
  const all = PAYLOADS.join(' ');
  writeFileSync(join(content, 'catalogue.yaml'),
    `title: ${yamlString('Catalogue ' + all)}\ndescription: ${yamlString(all)}\nlanguage: en\n`);
  writeFileSync(join(content, 'vocabularies/themes.yaml'),
    `- id: anti-discrimination\n  label: {en: ${yamlString(PAYLOADS[0])}, fr: ${yamlString(PAYLOADS[1])}}\n` +
    `  description: ${yamlString(PAYLOADS[2])}\n- id: training\n  label: ${yamlString(PAYLOADS[4])}\n`);
  // Grouped index pages: the themes' labels and the titles' letters become headings and jump links.
  const schema = readFileSync(join(content, 'schema.yaml'), 'utf8')
    .replace('    sort: [code]\n', '    sort: [code]\n    group_by: [themes, lead]\n    numbered_by: code\n');
  writeFileSync(join(content, 'schema.yaml'), schema);
  writeFileSync(join(content, 'organisations/hostile.md'),
    `---\ntitle: ${yamlString(PAYLOADS[1] + ' organisation')}\n---\n`);
  PAYLOADS.forEach((payload, i) => {
    writeFileSync(join(content, `dps/hostile-${i}.md`), [
      '---',
      `title: ${yamlString('Hostile ' + i + ' ' + payload)}`,
      `summary: ${yamlString(payload)}`,
      'themes: [anti-discrimination, training]',
      'countries: [FR]',
      `code: ${yamlString(payload)}`,
      'lead: organisations/hostile',
      `products: [{title: ${yamlString(payload)}, validated: true}]`,
      'related: [dps/espere]',
      '---',
      payload,
      '',
      `Inline ${payload} and [a link](espere.md).`,
      '',
    ].join('\n'));
  });
  return content;
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
}

const site = buildSite(binary, hostileCatalogue(), sourceDir);
const pages = htmlFiles(site);
const { test, run } = runner();

test('no payload appears unescaped in any page', () => {
  let dataBlocks = 0;
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    for (const needle of ['<script>window', 'onerror="window', '<svg onload', 'href="javascript:', '<iframe']) {
      assert(!html.includes(needle), `${relative(site, file)} contains ${needle}`);
    }
    assert(html.includes('Content-Security-Policy'), `${relative(site, file)} has no CSP`);
    // A record page's JSON-LD is data, not script: it may be inline, but no
    // record text may end it ('<' is written \u003c), and it reads as JSON.
    const scripts = html.replace(/<script type="application\/ld\+json">([^]*?)<\/script>/g, (block, body) => {
      assert(!body.includes('<'), `${relative(site, file)}: a '<' in its JSON-LD`);
      JSON.parse(body);
      dataBlocks++;
      return '';
    });
    assert(!/<script(?![^>]*\bsrc=)/.test(scripts), `${relative(site, file)} has an inline script`);
  }
  assert(dataBlocks > 0, 'no record page carries JSON-LD');
});

for (const mode of ['file', 'http']) {
  test(`no payload runs in chromium (${mode})`, async () => {
    const browser = await launch();
    const server = mode === 'http' ? await serve(site) : null;
    try {
      const page = await browser.newPage();
      let dialogs = 0;
      page.on('dialog', (dialog) => { dialogs++; dialog.dismiss(); });
      for (const file of pages) {
        const url = server ? server.url + relative(site, file) : pathToFileURL(file).href;
        // An image's error, an SVG's or an iframe's load all fire before the
        // page's own load event, which goto waits for.
        await page.goto(url, { waitUntil: 'load' });
        const pwned = await page.evaluate(() => window.__pwned);
        assert(pwned === undefined, `payload ${pwned} ran on ${relative(site, file)}`);
      }
      // The filter box reads entries and headings and writes a count: typing runs nothing.
      const index = server ? server.url + 'dps/index.html' : pathToFileURL(join(site, 'dps/index.html')).href;
      await page.goto(index);
      await page.fill('#list-filter-input', 'hostile script');
      const shown = await page.$$eval('#collection-list li:not([hidden])', (items) => items.length);
      assert(shown > 0, 'the filter hides every hostile record');
      assert(await page.evaluate(() => window.__pwned) === undefined, 'a payload ran while filtering');
      assert(dialogs === 0, `${dialogs} dialogs opened`);
    } finally {
      await browser.close();
      if (server) await server.close();
    }
  });
}

await run();
