/**
 * A finished lint run exits at once (src/cli/exit.ts, issue 9), without losing output that is still
 * on its way through a pipe, and without opening a standard stream it did not use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const start = join(root, 'dist', 'start.cjs');
const bin = join(root, 'bin', 'draftlint.js');

/** Runs `code` (CommonJS, with `start` = dist/start.cjs) in a child whose stdout is a pipe. */
function child(code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'draftlint-exit-'));
  const file = join(dir, 'child.cjs');
  writeFileSync(file, `const start = require(${JSON.stringify(start)});\n${code}\n`);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const BIG = 8 * 1024 * 1024;

describe('exitWhenFlushed', () => {
  it('a plain process.exit() right after a large write to a pipe loses most of it (the case guarded against)', () => {
    const r = child(`start.watchStdio(); process.stdout.write('x'.repeat(${BIG})); process.exit();`);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeLessThan(BIG);
  });

  it('exits only once the pipe has taken everything written, with the exit code set before', () => {
    const r = child(`start.watchStdio(); process.stdout.write('x'.repeat(${BIG})); process.stderr.write('done\\n'); process.exitCode = 3; start.exitWhenFlushed();`);
    expect(r.status).toBe(3);
    expect(r.stdout.length).toBe(BIG);
    expect(r.stderr).toBe('done\n');
  });

  it('exits at once when nothing was written, and `exit` listeners still run', () => {
    const r = child(`start.watchStdio(); process.on('exit', () => require('node:fs').writeSync(2, 'exit listener\\n')); setTimeout(() => {}, 60000); start.exitWhenFlushed();`);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('exit listener\n');
  });

  it('watchStdio notes the streams a run opens; an untouched one stays unopened', () => {
    const r = child(
      `start.watchStdio(); const fs = require('node:fs'); fs.writeSync(2, JSON.stringify(start.openedStdio()) + '\\n');` +
        `process.stderr.write('via stderr\\n'); fs.writeSync(2, JSON.stringify(start.openedStdio()) + '\\n'); start.exitWhenFlushed();`,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('[]\nvia stderr\n["stderr"]\n');
    expect(r.stdout).toBe('');
  });
});

describe('a lint run that exits at once', () => {
  it('writes the whole report to a pipe that is read only later, as to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-exit-lint-'));
    const env = { ...process.env, DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: dir, NO_COLOR: '1' };
    const args = [bin, 'lint', join(root, 'fixtures'), '-f', 'sarif', '--jobs', '1', '--timing'];
    const out = join(dir, 'report.sarif');
    const filed = spawnSync(process.execPath, [...args, '-o', out], { cwd: dir, encoding: 'utf8', env });
    // the report (~280 KB) is more than the pipe and this side's stream buffer hold (~130 KB);
    // nothing is read until the run has written its timing table (after the report) and a moment
    // has passed: a run that exited then would have lost the rest of the report. (A 'readable'
    // listener keeps Node from discarding the unread output when the child exits.)
    const c = spawn(process.execPath, args, { cwd: dir, env });
    const hold = () => {};
    c.stdout.on('readable', hold);
    const chunks: Buffer[] = [];
    let stderr = '';
    const exited = new Promise<number | null>((res) => c.on('close', (code) => res(code)));
    await new Promise<void>((res) => {
      c.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/typo\/suspect/.test(stderr)) res();
      });
      c.on('exit', () => res());
    });
    await new Promise((r) => setTimeout(r, 300));
    c.stdout.off('readable', hold);
    c.stdout.on('data', (d: Buffer) => chunks.push(d));
    c.stdout.resume();
    const status = await exited;
    const piped = Buffer.concat(chunks).toString('utf8');
    expect(status, stderr).toBe(filed.status);
    const report = readFileSync(out, 'utf8');
    expect(report.length).toBeGreaterThan(200 * 1024);
    expect(piped.trimEnd()).toBe(report.trimEnd());
  });

  it('ends quietly with its own exit code when the reader goes away early (lint | head)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-exit-epipe-'));
    const env = { ...process.env, DRAFTLINT_DAEMON: '0', DRAFTLINT_CODE_CACHE_DIR: dir, NO_COLOR: '1' };
    const c = spawn(process.execPath, [bin, 'lint', join(root, 'fixtures'), '-f', 'sarif', '--jobs', '1'], { cwd: dir, env });
    let stderr = '';
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // read the first chunk, then close the pipe, as `head -c` does (a run that waited for Node's
    // own exit died of the EPIPE with a stack trace)
    c.stdout.once('data', () => c.stdout.destroy());
    const status = await new Promise<number | null>((res) => c.on('close', (code) => res(code)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(status).toBe(1); // the fixtures have errors
  });
});
