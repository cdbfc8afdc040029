/**
 * The foundation through the real bin: reading (BOM, GBK, CRLF), front matter problems,
 * suppressions, formats, exit codes, config errors, stdin, --fix.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ruleDefinitions } from '../src/engine/index.js';
import { cli, root } from './helpers.js';

const DRAFT = `---
title: 关于城区路灯安装的通知
column: 通知公告
unit: 县住房和城乡建设局
author: 王芳
date: 2021-03-02
---

各社区居民委员会：

县住房和城乡建设局将于近期在城区主干道按装路灯，请过往车辆和行人注意安全。
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'draftlint-cli-'));
});

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

type Json = Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; endColumn: number; severity: number; message: string; fix?: unknown }>; errorCount: number; warningCount: number }>;

function json(args: string[], opts: { input?: string; cwd?: string } = {}) {
  const r = cli(['lint', '--format', 'json', ...args], { cwd: opts.cwd ?? dir, input: opts.input });
  let parsed: Json = [];
  try {
    parsed = JSON.parse(r.stdout) as Json;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { ...r, results: parsed };
}

const typo = (res: Json) => res.flatMap((f) => f.messages.filter((m) => m.ruleId === 'typo/confusion'));

describe('reading', () => {
  it('UTF-8 with BOM: positions refer to the original lines', () => {
    write('bom.md', '\ufeff' + DRAFT);
    const { results, code } = json(['bom.md']);
    expect(code).toBe(1);
    const [m] = typo(results);
    expect(m).toMatchObject({ line: 11, column: 20, endColumn: 22 });
  });

  it('GB18030/GBK files are decoded', () => {
    write('gbk.md', iconv.encode(DRAFT, 'gbk'));
    const { results } = json(['gbk.md']);
    const [m] = typo(results);
    expect(m).toMatchObject({ line: 11, column: 20 });
    expect(results[0]!.messages.some((x) => x.ruleId === 'meta/encoding')).toBe(false);
  });

  it('CRLF files keep line/column positions', () => {
    write('crlf.md', DRAFT.replace(/\n/g, '\r\n'));
    const { results } = json(['crlf.md']);
    expect(typo(results)[0]).toMatchObject({ line: 11, column: 20, endColumn: 22 });
    expect(results[0]!.messages.filter((m) => m.ruleId.startsWith('meta/'))).toEqual([]);
  });

  it('an undecodable file gets meta/encoding naming the byte offset, and the others are still linted', () => {
    write('bad.md', Buffer.from([0x41, 0x42, 0xff, 0xfe, 0x20, 0x43]));
    write('good.md', DRAFT);
    const { results, code } = json(['.']);
    expect(code).toBe(1);
    const bad = results.find((r) => r.filePath.endsWith('bad.md'))!;
    expect(bad.messages[0]!.ruleId).toBe('meta/encoding');
    expect(bad.messages[0]!.message).toContain('2');
    expect(typo(results.filter((r) => r.filePath.endsWith('good.md')))).toHaveLength(1);
  });

  it('a binary file named .md is skipped with meta/binary', () => {
    write('img.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const { results } = json(['img.md']);
    expect(results[0]!.messages.map((m) => m.ruleId)).toEqual(['meta/binary']);
  });

  it('a missing file is reported, not a crash', () => {
    write('good.md', DRAFT);
    const { results, code } = json(['good.md', 'nope.md']);
    expect(code).toBe(1);
    expect(results.find((r) => r.filePath.endsWith('nope.md'))!.messages[0]!.ruleId).toBe('meta/unreadable');
  });
});

describe('front matter', () => {
  it('invalid YAML points at the YAML line, and the body is still linted', () => {
    write('x.md', DRAFT.replace('column: 通知公告', 'column: [通知公告'));
    const { results } = json(['x.md']);
    const ids = results[0]!.messages.map((m) => m.ruleId);
    expect(ids).toContain('meta/yaml');
    expect(results[0]!.messages.find((m) => m.ruleId === 'meta/yaml')!.line).toBeGreaterThanOrEqual(3);
    expect(ids).toContain('typo/confusion');
  });

  it('missing required fields, bad date and unknown keys (with did-you-mean)', () => {
    write('x.md', DRAFT.replace('author: 王芳\n', '').replace('2021-03-02', '2021-13-02').replace('unit:', 'unti:'));
    const { results } = json(['x.md']);
    const msgs = results[0]!.messages;
    const required = msgs.find((m) => m.ruleId === 'meta/required')!;
    expect(required.message).toContain('author');
    expect(required.message).toContain('unit');
    expect(msgs.find((m) => m.ruleId === 'meta/date')!.line).toBe(5);
    expect(msgs.find((m) => m.ruleId === 'meta/unknown-key')!.message).toContain('unit');
  });

  it('Chinese keys are accepted', () => {
    write('x.md', '---\n标题: 关于植树的通知\n栏目: 通知公告\n发布单位: 县林业局\n撰稿人: 李明\n日期: 2021-03-01\n---\n\n请按时植树。\n');
    const { results, code } = json(['x.md']);
    expect(results[0]!.messages.filter((m) => m.ruleId.startsWith('meta/'))).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('suppressions', () => {
  const body = (s: string) => DRAFT.replace('县住房和城乡建设局将于近期在城区主干道按装路灯，请过往车辆和行人注意安全。', s);

  it('disable-next-line, with a justification', () => {
    write('x.md', body('<!-- draftlint-disable-next-line typo/confusion -- 引用原文 -->\n群众来信：“希望尽快按装路灯。”'));
    const { results } = json(['x.md']);
    expect(typo(results)).toEqual([]);
    expect(results[0]!.messages.map((m) => m.ruleId)).not.toContain('meta/unused-disable');
  });

  it('disable-line', () => {
    write('x.md', body('群众来信：“希望尽快按装路灯。” <!-- draftlint-disable-line typo/confusion -->'));
    expect(typo(json(['x.md']).results)).toEqual([]);
  });

  it('disable … enable covers a range only', () => {
    write('x.md', body('<!-- draftlint-disable typo/* -->\n\n一处按装。\n\n<!-- draftlint-enable typo/* -->\n\n二处按装。'));
    const t = typo(json(['x.md']).results);
    expect(t).toHaveLength(1);
    expect(t[0]!.line).toBe(17);
  });

  it('front matter draftlint.disable covers the file', () => {
    write('x.md', DRAFT.replace('---\n\n', 'draftlint:\n  disable: [typo/confusion]\n---\n\n'));
    expect(typo(json(['x.md']).results)).toEqual([]);
  });

  it('a disable comment that suppresses nothing is reported', () => {
    write('x.md', body('<!-- draftlint-disable-next-line typo/confusion -->\n请注意安全。'));
    const { results } = json(['x.md']);
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('meta/unused-disable');
  });
});

describe('formats and exit codes', () => {
  it('stylish: path:line:col, severity, message, rule id, source line with a caret, summary', () => {
    write('x.md', DRAFT);
    const r = cli(['lint', 'x.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('x.md:11:20');
    expect(r.stdout).toContain('错误');
    expect(r.stdout).toContain('typo/confusion');
    expect(r.stdout).toMatch(/按装路灯.*\n.*\^\^\^\^/);
    expect(r.stdout).toMatch(/共 1 个问题（1 个错误，0 个警告）/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // NO_COLOR
  });

  it('json: ESLint shape', () => {
    write('x.md', DRAFT);
    const { results } = json(['x.md']);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['filePath', 'messages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']));
    expect(r.messages[0]).toMatchObject({ ruleId: 'typo/confusion', severity: 2, line: 11, column: 20, endLine: 11, endColumn: 22, fix: { text: '安' } });
    expect((r.messages[0] as { basis?: string }).basis).toContain('二(二)1');
  });

  it('exit 0 on a clean file; --max-warnings turns warnings into exit 1', () => {
    write('x.md', DRAFT.replace('按装', '安装').replace('unit:', 'unti:').replace('author: 王芳\n', 'author: 王芳\nunit: 县住建局\n'));
    expect(cli(['lint', 'x.md'], { cwd: dir }).code).toBe(0);
    const r = cli(['lint', 'x.md', '--max-warnings', '0'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('警告数');
  });

  it('--quiet drops warnings', () => {
    write('x.md', DRAFT.replace('unit:', 'unti:'));
    const { results } = json(['x.md', '--quiet']);
    expect(results[0]!.messages.every((m) => m.severity === 2)).toBe(true);
  });

  it('--rule changes a severity; --lang en switches messages', () => {
    write('x.md', DRAFT);
    const off = json(['x.md', '--rule', 'typo/confusion: off']);
    expect(typo(off.results)).toEqual([]);
    const en = json(['x.md', '--lang', 'en']);
    expect(typo(en.results)[0]!.message).toMatch(/^Typo/);
  });

  it('exit 2 with one line for usage errors', () => {
    write('x.md', DRAFT);
    for (const args of [['lint', 'x.md', '--format', 'nope'], ['lint', 'x.md', '--rule', 'typo/nope: off'], ['lint', 'empty-dir-glob/*.md'], ['lint', '--bogus']]) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('--stdin --fix writes the fixed draft to standard output and the report to standard error', () => {
    const r = cli(['lint', '--stdin', '--fix', '--stdin-filename', 'draft.md'], { cwd: dir, input: DRAFT });
    expect(r.stdout).toBe(DRAFT.replace('按装', '安装'));
    expect(r.code).toBe(0);
    const bad = cli(['lint', '--stdin', '--fix', '--stdin-filename', 'draft.md'], { cwd: dir, input: DRAFT.replace('author: 王芳\n', '') });
    expect(bad.stdout).not.toContain('meta/required');
    expect(bad.stderr).toContain('meta/required');
    expect(bad.code).toBe(1);
  });

  it('--stdin with --stdin-filename', () => {
    const r = json(['--stdin', '--stdin-filename', 'draft.md'], { input: DRAFT });
    expect(r.results[0]!.filePath).toMatch(/draft\.md$/);
    expect(typo(r.results)).toHaveLength(1);
  });
});

describe('config', () => {
  it('is found by walking up from the file, and applies rules and ignore', () => {
    write('.draftlintrc.yml', 'rules:\n  typo/confusion: warning\nignore:\n  - "archive/**"\n');
    write('sub/x.md', DRAFT);
    write('archive/old.md', DRAFT);
    const { results, code } = json(['.']);
    expect(results.map((r) => r.filePath.replace(dir, ''))).toEqual(['/sub/x.md']);
    expect(typo(results)[0]!.severity).toBe(1);
    expect(code).toBe(0);
  });

  it('.draftlintignore excludes files', () => {
    write('.draftlintignore', 'old/\n');
    write('old/a.md', DRAFT);
    write('new/b.md', DRAFT);
    expect(json(['.']).results.map((r) => r.filePath.replace(dir, ''))).toEqual(['/new/b.md']);
  });

  it('extends merges another file', () => {
    write('base.yml', 'rules:\n  typo/*: off\n');
    write('.draftlintrc.yml', 'extends: ./base.yml\n');
    write('x.md', DRAFT);
    expect(typo(json(['x.md']).results)).toEqual([]);
  });

  it('--print-config shows the config in effect for a file, and its output is a config that lints alike', () => {
    write('.draftlintrc.yml', 'rules:\n  typo/*: warning\n  phrasing/long-sentence: [warning, { max: 120 }]\nwords: [盘山县]\n');
    write('sub/x.md', DRAFT);
    const r = cli(['lint', '--print-config', 'sub/x.md', '--rule', 'spelling/en: off'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`配置文件: ${join(dir, '.draftlintrc.yml')}`);
    const printed = parseYaml(r.stdout.replace(/^#.*\n/gm, '')) as { words: string[]; rules: Record<string, unknown> };
    expect(printed.words).toEqual(['盘山县']);
    expect(printed.rules['typo/variant']).toBe('warning'); // off by default, on through typo/*
    expect(printed.rules['spelling/en']).toBe('off'); // --rule
    expect(printed.rules['phrasing/long-sentence']).toEqual(['warning', { check: 'long-sentence', max: 120 }]);
    expect(printed.rules['prohibited/privacy']).toBe('error');
    expect(Object.keys(printed.rules)).toHaveLength(ruleDefinitions().size);
    // the printed config, used as the config, gives the same findings
    write('printed.yml', r.stdout);
    const a = json(['sub/x.md', '--rule', 'spelling/en: off']).results;
    const b = json(['-c', 'printed.yml', 'sub/x.md']).results;
    expect(b[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual(a[0]!.messages.map((m) => [m.ruleId, m.severity]));
    expect(a[0]!.messages.some((m) => m.ruleId === 'typo/confusion' && m.severity === 1)).toBe(true);
    // a broken config is still exit 2
    write('.draftlintrc.yml', 'rules:\n  typo/confusoin: off\n');
    expect(cli(['lint', '--print-config', 'sub/x.md'], { cwd: dir }).code).toBe(2);
  });

  const broken: Array<[string, string, RegExp]> = [
    ['invalid YAML', 'rules: [\n', /invalid YAML/],
    ['unknown key', 'rulez: {}\n', /rulez.*did you mean "rules"/],
    ['unknown rule', 'rules:\n  typo/confusoin: off\n', /typo\/confusoin.*did you mean "typo\/confusion"/],
    ['bad severity', 'rules:\n  typo/confusion: loud\n', /typo\/confusion/],
    ['missing extends', 'extends: ./nope.yml\n', /nope\.yml.*not found/],
    ['extends outside the project', 'extends: ../../../etc/x.yml\n', /outside the project/],
    ['wrong type', 'words: 盘山县\n', /words.*must be a list/],
  ];
  for (const [name, text, re] of broken) {
    it(`exit 2 naming the file and key: ${name}`, () => {
      mkdirSync(join(dir, '.git'));
      write('.draftlintrc.yml', text);
      write('x.md', DRAFT);
      const r = cli(['lint', 'x.md'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('.draftlintrc.yml');
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('--fix', () => {
  it('fixes in place, keeping BOM and CRLF and the file mode', () => {
    const p = write('x.md', '\ufeff' + DRAFT.replace(/\n/g, '\r\n'));
    chmodSync(p, 0o640);
    const r = cli(['lint', '--fix', 'x.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = readFileSync(p);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = out.toString('utf8');
    expect(text).toContain('主干道安装路灯');
    expect(text.split('\n').every((l, i, a) => i === a.length - 1 || l.endsWith('\r'))).toBe(true);
    expect(statSync(p).mode & 0o777).toBe(0o640);
  });

  it('keeps a GBK file in GBK', () => {
    const p = write('x.md', iconv.encode(DRAFT, 'gbk'));
    cli(['lint', '--fix', 'x.md'], { cwd: dir });
    expect(iconv.decode(readFileSync(p), 'gbk')).toContain('主干道安装路灯');
  });

  it('--fix-dry-run prints a diff and writes nothing; a second --fix changes nothing', () => {
    const p = write('x.md', DRAFT);
    const dry = cli(['lint', '--fix-dry-run', 'x.md'], { cwd: dir });
    expect(dry.stdout).toMatch(/^-.*按装/m);
    expect(dry.stdout).toMatch(/^\+.*安装/m);
    expect(readFileSync(p, 'utf8')).toBe(DRAFT);
    cli(['lint', '--fix', 'x.md'], { cwd: dir });
    const once = readFileSync(p, 'utf8');
    cli(['lint', '--fix', 'x.md'], { cwd: dir });
    expect(readFileSync(p, 'utf8')).toBe(once);
  });
});

describe('other commands', () => {
  it('rules lists every rule; rules ID documents one', () => {
    const list = cli(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('typo/confusion');
    expect(list.stdout).toContain('meta/required');
    const one = cli(['rules', 'typo/confusion']);
    expect(one.stdout).toContain('错误示例');
    expect(one.stdout).toContain('按装');
    expect(cli(['rules', 'typo/confusoin']).code).toBe(2);
  });

  it('init writes a starter config that lints cleanly', () => {
    const r = cli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.draftlintrc.yml'))).toBe(true);
    write('x.md', DRAFT.replace('按装', '安装'));
    expect(cli(['lint', 'x.md'], { cwd: dir }).code).toBe(0);
    expect(cli(['init'], { cwd: dir }).code).toBe(2);
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(cli(['--version']).stdout.trim()).toBe(pkg.version);
    const h = cli(['lint', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--max-warnings');
  });

  it('the bundled fixtures lint, and fixtures/clean has no findings', () => {
    const clean = cli(['lint', '--format', 'json', 'fixtures/clean']);
    const results = JSON.parse(clean.stdout) as Json;
    expect(results.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(clean.code).toBe(0);
    const drafts = cli(['lint', 'fixtures/drafts']);
    expect(drafts.code).toBe(1);
    expect(drafts.stdout).toContain('typo/confusion');
  });
});


