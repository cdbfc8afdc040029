/**
 * The command line's loader (src/cli/loader.ts, issue 9): the CommonJS bundle compiled from a V8
 * code cache gives exactly the output of the ES module bundle, writes its cache when there is none,
 * and a changed bundle never meets an old cache.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, root } from './helpers.js';

const { codeCacheFile } = (await import(join(root, 'dist', 'cli', 'loader.js'))) as typeof import('../src/cli/loader.js');
const bundleDir = join(root, 'dist', 'bundle');

describe('code-cached command line', () => {
  it('writes its cache when there is none, and gives the output of the ES module bundle with and without it', async () => {
    const cache = codeCacheFile(join(bundleDir, 'cli.cjs'));
    rmSync(cache, { force: true });
    const runs = [
      ['lint', 'fixtures/drafts', 'fixtures/language'],
      ['lint', 'fixtures/drafts', '-f', 'json'],
      ['rules', 'typo/confusion'],
      ['--help'],
      ['lint', 'no/such/file.md'],
    ];
    for (const args of runs) {
      const esm = await cliAsync(args, { env: { DRAFTLINT_CODE_CACHE: 'off' } });
      const first = await cliAsync(args);
      expect(first).toEqual(esm);
      expect(existsSync(cache)).toBe(true);
      const cached = await cliAsync(args);
      expect(cached).toEqual(esm);
    }
    expect(readdirSync(bundleDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("the cache's name changes with the bundle's size or time and with Node", () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-loader-'));
    const f = join(dir, 'cli.cjs');
    writeFileSync(f, 'module.exports = 1;');
    const a = codeCacheFile(f);
    expect(a).toContain(process.version);
    expect(a).toContain(process.arch);
    writeFileSync(f, 'module.exports = 22;');
    const b = codeCacheFile(f);
    expect(b).not.toBe(a);
    const later = new Date(Date.now() + 10_000);
    utimesSync(f, later, later);
    expect(codeCacheFile(f)).not.toBe(b);
    rmSync(dir, { recursive: true, force: true });
  });
});
