// The self-assessment on a benchmark page: marks (in place / partly / not
// yet) and notes per factor, kept in localStorage per benchmark, saved to and
// loaded from a JSON file, summarised in a table that can be downloaded or
// printed. Works from file:// (no fetch: Blob downloads, FileReader imports).
// Without this script the page is a printable paper checklist.
(function () {
  'use strict';
  var article = document.querySelector('[data-benchmark]');
  if (!article) return;
  document.documentElement.classList.add('js');

  var FORMAT = 'passerelle-assessment';
  var STATUSES = { 'in-place': 'In place', 'partly': 'Partly', 'not-yet': 'Not yet' };
  var benchmark = article.getAttribute('data-benchmark');
  var title = article.getAttribute('data-title') || document.title;
  var storageKey = 'passerelle.assessment.' + benchmark;
  var tools = article.querySelector('.assessment-tools');
  var statusBox = document.getElementById('assessment-status');
  var tally = document.getElementById('assessment-tally');
  var summary = document.getElementById('assessment-summary');
  var fileInput = document.getElementById('assessment-import');

  var factors = Array.prototype.map.call(article.querySelectorAll('.factor[data-factor]'), function (el) {
    var heading = el.closest('.factor-group').querySelector('h2');
    return {
      id: el.getAttribute('data-factor'),
      number: el.getAttribute('data-number') || '',
      title: el.querySelector('.factor-title').textContent.trim(),
      group: heading.firstChild.textContent.trim(),
      radios: el.querySelectorAll('input[type="radio"]'),
      note: el.querySelector('textarea')
    };
  });

  function say(text) { statusBox.textContent = text; }

  function collect() {
    var answers = {};
    factors.forEach(function (f) {
      var status = '';
      f.radios.forEach(function (r) { if (r.checked) status = r.value; });
      var note = f.note.value.trim();
      if (status || note) answers[f.id] = { status: status, note: f.note.value };
    });
    return answers;
  }

  function apply(answers) {
    var count = 0;
    factors.forEach(function (f) {
      var a = answers[f.id] || {};
      var status = STATUSES[a.status] ? a.status : '';
      f.radios.forEach(function (r) { r.checked = r.value === status; });
      f.note.value = typeof a.note === 'string' ? a.note : '';
      if (status || f.note.value) count++;
    });
    return count;
  }

  function store(answers) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ format: FORMAT, version: 1, answers: answers }));
      return true;
    } catch (e) {
      say('This browser does not let the page keep your answers: save them to a file instead.');
      return false;
    }
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
      return saved && saved.answers ? saved.answers : {};
    } catch (e) {
      return {};
    }
  }

  function cell(row, tag, text, className) {
    var c = document.createElement(tag);
    c.textContent = text;
    if (className) c.className = className;
    row.appendChild(c);
    return c;
  }

  // The summary: counts by mark, then a table of every factor.
  function render(answers) {
    var counts = { 'in-place': 0, 'partly': 0, 'not-yet': 0 };
    var table = document.createElement('table');
    table.className = 'summary-table';
    var caption = document.createElement('caption');
    caption.textContent = 'Your answers: ' + title;
    caption.className = 'visually-hidden';
    table.appendChild(caption);
    var head = table.createTHead().insertRow();
    ['Factor', 'Mark', 'Note'].forEach(function (h) { cell(head, 'th', h).scope = 'col'; });
    var body = table.createTBody();
    var group = '';
    factors.forEach(function (f) {
      var a = answers[f.id] || {};
      if (STATUSES[a.status]) counts[a.status]++;
      if (f.group !== group) {
        group = f.group;
        var g = body.insertRow();
        cell(g, 'th', group).colSpan = 3;
        g.firstChild.scope = 'colgroup';
        g.className = 'group-row';
      }
      var row = body.insertRow();
      cell(row, 'th', (f.number ? f.number + '. ' : '') + f.title).scope = 'row';
      cell(row, 'td', STATUSES[a.status] || 'Not marked', a.status ? 'status-' + a.status : '');
      cell(row, 'td', a.note || '');
    });
    var marked = counts['in-place'] + counts['partly'] + counts['not-yet'];
    tally.textContent = 'In place: ' + counts['in-place'] + ' · Partly: ' + counts['partly'] + ' · Not yet: ' +
      counts['not-yet'] + ' · Not marked: ' + (factors.length - marked) + ' of ' + factors.length;
    summary.textContent = '';
    summary.appendChild(table);
    return table;
  }

  function today() { return new Date().toISOString().slice(0, 10); }
  function fileName(ext) { return benchmark.split('/').pop() + '-assessment-' + today() + '.' + ext; }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say('Saved ' + name + '.');
  }

  function exportJson() {
    var answers = collect();
    var list = factors.filter(function (f) { return answers[f.id]; }).map(function (f) {
      return { factor: f.id, number: f.number, title: f.title, status: answers[f.id].status, note: answers[f.id].note };
    });
    var data = { format: FORMAT, version: 1, benchmark: benchmark, title: title, saved: new Date().toISOString(), answers: list };
    download(fileName('json'), 'application/json', JSON.stringify(data, null, 2) + '\n');
  }

  // A standalone page: built as a DOM tree, so every text is escaped.
  function exportSummary() {
    var doc = document.implementation.createHTMLDocument(title + ': assessment');
    doc.documentElement.lang = document.documentElement.lang || 'en';
    var meta = doc.createElement('meta');
    meta.setAttribute('charset', 'utf-8');
    doc.head.insertBefore(meta, doc.head.firstChild);
    var style = doc.createElement('style');
    style.textContent = 'body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}' +
      'table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #999;padding:.3rem .5rem}' +
      '.group-row th{background:#eee}.visually-hidden{display:none}';
    doc.head.appendChild(style);
    var h1 = doc.createElement('h1');
    h1.textContent = title + ': assessment';
    var p = doc.createElement('p');
    p.textContent = 'Summary of ' + today() + '. ' + tally.textContent;
    doc.body.append(h1, p, doc.importNode(render(collect()), true));
    download(fileName('html'), 'text/html', '<!DOCTYPE html>\n' + doc.documentElement.outerHTML + '\n');
  }

  function importFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.format !== FORMAT || !data.answers) {
        say(file.name + ' is not a file of saved answers.');
        return;
      }
      if (data.benchmark && data.benchmark !== benchmark) {
        say(file.name + ' holds answers for another benchmark (' + (data.title || data.benchmark) + ').');
        return;
      }
      var answers = {};
      (Array.isArray(data.answers) ? data.answers : Object.keys(data.answers).map(function (k) {
        var a = data.answers[k];
        return { factor: k, status: a && a.status, note: a && a.note };
      })).forEach(function (a) {
        if (a && typeof a.factor === 'string') answers[a.factor] = { status: a.status || '', note: a.note || '' };
      });
      var count = apply(answers);
      answers = collect();
      store(answers);
      render(answers);
      say('Loaded ' + count + ' answers from ' + file.name + '.');
    };
    reader.onerror = function () { say('Could not read ' + file.name + '.'); };
    reader.readAsText(file);
  }

  var pending = 0;
  function changed(delay) {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var answers = collect();
      if (store(answers)) say('');
      render(answers);
    }, delay);
  }

  article.addEventListener('change', function (e) { if (e.target !== fileInput) changed(0); });
  article.addEventListener('input', function (e) { if (e.target.tagName === 'TEXTAREA') changed(400); });
  fileInput.addEventListener('change', function () {
    if (fileInput.files.length) importFile(fileInput.files[0]);
    fileInput.value = '';
  });
  tools.addEventListener('click', function (e) {
    var action = e.target.getAttribute && e.target.getAttribute('data-action');
    if (action === 'export-json') exportJson();
    else if (action === 'export-summary') exportSummary();
    else if (action === 'print-summary') {
      render(collect());
      var details = document.getElementById('assessment-details');
      var wasOpen = details.open;
      details.open = true;
      document.documentElement.classList.add('print-summary');
      window.print();
      document.documentElement.classList.remove('print-summary');
      details.open = wasOpen;
    } else if (action === 'clear' && window.confirm('Clear every mark and note for this benchmark?')) {
      apply({});
      store({});
      render({});
      say('Answers cleared.');
    }
  });

  tools.hidden = false;
  apply(load());
  render(collect());
})();
