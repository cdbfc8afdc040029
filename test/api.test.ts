/**
 * The engine as a library (src/index.ts → package export "."), and the Word/text readers
 * (src/document/{docx,txt,input}.ts) it exposes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { buildDraft, fix, formatters, lint, lintFile, readDraftInput, resolveConfig, ruleDefinitions, withFrontMatter, fixRefusal, draftKind } from '../src/index.js';
import { computeLineStarts } from '../src/document/draft.js';
import { txtToMarkdown } from '../src/document/txt.js';
import { htmlToMarkdown, zipUncompressedSize } from '../src/document/docx.js';
import { loadHtmlParser } from '../src/document/html.js';
import { deriveTitle } from '../src/document/input.js';
import { prefetchDraft, readDraftBytes } from '../src/engine/read-file.js';
import { root } from './helpers.js';

const desk = resolve(root, 'fixtures/desk');
const TYPO = '请各单位按要求按装监控设备。';

/** The text a message covers in `source`. */
function covered(source: string, m: { line: number; column: number; endLine: number; endColumn: number }): string {
  const s = computeLineStarts(source);
  return source.slice(s[m.line - 1]! + m.column - 1, s[m.endLine - 1]! + m.endColumn - 1);
}

describe('library API', () => {
  it('lint: ESLint-shaped result with rule, position, fix, basis and indicator', async () => {
    const r = await lint(TYPO, { filename: '通知.md', config: {} });
    const m = r.messages.find((x) => x.ruleId === 'typo/confusion');
    expect(m).toBeDefined();
    expect(m!.severity).toBe(2);
    expect(covered(r.source!, m!)).toBe('按装');
    expect(m!.basis).toBeTruthy();
    expect(m!.indicator).toMatch(/^(扣分|单项否决)·/);
    expect(r.fixableErrorCount).toBeGreaterThan(0);
    expect(r.filePath).toBe('通知.md');
  });

  it('lint: bytes in GB18030 are decoded', async () => {
    const iconv = (await import('iconv-lite')).default;
    const r = await lint(iconv.encode(TYPO, 'gb18030'), { config: {} });
    expect(r.source).toBe(TYPO);
    expect(r.messages.some((m) => m.ruleId === 'typo/confusion')).toBe(true);
  });

  it('lint: `only` and English messages', async () => {
    const r = await lint(TYPO, { only: ['typo/confusion'], lang: 'en', config: {} });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['typo/confusion']);
    expect(r.messages[0]!.message).toMatch(/[A-Za-z]/);
    expect(r.messages[0]!.message).not.toBe((await lint(TYPO, { only: ['typo/confusion'], config: {} })).messages[0]!.message);
  });

  it('fix: applies every fix and re-lints', async () => {
    const r = await fix(TYPO, { only: ['typo/confusion'], config: {} });
    expect(r.changed).toBe(true);
    expect(r.output).toBe('请各单位按要求安装监控设备。');
    expect(r.result.messages).toEqual([]);
  });

  it("fix: a string's byte order mark stays in the output, fixed or not; bytes give their decoded text", async () => {
    const fixed = await fix(`\ufeff${TYPO}`, { only: ['typo/confusion'], config: {} });
    expect(fixed.output).toBe('\ufeff请各单位按要求安装监控设备。');
    const clean = await fix('\ufeff请按时报送。', { only: ['typo/confusion'], config: {} });
    expect([clean.changed, clean.output]).toEqual([false, '\ufeff请按时报送。']);
    const bytes = await fix(Buffer.from(`\ufeff${TYPO}`), { only: ['typo/confusion'], config: {} });
    expect(bytes.output).toBe('请各单位按要求安装监控设备。');
  });

  it('resolveConfig and ruleDefinitions', () => {
    const { config, file } = resolveConfig({ config: { words: ['盘州'] } });
    expect(config.words).toContain('盘州');
    expect(file).toBe('<options>');
    const defs = ruleDefinitions();
    expect(defs.get('typo/confusion')?.fixable).toBe(true);
    expect(defs.get('typo/confusion')?.basis).toBeTruthy();
    for (const d of defs.values()) expect(d.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
  });

  it('formatters registry: json round-trips the ESLint shape', async () => {
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining(['stylish', 'json']));
    const r = await lint(TYPO, { config: {} });
    const out = JSON.parse((await formatters.json!())([r], { cwd: root, lang: 'zh', color: false, rules: ruleDefinitions() }));
    expect(out[0].messages[0].ruleId).toBe(r.messages[0]!.ruleId);
    expect(out[0]).not.toHaveProperty('source');
  });

  it('buildDraft gives the Draft model', () => {
    const d = buildDraft('---\n标题: 通知\n---\n# 标题\n\n正文。\n', 'x.md');
    expect(d.meta.title).toBe('通知');
    expect(d.headings[0]!.text).toBe('标题');
  });

  it('exports what docs/api.md documents', () => {
    for (const name of ['lint', 'fix', 'lintFile', 'lintDraft', 'resolveConfig', 'ruleDefinitions', 'applyFixes', 'formatters', 'buildDraft', 'loadHtmlParser', 'readDraftInput', 'convertDraft', 'startDesk', 'createDeskServer', 'packageRoot', 'UsageError'])
      expect(typeof (api as Record<string, unknown>)[name], name).not.toBe('undefined');
    const doc = readFileSync(resolve(root, 'docs/api.md'), 'utf8');
    for (const name of ['lint', 'fix', 'lintFile', 'resolveConfig', 'ruleDefinitions', 'formatters', 'readDraftInput', 'startDesk']) expect(doc).toContain('`' + name);
  });

  it('the built package exports the API under its own name', () => {
    const dist = resolve(root, 'dist/index.js');
    if (!existsSync(dist)) throw new Error('dist/index.js missing: run `npm run build` (npm test does)');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('draftlint'); const r = await m.lint('请按装设备。', {config:{}}); console.log(Object.keys(m).sort().join(',') + '|' + r.messages.map((x) => x.ruleId).join(','))"], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const [names, rules] = r.stdout.trim().split('|');
    expect(names!.split(',')).toEqual(expect.arrayContaining(['fix', 'formatters', 'lint', 'lintFile', 'resolveConfig', 'ruleDefinitions']));
    expect(rules).toContain('typo/confusion');
  });
});

describe('Word drafts', () => {
  it('lintFile reports positions as paragraph:character, with the sidecar front matter', async () => {
    const { result, info } = await lintFile(join(desk, '通知.docx'));
    expect(info.kind).toBe('docx');
    const r = result as typeof result & { positionNote?: string; notes?: string[] };
    expect(r.positionNote).toMatch(/段/);
    // the sidecar gives every required field
    expect(r.messages.filter((m) => m.ruleId === 'meta/required')).toEqual([]);
    const typos = r.messages.filter((m) => m.ruleId === 'typo/confusion');
    // paragraph 1 is the title, paragraph 3 the body sentence
    expect(typos.map((m) => [m.line, m.column])).toEqual([
      [1, 10],
      [3, 30],
    ]);
    // the source is the document one paragraph a line: positions and fixes fit it
    for (const m of typos) {
      expect(covered(r.source!, m)).toBe('按装');
      const out = api.applyFixes(r.source!, [m.fix!]).output;
      expect(out.split('\n')[m.line - 1]).toContain('安装');
    }
    const link = r.messages.find((m) => m.ruleId === 'link/insecure');
    expect(link?.line).toBe(11); // title, salutation, body, heading, 6 table cells, then the link paragraph
  });

  it('without front matter the column and workflow rules stay quiet and say why once', async () => {
    const { result } = await lintFile(join(desk, '会议通知.docx'));
    const r = result as typeof result & { notes?: string[] };
    expect(r.messages.filter((m) => /^(meta\/required|column\/|review\/|interpretation\/)/.test(m.ruleId))).toEqual([]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes![0]).toContain('会议通知.docx.yml');
  });

  it('config `defaults` give the front matter when there is no sidecar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-desk-'));
    copyFileSync(join(desk, '会议通知.docx'), join(dir, '会议通知.docx'));
    writeFileSync(join(dir, '.draftlintrc.yml'), 'defaults:\n  栏目: 通知公告\n  发布单位: 县林业局\n');
    const input = await readDraftInput(join(dir, '会议通知.docx'), { defaults: resolveConfig({ filename: join(dir, '会议通知.docx') }).config.defaults as Record<string, unknown> });
    expect(input.frontMatter).toBe('defaults');
    expect(input.text.startsWith('---\n栏目: 通知公告\n发布单位: 县林业局\n---\n')).toBe(true);
    const { result } = await lintFile(join(dir, '会议通知.docx'));
    const req = result.messages.find((m) => m.ruleId === 'meta/required');
    expect(req?.message).toMatch(/^〔配置 defaults/);
    expect(req?.message).toContain('title');
    expect((result as { notes?: string[] }).notes ?? []).toEqual([]);
  });

  it('a broken .docx is a meta/unreadable finding, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-desk-'));
    writeFileSync(join(dir, '坏.docx'), 'PK\u0003\u0004 not really a zip');
    const { result } = await lintFile(join(dir, '坏.docx'));
    expect(result.messages.map((m) => m.ruleId)).toEqual(['meta/unreadable']);
    expect(result.messages[0]!.message).toContain('Word');
  });

  it('a .docx that would unpack to too much is refused before unpacking', async () => {
    const bytes = Buffer.from(readFileSync(join(desk, '通知.docx')));
    expect(zipUncompressedSize(bytes)).toBeGreaterThan(1000);
    expect(zipUncompressedSize(Buffer.from('not a zip at all, just some text that is long enough'))).toBeNull();
    // declare 2 GB for the first entry in the central directory
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0x7fffffff, cd + 24);
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-desk-'));
    writeFileSync(join(dir, '炸弹.docx'), bytes);
    const { result } = await lintFile(join(dir, '炸弹.docx'));
    expect(result.messages.map((m) => m.ruleId)).toEqual(['meta/unreadable']);
    expect(result.messages[0]!.message).toMatch(/MB/);
  });

  it('mammoth HTML → Markdown keeps headings, tables, lists and links, counting paragraphs as Word does', async () => {
    await loadHtmlParser();
    const html =
      '<h1>关于*通知*</h1><p></p><p>见<a href="https://www.example.gov.cn/a_(1).html">网站</a>。</p><table><tr><td><p>甲</p></td><td><p>乙|丙</p></td></tr><tr><td><p>1</p></td><td></td></tr></table><ul><li>一项<ul><li>子项</li></ul></li></ul><p>1. 不是列表</p>';
    const { markdown, map, view } = htmlToMarkdown(html);
    expect(markdown).toContain('# 关于\\*通知\\*');
    expect(markdown).toContain('[网站](<https://www.example.gov.cn/a_(1).html>)');
    expect(markdown).toContain('| 甲 | 乙\\|丙 |\n| --- | --- |\n| 1 | |');
    expect(markdown).toContain('- 一项\n\n  - 子项');
    expect(markdown).toContain('1\\. 不是列表');
    // paragraph 2 is the empty one; the link paragraph is 3; view has one paragraph a line
    expect(view.split('\n')).toEqual(['关于*通知*', '', '见网站。', '甲', '乙|丙', '1', '', '一项', '子项', '1. 不是列表']);
    const i = markdown.indexOf('子项');
    expect([map.para[i], map.char[i]]).toEqual([9, 1]);
    // the Draft reads the escaped text back as the original prose
    const d = buildDraft(markdown, 'x.md');
    expect(d.runs.map((r) => r.text)).toEqual(expect.arrayContaining(['关于*通知*', '1. 不是列表']));
    expect(d.links.map((l) => l.url)).toEqual(['https://www.example.gov.cn/a_(1).html']);
    // entities in text and in attributes are decoded once
    expect(htmlToMarkdown('<p>甲&amp;乙 &lt;丙&gt;</p><p><a href="https://x.cn/?a=1&amp;b=2">链接</a></p>').markdown).toBe('甲\\&乙 \\<丙\\>\n\n[链接](https://x.cn/?a=1&b=2)\n');
  });
});

describe('lintFile reads', () => {
  it('synchronously (the runner, for a few files) or not, with the same results and the same problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-read-'));
    writeFileSync(join(dir, 'a.md'), `---\ntitle: 关于安装监控的通知\n---\n\n${TYPO}\n`);
    writeFileSync(join(dir, 'big.md'), `# 大文件\n\n${'正文。'.repeat(400)}\n`);
    const cases: Array<[string, object]> = [
      ['a.md', {}],
      ['missing.md', {}],
      ['.', {}], // a directory
      ['big.md', { maxFileSize: 100 }],
    ];
    for (const [f, extra] of cases) {
      const path = join(dir, f);
      const strip = (x: Awaited<ReturnType<typeof lintFile>>) => ({ result: x.result, info: { ...x.info, bytes: x.info.bytes?.toString('hex') } });
      const async = strip(await lintFile(path, { ...extra, config: {} }));
      const sync = strip(await lintFile(path, { ...extra, config: {}, readSync: true }));
      expect(sync, f).toEqual(async);
    }
    const { result } = await lintFile(join(dir, 'a.md'), { config: {}, readSync: true });
    expect(result.messages.map((m) => m.ruleId)).toContain('typo/confusion');
    expect((await lintFile(join(dir, 'missing.md'), { config: {}, readSync: true })).result.messages.map((m) => m.ruleId)).toEqual(['meta/unreadable']);
    expect((await lintFile(join(dir, 'big.md'), { config: {}, readSync: true, maxFileSize: 100 })).result.messages.map((m) => m.ruleId)).toEqual(['meta/too-large']);
  });

  it('ahead (a worker reads its next file while it lints one): what a read when asked would give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-prefetch-'));
    const a = join(dir, 'a.md');
    writeFileSync(a, '# 通知\n\n正文。\n');
    prefetchDraft(a);
    const r = await readDraftBytes(a, () => 1000);
    expect('bytes' in r && r.bytes.toString()).toBe('# 通知\n\n正文。\n');
    // taken once: the next read reads the file again
    writeFileSync(a, '# 新\n');
    const again = await readDraftBytes(a, () => 1000);
    expect('bytes' in again && again.bytes.toString()).toBe('# 新\n');
    // read ahead, then over the limit the run has: too large
    prefetchDraft(a);
    expect('tooLarge' in (await readDraftBytes(a, () => 3))).toBe(true);
    // a file missing when read ahead and there when asked for is read then
    const b = join(dir, 'b.md');
    prefetchDraft(b);
    writeFileSync(b, '后来写入。\n');
    const late = await readDraftBytes(b, () => 1000);
    expect('bytes' in late && late.bytes.toString()).toBe('后来写入。\n');
    // a folder
    prefetchDraft(dir);
    expect('directory' in (await readDraftBytes(dir, () => 1000))).toBe(true);
    await expect(readDraftBytes(join(dir, 'none.md'), () => 1000)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('text drafts', () => {
  it('lintFile reports the original line and column', async () => {
    const { result, info } = await lintFile(join(desk, '说明.txt'));
    expect(info.kind).toBe('txt');
    const m = result.messages.find((x) => x.ruleId === 'typo/confusion')!;
    expect([m.line, m.column]).toEqual([5, 15]);
    const original = readFileSync(join(desk, '说明.txt'), 'utf8');
    expect(covered(original, m)).toBe('按装');
  });

  it('plain text stays prose: Markdown syntax is escaped, URLs are kept', () => {
    const text = '# 不是标题\n1. 不是列表\n- 也不是\n*强调*与_下划线_ 见 https://www.example.gov.cn/a_b.html\n    缩进的行\n';
    const { markdown, map } = txtToMarkdown(text);
    const d = buildDraft(markdown, 'x.md');
    expect(d.headings).toEqual([]);
    expect(d.runs.map((r) => r.text.replace(/\ufffc/g, '')).join('\n')).toContain('*强调*与_下划线_');
    expect(d.runs.some((r) => r.text === '1. 不是列表')).toBe(true);
    expect(d.links.map((l) => l.url)).toEqual(['https://www.example.gov.cn/a_b.html']);
    const i = markdown.indexOf('缩进的行');
    expect([map.para[i], map.char[i]]).toEqual([5, 5]);
  });
});

describe('front matter helpers', () => {
  it('withFrontMatter adds a block, or only the missing keys, never changing given ones', () => {
    expect(withFrontMatter('正文。', { 栏目: '通知公告', 日期: '2021-03-01' })).toBe('---\n栏目: 通知公告\n日期: 2021-03-01\n---\n\n正文。');
    const own = '---\ncolumn: 工作动态\ntitle: 标题\n---\n正文。';
    expect(withFrontMatter(own, { 栏目: '通知公告', 发布单位: '县林业局' })).toBe('---\ncolumn: 工作动态\ntitle: 标题\n发布单位: 县林业局\n---\n正文。');
    expect(withFrontMatter(own, { column: '' })).toBe(own);
    // a value YAML would misread is quoted
    expect(withFrontMatter('x', { 栏目: 'a: b' })).toContain('栏目: "a: b"');
  });

  it('deriveTitle takes the first heading or a short first line', () => {
    expect(deriveTitle('# 关于植树的通知\n\n正文')).toBe('关于植树的通知');
    expect(deriveTitle('关于植树的通知\n\n正文')).toBe('关于植树的通知');
    expect(deriveTitle('各单位：\n正文')).toBeNull();
  });

  it('draftKind and fixRefusal', () => {
    expect(draftKind('a/通知.DOCX')).toBe('docx');
    expect(draftKind('说明.txt')).toBe('txt');
    expect(draftKind('x.md')).toBe('markdown');
    expect(fixRefusal('通知.docx')).toMatch(/--fix 不能改写 Word/);
    expect(fixRefusal('x.md')).toBeNull();
  });
});
