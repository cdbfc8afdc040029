/**
 * Speed features (issue 9) without timing anything: worker threads give the same results as one
 * thread (also when fixing), the cache answers unchanged files and is invalidated by content,
 * config, rule YAML and dictionary changes, and shards partition the file list.
 * Workers need the compiled worker, so the runner is imported from dist/ (`npm test` builds).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, root } from './helpers.js';

const dist = join(root, 'dist', 'engine');
const runner = (await import(join(dist, 'runner.js'))) as typeof import('../src/engine/runner.js');
const cacheMod = (await import(join(dist, 'cache.js'))) as typeof import('../src/engine/cache.js');
const { lintFiles, lastRun, shardFiles, parseShard } = runner;

/** Drafts with findings (typos with fixes, punctuation, front matter problems) and clean ones. */
function sources(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.md')) out.push([relative(join(root, 'fixtures'), p), readFileSync(p, 'utf8')]);
    }
  };
  for (const d of ['drafts', 'typo', 'language', 'clean']) walk(join(root, 'fixtures', d));
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'draftlint-perf-'));
});

/** At least `n` files: the fixtures, repeated under numbered folders. */
function corpus(base: string, n = 24): string[] {
  const src = sources();
  expect(src.length).toBeGreaterThan(3);
  const files: string[] = [];
  for (let k = 0; files.length < n; k++)
    for (const [rel, text] of src) {
      const p = join(base, `part${k}`, rel);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, text);
      files.push(p);
    }
  return files;
}

const ALWAYS_WORKERS = { files: 2, bytes: 0 };
const strip = (rs: Array<{ result: unknown }>) => JSON.parse(JSON.stringify(rs));

describe('--jobs', () => {
  it('workers give exactly the results of one thread, in the same order', async () => {
    const files = corpus(dir);
    const one = await lintFiles(files, { jobs: 1, cwd: dir });
    expect(lastRun.workers).toBe(0);
    const three = await lintFiles(files, { jobs: 3, cwd: dir, workerThreshold: ALWAYS_WORKERS });
    expect(lastRun.workers).toBe(3);
    const two = await lintFiles(files, { jobs: 2, cwd: dir, workerThreshold: ALWAYS_WORKERS });
    expect(lastRun.workers).toBe(2);
    expect(strip(three)).toEqual(strip(one));
    expect(one.map((o) => o.result.filePath)).toEqual(files);
    expect(one.some((o) => o.result.messages.length > 0)).toBe(true);
    expect(strip(two)).toEqual(strip(one));
  });

  it('a handful of files stays in one thread', async () => {
    const files = corpus(dir, 3).slice(0, 3);
    await lintFiles(files, { jobs: 4, cwd: dir });
    expect(lastRun.workers).toBe(0);
  });

  it('fixes written by workers are those written by one thread', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const fa = corpus(a);
    const fb = corpus(b);
    const ra = await lintFiles(fa, { jobs: 1, cwd: a, fix: true });
    const rb = await lintFiles(fb, { jobs: 3, cwd: b, fix: true, workerThreshold: ALWAYS_WORKERS });
    expect(lastRun.workers).toBe(3);
    let changed = 0;
    for (let i = 0; i < fa.length; i++) {
      const ta = readFileSync(fa[i]!, 'utf8');
      expect(readFileSync(fb[i]!, 'utf8')).toBe(ta);
      if (ra[i]!.result.output !== undefined) changed++;
      expect(rb[i]!.result.messages).toEqual(ra[i]!.result.messages);
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('a result keeps its source text only when it has messages, in every path', async () => {
    const files = corpus(dir);
    const one = await lintFiles(files, { jobs: 1, cwd: dir });
    const two = await lintFiles(files, { jobs: 2, cwd: dir, workerThreshold: ALWAYS_WORKERS });
    const cached = async () => {
      await lintFiles(files, { jobs: 1, cwd: dir, cache: true });
      return lintFiles(files, { jobs: 1, cwd: dir, cache: true });
    };
    const fromCache = await cached();
    expect(lastRun.cached).toBe(files.length);
    expect(one.some((o) => !o.result.messages.length)).toBe(true);
    for (const o of one) {
      if (o.result.messages.length) expect(o.result.source).toEqual(expect.any(String));
      else expect(o.result).not.toHaveProperty('source');
    }
    expect(strip(two)).toEqual(strip(one));
    expect(strip(fromCache)).toEqual(strip(one));
  });

  it('a worker that runs out of memory has its files linted by this thread, with the same results', async () => {
    const files = corpus(dir);
    const one = await lintFiles(files, { jobs: 1, cwd: dir });
    // a heap far too small for the rule sets: each worker dies on its first file
    const starved = await lintFiles(files, { jobs: 2, cwd: dir, workerThreshold: ALWAYS_WORKERS, workerHeapMb: 8 });
    expect(lastRun).toMatchObject({ workers: 2, outOfMemory: 2 });
    expect(strip(starved)).toEqual(strip(one));
    await lintFiles(files, { jobs: 2, cwd: dir, workerThreshold: ALWAYS_WORKERS });
    expect(lastRun.outOfMemory).toBe(0);
  });

  it('English spelling in workers: the same findings, and starting and ending workers never crashes the process', async () => {
    // nodehun is not safe to load in several threads (a static reference shared by all of them:
    // "double free or corruption" when a worker ended, within a few runs). Workers now ask this
    // thread; a child process runs workers many times over drafts with English words.
    const text = readFileSync(join(root, 'fixtures', 'language', '通知-病句与标点.md'), 'utf8');
    const files = Array.from({ length: 24 }, (_, k) => join(dir, `en${k}.md`));
    for (const f of files) writeFileSync(f, text);
    const script = `
      const { lintFiles, lastRun } = await import(${JSON.stringify(join(dist, 'runner.js'))});
      const files = ${JSON.stringify(files)};
      for (let k = 0; k < 8; k++) {
        const rs = await lintFiles(files, { jobs: 2 + (k % 2), cwd: ${JSON.stringify(dir)}, workerThreshold: { files: 2, bytes: 0 } });
        if (lastRun.workers < 2) throw new Error('no workers');
        const en = rs.map((o) => o.result.messages.filter((m) => m.ruleId === 'spelling/en').map((m) => m.message).join());
        console.log(JSON.stringify(en));
      }`;
    const child = await new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((ok) => {
      writeFileSync(join(dir, 'workers.mjs'), script);
      const c = spawn(process.execPath, [join(dir, 'workers.mjs')], { cwd: dir });
      let out = '';
      let err = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      c.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      c.on('close', (code, signal) => ok({ code, signal, out, err }));
    });
    expect({ code: child.code, signal: child.signal, err: child.err }).toEqual({ code: 0, signal: null, err: '' });
    const one = (await lintFiles(files, { jobs: 1, cwd: dir })).map((o) => o.result.messages.filter((m) => m.ruleId === 'spelling/en').map((m) => m.message).join());
    expect(one[0]).toMatch(/英文/);
    const lines = child.out.trim().split('\n');
    expect(lines).toHaveLength(8);
    for (const l of lines) expect(JSON.parse(l)).toEqual(one);
  });

  it("a worker's heap limit leaves room for the largest file", () => {
    expect(runner.workerHeapMb(0)).toBe(1024);
    expect(runner.workerHeapMb(5 * 1024 * 1024)).toBe(1024);
    expect(runner.workerHeapMb(20 * 1024 * 1024)).toBeGreaterThanOrEqual(2 * (60 + 50 * 20));
  });

  it('files are handed out in their order, a folder together, but an outsized file first', () => {
    // 200 drafts of 10–20 KB in path order, and two long ones in the middle
    const todo = Array.from({ length: 202 }, (_, k) => k);
    const sizes = todo.map((k) => 10_000 + ((k * 7919) % 10_000));
    sizes[120] = 900_000;
    sizes[60] = 400_000;
    const order = runner.workOrder(todo, sizes, 2);
    expect([...order].sort((a, b) => a - b)).toEqual(todo);
    expect(order.slice(0, 2)).toEqual([120, 60]);
    expect(order.slice(2)).toEqual(todo.filter((k) => k !== 60 && k !== 120));
    // nothing outsized: the given order as it is (also for a subset, as after the cache)
    const some = todo.filter((k) => k % 4 !== 0);
    expect(runner.workOrder(some, some.map(() => 10_000), 2)).toEqual(some);
    // a handful of files: each is a large part of the work, so the largest go first
    expect(runner.workOrder([3, 5, 8], [50, 70, 60], 2)).toEqual([5, 8, 3]);
  });

  it('a broken config fails the run from a worker as from one thread', async () => {
    const files = corpus(dir);
    writeFileSync(join(dir, '.draftlintrc.yml'), 'rules:\n  no/such-rule: error\n');
    await expect(lintFiles(files, { jobs: 1, cwd: dir })).rejects.toThrow(/no\/such-rule/);
    await expect(lintFiles(files, { jobs: 2, cwd: dir, workerThreshold: ALWAYS_WORKERS })).rejects.toThrow(/no\/such-rule/);
  });
});

describe('--cache', () => {
  const opts = () => ({ jobs: 1, cwd: dir, cache: true });

  it('answers unchanged files from the cache with the same results, and relints a changed file', async () => {
    // more files than are read at once (32), changed files in two of those groups
    const files = corpus(dir, 40);
    const first = await lintFiles(files, opts());
    expect(lastRun).toMatchObject({ cached: 0, linted: files.length });
    expect(existsSync(join(dir, '.draftlintcache', 'results.json'))).toBe(true);
    const again = await lintFiles(files, opts());
    expect(lastRun).toMatchObject({ cached: files.length, linted: 0 });
    expect(strip(again)).toEqual(strip(first));
    for (const i of [1, 35]) writeFileSync(files[i]!, readFileSync(files[i]!, 'utf8') + '\n县政府办公室按装了新的路灯。\n');
    const third = await lintFiles(files, opts());
    expect(lastRun).toMatchObject({ cached: files.length - 2, linted: 2 });
    for (const i of [1, 35]) expect(third[i]!.result.messages.length).toBeGreaterThan(first[i]!.result.messages.length);
    expect(strip(third.filter((_, i) => i !== 1 && i !== 35))).toEqual(strip(first.filter((_, i) => i !== 1 && i !== 35)));
  });

  // Config files and rule directories are read once per process, so these go through the CLI;
  // the key stored for a file shows whether its entry was replaced.
  const keys = (loc: string) =>
    Object.fromEntries(Object.entries((JSON.parse(readFileSync(join(loc, 'results.json'), 'utf8')) as { entries: Record<string, { key: string }> }).entries).map(([k, v]) => [k, v.key]));
  const json = (args: string[]) => JSON.parse(cli(['lint', '.', '-f', 'json', '--cache', ...args], { cwd: dir }).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; data: Record<string, string> }> }>;

  it('a config change invalidates (and command-line settings are part of the key)', () => {
    corpus(dir, 4);
    const loc = join(dir, '.draftlintcache');
    const before = json([]);
    expect(before.flatMap((r) => r.messages).some((m) => m.ruleId === 'typo/confusion')).toBe(true);
    const k0 = keys(loc);
    json([]);
    expect(keys(loc)).toEqual(k0);
    writeFileSync(join(dir, '.draftlintrc.yml'), 'rules:\n  typo/confusion: off\n');
    const after = json([]);
    expect(after.flatMap((r) => r.messages).some((m) => m.ruleId === 'typo/confusion')).toBe(false);
    const k1 = keys(loc);
    for (const k of Object.keys(k0)) expect(k1[k]).not.toBe(k0[k]);
    json(['--rule', 'typo/suspect: off']);
    const k2 = keys(loc);
    for (const k of Object.keys(k0)) expect(k2[k]).not.toBe(k1[k]);
  });

  it('a change to a rule YAML (rulePaths) invalidates', () => {
    corpus(dir, 4);
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    const rule = (word: string) =>
      [
        'id: site/banned',
        'kind: dictionary',
        'severity: error',
        'message: {zh: "禁用词“{{actual}}”。", en: "Banned “{{actual}}”."}',
        'description: {zh: 站点禁用词, en: site banned words}',
        `options: {entries: [${word}]}`,
        '',
      ].join('\n');
    writeFileSync(join(rules, 'site.banned.yml'), rule('路灯'));
    writeFileSync(join(dir, '.draftlintrc.yml'), 'rulePaths: [rules]\n');
    const hits = (rs: ReturnType<typeof json>) => rs.flatMap((r) => r.messages).filter((m) => m.ruleId === 'site/banned').length;
    const a = json([]);
    const k0 = keys(join(dir, '.draftlintcache'));
    expect(hits(json([]))).toBe(hits(a));
    expect(keys(join(dir, '.draftlintcache'))).toEqual(k0);
    writeFileSync(join(rules, 'site.banned.yml'), rule('通知'));
    json([]);
    const k1 = keys(join(dir, '.draftlintcache'));
    for (const k of Object.keys(k0)) expect(k1[k]).not.toBe(k0[k]);
  });

  it('the key covers draftlint version, rules and dictionaries of the package', async () => {
    const pkg = join(dir, 'pkg');
    mkdirSync(join(pkg, 'rules'), { recursive: true });
    mkdirSync(join(pkg, 'dictionaries'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"version":"1.0.0"}');
    writeFileSync(join(pkg, 'rules', 'a.b.yml'), 'id: a/b\n');
    writeFileSync(join(pkg, 'dictionaries', 'words.txt'), '# source: test\n# license: MIT\n按装\t安装\n');
    const key = async () => (await cacheMod.LintCache.open(join(dir, 'c'), dir, pkg)).envHash({ rules: {}, ignore: [], words: [] }, '<options>', {});
    const k0 = await key();
    expect(await key()).toBe(k0);
    writeFileSync(join(pkg, 'dictionaries', 'words.txt'), '# source: test\n# license: MIT\n按装\t安装\n既使\t即使\n');
    const k1 = await key();
    expect(k1).not.toBe(k0);
    writeFileSync(join(pkg, 'rules', 'a.b.yml'), 'id: a/b\nseverity: warning\n');
    const k2 = await key();
    expect(k2).not.toBe(k1);
    writeFileSync(join(pkg, 'package.json'), '{"version":"1.0.1"}');
    expect(await key()).not.toBe(k2);
  });

  it('never stores a fixed result; --fix relints files whose cached result has fixes', async () => {
    const files = corpus(dir, 6);
    const first = await lintFiles(files, opts());
    const fixable = first.filter((o) => o.result.messages.some((m) => m.fix)).length;
    expect(fixable).toBeGreaterThan(0);
    const fixed = await lintFiles(files, { ...opts(), fix: true });
    expect(lastRun.linted).toBe(fixable);
    const changed = fixed.filter((o) => o.result.output !== undefined).length;
    expect(changed).toBeGreaterThan(0);
    // the fixed files are linted again (their content changed), the others come from the cache
    const after = await lintFiles(files, opts());
    expect(lastRun.linted).toBe(changed);
    expect(strip(after)).toEqual(strip(await lintFiles(files, { jobs: 1, cwd: dir })));
  });

  it('--cache-location and the CLI', () => {
    corpus(dir, 4);
    const loc = join(dir, 'elsewhere');
    const a = cli(['lint', '.', '-f', 'json', '--cache', '--cache-location', loc], { cwd: dir });
    expect(existsSync(join(loc, 'results.json'))).toBe(true);
    expect(existsSync(join(dir, '.draftlintcache'))).toBe(false);
    const b = cli(['lint', '.', '-f', 'json', '--cache', '--cache-location', loc], { cwd: dir });
    expect(b.code).toBe(a.code);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });
});

describe('--shard', () => {
  it('the shards partition the files, deterministically, keeping their order', () => {
    const files = Array.from({ length: 200 }, (_, i) => join(dir, `d${i % 7}`, `稿件${i}.md`)).sort();
    for (const n of [1, 2, 3, 5]) {
      const shards = Array.from({ length: n }, (_, k) => shardFiles(files, { index: k + 1, count: n }, dir));
      const all = shards.flat();
      expect(new Set(all).size).toBe(files.length);
      expect([...all].sort()).toEqual(files);
      for (const s of shards) expect(s).toEqual(files.filter((f) => s.includes(f)));
      if (n > 1) for (const s of shards) expect(s.length).toBeGreaterThan(0);
      // the same checkout elsewhere splits the same way (relative paths)
      const moved = files.map((f) => join('/elsewhere', relative(dir, f)));
      expect(shardFiles(moved, { index: 1, count: n }, '/elsewhere').map((f) => relative('/elsewhere', f))).toEqual(shards[0]!.map((f) => relative(dir, f)));
    }
  });

  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '2', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('through the CLI, the shards together report every file once', () => {
    const files = corpus(dir, 8);
    const full = cli(['lint', '.', '-f', 'json'], { cwd: dir });
    const paths = (out: string) => (JSON.parse(out) as Array<{ filePath: string }>).map((r) => r.filePath);
    const all = paths(full.stdout);
    expect(all.length).toBe(files.length);
    const parts = [1, 2, 3].map((i) => paths(cli(['lint', '.', '-f', 'json', '--shard', `${i}/3`], { cwd: dir }).stdout));
    expect(parts.flat().sort()).toEqual([...all].sort());
    expect(cli(['lint', '.', '--shard', '4/3'], { cwd: dir }).code).toBe(2);
  });
});

describe('--timing', () => {
  it('prints a per-rule table on stderr', () => {
    corpus(dir, 2);
    for (const r of [cli(['lint', '.', '--timing'], { cwd: dir }), cli(['lint', '.'], { cwd: dir, env: { TIMING: '1' } })]) {
      expect(r.stderr).toMatch(/^Rule\s+\| Time \(ms\) \| Relative$/m);
      expect(r.stderr).toMatch(/^[a-z]+\/[a-z0-9-]+\s+\|\s+[\d.]+ \|\s+[\d.]+%$/m);
    }
    expect(cli(['lint', '.'], { cwd: dir }).stderr).not.toMatch(/Time \(ms\)/);
  });
});

