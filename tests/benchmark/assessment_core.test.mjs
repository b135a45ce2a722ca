// The pure core of the benchmark assessment tool (theme/assessment-core.js)
// under node's own runner: fractions, the weighted score by hand, which
// factors go into a development plan, disagreements, reading saved files.
//
// Usage: node --test tests/benchmark/assessment_core.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(path.join(sourceDir, 'theme', 'assessment-core.js'), 'utf8'), context,
  { filename: 'assessment-core.js' });
const core = context.PasserelleAssessment;

const GRID = {
  kind: 'score', scale: { min: 1, max: 5 },
  groups: [{ kind: 'mandatory', weight: '2/3' }, { kind: 'discretionary', weight: '1/3', substitutable: true }],
};
const STATUS = { kind: 'status', levels: [{ id: 'yes', label: 'Yes', done: true }, { id: 'some', label: 'Some' }, { id: 'no', label: 'No' }] };
const FACTORS = [
  ...[1, 2, 3].map((n) => ({ id: 'm' + n, kind: 'mandatory' })),
  ...[1, 2].map((n) => ({ id: 'd' + n, kind: 'discretionary' })),
];
const marks = (pairs) => Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, { mark: String(v) }]));

test('fractions are read as the schema writes them', () => {
  assert.equal(core.parseFraction('2/3'), 2 / 3);
  assert.equal(core.parseFraction('0.5'), 0.5);
  assert.equal(core.parseFraction('1'), 1);
  assert.ok(Number.isNaN(core.parseFraction('two-thirds')));
  assert.ok(Number.isNaN(core.parseFraction('1/0')));
});

test('the weighted score is each group\'s mean times its weight', () => {
  // Mandatory 4, 3, 5: mean 4; discretionary 2, 5: mean 3.5.
  // 2/3 × 4 + 1/3 × 3.5 = 8/3 + 3.5/3 = 11.5/3 = 3.8333…
  const w = core.weightedScore(GRID, FACTORS, marks({ m1: 4, m2: 3, m3: 5, d1: 2, d2: 5 }));
  assert.ok(Math.abs(w.total - 11.5 / 3) < 1e-12, String(w.total));
  assert.equal(w.complete, true);
  assert.equal(core.formatScore(w.total), '3.83');
});

test('an incomplete grid is scored on the groups that have a score, and says so', () => {
  const w = core.weightedScore(GRID, FACTORS, marks({ m1: 4, m2: 2 }));
  assert.equal(w.total, 3);
  assert.equal(w.complete, false);
  assert.equal(w.scored, 2);
  assert.ok(Number.isNaN(core.weightedScore(GRID, FACTORS, {}).total));
  assert.equal(core.formatScore(NaN), '–');
});

test('weights that do not add up to 1 are reported', () => {
  assert.deepEqual(Array.from(core.problems(GRID)), []);
  const wrong = { ...GRID, groups: [{ kind: 'mandatory', weight: '2/3' }, { kind: 'discretionary', weight: '2/3' }] };
  assert.deepEqual(Array.from(core.problems(wrong)), ['the weights of the groups add up to 1.33, not 1']);
});

test('the plan lists the factors not done: below the top score, or a level not marked done', () => {
  const plan = core.planFactors(GRID, FACTORS, marks({ m1: 5, m2: 3 })).map((f) => f.id);
  assert.deepEqual(plan, ['m2', 'm3', 'd1', 'd2']);
  const withPass = { ...GRID, scale: { min: 1, max: 5, pass: 3 } };
  assert.deepEqual(core.planFactors(withPass, FACTORS, marks({ m1: 5, m2: 3, m3: 2 })).map((f) => f.id), ['m3', 'd1', 'd2']);
  const status = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.deepEqual(core.planFactors(STATUS, status, marks({ a: 'yes', b: 'some' })).map((f) => f.id), ['b', 'c']);
});

test('disagreements count only the assessments that marked the factor', () => {
  const c = core.compare([{ id: 'a' }, { id: 'b' }, { id: 'c' }], [
    { answers: marks({ a: 'yes', b: 'yes' }) }, { answers: marks({ a: 'no', b: 'yes' }) }, { answers: {} }]);
  assert.equal(c.a.differs, true);
  assert.equal(c.b.differs, false);
  assert.equal(c.b.marked, 2);
  assert.equal(c.c.differs, false);
});

test('saved files are read back, version 1 included; others are refused', () => {
  const file = core.assessmentFile('benchmarks/x', 'X', [{ id: 'a', number: '1', title: 'A' }, { id: 'b', number: '2', title: 'B' }],
    { subject: 'Guide', assessor: 'Ana', perspective: 'peer', date: '2026-01-02',
      answers: { a: { mark: 'some', evidence: 'minutes', next_steps: 'train staff' }, b: { mark: '' } } }, 'now');
  assert.equal(file.answers.length, 1);
  const read = core.readAssessment(JSON.parse(JSON.stringify(file)), 'benchmarks/x', STATUS);
  assert.equal(read.ok, true);
  assert.equal(read.assessment.subject, 'Guide');
  assert.equal(read.assessment.answers.a.next_steps, 'train staff');
  const old = core.readAssessment({ format: 'passerelle-assessment', version: 1, benchmark: 'benchmarks/x',
    answers: [{ factor: 'a', status: 'no', note: 'n' }] }, 'benchmarks/x', STATUS);
  assert.equal(old.assessment.answers.a.mark, 'no');
  assert.equal(old.assessment.answers.a.evidence, 'n');
  assert.equal(core.readAssessment({ ...file, benchmark: 'benchmarks/y' }, 'benchmarks/x', STATUS).ok, false);
  assert.equal(core.readAssessment({ format: 'other' }, 'benchmarks/x', STATUS).ok, false);
  const unknown = core.readAssessment({ ...file, answers: [{ factor: 'a', mark: 'maybe' }] }, 'benchmarks/x', STATUS);
  assert.equal(unknown.assessment.answers.a.mark, '');
});

test('CSV and Markdown exports escape what they must', () => {
  assert.equal(core.csvField('a, "b"'), '"a, ""b"""');
  assert.equal(core.csvField('=SUM(A1)'), "'=SUM(A1)");
  assert.equal(core.markdownText('*x* [y](z)\nnext'), '\\*x\\* \\[y\\](z) next');
  assert.equal(core.escapeHtml('<img src=x onerror="1">'), '&lt;img src=x onerror=&quot;1&quot;&gt;');
});
