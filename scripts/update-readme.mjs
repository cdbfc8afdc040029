#!/usr/bin/env node
// Regenerates the rule table in README.md (between the rules:start/end markers) from rules/*.yml.
// `node scripts/update-readme.mjs --check` exits 1 when the README is out of date (used by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDefinitions } from '../dist/engine/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const rules = [...ruleDefinitions().values()].sort((a, b) => a.id.localeCompare(b.id));
const sev = { error: '错误 error', warning: '警告 warning', off: '关闭 off' };
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const rows = rules.map(
  (r) => `| \`${r.id}\` | ${sev[r.severity]} | ${r.fixable ? '✓' : ''} | ${esc(r.description.zh)} | ${esc(r.basis)} | ${esc(r.indicator)} |`,
);
const table = [
  `${rules.length} rules. \`draftlint rules ID\` prints one rule's documentation and examples.`,
  '',
  '| rule | default | fix | what it checks | notice item | inspection indicator |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) {
  console.error('README.md lacks the rules:start/rules:end markers');
  process.exit(1);
}
const next = readme.slice(0, i + start.length) + '\n' + table + '\n' + readme.slice(j);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rule table is out of date: run `npm run docs:rules`');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, next);
  console.log(`README.md: ${rules.length} rules`);
}
