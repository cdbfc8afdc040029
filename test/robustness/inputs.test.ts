/**
 * Hostile and broken input through the real bin: every case gives a clear per-file finding and the
 * right exit code, never a stack trace or a hang.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { bin, cli } from '../helpers.js';

const FM = '---\ntitle: 关于城区路灯安装的通知\ncolumn: 通知公告\nunit: 县住房和城乡建设局\nauthor: 王芳\ndate: 2021-03-02\n---\n\n';
const BODY = '县住房和城乡建设局将于近期在城区主干道按装路灯。\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'draftlint-robust-'));
});

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

type Msg = { ruleId: string; line: number; column: number; message: string };
function run(args: string[]) {
  const r = cli(['lint', '--format', 'json', ...args], { cwd: dir });
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  let results: Array<{ filePath: string; messages: Msg[] }> = [];
  if (r.code !== 2) results = JSON.parse(r.stdout);
  return { ...r, results, ids: (name: string) => results.find((x) => x.filePath.endsWith(name))?.messages.map((m) => m.ruleId) ?? [] };
}

describe('encodings', () => {
  it('UTF-16 LE and BE with BOM are decoded with correct positions', () => {
    const text = FM + BODY;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    write('le.md', le);
    write('be.md', be);
    const r = run(['le.md', 'be.md']);
    for (const f of r.results) {
      const typo = f.messages.find((m) => m.ruleId === 'typo/confusion');
      expect(typo, f.filePath).toMatchObject({ line: 9, column: 20 });
    }
  });

  it('invalid byte sequences name the byte offset', () => {
    write('bad.md', Buffer.concat([Buffer.from(FM), Buffer.from([0xc3, 0x28, 0x41])]));
    const r = run(['bad.md']);
    expect(r.ids('bad.md')).toEqual(['meta/encoding']);
    expect(r.results[0]!.messages[0]!.message).toContain(String(Buffer.byteLength(FM)));
  });

  it('mixed line endings keep positions', () => {
    write('mixed.md', FM.replace(/\n/g, '\r\n') + '第一行。\n\r\n' + BODY);
    const m = run(['mixed.md']).results[0]!.messages.find((x) => x.ruleId === 'typo/confusion');
    expect(m).toMatchObject({ line: 11, column: 20 });
  });
});

describe('odd files', () => {
  it('binary, NUL bytes, empty', () => {
    write('bin.md', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    write('nul.md', Buffer.from('正文\u0000正文'));
    write('empty.md', '');
    const r = run(['.']);
    expect(r.ids('bin.md')).toEqual(['meta/binary']);
    expect(r.ids('nul.md')).toEqual(['meta/binary']);
    expect(r.ids('empty.md')).toEqual(['meta/empty']);
  });

  it('front matter that never closes, is not a mapping, or has duplicate keys', () => {
    write('open.md', '---\ntitle: 未闭合\n\n正文按装。\n');
    write('list.md', '---\n- a\n- b\n---\n正文。\n');
    write('dup.md', '---\ntitle: a\ntitle: b\n---\n正文。\n');
    const r = run(['.']);
    expect(r.code).toBe(1);
    expect(r.ids('open.md')).toContain('meta/yaml');
    expect(r.ids('open.md')).toContain('typo/confusion'); // the body is still linted
    expect(r.ids('list.md')).toContain('meta/yaml');
    expect(r.ids('dup.md')).toContain('meta/yaml');
  });

  it('custom tags, __proto__ keys and alias bombs do not crash, pollute or hang', () => {
    write('tags.md', '---\ntitle: !!js/function "function(){}"\nnote: !custom x\n---\n正文。\n');
    write('proto.md', '---\n__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\ntitle: 通知\n---\n正文。\n');
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const p = String.fromCharCode(96 + i);
      const c = String.fromCharCode(97 + i);
      lol.push(`${c}: &${c} [${Array(9).fill(`*${p}`).join(',')}]`);
    }
    write('bomb.md', `---\n${lol.join('\n')}\n---\n正文。\n`);
    const r = run(['.']);
    expect(r.code).toBe(1);
    expect(r.ids('bomb.md')).toContain('meta/yaml');
    expect(r.ids('proto.md')).toContain('meta/unknown-key');
    expect(r.results.length).toBe(3);
  });
});

describe('large inputs', () => {
  it('a 20 MB draft is refused with meta/too-large; --max-file-size raises the limit', () => {
    write('big.md', FM + '正文。'.repeat(7_000_000 / 3));
    write('small.md', FM + BODY);
    const r = run(['big.md', 'small.md']);
    expect(r.ids('big.md')).toEqual(['meta/too-large']);
    expect(r.ids('small.md')).toContain('typo/confusion');
    expect(run(['small.md', '--max-file-size', '100']).ids('small.md')).toEqual(['meta/too-large']);
  });

  it('a 1 MB single line finishes', () => {
    write('line.md', FM + '各单位要认真落实工作任务，'.repeat(80_000) + '\n');
    const r = run(['line.md']);
    expect(r.code).not.toBe(2);
    expect(r.results).toHaveLength(1);
  });

  it('10,000 nested blockquotes and absurdly deep lists are refused with meta/too-complex', () => {
    write('quote.md', FM + '>'.repeat(10_000) + ' 深\n');
    write('list.md', FM + Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- 项\n').join(''));
    const r = run(['.']);
    expect(r.ids('quote.md')).toEqual(['meta/too-complex']);
    expect(r.ids('list.md')).toEqual(['meta/too-complex']);
  });
});

describe('paths', () => {
  it('broken symlinks, symlink loops and a directory named x.md are findings; non-ASCII and spaced paths work', () => {
    write('ok/正常 稿件.md', FM + BODY);
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'ok/broken.md'));
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop/self'));
    mkdirSync(join(dir, 'dir.md'));
    write('dir.md/inner.md', FM + '正文。\n');
    const r = run(['ok', 'loop', 'dir.md', 'ok/broken.md']);
    expect(r.ids('正常 稿件.md')).toContain('typo/confusion');
    expect(r.ids('broken.md')).toEqual(['meta/unreadable']);
    expect(r.ids('inner.md')).toEqual([]);
    const explicitDir = run([join('dir.md')]);
    expect(explicitDir.results.map((x) => x.filePath)).toEqual([join(dir, 'dir.md/inner.md')]);
  });

  it('a file that cannot be read (permission denied) is a finding', () => {
    const p = write('secret.md', FM + BODY);
    write('open.md', FM + BODY);
    chmodSync(p, 0);
    chmodSync(dir, 0o755);
    let args = [bin, 'lint', '--format', 'json', 'secret.md', 'open.md'];
    let command = process.execPath;
    if (process.getuid?.() === 0) {
      // root reads any file: run the bin as `nobody`, when this machine lets us and nobody can read the bin
      const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(bin)})`]);
      if (probe.status !== 0) {
        console.log('skipped: running as root and cannot run the bin as another user here, so permission denied cannot be produced');
        return;
      }
      args = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args];
      command = 'setpriv';
    }
    const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Msg[] }>;
    const secret = results.find((x) => x.filePath.endsWith('secret.md'))!;
    expect(secret.messages.map((m) => m.ruleId)).toEqual(['meta/unreadable']);
    expect(secret.messages[0]!.message).toContain('没有读取权限');
    expect(results.find((x) => x.filePath.endsWith('open.md'))!.messages.map((m) => m.ruleId)).toContain('typo/confusion');
  });

  it('a cache that cannot be saved is a note and the report stands; a report that cannot be written is exit 2', () => {
    write('a.md', FM + BODY);
    write('blocker', 'a file where a folder should be\n');
    const cached = run(['--cache', '--cache-location', 'blocker/cache', 'a.md']);
    expect(cached.code).toBe(1); // the draft's own errors
    expect(cached.ids('a.md')).toContain('typo/confusion');
    expect(cached.stderr).toContain('无法保存缓存');
    expect(cached.stderr).toContain('本次结果不受影响');
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'blocker']);
    // lint, ledger and cadence write -o the same way
    for (const args of [['lint'], ['ledger', '--month', '2021-03'], ['cadence']]) {
      const report = cli([...args, '-o', 'blocker/report.txt', 'a.md'], { cwd: dir });
      expect(report.code, args[0]).toBe(2);
      expect(report.stderr).toContain('无法写入输出文件');
      expect(report.stderr).toContain('blocker/report.txt');
      expect(report.stderr).toContain('not a directory');
      expect(report.stderr).not.toMatch(/\n\s+at |内部错误/);
    }
    const baseline = cli(['lint', '--baseline-write', 'blocker/baseline.json', 'a.md'], { cwd: dir });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('无法写入基线文件');
    expect(baseline.stderr).not.toMatch(/\n\s+at |内部错误/);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'blocker']);
  });

  it('a cache or report folder the file system will not make (/proc) fails at once instead of hanging', () => {
    // Node's own recursive mkdir retries for ever there (see src/engine/make-dir.ts)
    if (process.platform !== 'linux') return;
    write('a.md', FM + BODY);
    const t0 = Date.now();
    const cached = cli(['lint', '--cache', '--cache-location', '/proc/draftlint-test/cache', 'a.md'], { cwd: dir });
    expect(cached.code).toBe(1);
    expect(cached.stderr).toContain('无法保存缓存');
    const report = cli(['lint', '-o', '/proc/draftlint-test/report.txt', 'a.md'], { cwd: dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('无法写入输出文件');
    expect(Date.now() - t0).toBeLessThan(55_000); // cli() gives up on a run after 60 s
  });

  it('a file deleted between listing and reading is a finding', () => {
    write('a.md', FM + BODY);
    const r = run(['a.md', 'gone.md']);
    expect(r.ids('gone.md')).toEqual(['meta/unreadable']);
    rmSync(join(dir, 'a.md'));
  });
});

describe('configuration', () => {
  const rule = (regex: string) =>
    `id: expression/county-slip\nkind: pattern\nseverity: error\nmessage: {zh: "x{{actual}}", en: "x{{actual}}"}\ndescription: {zh: 测试, en: test}\noptions:\n  patterns:\n    - regex: '${regex}'\nexamples:\n  valid: [正文]\n  invalid: [{text: 正文a, findings: [{target: a}]}]\n`;

  it('rejects invalid and catastrophic regular expressions in a site rule (exit 2, file and reason)', () => {
    mkdirSync(join(dir, '.git'));
    write('.draftlintrc.yml', 'rulePaths: [my-rules]\n');
    write('x.md', FM + BODY);
    write('my-rules/expression.county-slip.yml', rule('(a+)+$'));
    let r = cli(['lint', 'x.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expression\.county-slip\.yml.*backtrack/);
    write('my-rules/expression.county-slip.yml', rule('(unclosed'));
    r = cli(['lint', 'x.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid regular expression/);
    write('my-rules/expression.county-slip.yml', rule('a'));
    r = cli(['lint', '--format', 'json', 'x.md'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  it('wrong option types are exit 2 naming the rule', () => {
    write('.draftlintrc.yml', 'rules:\n  meta/required: [error, {fields: 5}]\n');
    write('x.md', FM + BODY);
    const r = cli(['lint', 'x.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meta/required');
  });
});
