/* The words the theme's scripts show, in the page's language: strings.js
   (made by the generator from the `script:` map of templates/strings/
   <language>.yaml) sets window.PasserelleStrings first; this reads it.
   say(key, english, values) gives the string `key`, or the English given
   where the page has none (a script run outside a page, in node's tests),
   with each {name} filled from `values`; count(key, n, one, other, values)
   picks the singular or the plural form for n (French counts 0 and 1 as
   singular) and fills {n} with n as the page's language writes numbers. */
(function (global) {
  'use strict';

  function create(words, lang) {
    const language = (lang || 'en').toLowerCase();
    const singular = (n) => (language.startsWith('fr') ? n < 2 : n === 1);
    const number = (n) => (typeof n === 'number' ? n.toLocaleString(language) : String(n));
    const fill = (text, values) => text.replace(/\{([a-z_]+)\}/g, (whole, name) =>
      (values && Object.prototype.hasOwnProperty.call(values, name) ? number(values[name]) : whole));
    function say(key, english, values) {
      return fill(typeof words[key] === 'string' ? words[key] : english, values);
    }
    function count(key, n, one, other, values) {
      const forms = words[key] && typeof words[key] === 'object' ? words[key] : { one, other };
      return fill(singular(n) ? forms.one : forms.other, Object.assign({ n }, values));
    }
    return { say, count, number, language };
  }

  const page = global.document && global.document.documentElement;
  global.PasserelleWords = create(global.PasserelleStrings || {}, page ? page.lang : 'en');
  global.PasserelleWords.create = create;
})(typeof window !== 'undefined' ? window : globalThis);
