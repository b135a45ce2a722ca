/* The filter box of a collection page: hides the entries that do not match
   what the reader types and the groups (and their jump links) left empty,
   and says how many records remain in a polite live region. Without this
   script the box stays hidden and the whole list shows. Text is only read
   (textContent), never written as HTML. Matching: list-filter-core.js. */
(function () {
  'use strict';
  const box = document.getElementById('list-filter');
  const list = document.getElementById('collection-list');
  const filter = window.PasserelleListFilter;
  if (!box || !list || !filter) return;
  const input = document.getElementById('list-filter-input');
  const status = document.getElementById('list-filter-status');

  const heading = (group) => group.querySelector(':scope > h2, :scope > h3');
  const groups = Array.from(list.querySelectorAll('.record-group'));
  // An entry is found by its own text and by its group's heading ("trade
  // unions" finds what is addressed to them), not by the headings above
  // that: a document's title names many audiences.
  const entries = Array.from(list.querySelectorAll('.record-list > li')).map((li) => {
    const group = li.closest('.record-group');
    const text = li.textContent + ' ' + (group && heading(group) ? heading(group).textContent : '');
    const link = li.querySelector('a.record-title');
    return { li, url: link ? link.getAttribute('href') : text, words: filter.entryWords(text) };
  });
  const total = new Set(entries.map((e) => e.url)).size;
  const jumps = Array.from(document.querySelectorAll('.jump-links a[href^="#"]')).map((a) => {
    const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
    return { item: a.parentElement, group: target && target.closest('.record-group') };
  });
  let used = false;

  function apply() {
    const query = filter.queryWords(input.value);
    const shown = new Set();
    for (const e of entries) {
      const match = filter.matches(e.words, query);
      e.li.hidden = !match;
      if (match) shown.add(e.url);
    }
    for (const g of groups) g.hidden = !g.querySelector('.record-list > li:not([hidden])');
    for (const j of jumps) if (j.group) j.item.hidden = j.group.hidden;
    if (query.length) used = true;
    status.textContent = used ? filter.statusText(shown.size, total, query.length > 0) : '';
  }

  input.addEventListener('input', apply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      input.value = '';
      apply();
    }
  });
  box.hidden = false;
  if (input.value) apply();  // a value the browser kept on going back
})();
