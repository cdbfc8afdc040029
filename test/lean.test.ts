/**
 * Short lint runs in draftlint's own process go without TurboFan (src/cli/lean.ts, issue 9): only
 * in that process, only for a short run, with the flag back on before the code cache is written,
 * and with the same findings.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root } from './helpers.js';

const lean = (await import(join(root, 'dist', 'cli', 'lean.js'))) as typeof import('../src/cli/lean.js');

let dir = '';
const draft = '植树通知.md';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'draftlint-lean-'));
  copyFileSync(join(root, 'fixtures', 'clean', draft), join(dir, draft));
  copyFileSync(join(root, 'fixtures', 'prohibited', 'invalid', '临时救助审批公示-缩进排版.md'), join(dir, 'findings.md'));
  // a draft over LEAN_RUN_BYTES: the same paragraphs many times
  const body = readFileSync(join(root, 'fixtures', 'clean', draft), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  writeFileSync(join(dir, 'long.md'), `---\ntitle: 长稿\ncolumn: 通知公告\n---\n\n${body.repeat(Math.ceil((lean.LEAN_RUN_BYTES + 1024) / Buffer.byteLength(body)))}`);
  // a probe that reports, at exit, how many times the run turned TurboFan off and whether it is back on
  writeFileSync(
    join(dir, 'probe.cjs'),
    "process.on('exit', () => { const s = globalThis[Symbol.for('draftlint.lean-run')]; process.stderr.write('lean:' + JSON.stringify(s ?? null) + '\\n'); });\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command line with the probe, in `dir`, with a code cache directory of its own. */
function run(args: string[], opts: { input?: string; cacheDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<{ code: number | null; stdout: string; stderr: string; lean: { optimizerOff: boolean; times: number } | null }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '-r', join(dir, 'probe.cjs'), bin, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: opts.cacheDir ?? join(dir, 'cache'), ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const m = /lean:(.*)\n/.exec(stderr);
      ok({ code, stdout, stderr, lean: m ? JSON.parse(m[1]!) : null });
    });
    child.stdin.end(opts.input ?? '');
  });
}

describe('which runs go without TurboFan', () => {
  it('a short run of named files, or of standard input, does; the flag is back on when the process ends', async () => {
    for (const args of [[draft], [draft, 'findings.md'], ['--stdin']]) {
      const r = await run(['lint', ...args, '-o', 'report.txt'], { input: readFileSync(join(dir, draft), 'utf8') });
      expect(r.code, r.stderr).not.toBe(2);
      expect(r.lean, args.join(' ')).toEqual({ optimizerOff: false, times: 1 });
    }
  });

  it('a folder of short drafts does too, once its files are known', async () => {
    const sub = join(dir, 'folder');
    mkdirSync(sub, { recursive: true });
    for (const f of [draft, 'findings.md']) copyFileSync(join(dir, f), join(sub, f));
    const r = await run(['lint', 'folder', '-o', 'report.txt']);
    expect(r.lean).toEqual({ optimizerOff: false, times: 1 });
  });

  it('a run over LEAN_RUN_BYTES, or of more than MAX_LEAN_FILES files, keeps TurboFan', async () => {
    expect((await run(['lint', 'long.md', '-o', 'report.txt'])).lean).toEqual({ optimizerOff: false, times: 0 });
    expect((await run(['lint', draft, 'long.md', '-o', 'report.txt'])).lean).toEqual({ optimizerOff: false, times: 0 });
    const many = join(dir, 'many');
    mkdirSync(many, { recursive: true });
    for (let k = 0; k <= lean.MAX_LEAN_FILES; k++) writeFileSync(join(many, `${k}.md`), '# 通知\n\n请于周五前报送材料。\n');
    expect((await run(['lint', 'many', '-o', 'report.txt'])).lean).toEqual({ optimizerOff: false, times: 0 });
  });

  it('DRAFTLINT_LEAN=off keeps TurboFan on; flags the user gave Node about compiling stay as given', async () => {
    expect((await run(['lint', draft, '-o', 'report.txt'], { env: { DRAFTLINT_LEAN: 'off' } })).lean).toEqual({ optimizerOff: false, times: 0 });
    expect((await run(['lint', draft, '-o', 'report.txt'], { nodeArgs: ['--no-opt'] })).lean).toEqual({ optimizerOff: false, times: 0 });
    // other Node options do not matter
    expect((await run(['lint', draft, '-o', 'report.txt'], { env: { NODE_OPTIONS: '--max-old-space-size=2048' } })).lean).toEqual({ optimizerOff: false, times: 1 });
  });

  it('finds the same in a short run as in a long one', async () => {
    const alone = await run(['lint', 'findings.md', '-f', 'json']);
    const together = await run(['lint', 'findings.md', 'long.md', '-f', 'json']);
    expect(alone.lean?.times).toBe(1);
    expect(together.lean?.times).toBe(0);
    const of = (out: string) => (JSON.parse(out) as Array<{ filePath: string; messages: unknown[] }>).find((r) => r.filePath.endsWith('findings.md'))!;
    expect(of(alone.stdout).messages.length).toBeGreaterThan(0);
    expect(of(alone.stdout)).toEqual(of(together.stdout));
  });

  it('the code cache a short run writes is the one a long run accepts (made with TurboFan back on)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'draftlint-lean-cache-'));
    const caches = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache'));
    expect((await run(['lint', draft, '-o', 'report.txt'], { cacheDir })).lean?.times).toBe(1);
    expect(caches()).toHaveLength(1);
    const written = statSync(join(cacheDir, caches()[0]!)).mtimeMs;
    // a rejected cache would be written again after each of these runs
    expect((await run(['lint', 'long.md', '-o', 'report.txt'], { cacheDir })).lean?.times).toBe(0);
    expect((await run(['lint', draft, '-o', 'report.txt'], { cacheDir })).lean?.times).toBe(1);
    expect(caches()).toHaveLength(1);
    expect(statSync(join(cacheDir, caches()[0]!)).mtimeMs).toBe(written);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('a library user, or the daemon, is never touched: only a process the loader marked', () => {
    // this test process was not started by bin/draftlint.js
    expect(lean.leanRunFor([join(dir, draft)])).toBe(false);
    expect(lean.leanRunFor(10)).toBe(false);
    expect(lean.optimizerOff()).toBe(false);
  });
});
