// ESLint flat config (ESLint 9) for the front-end code and its tests.
//
// ESLint is a development dependency of the browser tests (tests/browser/
// package.json, installed by `make test-deps`); ctest runs it as `lint_js`.
// By hand, from the repository root:
//
//   tests/browser/node_modules/.bin/eslint theme tests
//
// It imports nothing (no @eslint/js, no `globals` package), so the rules and
// globals are listed here: the recommended rules that catch mistakes, plus the
// site's own promise that data never becomes markup (theme/search.js says
// "textContent, never innerHTML"; tests/browser/search.test.mjs checks the
// same of the built script).

const BROWSER = Object.fromEntries([
  'window', 'document', 'localStorage', 'location', 'history', 'navigator', 'performance',
  'URL', 'URLSearchParams', 'Blob', 'FileReader', 'fetch', 'matchMedia', 'getComputedStyle',
  'setTimeout', 'clearTimeout', 'requestAnimationFrame', 'AbortController', 'confirm', 'print',
  'console', 'globalThis', 'self', 'module',
].map((name) => [name, 'readonly']));

const NODE = Object.fromEntries([
  'process', 'console', 'globalThis', 'setTimeout', 'clearTimeout', 'URL', 'URLSearchParams',
  'Buffer', 'structuredClone',
].map((name) => [name, 'readonly']));

const MISTAKES = {
  'no-undef': 'error',
  'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
  'no-redeclare': 'error',
  'no-dupe-keys': 'error',
  'no-unreachable': 'error',
  'no-constant-condition': ['error', { checkLoops: false }],
  'no-fallthrough': 'error',
  'no-self-assign': 'error',
  'use-isnan': 'error',
  'valid-typeof': 'error',
  'eqeqeq': ['error', 'always', { null: 'ignore' }],
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

export default [
  {
    ignores: ['build/**', '**/node_modules/**', 'tests/browser/screenshots/**'],
  },
  {
    // The theme's scripts are classic scripts, not modules: pages open from
    // file://, where modules do not load (theme/search.js).
    files: ['theme/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: BROWSER },
    rules: {
      ...MISTAKES,
      'no-implicit-globals': 'error',
      'no-restricted-syntax': ['error', {
        selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
        message: 'render with textContent: data never becomes markup',
      }, {
        selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]',
        message: 'render with textContent: data never becomes markup',
      }],
    },
  },
  {
    // Tests and their helpers run under node; the functions they hand to
    // page.evaluate() run in the page, hence the browser's globals too.
    files: ['tests/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...BROWSER, ...NODE } },
    rules: MISTAKES,
  },
];
