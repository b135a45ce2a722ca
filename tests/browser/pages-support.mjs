// Shared by the page, accessibility, benchmark and collection browser tests:
// the page types of the site with one representative page each, and building
// the shipped catalogue.
//
// Chromium, the static server, the time limit and the runner come from
// lib/harness.mjs.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSite } from './lib/harness.mjs';

export const sourceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = join(sourceDir, 'tests', 'browser', 'screenshots');

// One page per page type; the term pages come in four kinds (a country has
// charts, a theme, an actor type or a funding programme a map; programmes
// are a taxonomy of some collections only).
export const PAGE_TYPES = [
  { type: 'home', path: 'index.html' },
  { type: 'section', path: 'practices.html' },
  { type: 'collection', path: 'recommendations/index.html' },
  { type: 'record', path: 'dps/espere.html' },
  { type: 'record-network', path: 'networks/pt-ntn-immigrants.html' },
  { type: 'record-factor', path: 'factors/eurocities-key-01.html' },
  { type: 'taxonomy', path: 'countries/index.html' },
  { type: 'term-country', path: 'countries/fr.html' },
  { type: 'term-theme', path: 'themes/anti-discrimination.html' },
  { type: 'term-actor', path: 'actors/municipalities.html' },
  { type: 'term-programme', path: 'programmes/equal.html' },
  { type: 'search', path: 'search.html', query: '?q=employment' },
  { type: 'benchmark', path: 'benchmarks/eurocities-anti-discrimination.html' },
  { type: 'not-found', path: '404.html' },
  { type: 'page', path: 'pages/about.html' },
  { type: 'recent', path: 'recent.html' },
];

// Builds content/ with the given binary (argv[2], else build/passerelle).
export function buildShippedSite() {
  const binary = resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));
  return buildSite(binary, join(sourceDir, 'content'), sourceDir);
}

export function fileUrl(site, path, query = '') {
  return pathToFileURL(join(site, path)).href + query;
}
