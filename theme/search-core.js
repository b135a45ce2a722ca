/* Passerelle search: the rules that can be wrong, apart from the page.

   Folding, query parsing, typos, the order of results, spelling suggestions
   and matching vocabulary terms: pure functions, no DOM and no state, that
   theme/search.js calls and tests/search/core.test.mjs tests with node from
   tests/search/cases.json, the data generator/search/query_matcher.cpp is
   tested with too. fold() must stay identical to
   generator/search/text_folding.cpp, parseQuery() and oneTypo() to
   query_matcher.cpp, compareHits() to ranks_before() there.

   A classic script, not a module: pages opened from disk (file://) cannot
   load modules. It defines one global, PasserelleSearchCore. */
(function (global) {
  'use strict';

  const EXTRA = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ı': 'i', 'þ': 'th', 'ς': 'σ' };
  const EXTRA_RE = /[ßæœøłđðıþς]/g;
  const MARK_RE = /\p{M}/gu;
  const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  const FOLDED_RE = /[\p{L}\p{N}]+/gu;
  const ENDS_IN_WORD_RE = /[\p{L}\p{N}\p{M}]$/u;

  function fold(text) {
    return text.toLowerCase().normalize('NFKD').replace(MARK_RE, '').toLowerCase()
      .replace(EXTRA_RE, (c) => EXTRA[c]);
  }
  const codePoints = (word) => Array.from(word);
  const pieces = (raw) => fold(raw).match(FOLDED_RE) || [];

  // The folded words of `text` that the index keeps (rules: meta.rules).
  function foldedWords(text, rules) {
    const out = [];
    for (const raw of text.match(WORD_RE) || []) {
      for (const piece of pieces(raw)) {
        const n = codePoints(piece).length;
        if (n >= rules.minWord && n <= rules.maxWord) out.push(piece);
      }
    }
    return out;
  }

  // Query words: folded, stop words and repeats dropped, the last one marked
  // `prefix` while the reader is still typing it.
  function parseQuery(query, rules, stopWords) {
    const words = foldedWords(query, rules);
    const typing = ENDS_IN_WORD_RE.test(query);
    // A query of stop words only is searched as it is: "it" may be Italy's code.
    const onlyStopWords = words.every((word) => stopWords.has(word));
    const out = [];
    words.forEach((word, i) => {
      const prefix = typing && i === words.length - 1;
      if (stopWords.has(word) && !prefix && !onlyStopWords) return;
      const same = out.find((q) => q.word === word);
      if (same) same.prefix = same.prefix || prefix;
      else out.push({ word, prefix });
    });
    return out;
  }

  // One insertion, deletion, substitution or swap of neighbours, in code points.
  function oneTypo(typed, word) {
    const a = codePoints(typed), b = codePoints(word), m = a.length, n = b.length;
    if (typed === word || Math.abs(m - n) > 1) return false;
    let i = 0;
    while (i < m && i < n && a[i] === b[i]) i++;
    const rest = (x, from) => x.slice(from).join('');
    if (m === n) {
      if (rest(a, i + 1) === rest(b, i + 1)) return true;
      return i + 1 < m && a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2);
    }
    return m > n ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
  }

  // The order of results, on record numbers: more query words held, then
  // more of them held strongly (title or vocabulary terms), then the lower
  // collection rank, then the higher score, then catalogue order.
  function compareHits(held, strong, rank, score) {
    return (a, b) => held[b] - held[a] || strong[b] - strong[a] || rank[a] - rank[b] ||
      score[b] - score[a] || a - b;
  }

  // Each record's collection rank, from meta.ranks: runs of [rank, records].
  function ranksOf(runs, docs) {
    const out = new Uint16Array(docs);
    let d = 0;
    for (const [rank, count] of runs || []) for (let i = 0; i < count && d < docs; i++) out[d++] = rank;
    return out;
  }

  // Edit distance (insertions, deletions, substitutions, swaps of
  // neighbours), in code points, or `limit` + 1 when it is over `limit`.
  function distance(x, y, limit) {
    const a = codePoints(x), b = codePoints(y);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
      rows[i] = [i];
      for (let j = 1; j <= b.length; j++) {
        if (i === 0) { rows[i][j] = j; continue; }
        let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
      }
    }
    return Math.min(rows[a.length][b.length], limit + 1);
  }

  // Words to suggest for `word`, which found nothing: the closest of
  // `candidates` ([word, records]), two edits at most (one for short words),
  // the closest first, then the most frequent, then A–Z.
  function suggestions(word, candidates, max) {
    const limit = codePoints(word).length >= 5 ? 2 : 1;
    const found = [];
    for (const [candidate, records] of candidates) {
      if (candidate === word || /^[0-9]+$/.test(candidate)) continue;
      const d = distance(word, candidate, limit);
      if (d <= limit) found.push({ word: candidate, d, records });
    }
    found.sort((x, y) => x.d - y.d || y.records - x.records || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
    return found.slice(0, max).map((s) => s.word);
  }

  // Vocabulary terms ([taxonomy, page, label, labels in every language]) one
  // of whose labels has a word that a query word begins, or, for a word of
  // rules.typoMin letters or more, is two edits from at most.
  function matchingTerms(words, terms, rules) {
    const near = (q, w) => w.startsWith(q) || (codePoints(q).length >= rules.typoMin && distance(q, w, 2) <= 2);
    return terms.filter((term) => term[3].some((label) => foldedWords(label, rules).some((w) =>
      words.some((q) => near(q.word, w)))));
  }

  global.PasserelleSearchCore = {
    WORD_RE, fold, codePoints, pieces, foldedWords, parseQuery, oneTypo, compareHits, ranksOf, distance,
    suggestions, matchingTerms,
  };
})(typeof window !== 'undefined' ? window : globalThis);
