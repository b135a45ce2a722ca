/* Passerelle search: what a search that finds nothing offers instead,
   loaded only then (search.js). Apart from linkList() and offers(), pure,
   and tested by tests/search/core.test.mjs. */
(function (global) {
  'use strict';

  const { codePoints, foldedWords } = global.PasserelleSearchCore;

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

  // A titled list of links ([href, text, note]), built with textContent.
  function linkList(className, heading, links) {
    const section = global.document.createElement('section');
    section.className = className;
    const title = global.document.createElement('h3');
    title.textContent = heading;
    const list = global.document.createElement('ul');
    for (const [href, text, note] of links) {
      const item = global.document.createElement('li');
      const link = global.document.createElement('a');
      link.href = href;
      link.textContent = text;
      item.append(link);
      if (note) item.append(' (' + note + ')');
      list.append(item);
    }
    section.append(title, list);
    return section;
  }

  // The query with `word` in place of the query word at `i`, as a search URL.
  function queryWith(words, i, word) {
    const params = new URLSearchParams();
    params.set('q', words.map((q, j) => (j === i ? word : q.word)).join(' '));
    return '?' + params.toString();
  }

  // What to offer for query `words` that found nothing: up to six spelling
  // suggestions from the loaded `dictionary` (search.js), up to eight
  // vocabulary terms, as titled lists of links.
  function offers(words, dictionary, terms, rules, root) {
    const parts = [];
    const candidates = Array.from(dictionary.values(), (entry) => {
      let records = 0;
      for (let i = 2; i < entry.length; i += 2) records += entry[i];
      return [entry[0], records];
    });
    const offered = [];
    words.forEach((q, i) => {
      for (const word of suggestions(q.word, candidates, 3)) offered.push([queryWith(words, i, word), word]);
    });
    // In the page's words (strings-core.js), English where there are none.
    const say = (key, english) => (global.PasserelleWords ? global.PasserelleWords.say(key, english) : english);
    if (offered.length) parts.push(linkList('search-suggestions', say('did_you_mean', 'Did you mean'), offered.slice(0, 6)));
    const singular = { countries: 'country', themes: 'theme', actors: 'actor type' };
    const found = matchingTerms(words, terms, rules).slice(0, 8)
      .map((t) => [root + t[1], t[2], say('kind_' + t[0], singular[t[0]] || t[0])]);
    if (found.length) parts.push(linkList('search-terms', say('matching_terms', 'Matching terms'), found));
    return parts;
  }

  global.PasserelleSearchEmpty = { distance, suggestions, matchingTerms, queryWith, linkList, offers };
})(typeof window !== 'undefined' ? window : globalThis);
