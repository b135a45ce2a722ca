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
  // In the page's words (strings-core.js), English where there are none.
  function statusText(shown, total, filtering) {
    const words = global.PasserelleWords || ENGLISH;
    if (!filtering) return words.count('filter_all', total, 'All {n} records shown.', 'All {n} records shown.');
    if (shown === 0) return words.say('filter_none', 'No record matches. Clear the box to see all {total}.', { total });
    if (total === 1) return words.say('filter_only', '1 of 1 record matches.');
    return words.count('filter_some', shown, '{n} of {total} records matches.', '{n} of {total} records match.',
      { total });
  }

  const fill = (text, values) => text.replace(/\{([a-z_]+)\}/g, (whole, name) =>
    (values && name in values ? String(values[name]) : whole));
  const ENGLISH = {
    say: (key, english, values) => fill(english, values),
    count: (key, n, one, other, values) => fill(n === 1 ? one : other, Object.assign({ n }, values)),
  };

  global.PasserelleListFilter = { entryWords, queryWords, matches, statusText };
})(typeof window !== 'undefined' ? window : globalThis);
