/** The README stays true: its rule table matches rules/*.yml, and it documents every lint option. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from './helpers.js';
import { spawnSync } from 'node:child_process';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule (npm run docs:rules)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/update-readme.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('documents every option of `lint`', () => {
    const help = cli(['lint', '--help']).stdout;
    const options = [...help.matchAll(/--([a-z][a-z-]+)/g)].map((m) => m[1]!).filter((o) => o !== 'help');
    expect(options.length).toBeGreaterThan(10);
    for (const o of new Set(options)) expect(readme, `--${o}`).toContain(`--${o}`);
  });

  it('opens with the two commands, and .ci/run runs the same ones', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(readme).toMatch(/npm ci && npx draftlint lint fixtures/);
    expect(readme).toMatch(/^npm test/m);
    expect(ci).toMatch(/^npm ci/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
