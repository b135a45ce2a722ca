/* Passerelle search: folding, parsing, typos, the order of results; pure,
   and identical to generator/search/ (text_folding.cpp, query_matcher.cpp):
   tests/search/ tests both from one cases file. Not a module: file://. */
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

  // Results' order: more words held, more held strongly (title, vocabulary
  // terms), lower collection rank, higher score, catalogue order.
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

  global.PasserelleSearchCore = {
    WORD_RE, fold, codePoints, pieces, foldedWords, parseQuery, oneTypo, compareHits, ranksOf,
  };
})(typeof window !== 'undefined' ? window : globalThis);
