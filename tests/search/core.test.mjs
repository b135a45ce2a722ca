// The pure core of the browser's search (theme/search-core.js, and
// theme/search-empty.js for searches that find nothing), tested with
// node's own runner from tests/search/cases.json, the cases
// tests/unit/search_ranking_test.cpp runs against generator/search/query_matcher.cpp.
//
// Usage: node --test tests/search/core.test.mjs, with PASSERELLE_BINARY set to
// the passerelle binary: the match rules, stop words, collection ranks and
// vocabulary come from the index it builds of tests/fixtures/base, as the
// browser gets them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cases = JSON.parse(fs.readFileSync(path.join(sourceDir, 'tests/search/cases.json'), 'utf8'));
const binary = process.env.PASSERELLE_BINARY || path.join(sourceDir, 'build', 'passerelle');

// Runs browser scripts in a context of their own, as <script src> would.
const context = vm.createContext({ URLSearchParams });
const run = (file) => vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
run(path.join(sourceDir, 'theme', 'search-core.js'));
run(path.join(sourceDir, 'theme', 'search-empty.js'));
const core = context.PasserelleSearchCore;
const empty = context.PasserelleSearchEmpty;
// Arrays made in the scripts' context, as arrays of this one.
const plain = (value) => JSON.parse(JSON.stringify(value));

// The index of the fixture catalogue: file name → its data.
const site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-core-')), 'site');
execFileSync(binary, ['build', '--quiet', '--content', path.join(sourceDir, 'tests/fixtures/base'),
  '--templates', path.join(sourceDir, 'templates'), '--theme', path.join(sourceDir, 'theme'), '--out', site]);
const index = {};
context.PasserelleSearch = { add: (name, data) => { index[name] = data; } };
for (const file of fs.readdirSync(path.join(site, 'search'))) run(path.join(site, 'search', file));
const meta = index.meta;
const stopWords = new Set(meta.stopWords);
process.on('exit', () => fs.rmSync(path.dirname(site), { recursive: true, force: true }));

test('shared cases: the order of results', () => {
  for (const c of cases.order) {
    const n = Math.max(...c.hits.map((h) => h[0])) + 1;
    const held = new Uint8Array(n), strong = new Uint8Array(n), rank = new Uint16Array(n);
    const score = new Float64Array(n);
    for (const [doc, words, inTitle, r, s] of c.hits) {
      held[doc] = words; strong[doc] = inTitle; rank[doc] = r; score[doc] = s;
    }
    const order = c.hits.map((h) => h[0]).sort(core.compareHits(held, strong, rank, score));
    assert.deepEqual(plain(order), c.expected, c.name);
  }
});

test('shared cases: queries parse as query_matcher.cpp parses them', () => {
  for (const c of cases.parse) {
    const words = core.parseQuery(c.query, meta.rules, stopWords).map((q) => [q.word, q.prefix]);
    assert.deepEqual(plain(words), c.words, c.query);
  }
});

test('shared cases: one typo', () => {
  for (const [typed, word, expected] of cases.typos) assert.equal(core.oneTypo(typed, word), expected, `${typed} / ${word}`);
});

test('every record has its collection\'s search rank', () => {
  const ranks = core.ranksOf(meta.ranks, meta.docs);
  assert.equal(ranks.length, meta.docs);
  const collections = meta.collections;
  for (const name of Object.keys(index).filter((n) => n.startsWith('d-'))) {
    index[name].docs.forEach((entry, i) => {
      assert.equal(ranks[index[name].first + i], collections[entry[0]].rank, `record ${entry[1]}`);
    });
  }
});

test('suggestions: the closest indexed words, nearest first', () => {
  const candidates = [['discrimination', 9], ['discriminations', 3], ['migration', 20], ['decrimination', 1]];
  assert.deepEqual(plain(empty.suggestions('dicsrimination', candidates, 3)), ['discrimination', 'discriminations', 'decrimination']);
  assert.deepEqual(plain(empty.suggestions('zzzz', candidates, 3)), []);
  assert.equal(empty.distance('kitten', 'sitting', 5), 3);
  assert.equal(empty.distance('ab', 'ba', 2), 1);  // a swap is one edit
  assert.equal(empty.queryWith([{ word: 'dsicrimnation' }, { word: 'travail' }], 0, 'discrimination'),
    '?q=discrimination+travail');
});

test('matching terms: a term is found by its labels in every language', () => {
  const words = (q) => core.parseQuery(q, meta.rules, stopWords);
  const ids = (q) => plain(empty.matchingTerms(words(q), index.v.terms, meta.rules).map((t) => t[1]));
  assert.ok(ids('lutte ').includes('themes/anti-discrimination.html'), 'French label');
  assert.ok(ids('discrimination ').includes('themes/anti-discrimination.html'), 'English label');
  assert.ok(ids('discrimnation ').includes('themes/anti-discrimination.html'), 'one typo');
  assert.deepEqual(ids('zzzz '), []);
});
