/**
 * The command line's loader (src/cli/loader.ts, issue 9): the CommonJS bundle compiled from a V8
 * code cache gives exactly the output of the ES module bundle, writes its cache when there is none,
 * and a changed bundle never meets an old cache.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, root } from './helpers.js';

const { codeCacheFile, isLintRun, MAX_CODE_CACHES } = (await import(join(root, 'dist', 'cli', 'loader.js'))) as typeof import('../src/cli/loader.js');

describe('what a one-file lint run loads', () => {
  it('outside a repository, with -o: none of child_process, net, tty, worker_threads, crypto (each loaded on first use); node:v8, with stream, to run lean', async () => {
    const { spawnSync } = await import('node:child_process');
    const { copyFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-builtins-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => { const l = process.moduleLoadList.filter((m) => /^NativeModule (child_process|net|tty|worker_threads|stream|crypto|v8)$/.test(m)).map((m) => m.slice(13)); process.stderr.write('loaded:[' + l.join(',') + ']\\n'); });\n",
    );
    const name = readdirSync(join(root, 'fixtures', 'clean')).find((n) => n.endsWith('.md'))!;
    copyFileSync(join(root, 'fixtures', 'clean', name), join(dir, name));
    writeFileSync(join(dir, '.draftlintrc.yml'), 'rules: {}\n');
    const r = spawnSync(process.execPath, ['-r', probe, join(root, 'bin', 'draftlint.js'), 'lint', name, '-o', 'report.txt'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: dir, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    // a short run turns TurboFan off through node:v8, which loads stream (src/cli/lean.ts)
    expect(r.stderr).toContain('loaded:[stream,v8]');
    // a report in colour loads chalk, whose look at the terminals loads tty
    const colour = spawnSync(process.execPath, ['-r', probe, join(root, 'bin', 'draftlint.js'), 'lint', name, '--color'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: dir, FORCE_COLOR: '1' },
    });
    expect(colour.stderr).toMatch(/loaded:\[[^\]]*tty/);
  });

  it('does not load node:crypto (4-6 ms) unless it hashes: with --cache it does', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-crypto-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('crypto:' + process.moduleLoadList.some((m) => /NativeModule crypto$/.test(m)) + '\\n'));\n");
    const clean = join(root, 'fixtures', 'clean', readdirSync(join(root, 'fixtures', 'clean')).find((n) => n.endsWith('.md'))!);
    const run = (...extra: string[]) =>
      spawnSync(process.execPath, ['-r', probe, join(root, 'bin', 'draftlint.js'), 'lint', clean, ...extra], {
        cwd: dir,
        encoding: 'utf8',
        // a code cache of its own: the preload changes Node's options
        env: { ...process.env, DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: dir, NO_COLOR: '1' },
      });
    const plain = run();
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain('crypto:false');
    const cached = run('--cache', '--cache-location', join(dir, 'cache'));
    expect(cached.status).toBe(0);
    expect(cached.stderr).toContain('crypto:true');
  });
});

describe('reading the data ahead', () => {
  it('is for lint runs only: every other command of the program, help and version exit without waiting for it', async () => {
    const { buildProgram } = await import('../src/cli/index.js');
    const program = await buildProgram();
    const names = program.commands.map((c) => c.name());
    expect(names).toContain('lint');
    for (const name of names) expect(isLintRun(['node', 'draftlint', name])).toBe(name === 'lint');
    expect(isLintRun(['node', 'draftlint', 'help'])).toBe(false);
    for (const flag of ['--help', '-h', '--version', '-v']) expect(isLintRun(['node', 'draftlint', flag])).toBe(false);
    // lint is the default command
    expect(isLintRun(['node', 'draftlint'])).toBe(true);
    expect(isLintRun(['node', 'draftlint', 'drafts/通知.md'])).toBe(true);
    expect(isLintRun(['node', 'draftlint', '--format', 'json', 'a.md'])).toBe(true);
  });

  it('a lint run registers only lint; any other run, every command', async () => {
    const { buildProgram } = await import('../src/cli/index.js');
    const all = (await buildProgram()).commands.map((c) => c.name());
    expect(all).toEqual(['lint', 'rules', 'init', 'serve', 'ledger', 'cadence', 'classify', 'columns', 'doctor', 'daemon']);
    for (const argv of [['a.md'], ['lint', 'a.md'], []]) expect((await buildProgram(['node', 'draftlint', ...argv])).commands.map((c) => c.name())).toEqual(['lint']);
    for (const argv of [['serve'], ['--help'], ['help', 'lint'], ['-v']]) expect((await buildProgram(['node', 'draftlint', ...argv])).commands.map((c) => c.name())).toEqual(all);
  });
});

describe('code-cached command line', () => {
  it('is ASCII, so that it is read without decoding', async () => {
    const { isAscii } = await import('node:buffer');
    const { readFileSync } = await import('node:fs');
    expect(isAscii(readFileSync(join(root, 'dist', 'bundle', 'cli.cjs')))).toBe(true);
  });

  it('writes its cache when there is none, and gives the output of the ES module bundle with and without it', async () => {
    // a directory of its own: other test files run the command line meanwhile
    const cacheDir = mkdtempSync(join(tmpdir(), 'draftlint-v8cache-'));
    const env = { DRAFTLINT_CODE_CACHE_DIR: cacheDir };
    const caches = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache'));
    const runs = [
      ['lint', 'fixtures/drafts', 'fixtures/language'],
      ['lint', 'fixtures/drafts', '-f', 'json'],
      ['rules', 'typo/confusion'],
      ['--help'],
      ['lint', 'no/such/file.md'],
      // a glob: the glob library is loaded only for a path that names no file
      ['lint', 'fixtures/drafts/*.md', '-f', 'json'],
    ];
    for (const args of runs) {
      const esm = await cliAsync(args, { env: { DRAFTLINT_CODE_CACHE: 'off' } });
      const first = await cliAsync(args, { env });
      expect(first).toEqual(esm);
      // one cache, written by the first run (when there was none) and accepted from then on
      expect(caches()).toHaveLength(1);
      const written = statSync(join(cacheDir, caches()[0]!)).mtimeMs;
      const cached = await cliAsync(args, { env });
      expect(cached).toEqual(esm);
      expect(statSync(join(cacheDir, caches()[0]!)).mtimeMs).toBe(written);
    }
    expect(readdirSync(cacheDir).filter((f) => !f.endsWith('.v8cache'))).toEqual([]);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('keeps the MAX_CODE_CACHES newest caches of its directory when it writes one, and nothing else of it is touched', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'draftlint-v8prune-'));
    // caches of bundles since rebuilt, of another Node, of other options: written earlier
    const old = Array.from({ length: MAX_CODE_CACHES + 2 }, (_, k) => `cli.cjs.${1000 + k}-1700000000000.v18.0.0-x64-${k.toString(16).padStart(8, '0')}.v8cache`);
    old.forEach((f, k) => {
      writeFileSync(join(cacheDir, f), 'stale');
      const t = new Date(Date.UTC(2026, 0, 1 + k));
      utimesSync(join(cacheDir, f), t, t);
    });
    writeFileSync(join(cacheDir, 'notes.txt'), 'not a cache');
    const r = await cliAsync(['lint', 'fixtures/clean', '-f', 'json'], { env: { DRAFTLINT_CODE_CACHE_DIR: cacheDir } });
    expect(r.code, r.stderr).toBe(0);
    const left = readdirSync(cacheDir);
    const caches = left.filter((f) => f.endsWith('.v8cache'));
    expect(caches).toHaveLength(MAX_CODE_CACHES);
    // the new one, and the newest of the old ones
    expect(caches.filter((f) => !old.includes(f))).toHaveLength(1);
    expect(caches.filter((f) => old.includes(f)).sort()).toEqual(old.slice(-(MAX_CODE_CACHES - 1)).sort());
    expect(left).toContain('notes.txt');
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("the cache's name changes with the bundle's size or time, with Node and with Node's options", () => {
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
    const c = codeCacheFile(f, {});
    expect(c).not.toBe(b);
    expect(codeCacheFile(f, { NODE_OPTIONS: '--max-old-space-size=4096' })).not.toBe(c);
    rmSync(dir, { recursive: true, force: true });
  });
});
