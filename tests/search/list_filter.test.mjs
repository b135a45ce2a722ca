// The pure core of a collection page's filter box (theme/list-filter-core.js)
// under node's own runner: which entries a query keeps, and what the live
// region says. Folding is the search's (theme/search-core.js), loaded first
// as the page loads it.
//
// Usage: node --test tests/search/list_filter.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const context = vm.createContext({});
for (const file of ['search-core.js', 'list-filter-core.js'])
  vm.runInContext(fs.readFileSync(path.join(sourceDir, 'theme', file), 'utf8'), context, { filename: file });
const filter = context.PasserelleListFilter;

// [entry text, query, kept]
const CASES = [
  ['Monitoring and evaluation · Key factors', '', true],
  ['Monitoring and evaluation · Key factors', 'monitoring', true],
  ['Monitoring and evaluation · Key factors', 'MONITOR', true],
  ['Monitoring and evaluation · Key factors', 'evaluation monitoring', true],
  ['Monitoring and evaluation · Key factors', 'monitoring training', false],
  ['Monitoring and evaluation · Key factors', 'toring', false],
  ['Migrações e Desenvolvimento', 'migracoes', true],
  ['Migrações e Desenvolvimento', 'migrações', true],
  ['Œuvre de la Straße', 'oeuvre strasse', true],
  ['Recommendation 12 · Trade unions', 'trade un', true],
  ['Recommendation 12 · Trade unions', '12', true],
  ['Recommendation 12 · Trade unions', '1', true],
  ['Recommendation 12 · Trade unions', '2', false],
  ['Partnership', 'art', false],
  ['Partnership', '  part  ', true],
  ['<script>alert(1)</script>', 'script', true],
  ['L\'Oréal', 'oreal', true],
];

test('an entry is kept when every query word begins one of its words, accents and case aside', () => {
  for (const [text, query, kept] of CASES)
    assert.equal(filter.matches(filter.entryWords(text), filter.queryWords(query)), kept, `${JSON.stringify(query)} in ${text}`);
});

test('a query word typed twice counts once', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(filter.queryWords('Union union UNION'))), ['union']);
  assert.deepEqual(JSON.parse(JSON.stringify(filter.queryWords(' ,; '))), []);
});

test('the live region says how many records remain, and how to get all back', () => {
  assert.equal(filter.statusText(12, 97, true), '12 of 97 records match.');
  assert.equal(filter.statusText(1, 97, true), '1 of 97 records matches.');
  assert.equal(filter.statusText(0, 97, true), 'No record matches. Clear the box to see all 97.');
  assert.equal(filter.statusText(97, 97, false), 'All 97 records shown.');
});
