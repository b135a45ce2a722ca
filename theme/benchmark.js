// The assessment tool on a benchmark page. What it marks comes from the
// benchmark's `scoring` declaration (the article's data-scoring; see
// docs/scoring.md): a status from declared levels, or a score on a scale
// weighted by groups of factors. An assessment has a header (what is
// assessed, by whom, from which perspective, when) and per factor a mark,
// evidence, strong points, weaknesses, next steps, an owner and a date. It is
// kept in localStorage per benchmark and subject, saved to and loaded from a
// JSON file, summarised, and turned into a development plan (HTML, Markdown,
// CSV, JSON). The peer-review section compares saved assessments and builds a
// consensus. Nothing leaves the browser: downloads are Blob URLs, imports
// FileReader; it works from file://. The arithmetic is in assessment-core.js.
// Without this script the page is a printable paper grid.
(function () {
  'use strict';
  const article = document.querySelector('[data-benchmark][data-scoring]');
  const core = window.PasserelleAssessment;
  if (!article || !core) return;
  document.documentElement.classList.add('js');
  // The page's words (strings-core.js, loaded before this script).
  const words = window.PasserelleWords;
  const tr = (key, english, values) => words.say(key, english, values);
  const subjectWord = () => (scoring.subject ? scoring.subject.toLowerCase() : tr('subject', 'subject'));
  const NOT_SAID = () => tr('not_said', 'not said');

  let scoring;
  try {
    scoring = JSON.parse(article.getAttribute('data-scoring'));
  } catch (e) {
    return;
  }
  const benchmark = article.getAttribute('data-benchmark');
  const title = article.getAttribute('data-title') || document.title;
  // Links in exports: the published address when the catalogue has one,
  // else this page's own.
  const pageAddress = article.getAttribute('data-canonical') || location.href;
  const prefix = 'passerelle.assessment.' + benchmark;
  const isScore = scoring.kind === 'score';
  const MARKS = core.marks(scoring);
  const $ = (id) => document.getElementById(id);
  const tools = article.querySelector('.assessment-tools');
  const statusBox = $('assessment-status');
  const tally = $('assessment-tally');
  const summary = $('assessment-summary');
  const fileInput = $('assessment-import');
  const peer = $('peer-review');
  const headerInputs = Array.prototype.slice.call(tools.querySelectorAll('[data-header]'));
  const perspectiveSelect = $('assessment-perspective');

  const factors = Array.prototype.map.call(article.querySelectorAll('.factor[data-factor]'), (el) => {
    const section = el.closest('.factor-group');
    const heading = section.querySelector('h2');
    const link = el.querySelector('.more a');
    return {
      id: el.getAttribute('data-factor'),
      number: el.getAttribute('data-number') || '',
      title: el.querySelector('.factor-title').textContent.trim(),
      kind: section.getAttribute('data-kind') || '',
      group: heading.firstChild.textContent.trim(),
      url: link ? new URL(link.getAttribute('href'), pageAddress).href : pageAddress,
      el,
      radios: el.querySelectorAll('.mark input[type="radio"]'),
      texts: {},
    };
  });

  // A factor of a group whose criteria may be replaced gets a field to name
  // the criterion that replaces it.
  factors.forEach((f) => {
    const g = core.group(scoring, f.kind);
    if (g && g.substitutable) {
      const fieldset = f.el.querySelector('.mark');
      const label = document.createElement('label');
      label.className = 'note-label';
      label.htmlFor = 'replaced-' + f.id;
      label.textContent = tr('replaced_label', 'Replaced by another criterion (leave empty to keep this one)');
      const input = document.createElement('input');
      input.type = 'text';
      input.id = 'replaced-' + f.id;
      input.setAttribute('data-answer', 'replaced_by');
      fieldset.insertBefore(input, fieldset.querySelector('.note-label'));
      fieldset.insertBefore(label, input);
    }
    f.el.querySelectorAll('[data-answer]').forEach((t) => { f.texts[t.getAttribute('data-answer')] = t; });
  });
  if (perspectiveSelect && (scoring.perspectives || []).length) {
    const option = document.createElement('option');
    option.value = 'consensus';
    option.textContent = tr('consensus_of_perspectives', 'Consensus of the perspectives');
    perspectiveSelect.appendChild(option);
  }

  function say(text, box) { (box || statusBox).textContent = text; }
  function today() { return new Date().toISOString().slice(0, 10); }
  function perspectiveLabel(id) {
    if (id === 'consensus') return tr('consensus', 'Consensus');
    const p = (scoring.perspectives || []).find((x) => x.id === id);
    return p ? p.label : '';
  }
  function factorTitle(f, a) {
    const name = (f.number ? f.number + '. ' : '') + f.title;
    return a && a.replaced_by ? tr('replaced_by', '{name} (replaced by {other})', { name, other: a.replaced_by }) : name;
  }

  // The assessment on screen: {subject, assessor, perspective, date, answers}.
  function collect() {
    const assessment = { answers: {} };
    headerInputs.forEach((i) => { assessment[i.getAttribute('data-header')] = i.value.trim(); });
    factors.forEach((f) => {
      const a = { mark: '' };
      f.radios.forEach((r) => { if (r.checked) a.mark = r.value; });
      core.TEXTS.forEach((t) => { a[t] = f.texts[t] ? f.texts[t].value : ''; });
      if (core.isAnswered(a)) assessment.answers[f.id] = a;
    });
    return assessment;
  }

  function apply(assessment) {
    headerInputs.forEach((i) => {
      const value = assessment[i.getAttribute('data-header')] || '';
      if (i.tagName === 'SELECT' && !Array.prototype.some.call(i.options, (o) => o.value === value)) i.value = '';
      else i.value = value;
    });
    let count = 0;
    factors.forEach((f) => {
      const a = assessment.answers[f.id] || {};
      f.radios.forEach((r) => { r.checked = r.value === a.mark; });
      core.TEXTS.forEach((t) => { if (f.texts[t]) f.texts[t].value = a[t] || ''; });
      if (core.isAnswered(a)) count++;
    });
    return count;
  }

  // localStorage: one entry per subject, and the subject last worked on.
  const keyFor = (subject) => prefix + '|' + subject;
  function store(assessment) {
    try {
      localStorage.setItem(keyFor(assessment.subject || ''), JSON.stringify(
        core.assessmentFile(benchmark, title, factors, assessment, new Date().toISOString())));
      localStorage.setItem(prefix + '|', assessment.subject || '');
      return true;
    } catch (e) {
      say(tr('cannot_keep', 'This browser does not let the page keep your answers: save them to a file instead.'));
      return false;
    }
  }
  function stored(subject) {
    try {
      const read = core.readAssessment(JSON.parse(localStorage.getItem(keyFor(subject)) || 'null'), benchmark, scoring);
      return read.ok ? read.assessment : null;
    } catch (e) {
      return null;
    }
  }
  // Answers kept by the first version of the tool, under the benchmark alone
  // ({format, version: 1, answers: {id: {status, note}}}).
  function storedBefore() {
    try {
      const read = core.readAssessment(JSON.parse(localStorage.getItem(prefix) || 'null'), benchmark, scoring);
      return read.ok ? read.assessment : null;
    } catch (e) {
      return null;
    }
  }
  function lastSubject() {
    try {
      return localStorage.getItem(prefix + '|') || '';
    } catch (e) {
      return '';
    }
  }
  // The subjects kept in this browser, offered as the subject's suggestions.
  function listSubjects() {
    const list = document.createElement('datalist');
    list.id = 'assessment-subjects';
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith(prefix + '|') && key.length > prefix.length + 1) {
          const option = document.createElement('option');
          option.value = key.slice(prefix.length + 1);
          list.appendChild(option);
        }
      }
    } catch (e) { /* no storage: no suggestions */ }
    const old = $('assessment-subjects');
    if (old) old.remove();
    tools.appendChild(list);
    $('assessment-subject').setAttribute('list', list.id);
  }

  function cell(row, tag, content, className) {
    const c = document.createElement(tag);
    c.textContent = content;
    if (className) c.className = className;
    row.appendChild(c);
    return c;
  }

  function scoreLine(assessment) {
    const w = core.weightedScore(scoring, factors, assessment.answers);
    const scale = scoring.scale || {};
    const line = tr('weighted_score_line', 'Weighted score: {score} on {min} to {max}',
      { score: core.formatScore(w.total), min: scale.min, max: scale.max });
    return line + (w.complete ? '' : ' ' + words.count('criteria_scored', w.scored, '({n} of {total} criteria scored)',
      '({n} of {total} criteria scored)', { total: factors.length }));
  }

  // The summary: a line of counts (or the weighted score), then a table of
  // every factor.
  function render(assessment) {
    const table = document.createElement('table');
    table.className = 'summary-table';
    const caption = document.createElement('caption');
    caption.textContent = tr('your_answers', 'Your answers: {title}', { title });
    caption.className = 'visually-hidden';
    table.appendChild(caption);
    const head = table.createTHead().insertRow();
    [isScore ? tr('criterion', 'Criterion') : tr('factor', 'Factor'), isScore ? tr('score', 'Score') : tr('mark', 'Mark'),
      tr('evidence', 'Evidence'), tr('next_steps', 'Next steps')].forEach((h) => {
      cell(head, 'th', h).scope = 'col';
    });
    const body = table.createTBody();
    let group = '';
    const counts = {};
    factors.forEach((f) => {
      const a = assessment.answers[f.id] || {};
      if (a.mark) counts[a.mark] = (counts[a.mark] || 0) + 1;
      if (f.group !== group) {
        group = f.group;
        const g = body.insertRow();
        cell(g, 'th', group).colSpan = 4;
        g.firstChild.scope = 'colgroup';
        g.className = 'group-row';
      }
      const row = body.insertRow();
      cell(row, 'th', factorTitle(f, a)).scope = 'row';
      cell(row, 'td', core.markLabel(scoring, a.mark) || tr('not_marked', 'Not marked'), a.mark && !isScore ? 'status-' + a.mark : '');
      cell(row, 'td', a.evidence || '');
      cell(row, 'td', a.next_steps || '');
    });
    const marked = Object.keys(counts).reduce((n, k) => n + counts[k], 0);
    tally.textContent = isScore ? scoreLine(assessment)
      : MARKS.map((m) => tr('mark_count', '{label}: {n}', { label: m.label, n: counts[m.value] || 0 })).join(' · ') + ' · ' +
        tr('not_marked_count', 'Not marked: {n} of {total}', { n: factors.length - marked, total: factors.length });
    summary.textContent = '';
    summary.appendChild(table);
    return table;
  }

  function fileName(kind, ext, subject) {
    const slug = (subject || '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return benchmark.split('/').pop() + (slug ? '-' + slug : '') + '-' + kind + '-' + today() + '.' + ext;
  }

  function download(name, type, content, box) {
    const url = URL.createObjectURL(new Blob([content], { type: type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => { URL.revokeObjectURL(url); }, 1000);
    say(tr('saved', 'Saved {name}.', { name }), box);
  }

  function exportJson(assessment, kind, box) {
    const data = core.assessmentFile(benchmark, title, factors, assessment, new Date().toISOString());
    download(fileName(kind, 'json', assessment.subject), 'application/json', JSON.stringify(data, null, 2) + '\n', box);
  }

  // A standalone page, written as a string with every text escaped; it
  // carries no script, and its own policy forbids any.
  const h = (tag, content, attrs) => '<' + tag + (attrs || '') + '>' + content + '</' + tag + '>';
  const e = core.escapeHtml;
  function standalone(heading, parts) {
    return '<!DOCTYPE html>\n<html lang="' + e(document.documentElement.lang || 'en') + '">\n<head>\n' +
      '<meta charset="utf-8">\n' +
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n' + h('title', e(heading)) + '\n' +
      '<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}' +
      'table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #999;' +
      'padding:.3rem .5rem}.group th{background:#eee}dt{font-weight:600}dd{margin:0 0 .5rem}' +
      '@media print{body{margin:0;max-width:none}a{color:inherit}tr{break-inside:avoid}}</style>\n</head>\n<body>\n' +
      h('h1', e(heading)) + '\n' + parts.join('\n') + '\n</body>\n</html>\n';
  }
  function headerHtml(assessment) {
    const rows = [[tr('benchmark', 'Benchmark'), h('a', e(title), ' href="' + e(pageAddress.split('#')[0]) + '"')],
      [tr('assessed', 'Assessed'), e(assessment.subject || NOT_SAID())], [tr('by', 'By'), e(assessment.assessor || NOT_SAID())]];
    if (assessment.perspective) rows.push([tr('perspective', 'Perspective'), e(perspectiveLabel(assessment.perspective))]);
    rows.push([tr('date', 'Date'), e(assessment.date || NOT_SAID())]);
    return h('dl', rows.map((r) => h('dt', r[0]) + h('dd', r[1])).join(''));
  }

  function exportSummary() {
    const assessment = collect();
    render(assessment);
    const rows = factors.map((f) => {
      const a = assessment.answers[f.id] || {};
      return '<tr>' + h('th', h('a', e(factorTitle(f, a)), ' href="' + e(f.url) + '"'), ' scope="row"') +
        h('td', e(core.markLabel(scoring, a.mark) || tr('not_marked', 'Not marked'))) + h('td', e(a.evidence || '')) +
        h('td', e(a.strengths || '')) + h('td', e(a.weaknesses || '')) + h('td', e(a.next_steps || '')) + '</tr>';
    });
    const table = '<table><thead><tr>' + [tr('factor', 'Factor'), tr('mark', 'Mark'), tr('evidence', 'Evidence'),
      tr('strong_points', 'Strong points'), tr('weaknesses', 'Weaknesses'), tr('next_steps', 'Next steps')]
      .map((c) => h('th', c, ' scope="col"')).join('') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>';
    download(fileName('assessment', 'html', assessment.subject), 'text/html',
      standalone(tr('assessment_of', '{title}: assessment', { title }), [headerHtml(assessment), h('p', e(tally.textContent)), table]));
  }

  // The development plan: the factors not yet in place, with their next
  // steps, owner and date, each linked to its page.
  function plan() {
    const assessment = collect();
    const items = core.planFactors(scoring, factors, assessment.answers).map((f) => {
      const a = assessment.answers[f.id] || {};
      return { factor: f, answer: a, mark: core.markLabel(scoring, a.mark) || tr('not_marked', 'Not marked') };
    });
    return { assessment, items };
  }
  const PLAN_COLUMNS = [tr('factor', 'Factor'), isScore ? tr('score', 'Score') : tr('mark', 'Mark'), tr('next_steps', 'Next steps'),
    tr('owner', 'Owner'), tr('due_by', 'Due by'), tr('address', 'Address')];
  function planRow(item) {
    const a = item.answer;
    return [factorTitle(item.factor, a), item.mark, a.next_steps || '', a.owner || '', a.due || '', item.factor.url];
  }
  function exportPlan(format) {
    const p = plan();
    const heading = tr('plan_of', '{title}: development plan', { title });
    if (format === 'json') {
      const data = core.assessmentFile(benchmark, title, factors, p.assessment, new Date().toISOString());
      data.plan = p.items.map((i) => ({ factor: i.factor.id, title: factorTitle(i.factor, i.answer), mark: i.answer.mark || '',
        next_steps: i.answer.next_steps || '', owner: i.answer.owner || '', due: i.answer.due || '', url: i.factor.url }));
      download(fileName('plan', 'json', p.assessment.subject), 'application/json', JSON.stringify(data, null, 2) + '\n');
    } else if (format === 'csv') {
      const lines = [PLAN_COLUMNS].concat(p.items.map(planRow)).map((r) => r.map(core.csvField).join(','));
      download(fileName('plan', 'csv', p.assessment.subject), 'text/csv', lines.join('\r\n') + '\r\n');
    } else if (format === 'markdown') {
      const m = core.markdownText;
      const a = p.assessment;
      const out = ['# ' + m(heading), '', tr('benchmark', 'Benchmark') + ': [' + m(title) + '](<' + pageAddress.split('#')[0] + '>)  ',
        tr('assessed', 'Assessed') + ': ' + m(a.subject || NOT_SAID()) + '  ', tr('by', 'By') + ': ' + m(a.assessor || NOT_SAID()) +
        (a.perspective ? ' (' + m(perspectiveLabel(a.perspective)) + ')' : '') + '  ', tr('date', 'Date') + ': ' + m(a.date || NOT_SAID()), ''];
      if (!p.items.length) out.push(tr('all_in_place', 'Every factor is in place.'));
      p.items.forEach((i) => {
        const r = planRow(i);
        out.push('## [' + m(r[0]) + '](<' + r[5] + '>)', '', '- ' + PLAN_COLUMNS[1] + ': ' + m(r[1]),
          '- ' + PLAN_COLUMNS[2] + ': ' + m(r[2] || tr('none_yet', 'none yet')),
          '- ' + PLAN_COLUMNS[3] + ': ' + m(r[3] || NOT_SAID()), '- ' + PLAN_COLUMNS[4] + ': ' + m(r[4] || NOT_SAID()), '');
      });
      download(fileName('plan', 'md', p.assessment.subject), 'text/markdown', out.join('\n'));
    } else {
      download(fileName('plan', 'html', p.assessment.subject), 'text/html', standalone(heading, [headerHtml(p.assessment),
        planTableHtml(p)]));
    }
  }
  function planTableHtml(p) {
    if (!p.items.length) return h('p', tr('all_in_place', 'Every factor is in place.'));
    return '<table><thead><tr>' + PLAN_COLUMNS.slice(0, 5).map((c) => h('th', c, ' scope="col"')).join('') +
      '</tr></thead><tbody>' + p.items.map((i) => {
        const r = planRow(i);
        return '<tr>' + h('th', h('a', e(r[0]), ' href="' + e(r[5]) + '"'), ' scope="row"') +
          r.slice(1, 5).map((c) => h('td', e(c))).join('') + '</tr>';
      }).join('') + '</tbody></table>';
  }
  // The plan on the page, for printing.
  function renderPlan() {
    const p = plan();
    const box = $('assessment-plan');
    box.textContent = '';
    const heading = document.createElement('h2');
    heading.textContent = tr('plan_of', '{title}: development plan', { title });
    const who = document.createElement('p');
    const a = p.assessment;
    who.textContent = tr('assessed', 'Assessed') + ': ' + (a.subject || NOT_SAID()) + ' · ' + tr('by', 'By') + ': ' +
      (a.assessor || NOT_SAID()) + (a.perspective ? ' (' + perspectiveLabel(a.perspective) + ')' : '') + ' · ' +
      tr('date', 'Date') + ': ' + (a.date || NOT_SAID());
    box.append(heading, who);
    const table = document.createElement('table');
    table.className = 'summary-table';
    const head = table.createTHead().insertRow();
    PLAN_COLUMNS.slice(0, 5).forEach((c) => { cell(head, 'th', c).scope = 'col'; });
    const body = table.createTBody();
    p.items.forEach((i) => {
      const r = planRow(i);
      const row = body.insertRow();
      const th = cell(row, 'th', '');
      th.scope = 'row';
      const link = document.createElement('a');
      link.href = r[5];
      link.textContent = r[0];
      th.appendChild(link);
      r.slice(1, 5).forEach((c) => cell(row, 'td', c));
    });
    box.appendChild(table);
  }

  function printOnly(className, prepare) {
    prepare();
    document.documentElement.classList.add(className);
    window.print();
    document.documentElement.classList.remove(className);
  }

  // Reads a saved assessment: done(assessment), or refused(why).
  function readFile(file, done, refused) {
    const reader = new FileReader();
    reader.onload = () => {
      let data = null;
      try { data = JSON.parse(reader.result); } catch (err) { data = null; }
      const read = core.readAssessment(data, benchmark, scoring);
      if (!read.ok) refused(tr('file_is', '{name} is {reason}.', { name: file.name, reason: read.code === 'other_benchmark'
        ? tr('other_benchmark', 'an assessment of another benchmark ({title})', { title: read.title })
        : tr('not_assessment', read.reason) }));
      else done(read.assessment);
    };
    reader.onerror = () => { refused(tr('cannot_read', 'Could not read {name}.', { name: file.name })); };
    reader.readAsText(file);
  }

  let current = '';  // the subject the answers on screen are kept under
  let pending = 0;
  function changed(delay) {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const assessment = collect();
      if (store(assessment)) say('');
      render(assessment);
    }, delay);
  }
  // A new subject: its kept answers if there are some, else the answers on
  // screen, kept under the new subject from now on.
  function subjectChanged() {
    const subject = $('assessment-subject').value.trim();
    if (subject === current) return;
    const kept = stored(subject);
    if (kept && Object.keys(kept.answers).length) {
      apply(kept);
      say(tr('loaded_kept', 'Loaded the answers kept in this browser for {subject}.', { subject: subject || tr('no_named_subject', 'no named subject') }));
    }
    current = subject;
    const assessment = collect();
    store(assessment);
    render(assessment);
    listSubjects();
  }

  article.addEventListener('change', (ev) => {
    if (ev.target === fileInput || ev.target.id === 'peer-import' || (peer && peer.contains(ev.target))) return;
    if (ev.target.id === 'assessment-subject') subjectChanged();
    else changed(0);
  });
  article.addEventListener('input', (ev) => {
    const t = ev.target;
    if (peer && peer.contains(t)) return;
    if ((t.tagName === 'TEXTAREA' || t.tagName === 'INPUT') && t.type !== 'radio' && t.type !== 'file' &&
        t.id !== 'assessment-subject') changed(400);
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files[0];
    fileInput.value = '';
    if (!file) return;
    readFile(file, (assessment) => {
      const count = apply(assessment);
      current = assessment.subject || '';
      const now = collect();
      store(now);
      render(now);
      listSubjects();
      say(words.count('loaded_file', count, 'Loaded {n} answers from {name}.', 'Loaded {n} answers from {name}.', { name: file.name }));
    }, say);
  });
  tools.addEventListener('click', (ev) => {
    const action = ev.target.getAttribute && ev.target.getAttribute('data-action');
    if (action === 'export-json') exportJson(collect(), 'assessment');
    else if (action === 'export-summary') exportSummary();
    else if (action && action.startsWith('plan-')) exportPlan(action.slice(5));
    else if (action === 'print-plan') printOnly('print-plan', renderPlan);
    else if (action === 'print-summary') {
      const details = $('assessment-details');
      const wasOpen = details.open;
      printOnly('print-summary', () => {
        render(collect());
        details.open = true;
      });
      details.open = wasOpen;
    } else if (action === 'clear' && window.confirm(tr('confirm_clear', 'Clear every answer for this {subject}?', { subject: subjectWord() }))) {
      const header = collect();
      header.answers = {};
      apply(header);
      store(header);
      render(header);
      say(tr('answers_cleared', 'Answers cleared.'));
    }
  });

  // Peer review: saved assessments side by side, and a consensus.
  const compared = [];
  const peerStatus = $('peer-status');
  const peerTable = $('peer-table');
  const consensus = {};  // factor id → {mark, evidence}

  function assessmentName(a, i) {
    const who = a.assessor || tr('assessment_number', 'Assessment {n}', { n: i + 1 });
    return a.perspective ? who + ' (' + perspectiveLabel(a.perspective) + ')' : who;
  }
  function consensusAssessment() {
    const answers = {};
    factors.forEach((f) => {
      const c = consensus[f.id];
      if (c && (c.mark || c.evidence)) answers[f.id] = { mark: c.mark, evidence: c.evidence };
    });
    const subjects = compared.map((a) => a.subject).filter((s) => s);
    const dates = compared.map((a) => a.date).filter((d) => d).sort();
    return {
      subject: subjects[0] || '',
      assessor: compared.map((a) => a.assessor).filter((s) => s).join(', '),
      perspective: 'consensus',
      date: dates.length ? dates[dates.length - 1] : today(),
      answers,
    };
  }
  function renderComparison() {
    peerTable.textContent = '';
    if (!compared.length) return;
    const table = document.createElement('table');
    table.className = 'summary-table comparison';
    const caption = document.createElement('caption');
    caption.textContent = tr('compared_caption', 'Assessments compared: {title}', { title }) + (compared[0].subject ? ', ' + compared[0].subject : '');
    table.appendChild(caption);
    const head = table.createTHead().insertRow();
    cell(head, 'th', isScore ? tr('criterion', 'Criterion') : tr('factor', 'Factor')).scope = 'col';
    compared.forEach((a, i) => { cell(head, 'th', assessmentName(a, i)).scope = 'col'; });
    cell(head, 'th', tr('agreement', 'Agreement')).scope = 'col';
    cell(head, 'th', tr('consensus', 'Consensus')).scope = 'col';
    const body = table.createTBody();
    const comparison = core.compare(factors, compared);
    let group = '';
    factors.forEach((f) => {
      if (f.group !== group) {
        group = f.group;
        const g = body.insertRow();
        cell(g, 'th', group).colSpan = compared.length + 3;
        g.firstChild.scope = 'colgroup';
        g.className = 'group-row';
      }
      const c = comparison[f.id];
      const row = body.insertRow();
      row.setAttribute('data-factor', f.id);
      if (c.differs) row.className = 'differs';
      cell(row, 'th', factorTitle(f)).scope = 'row';
      compared.forEach((a) => {
        const answer = a.answers[f.id] || {};
        const td = cell(row, 'td', core.markLabel(scoring, answer.mark) || tr('not_marked', 'Not marked'));
        td.setAttribute('data-mark', answer.mark || '');
        if (answer.evidence) {
          const note = document.createElement('span');
          note.className = 'compared-note';
          note.textContent = answer.evidence;
          td.appendChild(note);
        }
      });
      cell(row, 'td', c.differs ? tr('differs', 'Differs') : c.marked > 1 ? tr('agrees', 'Agrees') : tr('too_few_marks', 'Too few marks'),
        c.differs ? 'agreement differs' : 'agreement');
      if (!consensus[f.id]) {
        const first = c.marks.find((m) => m !== '') || '';
        consensus[f.id] = { mark: c.differs ? '' : first, evidence: '' };
      }
      const td = row.insertCell();
      const select = document.createElement('select');
      select.setAttribute('aria-label', tr('consensus_for', 'Consensus for {factor}', { factor: factorTitle(f) }));
      select.setAttribute('data-consensus', f.id);
      [{ value: '', label: tr('to_agree', 'To agree') }].concat(MARKS).forEach((m) => {
        const option = document.createElement('option');
        option.value = m.value;
        option.textContent = m.label;
        select.appendChild(option);
      });
      select.value = consensus[f.id].mark;
      const note = document.createElement('input');
      note.type = 'text';
      note.setAttribute('aria-label', tr('agreed_note_for', 'Agreed note for {factor}', { factor: factorTitle(f) }));
      note.setAttribute('data-consensus-note', f.id);
      note.value = consensus[f.id].evidence;
      td.append(select, note);
    });
    if (isScore) {
      const foot = table.createTFoot().insertRow();
      foot.className = 'score-row';
      cell(foot, 'th', tr('weighted_score', 'Weighted score')).scope = 'row';
      compared.forEach((a) => {
        cell(foot, 'td', core.formatScore(core.weightedScore(scoring, factors, a.answers).total), 'weighted-score');
      });
      cell(foot, 'td', '');
      cell(foot, 'td', core.formatScore(core.weightedScore(scoring, factors, consensusAssessment().answers).total),
        'weighted-score consensus-score');
    }
    peerTable.appendChild(table);
  }
  function consensusScore() {
    const out = peerTable.querySelector('.consensus-score');
    if (out) out.textContent = core.formatScore(core.weightedScore(scoring, factors, consensusAssessment().answers).total);
  }

  if (peer) {
    const peerInput = $('peer-import');
    peer.hidden = false;
    peerInput.addEventListener('change', () => {
      const files = Array.prototype.slice.call(peerInput.files);
      peerInput.value = '';
      let left = files.length;
      const refused = [];
      const read = [];  // in the order the files were chosen
      const settled = () => { if (--left === 0) finished(); };
      files.forEach((file, i) => {
        readFile(file, (assessment) => {
          read[i] = assessment;
          settled();
        }, (why) => {
          refused.push(why);
          settled();
        });
      });
      function finished() {
        read.forEach((a) => { if (a) compared.push(a); });
        renderComparison();
        const subjects = new Set(compared.map((a) => a.subject));
        say(words.count('compared', compared.length, '{n} assessment compared.', '{n} assessments compared.') +
          (refused.length ? ' ' + refused.join(' ') : '') +
          (subjects.size > 1 ? ' ' + tr('not_same_subject', 'They are not all of the same {subject}.', { subject: subjectWord() }) : ''),
        peerStatus);
        peer.setAttribute('data-compared', String(compared.length));
      }
    });
    peer.addEventListener('change', (ev) => {
      const id = ev.target.getAttribute('data-consensus');
      if (id) {
        consensus[id].mark = ev.target.value;
        consensusScore();
      }
    });
    peer.addEventListener('input', (ev) => {
      const id = ev.target.getAttribute('data-consensus-note');
      if (id) consensus[id].evidence = ev.target.value;
    });
    peer.addEventListener('click', (ev) => {
      const action = ev.target.getAttribute && ev.target.getAttribute('data-action');
      if (action === 'consensus-json') {
        if (compared.length < 2) say(tr('load_two_first', 'Load two or more assessments first.'), peerStatus);
        else exportJson(consensusAssessment(), 'consensus', peerStatus);
      } else if (action === 'print-comparison') {
        printOnly('print-comparison', () => {});
      } else if (action === 'clear-comparison') {
        compared.length = 0;
        Object.keys(consensus).forEach((k) => { delete consensus[k]; });
        renderComparison();
        peer.setAttribute('data-compared', '0');
        say(tr('comparison_cleared', 'Comparison cleared.'), peerStatus);
      }
    });
  }

  const trouble = core.problems(scoring);
  if (trouble.length) say(tr('scoring_mistake', 'This benchmark\'s scoring has a mistake: {problems}.', { problems: trouble.join('; ') }));
  tools.hidden = false;
  current = lastSubject();
  const kept = stored(current) || (current === '' ? storedBefore() : null);
  if (kept) apply(kept);
  else $('assessment-subject').value = current;
  if (!$('assessment-date').value) $('assessment-date').value = today();
  listSubjects();
  render(collect());
})();
