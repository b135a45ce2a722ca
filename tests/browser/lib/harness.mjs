// Shared by the browser tests: Debian's chromium through playwright-core, a
// static server on 127.0.0.1 for the http runs, building a catalogue with the
// passerelle binary, a time limit for a whole run, waiting for the search page
// to settle, and a tiny test runner that prints "N passed, M failed".
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// Builds `content` with the repository's templates and theme into a fresh
// temporary folder and returns the site's path.
export function buildSite(binary, content, sourceDir) {
  const out = join(mkdtempSync(join(tmpdir(), 'passerelle-browser-')), 'site');
  execFileSync(binary, ['build', '--quiet', '--content', content, '--templates', join(sourceDir, 'templates'),
    '--theme', join(sourceDir, 'theme'), '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv',
  '.xml': 'application/xml', '.yml': 'text/yaml' };

// Serves `root` on 127.0.0.1 at a free port; resolves to {url, close}.
export function serve(root) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = resolve(root, path || 'index.html');
    try {
      if (!file.startsWith(resolve(root)) || !statSync(file).isFile()) throw new Error('not found');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((closed) => server.close(closed)),
  })));
}

// A minimal runner: test(name, fn) collects, run() executes in order, prints
// each result and the closing line, and sets the exit code.
export function runner() {
  const tests = [];
  return {
    test: (name, fn) => tests.push({ name, fn }),
    async run() {
      let passed = 0, failed = 0;
      for (const { name, fn } of tests) {
        try {
          await fn();
          passed++;
          console.log(`ok - ${name}`);
        } catch (error) {
          failed++;
          console.log(`not ok - ${name}\n  ${String(error && error.stack || error).split('\n').join('\n  ')}`);
        }
      }
      console.log(`${passed} passed, ${failed} failed`);
      process.exitCode = failed ? 1 : 0;
    },
  };
}

// Ends the process if the run takes longer than `seconds`: a hung browser
// fails the test instead of holding CTest until its own timeout.
export function deadline(name, seconds) {
  const timer = setTimeout(() => {
    console.log(`${name}: still running after ${seconds} s, giving up`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
}

// Resolves once the search page has shown all it will for `query` (by default
// the one in its address): theme/search.js sets data-query when the results
// are in and clears aria-busy last, after the facet counts.
export function searchSettled(page, query = new URL(page.url()).searchParams.get('q') || '') {
  return page.waitForFunction((q) => {
    const app = document.getElementById('search-app');
    return app !== null && !app.hidden && app.dataset.query === q && !app.hasAttribute('aria-busy');
  }, query, { timeout: 10_000 });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
