/* Passerelle benchmark assessments, the pure part: reading a benchmark's
   `scoring` declaration (content/schema.yaml, docs/scoring.md), the weighted
   score of an assessment, which factors go into a development plan, where
   assessments disagree, and reading a saved assessment file. No DOM: the page
   (theme/benchmark.js) and node's test runner (tests/benchmark/) both load it.
   Not a module: pages open from file://. */
(function (global) {
  'use strict';

  const FORMAT = 'passerelle-assessment';
  const VERSION = 2;
  // What an assessment says of one factor, besides its mark.
  const TEXTS = ['evidence', 'strengths', 'weaknesses', 'next_steps', 'owner', 'due', 'replaced_by'];
  const HEADER = ['subject', 'assessor', 'perspective', 'date'];

  // "2/3", "0.5", "1" → a number; anything else → NaN.
  function parseFraction(text) {
    const s = String(text).trim();
    const m = /^(\d+)\/(\d+)$/.exec(s);
    if (m) return Number(m[2]) === 0 ? NaN : Number(m[1]) / Number(m[2]);
    return /^(\d+(\.\d+)?|\.\d+)$/.test(s) ? Number(s) : NaN;
  }

  // The marks a factor can get, best first: [{value, label, done}].
  function marks(scoring) {
    if (scoring.kind === 'score') {
      const out = [];
      const scale = scoring.scale || {};
      for (let s = scale.max; s >= scale.min; s--)
        out.push({ value: String(s), label: String(s), done: s >= (scale.pass !== undefined ? scale.pass : scale.max) });
      return out;
    }
    return (scoring.levels || []).map((l) => ({ value: l.id, label: l.label, done: l.done === true }));
  }

  function markLabel(scoring, value) {
    const found = marks(scoring).find((m) => m.value === value);
    return found ? found.label : '';
  }

  // The declared group of factor kind `kind`, or undefined.
  function group(scoring, kind) {
    return (scoring.groups || []).find((g) => g.kind === kind);
  }

  // The weighted score of `answers` ({factor id: {mark}}) over `factors`
  // ([{id, kind}]). Each group's score is the mean of its scored factors
  // (the factors of a group count equally); the total is the sum of each
  // group's weight times its score, divided by the weights of the groups
  // that have a score, so it stays on the scale while a grid is incomplete:
  //   total = Σ w_g · mean_g / Σ w_g
  // Returns {total (NaN when nothing is scored), complete, scored, groups:
  // [{kind, weight, mean, scored, count}]}.
  function weightedScore(scoring, factors, answers) {
    const groups = (scoring.groups || []).map((g) => {
      const members = factors.filter((f) => f.kind === g.kind);
      const scores = [];
      for (const f of members) {
        const mark = (answers[f.id] || {}).mark;
        if (mark !== undefined && mark !== '' && Number.isFinite(Number(mark))) scores.push(Number(mark));
      }
      const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : NaN;
      return { kind: g.kind, weight: parseFraction(g.weight), mean, scored: scores.length, count: members.length };
    });
    let sum = 0;
    let weights = 0;
    for (const g of groups) {
      if (!g.scored) continue;
      sum += g.weight * g.mean;
      weights += g.weight;
    }
    const scored = groups.reduce((n, g) => n + g.scored, 0);
    const count = groups.reduce((n, g) => n + g.count, 0);
    return { total: weights > 0 ? sum / weights : NaN, complete: count > 0 && scored === count, scored, groups };
  }

  // "3.42": two decimals at most, no trailing zeros; "–" for NaN.
  function formatScore(n) {
    return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '–';
  }

  // Problems with the declaration, for the page to show: weights that do not
  // add up to 1 (schema.yaml checks each weight, not their sum).
  function problems(scoring) {
    const out = [];
    if (scoring.kind === 'score' && (scoring.groups || []).length) {
      const total = scoring.groups.reduce((n, g) => n + parseFraction(g.weight), 0);
      if (!(Math.abs(total - 1) < 1e-9)) out.push('the weights of the groups add up to ' + formatScore(total) + ', not 1');
    }
    return out;
  }

  // The factors that go into a development plan: those whose mark is not a
  // "done" one (a level marked `done`, or a score at or above the scale's
  // `pass`, else its top), unmarked ones included.
  function planFactors(scoring, factors, answers) {
    const done = new Set(marks(scoring).filter((m) => m.done).map((m) => m.value));
    return factors.filter((f) => !done.has((answers[f.id] || {}).mark || ''));
  }

  // For each factor id, what the assessments (each {answers}) gave it, and
  // whether those that marked it disagree: {id: {marks: [...], differs}}.
  function compare(factors, assessments) {
    const out = {};
    for (const f of factors) {
      const given = assessments.map((a) => ((a.answers[f.id] || {}).mark) || '');
      const marked = given.filter((m) => m !== '');
      out[f.id] = { marks: given, marked: marked.length, differs: new Set(marked).size > 1 };
    }
    return out;
  }

  function text(v) {
    return typeof v === 'string' ? v : '';
  }

  // A saved file's JSON, checked and brought to the current form:
  // {ok: true, assessment: {header..., answers: {id: {mark, evidence, …}}}}
  // or {ok: false, code, reason (in English), title}. Version 1 files (status, note) are read too.
  function readAssessment(data, benchmark, scoring) {
    if (!data || typeof data !== 'object' || data.format !== FORMAT || !data.answers)
      return { ok: false, code: 'not_assessment', reason: 'not a saved assessment' };
    if (data.benchmark && data.benchmark !== benchmark)
      return { ok: false, code: 'other_benchmark', title: text(data.title || data.benchmark),
        reason: 'an assessment of another benchmark (' + text(data.title || data.benchmark) + ')' };
    const allowed = new Set(marks(scoring).map((m) => m.value));
    const list = Array.isArray(data.answers) ? data.answers : Object.keys(data.answers).map((k) =>
      Object.assign({ factor: k }, data.answers[k]));
    const answers = {};
    for (const a of list) {
      if (!a || typeof a.factor !== 'string') continue;
      const raw = a.mark !== undefined ? a.mark : a.status;
      const mark = raw === undefined || raw === null ? '' : String(raw);
      const answer = { mark: allowed.has(mark) ? mark : '' };
      for (const t of TEXTS) answer[t] = text(a[t]);
      if (!answer.evidence && typeof a.note === 'string') answer.evidence = a.note;
      answers[a.factor] = answer;
    }
    const assessment = { answers };
    for (const h of HEADER) assessment[h] = text(data[h]);
    return { ok: true, assessment };
  }

  // The file form of an assessment: header, then one entry per factor with
  // something in it, in the benchmark's order.
  function assessmentFile(benchmark, title, factors, assessment, saved) {
    const out = { format: FORMAT, version: VERSION, benchmark, title };
    for (const h of HEADER) out[h] = assessment[h] || '';
    out.saved = saved;
    out.answers = factors.filter((f) => isAnswered(assessment.answers[f.id])).map((f) => {
      const a = assessment.answers[f.id];
      const entry = { factor: f.id, number: f.number, title: f.title, mark: a.mark || '' };
      for (const t of TEXTS) entry[t] = a[t] || '';
      return entry;
    });
    return out;
  }

  function isAnswered(a) {
    return !!a && (!!a.mark || TEXTS.some((t) => !!a[t]));
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  // One CSV field (RFC 4180); a leading = + - @ is quoted with a ' so that a
  // spreadsheet does not run it as a formula.
  function csvField(v) {
    let s = String(v === undefined || v === null ? '' : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // Markdown text with its markup characters escaped, on one line.
  function markdownText(v) {
    return String(v === undefined || v === null ? '' : v).replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
  }

  global.PasserelleAssessment = {
    FORMAT, VERSION, TEXTS, HEADER, parseFraction, marks, markLabel, group, weightedScore, formatScore, problems,
    planFactors, compare, readAssessment, assessmentFile, isAnswered, escapeHtml, csvField, markdownText,
  };
})(typeof window !== 'undefined' ? window : globalThis);
