/**
 * Where draftlint is used: the pre-commit hook (run as pre-commit runs it), `--changed` /
 * `--since` / `--changed-lines` on a temporary git repository, baselines, the progress bar (on a
 * real pseudo-terminal via util-linux `script`), `draftlint init` with its JSON Schema.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { CONFIG_KEYS, loadConfigFile } from '../src/engine/config.js';
import { applyBaseline, buildBaseline, fingerprints } from '../src/engine/baseline.js';
import { parseChangedLines } from '../src/engine/changed.js';
import { lint } from '../src/engine/index.js';
import { createProgress, progressEnabled, renderBar } from '../src/cli/progress.js';
import { defaultColumnNames, normalizeSiteDomain, schemaReference, starterConfig } from '../src/cli/init.js';
import { validateColumnsConfig } from '../src/checks/column/catalog.js';
import { bin, root, cliAsync as run } from './helpers.js';



const CLEAN = readFileSync(resolve(root, 'fixtures/clean/植树通知.md'), 'utf8');
/** a clean draft with one more paragraph (no findings) */
const para = (text: string) => CLEAN.replace('联系电话', `${text}\n\n联系电话`);
const TYPO_A = '县住房和城乡建设局将于近期在城区主干道按装路灯。';
const TYPO_B = '各单位要再接再励，配合做好相关工作。';

const tmp: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `draftlint-${prefix}-`));
  tmp.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

function json(stdout: string): Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }> {
  return JSON.parse(stdout);
}
const names = (stdout: string) => json(stdout).map((r) => r.filePath.split('/').pop()).sort();

describe('pre-commit hook', () => {
  const hooks = parseYaml(readFileSync(resolve(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'draftlint')!;

  it('is declared as pre-commit expects', async () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('draftlint lint');
    expect(typeof hook.name).toBe('string');
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    // pre-commit installs the repository with npm and runs the package's bin
    expect(pkg.bin.draftlint).toBe('bin/draftlint.js');
    expect(pkg.scripts.prepare).toBeDefined();
    const files = new RegExp(hook.files as string);
    expect(['稿件.md', 'a/b/通知.markdown'].every((f) => files.test(f))).toBe(true);
    expect(['notes.txt', 'img.png', 'md.yml'].some((f) => files.test(f))).toBe(false);
  });

  it('runs the entry with the staged file names as arguments, as pre-commit does', async () => {
    const dir = tempDir('precommit');
    writeFileSync(join(dir, '坏稿.md'), para(TYPO_A));
    writeFileSync(join(dir, '好稿.md'), CLEAN);
    writeFileSync(join(dir, 'notes.txt'), TYPO_A);
    const staged = ['坏稿.md', '好稿.md', 'notes.txt'].filter((f) => new RegExp(hook.files as string).test(f));
    expect(staged).toEqual(['坏稿.md', '好稿.md']);
    const [cmd, ...args] = (hook.entry as string).split(' ');
    expect(cmd).toBe('draftlint');
    const bad = await run([...args, ...staged], { cwd: dir });
    expect(bad.code).toBe(1); // blocks the commit
    expect(bad.stdout).toContain('坏稿.md');
    expect(bad.stdout).toContain('typo/confusion');
    expect(bad.stdout).not.toContain('好稿.md');
    const good = await run([...args, '好稿.md'], { cwd: dir });
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('');
  });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  });
}

describe('--changed, --since and --changed-lines on a git repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempDir('git');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'core.quotePath', 'true');
    mkdirSync(join(repo, 'drafts'));
    writeFileSync(join(repo, 'drafts', 'old.md'), para(TYPO_A)); // an old finding, committed
    writeFileSync(join(repo, 'drafts', 'edited.md'), CLEAN);
    writeFileSync(join(repo, 'drafts', 'untouched.md'), para(TYPO_B));
    writeFileSync(join(repo, 'notes.txt'), 'x');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // committed on the branch
    writeFileSync(join(repo, 'drafts', 'edited.md'), para(TYPO_B));
    git(repo, 'commit', '-q', '-am', 'edit');
    // uncommitted: a new paragraph with a typo below the old one in old.md
    writeFileSync(join(repo, 'drafts', 'old.md'), para(`${TYPO_A}\n\n新增段落：${TYPO_B}`));
    // untracked new draft, with a name no shell would survive
    writeFileSync(join(repo, 'drafts', '新 稿件 $(touch pwned) `id`.md'), para(TYPO_A));
    writeFileSync(join(repo, 'notes.txt'), 'y');
  });

  it('--changed (HEAD): uncommitted and untracked drafts only', async () => {
    const r = await run(['lint', '--changed', '-f', 'json'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(names(r.stdout)).toEqual(['old.md', '新 稿件 $(touch pwned) `id`.md']);
    expect(existsSync(join(repo, 'drafts', 'pwned'))).toBe(false);
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
  });

  it('--changed main / --since main / --changed=main: also what the branch committed', async () => {
    for (const args of [['--changed', 'main'], ['--since', 'main'], ['--changed=main']]) {
      const r = await run(['lint', '-f', 'json', ...args], { cwd: repo });
      expect(r.code).toBe(1);
      expect(names(r.stdout)).toEqual(['edited.md', 'old.md', '新 稿件 $(touch pwned) `id`.md']);
    }
  });

  it('keeps to the paths given, from a subdirectory too', async () => {
    const r = await run(['lint', 'drafts/old.md', 'drafts/untouched.md', '-f', 'json', '--since', 'main'], { cwd: repo });
    expect(names(r.stdout)).toEqual(['old.md']);
    const sub = await run(['lint', '.', '-f', 'json', '--since', 'main'], { cwd: join(repo, 'drafts') });
    expect(names(sub.stdout)).toEqual(['edited.md', 'old.md', '新 稿件 $(touch pwned) `id`.md']);
  });

  it('--changed-lines reports only findings on changed lines (all of a new file)', async () => {
    const all = json((await run(['lint', '-f', 'json', '--changed'], { cwd: repo })).stdout);
    const old = all.find((r) => r.filePath.endsWith('old.md'))!;
    expect(old.messages.map((m) => m.ruleId)).toEqual(['typo/confusion', 'typo/confusion']);
    const r = await run(['lint', '-f', 'json', '--changed-lines'], { cwd: repo });
    const res = json(r.stdout);
    const oldOnly = res.find((r) => r.filePath.endsWith('old.md'))!;
    expect(oldOnly.messages).toHaveLength(1);
    const src = readFileSync(join(repo, 'drafts', 'old.md'), 'utf8').split('\n');
    expect(src[oldOnly.messages[0]!.line - 1]).toContain('新增段落');
    const fresh = res.find((r) => r.filePath.includes('新 稿件'))!;
    expect(fresh.messages.length).toBe(all.find((r) => r.filePath.includes('新 稿件'))!.messages.length);
    expect(r.code).toBe(1);
  });

  it('exits 0 with an empty report when nothing changed', async () => {
    const clean = tempDir('git-clean');
    git(clean, 'init', '-q', '-b', 'main');
    writeFileSync(join(clean, 'a.md'), para(TYPO_A));
    git(clean, 'add', '.');
    git(clean, 'commit', '-q', '-m', 'one');
    const r = await run(['lint', '--changed', '-f', 'json'], { cwd: clean });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const sarif = await run(['lint', '--changed', '-f', 'sarif'], { cwd: clean });
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
  });

  it('rejects unknown refs, option-like refs and directories outside git (exit 2)', async () => {
    const bad = await run(['lint', '--since', 'no-such-branch'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no-such-branch');
    const inj = await run(['lint', '--changed=--output=/tmp/x'], { cwd: repo });
    expect(inj.code).toBe(2);
    const outside = tempDir('nogit');
    writeFileSync(join(outside, 'a.md'), CLEAN);
    const ng = await run(['lint', '--changed'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: dirname(outside) } });
    expect(ng.code).toBe(2);
    expect(ng.stderr).toMatch(/not inside a git repository/);
    const stdin = await run(['lint', '--stdin', '--changed'], { cwd: repo, input: CLEAN });
    expect(stdin.code).toBe(2);
  });

  it('parses unified-diff hunks into changed line numbers', async () => {
    const diff = '@@ -3,0 +4,2 @@ x\n+a\n+b\n@@ -10 +12 @@\n-c\n+d\n@@ -20,3 +21,0 @@\n-e\n';
    expect([...parseChangedLines(diff)].sort((a, b) => a - b)).toEqual([4, 5, 12]);
  });
});

describe('baseline', () => {
  it('fingerprints ignore line numbers but not the text, the rule or the occurrence', async () => {
    const a = await lint(para(`${TYPO_A}又一次按装。`), { filename: '/repo/a.md' });
    const b = await lint(para(`新的第一段。\n\n${TYPO_A}又一次按装。`), { filename: '/repo/a.md' });
    const fa = fingerprints(a, '/repo');
    const fb = fingerprints(b, '/repo');
    expect(a.messages).toHaveLength(2);
    expect(b.messages.map((m) => m.line)).not.toEqual(a.messages.map((m) => m.line));
    expect(fb).toEqual(fa);
    expect(new Set(fa).size).toBe(2); // two 按装: told apart by their occurrence index
    expect(fingerprints({ ...a, filePath: '/repo/b.md' }, '/repo')).not.toEqual(fa);
    const base = buildBaseline([a], '/repo/.draftlint-baseline.json');
    expect(base.entries.map((e) => e.file)).toEqual(['a.md', 'a.md']);
    expect(JSON.stringify(base)).not.toContain('按装'); // hashes only: findings may cover personal data
    const c = await lint(para(`${TYPO_A}又一次按装。还有一次按装。`), { filename: '/repo/a.md' });
    const applied = applyBaseline([c], base, '/repo/.draftlint-baseline.json');
    expect(applied.known).toBe(2);
    expect(applied.results[0]!.messages).toHaveLength(1);
    expect(applied.results[0]!.errorCount).toBe(1);
  });

  it('--baseline-write records, --baseline reports only new findings (through the CLI)', async () => {
    const dir = tempDir('baseline');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'a.md'), para(`${TYPO_A}${TYPO_B}`));
    writeFileSync(join(dir, 'drafts', 'b.md'), CLEAN);
    const w = await run(['lint', 'drafts', '--baseline-write', '.draftlint-baseline.json'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/已把 2 个问题记入基线/);
    const saved = JSON.parse(readFileSync(join(dir, '.draftlint-baseline.json'), 'utf8'));
    expect(saved.entries).toHaveLength(2);
    expect(saved.entries[0].file).toBe('drafts/a.md');

    const same = await run(['lint', 'drafts', '--baseline', '.draftlint-baseline.json', '-f', 'json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(json(same.stdout).flatMap((r) => r.messages)).toEqual([]);
    expect(same.stderr).toMatch(/基线中已有的 2 个问题未报告/);

    // edits elsewhere in the file move the old findings; they stay known
    writeFileSync(join(dir, 'drafts', 'a.md'), para(`开头新增一段说明。\n\n${TYPO_A}${TYPO_B}`).replace('# 关于', '# 关于开展'));
    const moved = await run(['lint', 'drafts', '--baseline', '.draftlint-baseline.json', '--lang', 'en'], { cwd: dir });
    expect(moved.code).toBe(0);
    expect(moved.stderr).toMatch(/2 findings already in the baseline not reported/);

    // a new finding is reported, alone
    writeFileSync(join(dir, 'drafts', 'b.md'), para(TYPO_A));
    const fresh = await run(['lint', 'drafts', '--baseline', '.draftlint-baseline.json', '-f', 'json'], { cwd: dir });
    expect(fresh.code).toBe(1);
    const msgs = json(fresh.stdout).flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.file).toMatch(/b\.md$/);
  });

  it('a missing or malformed baseline is a usage error (exit 2)', async () => {
    const dir = tempDir('baseline-bad');
    writeFileSync(join(dir, 'a.md'), CLEAN);
    const missing = await run(['lint', 'a.md', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--baseline-write/);
    writeFileSync(join(dir, 'bad.json'), '{"entries": 3}');
    expect((await run(['lint', 'a.md', '--baseline', 'bad.json'], { cwd: dir })).code).toBe(2);
    writeFileSync(join(dir, 'bad2.json'), 'not json');
    expect((await run(['lint', 'a.md', '--baseline', 'bad2.json'], { cwd: dir })).code).toBe(2);
  });
});

describe('progress bar', () => {
  const tty = () => {
    const writes: string[] = [];
    return { writes, stream: { isTTY: true, columns: 100, write: (s: string) => writes.push(s) } };
  };

  it('draws only on a terminal, outside CI, for many files', async () => {
    const { stream } = tty();
    expect(progressEnabled(50, stream, {})).toBe(true);
    expect(progressEnabled(50, stream, { CI: 'true' })).toBe(false);
    expect(progressEnabled(50, stream, { CI: '1' })).toBe(false);
    expect(progressEnabled(50, stream, { CI: 'false' })).toBe(true);
    expect(progressEnabled(50, { ...stream, isTTY: false }, {})).toBe(false);
    expect(progressEnabled(50, stream, { TERM: 'dumb' })).toBe(false);
    expect(progressEnabled(3, stream, {})).toBe(false);
  });

  it('redraws one line in place and erases it at the end', async () => {
    const { writes, stream } = tty();
    let t = 0;
    const p = createProgress(40, { stream, env: {}, now: () => (t += 100) });
    for (let i = 0; i < 40; i++) p.tick(`/x/稿件${i}.md`);
    p.done();
    expect(writes.length).toBe(41);
    expect(writes.every((w) => w.startsWith('\r\x1b[2K'))).toBe(true);
    expect(writes.some((w) => w.includes('\n'))).toBe(false);
    expect(writes[39]).toContain('40/40');
    expect(writes[39]).toContain('稿件39.md');
    expect(writes[40]).toBe('\r\x1b[2K');
    const off = tty();
    const q = createProgress(40, { stream: off.stream, env: { CI: 'true' } });
    q.tick('a');
    q.done();
    expect(off.writes).toEqual([]);
    expect(renderBar(5, 10, 'a.md', 80, 'en')).toMatch(/^Linting █+░+ 5\/10  a\.md$/);
  });

  const haveScript = spawnSync('script', ['--version']).status === 0;
  /** Run a command on a pseudo-terminal (util-linux `script`): stdout and stderr are both the terminal. */
  const onTerminal = (cmd: string, cwd: string, env: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string }>((ok, fail) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('error', fail);
      child.on('close', (status) => ok({ status, stdout }));
    });
  it.skipIf(!haveScript)('shows on a real terminal, not when piped or in CI (through the CLI)', async () => {
    const dir = tempDir('progress');
    for (let i = 0; i < 24; i++) writeFileSync(join(dir, `稿件${String(i).padStart(2, '0')}.md`), CLEAN);
    const env = { ...process.env, NO_COLOR: '1' } as Record<string, string>;
    delete env.CI;
    const cmd = `'${process.execPath}' '${bin}' lint .`;
    const onTty = await onTerminal(cmd, dir, env);
    expect(onTty.status).toBe(0);
    expect(onTty.stdout).toContain('24/24');
    expect(onTty.stdout).toContain('检查中');
    const inCi = await onTerminal(cmd, dir, { ...env, CI: 'true' });
    expect(inCi.status).toBe(0);
    expect(inCi.stdout).not.toContain('检查中');
    const piped = await run(['lint', '.'], { cwd: dir, env: { CI: '' } });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });
});

describe('draftlint init and the config schema', () => {
  const schema = JSON.parse(readFileSync(resolve(root, 'schema/draftlintrc.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('covers exactly the config keys the engine accepts, with compatible types', async () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    expect(schema.additionalProperties).toBe(false);
    const sample: Record<string, unknown> = { string: 'x', array: ['x'], object: {}, 'string|array': 'x', number: 1 };
    for (const [key, type] of Object.entries(CONFIG_KEYS)) {
      if (key === 'lang') continue; // enum
      if (key === 'stage') continue;
      expect(validate({ [key]: sample[type] }), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ lang: 'en', stage: 'publish' })).toBe(true);
    expect(validate({ colums: {} })).toBe(false);
    expect(validate({ rules: { 'typo/confusion': 'bogus' } })).toBe(false);
    expect(validate({ rules: { 'typo/confusion': ['warning', { mode: 'x' }], 'meta/*': 'off', '*': 'warning' } })).toBe(true);
    expect(validate({ lang: 'fr' })).toBe(false);
  });

  it('writes a commented starter config that the engine and the schema accept', async () => {
    const dir = tempDir('init');
    const r = await run(['init', '--site-domain', 'https://www.panxian.gov.cn/', '--unit', '县人民政府办公室'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote/);
    const file = join(dir, '.draftlintrc.yml');
    const text = readFileSync(file, 'utf8');
    const first = text.split('\n')[0]!;
    expect(first).toMatch(/^# yaml-language-server: \$schema=/);
    const ref = first.replace('# yaml-language-server: $schema=', '');
    const target = ref.startsWith('file:') ? fileURLToPath(ref) : resolve(dir, ref);
    expect(JSON.parse(readFileSync(target, 'utf8')).title).toBe(schema.title);
    const data = parseYaml(text);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.links.site).toBe('https://www.panxian.gov.cn');
    expect(data.site.unit).toBe('县人民政府办公室');
    expect(() => loadConfigFile(file)).not.toThrow();
    writeFileSync(join(dir, 'a.md'), CLEAN);
    expect((await run(['lint', 'a.md'], { cwd: dir })).code).toBe(0);
    // again: refuses to overwrite
    expect((await run(['init'], { cwd: dir })).code).toBe(2);
    expect((await run(['init', '--force'], { cwd: dir })).code).toBe(0);
  });

  it('lists the default column catalog and the allow-list ready to uncomment', async () => {
    const names = defaultColumnNames();
    expect(names.length).toBeGreaterThan(10);
    const text = starterConfig({ schema: './node_modules/draftlint/schema/draftlintrc.schema.json' });
    for (const n of names) expect(text).toContain(`#     - ${JSON.stringify(n)}`);
    // what an editor does: uncomment columns, remove and one column, and an allow-list entry
    const edited = text
      .replace('# columns:', 'columns:')
      .replace('#   remove:', '  remove:')
      .replace(`#     - ${JSON.stringify(names[3])}`, `    - ${JSON.stringify(names[3])}`)
      .replace('    # - www.people.com.cn', '    - www.people.com.cn');
    const data = parseYaml(edited);
    expect(data.columns.remove).toEqual([names[3]]);
    expect(data.links.allow).toEqual(['www.people.com.cn']);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(validateColumnsConfig(data.columns)).toEqual([]);
    const dir = tempDir('init-edit');
    writeFileSync(join(dir, '.draftlintrc.yml'), edited);
    expect(() => loadConfigFile(join(dir, '.draftlintrc.yml'))).not.toThrow();
  });

  it('checks --site-domain and --unit (exit 2 naming the problem)', async () => {
    expect(normalizeSiteDomain('www.panxian.gov.cn')).toBe('www.panxian.gov.cn');
    expect(normalizeSiteDomain('http://WWW.Panxian.gov.cn/')).toBe('www.panxian.gov.cn');
    expect(normalizeSiteDomain('https://www.panxian.gov.cn:8443')).toBe('https://www.panxian.gov.cn:8443');
    for (const bad of ['', 'www.x.gov.cn/path', 'ftp://x.gov.cn', 'no dots', 'localhostx', 'a..b.cn', 'user@x.gov.cn/']) expect(() => normalizeSiteDomain(bad), bad).toThrow();
    const dir = tempDir('init-bad');
    const d = await run(['init', '--site-domain', 'www.x.gov.cn/zwgk/'], { cwd: dir });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--site-domain.*without a path/);
    const u = await run(['init', '--unit', '县\n政府'], { cwd: dir });
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--unit/);
    expect(existsSync(join(dir, '.draftlintrc.yml'))).toBe(false);
  });

  it('refers to the schema relatively when draftlint is installed in the project', async () => {
    expect(schemaReference('/p', '/p/node_modules/draftlint/schema/draftlintrc.schema.json')).toBe('./node_modules/draftlint/schema/draftlintrc.schema.json');
    expect(schemaReference('/p/sub', '/p/node_modules/draftlint/schema/draftlintrc.schema.json')).toBe('../node_modules/draftlint/schema/draftlintrc.schema.json');
    expect(schemaReference('/p', '/usr/lib/node_modules/draftlint/schema/draftlintrc.schema.json')).toBe('file:///usr/lib/node_modules/draftlint/schema/draftlintrc.schema.json');
  });
});

describe('help text', () => {
  it('explains the new options in Chinese and English', async () => {
    const r = await run(['lint', '--help']);
    for (const opt of ['--changed [ref]', '--since <ref>', '--changed-lines', '--baseline <file>', '--baseline-write <file>']) {
      // commander wraps long descriptions: an option's text runs on until the next option
      const lines = r.stdout.split('\n');
      const at = lines.findIndex((l) => l.trimStart().startsWith(opt));
      expect(at, opt).toBeGreaterThanOrEqual(0);
      let end = at + 1;
      while (end < lines.length && /^\s{10,}\S/.test(lines[end]!)) end++;
      const line = lines.slice(at, end).map((l) => l.trim()).join(' ');
      expect(line!).toMatch(/[\u4e00-\u9fff]/);
      expect(line!).toMatch(/\/ [a-z]{3,}/i);
    }
    const init = await run(['init', '--help']);
    expect(init.stdout).toMatch(/--site-domain.*\/ the site domain/);
  });
});
