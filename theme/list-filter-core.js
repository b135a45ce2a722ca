/* Passerelle list filter: which entries of a collection page match what the
   reader types, and what the page then says. Pure (no DOM); words are folded
   as search folds them (search-core.js), so "migracoes" finds "Migrações".
   tests/search/list_filter.test.mjs tests it. Not a module: file://. */
(function (global) {
  'use strict';

  const core = global.PasserelleSearchCore;

  // The folded words of an entry's text (its title, number, summary, meta
  // and the heading of its group).
  function entryWords(text) {
    return core.pieces(text);
  }

  // The folded words of the query, each once.
  function queryWords(query) {
    return [...new Set(core.pieces(query))];
  }

  // An entry matches when each query word begins one of its words: "trade
  // un" finds "Trade unions", "art" does not find "part".
  function matches(words, query) {
    return query.every((q) => words.some((w) => w.startsWith(q)));
  }

  // What the live region says after the reader typed: nothing while the box
  // is empty and never was used, the count otherwise.
  function statusText(shown, total, filtering) {
    if (!filtering) return `All ${total} records shown.`;
    if (shown === 0) return `No record matches. Clear the box to see all ${total}.`;
    return `${shown} of ${total} ${total === 1 ? 'record' : 'records'} ${shown === 1 ? 'matches' : 'match'}.`;
  }

  global.PasserelleListFilter = { entryWords, queryWords, matches, statusText };
})(typeof window !== 'undefined' ? window : globalThis);
