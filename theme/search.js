/* Passerelle search: results as you type, from the index `passerelle build`
   writes under search/. Index files are plain scripts inserted as <script
   src>, each calling PasserelleSearch.add(name, data): the one way to load
   data from file:// (no fetch, XHR or modules there) under the site's CSP
   (script-src 'self'). Results are built with textContent, never innerHTML.

   The file formats are described in generator/search/shard_writer.h, the
   matching and ranking rules in generator/search/query_matcher.h: this file
   follows them. Folding, query parsing, typos and the order of results are
   in search-core.js (PasserelleSearchCore), which node tests. */
(function () {
  'use strict';

  const core = window.PasserelleSearchCore;

  const app = document.getElementById('search-app');
  if (!app) return;
  const indexUrl = app.getAttribute('data-index');
  const root = app.getAttribute('data-root') || '';
  const input = document.getElementById('search-input');
  const statusEl = document.getElementById('search-status');
  const resultsEl = document.getElementById('search-results');
  const moreButton = document.getElementById('search-more');
  const facetsEl = document.getElementById('search-facets');
  const clearButton = document.getElementById('search-clear');
  const emptyEl = document.getElementById('search-empty');
  const offersEl = document.getElementById('search-offers');
  const filtersEl = document.getElementById('search-filters');
  const filtersToggle = document.getElementById('search-filters-toggle');
  const PAGE = 10;
  const EXCERPT = 240;

  /* ---- Loading index files ------------------------------------------- */

  const files = new Map();
  function slot(name) {
    let file = files.get(name);
    if (!file) {
      file = {};
      file.promise = new Promise((resolve, reject) => { file.resolve = resolve; file.reject = reject; });
      file.promise.catch(() => {});  // reported where it is awaited
      files.set(name, file);
    }
    return file;
  }
  window.PasserelleSearch = {
    add(name, data) {
      const file = slot(name);
      file.data = data;
      file.resolve(data);
    }
  };
  const scripts = new Map();
  function script(src) {
    if (!scripts.has(src)) {
      scripts.set(src, new Promise((resolve, reject) => {
        const element = document.createElement('script');
        element.src = src;
        element.onload = resolve;
        element.onerror = () => reject(new Error('cannot load ' + src));
        document.head.appendChild(element);
      }));
    }
    return scripts.get(src);
  }
  function load(name) {
    const file = slot(name);
    script(indexUrl + name + '.js').catch(file.reject);
    return file.promise;
  }
  const loaded = (name) => (files.get(name) || {}).data;

  const { WORD_RE, codePoints, pieces, oneTypo } = core;
  let meta, rules, stopWords, ranks;
  const parseQuery = (query) => core.parseQuery(query, rules, stopWords);

  /* ---- Dictionary ------------------------------------------------------- */

  const dictionary = new Map();  // folded word → [word, group, df, group, df, …]
  const groupFrequency = new Map();
  const inlineLists = new Map();  // rare groups' postings, which come with their words

  const isNumber = (word) => /^[0-9]+$/.test(word);
  function numberHash(word) {  // FNV-1a, as number_hash() in shard_writer.cpp
    let hash = 2166136261;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619) >>> 0;
    return hash;
  }

  function dictionaryFile(word) {
    if (isNumber(word)) return meta.numbers ? 'n-' + (numberHash(word) % meta.numbers) : undefined;
    const cps = codePoints(word);
    return meta.terms[cps[0] + (cps[1] || '')] || meta.terms[cps[0]];
  }
  function familyFiles(word) {
    const first = codePoints(word)[0];
    return Object.keys(meta.terms).filter((key) => codePoints(key)[0] === first).map((key) => meta.terms[key]);
  }

  // A typo in the first letter puts a word in another dictionary file; the
  // tail index (words by all but their first letter) finds it: the files of
  // the typed word's tail (first letter replaced) and of the word itself
  // (first letter left out). Added or swapped first letters need no tail.
  const tailKey = (cps) => cps.length ? meta.tails[cps[0] + (cps[1] || '')] || meta.tails[cps[0]] : undefined;
  const tailFiles = (word) => [tailKey(codePoints(word).slice(1)), tailKey(codePoints(word))].filter(Boolean);
  function shiftedWords(word) {
    const cps = codePoints(word);
    return [cps.slice(1).join(''), [cps[1], cps[0]].concat(cps.slice(2)).join('')];
  }
  // Words of another first letter one typo away, from the loaded tail files.
  function firstLetterTypos(word) {
    const first = codePoints(word)[0];
    const out = new Set(shiftedWords(word));
    for (const name of tailFiles(word)) {
      for (const candidate of loaded(name).words) {
        if (codePoints(candidate)[0] !== first && oneTypo(word, candidate)) out.add(candidate);
      }
    }
    return [...out].filter((candidate) => !isNumber(candidate) && oneTypo(word, candidate));
  }
  const cards = new Map();  // record → its entry
  const pages = new Map();  // "group:kind,…" (ascending) → [count, record…]
  const merged = new Set();
  async function loadWords(name) {
    const data = await load(name);
    if (merged.has(name)) return;
    merged.add(name);
    for (const entry of data.words) {
      dictionary.set(entry[0], entry);
      for (let i = 1; i < entry.length; i += 2) groupFrequency.set(entry[i], entry[i + 1]);
    }
    for (const group of Object.keys(data.lists || {})) inlineLists.set(Number(group), data.lists[group]);
    for (const card of data.cards || []) cards.set(card[0], card.slice(1));
    for (const key of Object.keys(data.pages || {})) pages.set(key, data.pages[key]);
  }
  function frequency(entry) {
    let n = 0;
    for (let i = 2; i < entry.length; i += 2) n += entry[i];
    return n;
  }

  // Dictionary words a query word matches: kind 0 exact, 1 prefix, 2 typo.
  function matchWord(q) {
    const out = [];
    const exact = dictionary.get(q.word);
    const n = codePoints(q.word).length;
    if (exact) out.push({ entry: exact, kind: 0 });
    if (isNumber(q.word)) return out;  // a year one digit away is another year
    const file = dictionaryFile(q.word);
    if (q.prefix && n >= rules.prefixMin && file) {
      const found = loaded(file).words.filter((e) => e[0] !== q.word && e[0].startsWith(q.word));
      found.sort((x, y) => frequency(y) - frequency(x) || (x[0] < y[0] ? -1 : 1));
      const count = Math.min(rules.completions, rules.completionsPerLetter * (n - 1));
      for (const entry of found.slice(0, count)) out.push({ entry, kind: 1 });
    }
    if (!exact && n >= rules.typoMin) {
      for (const name of familyFiles(q.word)) {
        for (const entry of loaded(name).words) {
          if (!out.some((m) => m.entry === entry) && !isNumber(entry[0]) && oneTypo(q.word, entry[0])) {
            out.push({ entry, kind: 2 });
          }
        }
      }
      for (const word of firstLetterTypos(q.word)) {
        const entry = dictionary.get(word);
        if (entry && !out.some((m) => m.entry === entry) && !isNumber(word)) out.push({ entry, kind: 2 });
      }
    }
    return out;
  }

  // For each query word: its matches and the weight each stem group gets.
  async function expand(words) {
    await Promise.all(words.map((q) => dictionaryFile(q.word)).filter(Boolean).map(loadWords));
    const typos = words.filter((q) => !dictionary.has(q.word) && !isNumber(q.word) &&
      codePoints(q.word).length >= rules.typoMin);
    await Promise.all(typos.flatMap((q) => familyFiles(q.word)).map(loadWords)
      .concat(typos.flatMap((q) => tailFiles(q.word)).map(load)));
    const elsewhere = typos.flatMap((q) => firstLetterTypos(q.word)).map(dictionaryFile).filter(Boolean);
    await Promise.all([...new Set(elsewhere)].map(loadWords));
    return words.map((q) => {
      const matches = matchWord(q);
      const groups = new Map();
      for (const m of matches) {
        const weight = rules.weights[m.kind];
        for (let i = 1; i < m.entry.length; i += 2) {
          if (!(groups.get(m.entry[i]) >= weight)) groups.set(m.entry[i], weight);
        }
      }
      return { query: q, matches, groups };
    });
  }

  /* ---- Postings and facet lists (generator/search/postings_codec.h) ----- */

  const BASE64 = new Int8Array(128);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('')
    .forEach((c, i) => { BASE64[c.charCodeAt(0)] = i; });

  function decodeList(list, withImpacts) {
    const count = list[0], k = list[1], bits = list[2];
    const docs = new Int32Array(count);
    const impacts = withImpacts ? new Uint8Array(count) : null;
    let pos = 0, symbol = 0, left = 0, doc = -1;
    const bit = () => {
      if (left === 0) { symbol = BASE64[bits.charCodeAt(pos++)] | 0; left = 6; }
      left--;
      return (symbol >> left) & 1;
    };
    for (let i = 0; i < count; i++) {
      let q = 0;
      while (bit()) q++;
      let r = 0;
      for (let j = 0; j < k; j++) r = r * 2 + bit();
      doc += q * (1 << k) + r + 1;
      docs[i] = doc;
      if (impacts) impacts[i] = ((bit() << 3) | (bit() << 2) | (bit() << 1) | bit()) + 1;
    }
    return { docs, impacts };
  }

  // Which file of consecutive ranges holds item `n`, from each file's first item.
  function fileOf(starts, n) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  const postingsFile = (group) => 'p-' + fileOf(meta.postings, group);
  const recordFile = (doc) => 'd-' + fileOf(meta.records, doc);

  // Frequent groups bring their best records ("cards", as record files
  // hold them) and their facet counts along with their postings, and so do
  // the sets of groups a one-word query brings (its stems in several
  // languages, its completions), with the postings of their first group.
  const groupCounts = new Map();  // "group,group…" (ascending) → [facet][value] → count
  const registered = new Set();
  async function loadPostings(name) {
    const data = await load(name);
    if (registered.has(name)) return;
    registered.add(name);
    for (const card of data.cards || []) cards.set(card[0], card.slice(1));
    for (const groups of Object.keys(data.counts || {})) groupCounts.set(groups, data.counts[groups]);
  }
  const loadGroups = (expanded) => Promise.all([...new Set(expanded.flatMap((e) => [...e.groups.keys()])
    .filter((g) => g < meta.inlineFrom).map(postingsFile))].map(loadPostings));

  // A one-word query whose first page came with its words: its postings are
  // loaded once it shows, decoded when more is asked.
  function firstPage(e) {
    const page = pages.get([...e.groups.keys()].sort((a, b) => a - b)
      .map((g) => g + ':' + rules.weights.indexOf(e.groups.get(g))).join(','));
    return page ? { count: page[0], first: page.slice(1) } : null;
  }

  const decoded = new Map();
  function postings(group) {
    let list = decoded.get(group);
    if (!list) {
      if (group >= meta.inlineFrom) {
        list = decodeList(inlineLists.get(group), true);
      } else {
        const data = loaded(postingsFile(group));
        list = decodeList(data.lists[group - data.first], true);
      }
      decoded.set(group, list);
    }
    return list;
  }

  const facetFiles = () => Promise.all(meta.facets.map((f) => load('f-' + f.id)));
  const facetLists = [];
  function facetList(k, v) {
    facetLists[k] = facetLists[k] || [];
    if (!facetLists[k][v]) facetLists[k][v] = decodeList(loaded('f-' + meta.facets[k].id).lists[v], false).docs;
    return facetLists[k][v];
  }

  /* ---- Matching and ranking --------------------------------------------- */

  const idf = (df) => Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));

  function match(expanded) {
    const n = meta.docs;
    const score = new Float64Array(n), held = new Uint8Array(n), strong = new Uint8Array(n);
    const best = new Float64Array(n), touched = new Int32Array(n), inTitle = new Uint8Array(n);
    for (const { groups } of expanded) {
      let t = 0;
      for (const [group, weight] of groups) {
        const list = postings(group), w = weight * idf(groupFrequency.get(group));
        const docs = list.docs, impacts = list.impacts;
        for (let j = 0; j < docs.length; j++) {
          const d = docs[j], v = w * impacts[j];
          if (best[d] === 0) touched[t++] = d;
          if (v > best[d]) best[d] = v;
          if (impacts[j] >= rules.strongImpact && weight > rules.weights[2]) inTitle[d] = 1;
        }
      }
      for (let j = 0; j < t; j++) {
        const d = touched[j];
        score[d] += best[d];
        held[d]++;
        strong[d] += inTitle[d];
        best[d] = 0;
        inTitle[d] = 0;
      }
    }
    const all = expanded.length;
    let found = [];
    for (let d = 0; d < n; d++) if (held[d] === all) found.push(d);
    const partial = found.length === 0 && all > 1;
    if (partial) for (let d = 0; d < n; d++) if (held[d] > 0) found.push(d);
    return { found, score, held, strong, partial, ranked: true };
  }

  function everything() {
    const found = new Array(meta.docs);
    for (let d = 0; d < meta.docs; d++) found[d] = d;
    return { found, ranked: false, partial: false };
  }

  // The best `k` of `docs`, in the order of core.compareHits().
  function best(docs, k, m) {
    if (!m.ranked) return docs.slice(0, k);
    const before = m.before || (m.before = core.compareHits(m.held, m.strong, ranks, m.score));
    const out = [];
    for (const d of docs) {
      if (out.length === k && before(d, out[k - 1]) >= 0) continue;
      let lo = 0, hi = out.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(out[mid], d) <= 0) lo = mid + 1; else hi = mid;
      }
      out.splice(lo, 0, d);
      if (out.length > k) out.pop();
    }
    return out;
  }

  /* ---- Filters and facet counts ----------------------------------------- */

  const state = { q: '', filters: {}, shown: PAGE };
  const filtering = () => meta.facets.some((f) => state.filters[f.id].length > 0);

  // For each facet, the records its chosen values allow (null: no choice).
  function allowed() {
    return meta.facets.map((facet, k) => {
      const chosen = state.filters[facet.id];
      if (!chosen.length) return null;
      const mask = new Uint8Array(meta.docs);
      facet.values.forEach((value, v) => {
        if (chosen.includes(value[0])) for (const d of facetList(k, v)) mask[d] = 1;
      });
      return mask;
    });
  }

  // Which facet filter each matching record fails: -1 none, k only facet k,
  // -2 several; records that do not match stay -3.
  function failures(found, masks) {
    const fails = new Int8Array(meta.docs).fill(-3);
    for (const d of found) {
      let f = -1;
      masks.forEach((mask, k) => { if (mask && !mask[d]) f = f === -1 ? k : -2; });
      fails[d] = f;
    }
    return fails;
  }

  // A value's count is what choosing it would give: the query and other
  // facets' filters apply, not its own facet's.
  function counts(fails) {
    return meta.facets.map((facet, k) => facet.values.map((value, v) => {
      let n = 0;
      for (const d of facetList(k, v)) if (fails[d] === -1 || fails[d] === k) n++;
      return n;
    }));
  }

  /* ---- Rendering ---------------------------------------------------------- */

  const facetInputs = [];  // [facet][value] → checkbox

  function buildFacets() {
    meta.facets.forEach((facet, k) => {
      const fieldset = document.createElement('fieldset');
      fieldset.className = 'search-facet';
      const legend = document.createElement('legend');
      legend.textContent = facet.label;
      const list = document.createElement('ul');
      facetInputs[k] = facet.values.map((value) => {
        const item = document.createElement('li');
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = facet.id;
        box.value = value[0];
        const count = document.createElement('span');
        count.className = 'count';
        label.append(box, ' ' + value[1] + ' ', count);
        item.append(label);
        list.append(item);
        return box;
      });
      fieldset.append(legend, list);
      facetsEl.append(fieldset);
    });
  }

  function showCounts(values) {
    meta.facets.forEach((facet, k) => {
      let visible = 0;
      facetInputs[k].forEach((box, v) => {
        const n = values[k][v];
        box.checked = state.filters[facet.id].includes(facet.values[v][0]);
        box.parentNode.lastChild.textContent = words.number(n);
        const show = n > 0 || box.checked;
        box.closest('li').hidden = !show;
        if (show) visible++;
      });
      facetsEl.children[k].hidden = visible === 0;
    });
    clearButton.hidden = !filtering();
    // No value to choose and none chosen: no empty "Filters" heading either.
    filtersEl.hidden = !filtering() && Array.from(facetsEl.children).every((fieldset) => fieldset.hidden);
    showToggle();
  }

  let announceTimer = 0;
  function announce(text) {
    // Once typing pauses, so that screen readers are not interrupted at every key.
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { statusEl.textContent = text; }, 350);
  }

  function isMatch(highlight) {
    return (raw) => pieces(raw).some(highlight);
  }

  function marked(element, text, hit) {
    let last = 0;
    for (const m of text.matchAll(WORD_RE)) {
      if (!hit(m[0])) continue;
      if (m.index > last) element.append(text.slice(last, m.index));
      const mark = document.createElement('mark');
      mark.textContent = m[0];
      element.append(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) element.append(text.slice(last));
  }

  function excerpt(text, hit) {
    if (text.length <= EXCERPT) return text;
    let first = -1;
    for (const m of text.matchAll(WORD_RE)) {
      if (hit(m[0])) { first = m.index; break; }
    }
    let start = first < 60 ? 0 : text.lastIndexOf(' ', first - 60) + 1;
    let end = Math.min(text.length, start + EXCERPT);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  // Whether a folded word is one the query matched, for <mark>.
  function highlighter(expanded) {
    const words = new Set(), groups = new Set(), prefixes = [];
    for (const e of expanded) {
      e.matches.forEach((m) => words.add(m.entry[0]));
      e.groups.forEach((weight, g) => groups.add(g));
      if (e.query.prefix && codePoints(e.query.word).length >= rules.prefixMin) prefixes.push(e.query.word);
    }
    return (word) => {
      if (words.has(word) || prefixes.some((p) => word.startsWith(p))) return true;
      const entry = dictionary.get(word);
      if (!entry) return false;
      for (let i = 1; i < entry.length; i += 2) if (groups.has(entry[i])) return true;
      return false;
    };
  }

  function entryOf(doc) {
    if (cards.has(doc)) return cards.get(doc);
    const data = loaded(recordFile(doc));
    return data.docs[doc - data.first];
  }

  function resultItem(doc, hit) {
    const [collection, id, title, text, countries] = entryOf(doc);
    const c = meta.collections[collection];
    const item = document.createElement('li');
    const heading = document.createElement('h3');
    const link = document.createElement('a');
    link.href = root + c.url[0] + id + c.url[1];
    marked(link, title, hit);
    heading.append(link);
    const about = document.createElement('p');
    about.className = 'search-result-meta';
    const placeFacet = meta.facets.find((f) => f.places);
    const names = placeFacet ? countries.map((v) => placeFacet.values[v][1]) : [];
    about.textContent = [c.singular].concat(names.length ? [names.join(', ')] : []).join(' · ');
    item.append(heading, about);
    if (text) {
      const p = document.createElement('p');
      p.className = 'search-result-excerpt';
      marked(p, excerpt(text, hit), hit);
      item.append(p);
    }
    return item;
  }

  // The page's words (strings-core.js, loaded before this script).
  const words = window.PasserelleWords;

  function summary(current) {
    const n = current.count;
    const q = words.say('quoted', '“{q}”', { q: state.q.trim() });
    const filtered = filtering() ? ' with these filters' : '';
    const also = filtering() ? '_filtered' : '';
    if (!current.words.length) {
      return words.count('search_filters_only', n, '{n} record matches these filters.', '{n} records match these filters.');
    }
    if (n === 0) return words.say('search_none' + also, 'No results for {q}' + filtered + '.', { q });
    if (current.matched.partial) {
      return words.count('search_partial' + also, n, 'No record holds every word of {q}; {n} record holds some of them' +
        filtered + '.', 'No record holds every word of {q}; {n} records hold some of them' + filtered + '.', { q });
    }
    return words.count('search_results' + also, n, '{n} result for {q}' + filtered + '.', '{n} results for {q}' + filtered + '.',
      { q });
  }

  /* ---- Nothing found: what to try instead ---------------------------------- */

  async function showEmpty(view) {
    let parts = [];
    if (view.words.length && !filtering()) {
      try {  // search-empty.js, loaded when a search first finds nothing
        await Promise.all([script((app.getAttribute('data-assets') || root + 'assets/') + 'search-empty.js'), load('v')]);
        parts = window.PasserelleSearchEmpty.offers(view.words, dictionary, loaded('v').terms, rules, root);
      } catch (error) { /* a help, not the result: the browse links stay */ }
    }
    if (view !== current) return;
    offersEl.replaceChildren(...parts);
    emptyEl.hidden = false;
  }

  let current = null;

  async function showResults(view) {
    if (!view.results && view.matched.first.length < Math.min(state.shown, view.count)) {
      await loadGroups(view.expanded);
      view.results = (view.matched = match(view.expanded)).found;
    }
    const shown = view.results ? best(view.results, state.shown, view.matched) : view.matched.first.slice(0, state.shown);
    await Promise.all([...new Set(shown.filter((d) => !cards.has(d)).map(recordFile))].map(load));
    if (view !== current) return false;
    const hit = isMatch(view.highlight);
    resultsEl.replaceChildren(...shown.map((d) => resultItem(d, hit)));
    emptyEl.hidden = true;
    offersEl.replaceChildren();
    if (!view.count) await showEmpty(view);
    if (view !== current) return false;
    moreButton.hidden = view.count <= shown.length;
    announce(summary(view));
    return true;
  }

  function showIdle() {
    current = null;
    facetsEl.removeAttribute('aria-busy');
    resultsEl.replaceChildren();
    emptyEl.hidden = true;
    moreButton.hidden = true;
    showCounts(meta.facets.map((f) => f.values.map((v) => v[2])));
    announce(words.count('search_idle', meta.docs, 'Type to search {n} record, or choose filters.',
      'Type to search {n} records, or choose filters.'));
    app.removeAttribute('aria-busy');
    app.dataset.count = 0;
    app.dataset.query = state.q;
  }

  function showFailure() {
    app.hidden = false;
    app.removeAttribute('aria-busy');
    statusEl.textContent = words.say('search_failed',
      'Search is unavailable: its index could not be loaded. Browse by country, theme or actor type instead.');
  }

  /* ---- The query cycle ---------------------------------------------------- */

  function saveUrl() {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    for (const facet of meta.facets) for (const v of state.filters[facet.id]) params.append(facet.id, v);
    const search = params.toString();
    history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
  }

  async function show(view, started) {
    view.highlight = highlighter(view.expanded);
    current = view;
    if (!(await showResults(view))) return false;
    // What happened, for tests/browser and scripts/bench-search.
    app.dataset.ms = (performance.now() - started).toFixed(1);
    app.dataset.count = view.count;
    app.dataset.query = state.q;
    app.dataset.files = Array.from(files.keys()).join(' ');
    return true;
  }

  let runs = 0;
  async function update() {
    const run = ++runs;
    const started = performance.now();
    saveUrl();
    const words = parseQuery(state.q);
    if (!words.length && !filtering()) {
      showIdle();
      return;
    }
    app.setAttribute('aria-busy', 'true');
    try {
      let expanded = [], matched, view = null;
      if (words.length) {
        expanded = await expand(words);
        if (run !== runs) return;
        const first = words.length === 1 && !filtering() && firstPage(expanded[0]);
        if (first && !(await show(view = { words, expanded, matched: first, count: first.count }, started))) return;
        await loadGroups(expanded);
        if (run !== runs) return;
        matched = first || match(expanded);
      } else {
        matched = everything();
      }
      if (filtering()) await facetFiles();
      if (run !== runs) return;
      const masks = filtering() ? allowed() : null;
      const fails = masks ? failures(matched.found, masks) : null;
      if (!view) {
        const results = fails ? matched.found.filter((d) => fails[d] === -1) : matched.found;
        if (!(await show(view = { words, expanded, matched, results, count: results.length }, started))) return;
      }
      // No filter, and every word brings the same stem groups (mostly: one
      // word): the counts of those groups, if they came. Else the facet
      // lists (large), once typing pauses: a word being typed may need none.
      const stems = new Set(expanded.map((e) => [...e.groups.keys()].sort((a, b) => a - b).join(',')));
      const only = stems.size === 1 && !masks ? groupCounts.get(stems.values().next().value) : null;
      if (!only && !meta.facets.every((f) => loaded('f-' + f.id))) {
        facetsEl.setAttribute('aria-busy', 'true');
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (view !== current) return;
        await facetFiles();
      }
      if (view !== current) return;
      facetsEl.removeAttribute('aria-busy');
      showCounts(only || counts(fails || failures(matched.found, allowed())));
      app.dataset.facetsMs = (performance.now() - started).toFixed(1);
    } catch (error) {
      if (run === runs) showFailure();
    } finally {
      if (run === runs) app.removeAttribute('aria-busy');
    }
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    state.q = params.get('q') || '';
    for (const facet of meta.facets) {
      const known = facet.values.map((v) => v[0]);
      state.filters[facet.id] = params.getAll(facet.id).filter((v) => known.includes(v));
    }
  }

  function readFilters() {
    meta.facets.forEach((facet, k) => {
      state.filters[facet.id] = facetInputs[k].filter((box) => box.checked).map((box) => box.value);
    });
  }

  function onKey(event) {
    const links = Array.from(resultsEl.querySelectorAll('a'));
    const at = links.indexOf(event.target);
    let next = null;
    if (event.target === input && (event.key === 'ArrowDown' || event.key === 'Enter')) {
      if (event.key === 'Enter') event.preventDefault();  // results are already there
      next = links[0];
    } else if (at >= 0 && event.key === 'ArrowDown') {
      next = links[at + 1];
    } else if (at >= 0 && event.key === 'ArrowUp') {
      next = at > 0 ? links[at - 1] : input;
    } else if (at >= 0 && event.key === 'Escape') {
      next = input;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  /* ---- On a phone, the filters are a panel above the results ---------------- */

  const narrow = window.matchMedia('(max-width: 48rem)');
  // Moved, so that reading and tab order follow what the screen shows.
  function placeFilters() {
    if (narrow.matches) filtersToggle.after(filtersEl);
    else resultsEl.closest('.search-main').after(filtersEl);
  }
  function showToggle() {
    const chosen = meta.facets.reduce((n, f) => n + state.filters[f.id].length, 0);
    filtersToggle.textContent = chosen ? words.count('filters_chosen', chosen, 'Filters ({n} chosen)', 'Filters ({n} chosen)')
      : words.say('filters', 'Filters');
    filtersToggle.hidden = filtersEl.hidden && !chosen;
  }
  // After a filter change, the results' count back in view.
  function keepResultsInView() {
    if (!narrow.matches) return;
    const top = statusEl.getBoundingClientRect().top;  // scrolling lands on whole pixels: -0.3 is in view
    if (top <= -1 || top > window.innerHeight / 2) statusEl.scrollIntoView({ block: 'start' });
  }

  function start(data) {
    meta = data;
    rules = meta.rules;
    stopWords = new Set(meta.stopWords);
    ranks = core.ranksOf(meta.ranks, meta.docs);
    buildFacets();
    readUrl();
    input.value = state.q;
    input.closest('form').addEventListener('submit', (event) => event.preventDefault());
    input.addEventListener('input', () => {
      state.q = input.value;
      state.shown = PAGE;
      update();
    });
    input.addEventListener('keydown', onKey);
    resultsEl.addEventListener('keydown', onKey);
    facetsEl.addEventListener('change', () => {
      readFilters();
      state.shown = PAGE;
      update().then(keepResultsInView);
    });
    placeFilters();
    narrow.addEventListener('change', placeFilters);
    filtersToggle.addEventListener('click', () => {
      const open = filtersToggle.getAttribute('aria-expanded') !== 'true';
      filtersToggle.setAttribute('aria-expanded', String(open));
      filtersEl.classList.toggle('open', open);
    });
    clearButton.addEventListener('click', () => {
      meta.facets.forEach((facet) => { state.filters[facet.id] = []; });
      update();
      input.focus();
    });
    moreButton.addEventListener('click', () => {
      if (!current) return;
      const first = resultsEl.children.length;
      state.shown += PAGE;
      showResults(current).then((shown) => {
        const link = shown && resultsEl.children[first] && resultsEl.children[first].querySelector('a');
        if (link) link.focus();
      });
    });
    app.hidden = false;
    if (!state.q) input.focus();
    update();
  }

  load('meta').then(start, showFailure);
})();
