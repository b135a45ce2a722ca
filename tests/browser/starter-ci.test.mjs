// The CI workflows `passerelle init` writes pass the schemas their hosts
// check them against: GitHub's workflow schema (@action-validator/core, as
// GitHub reads .github/workflows/*.yml) and GitLab's .gitlab-ci.yml schema
// (the copy the gitlab-ci-local package ships, checked with ajv). A broken
// copy of each fails, so the checks are known to bite.
//
// Usage: node tests/browser/starter-ci.test.mjs [path/to/passerelle]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import Ajv from 'ajv';
import YAML from 'yaml';
import { assert, runner } from './lib/harness.mjs';
import { sourceDir } from './pages-support.mjs';

const binary = resolve(process.argv[2] || join(sourceDir, 'build', 'passerelle'));
const workspace = mkdtempSync(join(tmpdir(), 'passerelle-starter-ci-'));
execFileSync(binary, ['init', 'mycat', '--quiet'], { cwd: workspace, stdio: ['ignore', 'inherit', 'inherit'] });
const catalogue = join(workspace, 'mycat');

const gitlabSchema = JSON.parse(readFileSync(
  createRequire(import.meta.url).resolve('gitlab-ci-local/src/schema/schema.json'), 'utf8'));
// The schema uses formats (uri, date-time…) that ajv leaves unchecked unless
// told; they do not bear on these files.
const validateGitlab = new Ajv({ strict: false, allErrors: true, logger: false }).compile(gitlabSchema);

function githubProblems(text) {
  return validateWorkflow(text).errors.map((e) => `${e.path || ''} ${e.title}: ${e.detail || ''}`.trim());
}

function gitlabProblems(text) {
  return validateGitlab(YAML.parse(text)) ? []
    : validateGitlab.errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const { test, run } = runner();

test('the GitHub workflows pass the GitHub Actions workflow schema', async () => {
  const dir = join(catalogue, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
  assert(files.join(' ') === 'check.yml publish.yml', `workflows: ${files.join(' ')}`);
  for (const file of files) {
    const problems = githubProblems(readFileSync(join(dir, file), 'utf8'));
    assert(problems.length === 0, `${file}: ${problems.join('\n    ')}`);
  }
  const check = YAML.parse(readFileSync(join(dir, 'check.yml'), 'utf8'));
  assert('pull_request' in check.on, 'check.yml does not run on pull requests');
  assert(JSON.stringify(check).includes('passerelle check --format github'), 'check.yml does not run the check');
  const publish = YAML.parse(readFileSync(join(dir, 'publish.yml'), 'utf8'));
  assert(publish.jobs.deploy.steps.some((s) => String(s.uses).startsWith('actions/deploy-pages@')),
    'publish.yml does not deploy to GitHub Pages');
});

test('.gitlab-ci.yml passes the GitLab CI schema, and publishes public/ as GitLab Pages', async () => {
  const text = readFileSync(join(catalogue, '.gitlab-ci.yml'), 'utf8');
  const problems = gitlabProblems(text);
  assert(problems.length === 0, problems.join('\n    '));
  const pipeline = YAML.parse(text);
  assert(pipeline.pages.artifacts.paths.includes('public'), 'the pages job does not publish public/');
  assert(pipeline.pages.script.some((line) => line.includes('passerelle build --out public')),
    'the pages job does not build into public/');
  assert(pipeline.check.script.includes('passerelle check'), 'the check job does not run the check');
});

test('a broken workflow fails each schema', async () => {
  const github = readFileSync(join(catalogue, '.github', 'workflows', 'check.yml'), 'utf8');
  assert(githubProblems(github.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).length > 0,
    'GitHub: a misspelt runs-on passed');
  const gitlab = readFileSync(join(catalogue, '.gitlab-ci.yml'), 'utf8');
  assert(gitlabProblems(gitlab.replace('  artifacts:', '  artefacts:')).length > 0,
    'GitLab: a misspelt artifacts passed');
});

await run();
