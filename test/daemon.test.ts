/**
 * `draftlint daemon` (issue 9, the pre-commit case): while it runs, `draftlint lint` is answered by
 * a warm spare in the daemon, with exactly the output, exit code and file writes of a run in its
 * own process, configuration read afresh on every run; anything the daemon will not or cannot
 * answer runs locally. The daemon lives in its own directory (DRAFTLINT_DAEMON_DIR) per test file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, root } from './helpers.js';

const client = (await import(join(root, 'dist', 'daemon', 'client.js'))) as typeof import('../src/daemon/client.js');
const paths = (await import(join(root, 'dist', 'daemon', 'paths.js'))) as typeof import('../src/daemon/paths.js');
const { packageStamp } = (await import(join(root, 'dist', 'daemon', 'stamp.js'))) as typeof import('../src/daemon/stamp.js');

const dir = mkdtempSync(join(tmpdir(), 'draftlint-daemon-'));
// the daemon's spares warm up with one sample run instead of eight: the tests wait for each spare
const env = { DRAFTLINT_DAEMON_DIR: join(dir, 'run'), DRAFTLINT_DAEMON_WARM: '1', DRAFTLINT_DAEMON: '' };
const local = { ...env, DRAFTLINT_DAEMON: '0' };

async function served(): Promise<number> {
  const r = await cliAsync(['daemon', 'status'], { env });
  expect(r.code).toBe(0);
  return Number(/running: pid \d+, (\d+) runs/.exec(r.stdout)![1]);
}

/** Waits until the daemon has a warm spare (runs that arrive before are run by their caller). */
async function untilReady(e: Record<string, string> = env): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const r = await cliAsync(['daemon', 'status'], { env: e });
    if (/runs answered, ready/.test(r.stdout)) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('the daemon has no warm spare after a minute');
}

beforeAll(async () => {
  const r = await cliAsync(['daemon', 'start', '--idle', '10'], { env });
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/daemon started \(pid \d+\)/);
  expect(r.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await cliAsync(['daemon', 'stop'], { env });
  rmSync(dir, { recursive: true, force: true });
});

describe('draftlint daemon', () => {
  it('answers lint runs with the output and exit code of a run in its own process', async () => {
    const before = await served();
    const runs = [
      ['lint', 'fixtures/drafts'],
      ['lint', 'fixtures/drafts', '-f', 'json'],
      ['fixtures/clean'],
      ['lint', 'fixtures/typo', '--rule', 'typo/confusion: off', '-q'],
      ['lint', 'no/such/path'],
    ];
    for (const args of runs) {
      await untilReady();
      const viaDaemon = await cliAsync(args, { env });
      const alone = await cliAsync(args, { env: local });
      expect(viaDaemon).toEqual(alone);
    }
    expect(await served()).toBe(before + runs.length);
  });

  it('English spelling is answered by the daemon as by a local run', async () => {
    await untilReady();
    const args = ['lint', 'fixtures/language/通知-病句与标点.md', '-f', 'json'];
    const viaDaemon = await cliAsync(args, { env });
    expect(viaDaemon.stdout).toMatch(/spelling\/en/);
    expect(viaDaemon).toEqual(await cliAsync(args, { env: local }));
  });

  it('resolves paths against the caller’s directory and reads its configuration afresh on every run', async () => {
    const work = join(dir, 'repo');
    mkdirSync(work, { recursive: true });
    cpSync(join(root, 'fixtures', 'drafts'), join(work, 'drafts'), { recursive: true });
    const args = ['lint', 'drafts', '-o', 'report.txt'];
    await untilReady();
    const before = await served();
    const first = await cliAsync(args, { env, cwd: work });
    const report1 = readFileSync(join(work, 'report.txt'), 'utf8');
    expect(report1).toMatch(/ {2}typo\/[a-z-]+$/m);
    writeFileSync(join(work, '.draftlintrc.yml'), 'rules:\n  typo/confusion: off\n  typo/severe: off\n  typo/suspect: off\n');
    await untilReady();
    const second = await cliAsync(args, { env, cwd: work });
    // both answered by the daemon
    expect(await served()).toBe(before + 2);
    const report2 = readFileSync(join(work, 'report.txt'), 'utf8');
    expect(report2).not.toMatch(/ {2}typo\/[a-z-]+$/m);
    const alone = await cliAsync(args, { env: local, cwd: work });
    expect(readFileSync(join(work, 'report.txt'), 'utf8')).toBe(report2);
    expect(second.code).toBe(alone.code);
    expect(first.code).not.toBeNull();
  });

  it('--fix through the daemon writes what a local run writes', async () => {
    const a = join(dir, 'fix-a');
    const b = join(dir, 'fix-b');
    for (const d of [a, b]) cpSync(join(root, 'fixtures', 'typo'), d, { recursive: true });
    await untilReady();
    const ra = await cliAsync(['lint', '.', '--fix'], { env, cwd: a });
    const rb = await cliAsync(['lint', '.', '--fix'], { env: local, cwd: b });
    expect(ra).toEqual(rb);
    const names = (await import('node:fs')).readdirSync(a).filter((n) => n.endsWith('.md'));
    let changed = 0;
    for (const n of names) {
      const fa = readFileSync(join(a, n), 'utf8');
      expect(fa).toBe(readFileSync(join(b, n), 'utf8'));
      if (fa !== readFileSync(join(root, 'fixtures', 'typo', n), 'utf8')) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('a run that arrives while no spare is warm is run by its caller, with the same output', async () => {
    // a daemon of its own whose spare takes seconds to warm up (200 sample runs)
    const slow = { ...env, DRAFTLINT_DAEMON_DIR: join(dir, 'slow'), DRAFTLINT_DAEMON_WARM: '200' };
    const started = await cliAsync(['daemon', 'start', '--idle', '1'], { env: slow });
    expect(started.code).toBe(0);
    try {
      const status = await cliAsync(['daemon', 'status'], { env: slow });
      expect(status.stdout).toMatch(/0 runs answered, warming up/);
      const args = ['lint', 'fixtures/drafts', '-f', 'json'];
      const viaDaemon = await cliAsync(args, { env: slow });
      expect(viaDaemon).toEqual(await cliAsync(args, { env: local }));
      expect((await cliAsync(['daemon', 'status'], { env: slow })).stdout).toMatch(/running: pid \d+, 0 runs answered/);
    } finally {
      await cliAsync(['daemon', 'stop'], { env: slow });
    }
  });

  it('a wrong token or nothing listening: the run is local, with the same output', async () => {
    const before = await served();
    const real = client.readInfo(env)!;
    const fakeDir = join(dir, 'fake');
    const fakeEnv = { ...env, DRAFTLINT_DAEMON_DIR: fakeDir };
    mkdirSync(fakeDir, { recursive: true });
    const info = paths.daemonPaths(fakeEnv).info;
    const args = ['lint', 'fixtures/drafts'];
    const alone = await cliAsync(args, { env: local });
    writeFileSync(info, JSON.stringify({ ...real, token: 'wrong' }));
    expect(await cliAsync(args, { env: fakeEnv })).toEqual(alone);
    writeFileSync(info, JSON.stringify({ ...real, socket: join(fakeDir, 'nothing.sock') }));
    expect(await cliAsync(args, { env: fakeEnv })).toEqual(alone);
    expect(await served()).toBe(before);
  });

  it('forwards lint runs only', async () => {
    const argv = (...a: string[]) => ['node', 'draftlint', ...a];
    expect(client.forwardable(argv(), {})).toBe(true);
    expect(client.forwardable(argv('lint', 'x.md'), {})).toBe(true);
    expect(client.forwardable(argv('drafts/x.md'), {})).toBe(true);
    expect(client.forwardable(argv('lint', '--stdin'), {})).toBe(false);
    expect(client.forwardable(argv('--version'), {})).toBe(false);
    expect(client.forwardable(argv('doctor'), {})).toBe(false);
    for (const e of [{ DRAFTLINT_DAEMON: '0' }, { TIMING: '1' }, { DRAFTLINT_SPELL_ENGINE: 'nspell' }, { DEBUG: '1' }]) expect(client.forwardable(argv('lint'), e)).toBe(false);
    // every command but lint is listed as local, so a new command cannot be forwarded by mistake
    const { buildProgram } = (await import(join(root, 'dist', 'cli', 'index.js'))) as typeof import('../src/cli/index.js');
    const names = (await buildProgram()).commands.map((c) => c.name()).filter((n) => n !== 'lint');
    expect(new Set([...names, 'help'])).toEqual(client.LOCAL_COMMANDS);
  });

  it("the package stamp changes with the code, a rule or a word list (a daemon then stops)", () => {
    const pkg = join(dir, 'pkg');
    for (const d of ['rules', 'dictionaries', 'dist/bundle']) mkdirSync(join(pkg, d), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{}');
    writeFileSync(join(pkg, 'rules', 'a.yml'), 'id: a\n');
    writeFileSync(join(pkg, 'dictionaries', 'w.txt'), '词\n');
    writeFileSync(join(pkg, 'dist', 'bundle', 'cli.js'), '');
    const s0 = packageStamp(pkg);
    expect(packageStamp(pkg)).toBe(s0);
    const later = new Date(Date.now() + 5000);
    const edits: Array<() => void> = [
      () => writeFileSync(join(pkg, 'rules', 'a.yml'), 'id: a2\n'),
      () => writeFileSync(join(pkg, 'rules', 'b.yml'), 'id: b\n'),
      () => utimesSync(join(pkg, 'dictionaries', 'w.txt'), later, later),
      () => writeFileSync(join(pkg, 'dist', 'bundle', 'cli.js'), '// rebuilt'),
    ];
    let prev = s0;
    for (const edit of edits) {
      edit();
      const s = packageStamp(pkg);
      expect(s).not.toBe(prev);
      prev = s;
    }
  });

  it('a second daemon started beside a running one leaves it be', async () => {
    const before = await cliAsync(['daemon', 'status'], { env });
    const second = spawnSync(process.execPath, [join(root, 'dist', 'daemon', 'main.js')], { env: { ...process.env, ...env }, timeout: 30_000 });
    expect(second.status).toBe(0);
    const after = await cliAsync(['daemon', 'status'], { env });
    expect(/pid (\d+)/.exec(after.stdout)![1]).toBe(/pid (\d+)/.exec(before.stdout)![1]);
    expect(await cliAsync(['lint', 'fixtures/drafts'], { env })).toEqual(await cliAsync(['lint', 'fixtures/drafts'], { env: local }));
  });

  it('stop ends the daemon and removes its socket and info file', async () => {
    const p = paths.daemonPaths(env);
    expect(existsSync(p.info)).toBe(true);
    const r = await cliAsync(['daemon', 'stop'], { env });
    expect(r.stdout).toMatch(/daemon stopped/);
    expect(existsSync(p.info)).toBe(false);
    if (process.platform !== 'win32') expect(existsSync(p.socket)).toBe(false);
    const s = await cliAsync(['daemon', 'status'], { env });
    expect(s.code).toBe(1);
    // and lint runs are local again
    expect(await cliAsync(['lint', 'fixtures/drafts'], { env })).toEqual(await cliAsync(['lint', 'fixtures/drafts'], { env: local }));
  });
});
