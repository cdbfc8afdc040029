/**
 * markdown/indented-text on a real-looking draft: a notice pasted from a word processor with every
 * paragraph indented by four spaces. Its text is still checked (the privacy rule finds the ID and
 * the phone number), and --fix turns the code block back into paragraphs without touching a word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/document/draft.js';
import { fix, lint } from '../src/engine/index.js';
import { covered, root } from './helpers.js';

const file = join(root, 'fixtures/prohibited/invalid/临时救助审批公示-缩进排版.md');
const text = readFileSync(file, 'utf8');
const codeBlocks = (s: string) => parseMarkdown(s).children.filter((n) => n.type === 'code').length;

describe('markdown/indented-text', () => {
  it('reports the indented block once, at its first line, with the indentation described', async () => {
    const r = await lint(text, { filename: file, only: ['markdown/indented-text'] });
    // severity 1 = warning, as ESLint counts
    expect(r.messages.map((m) => [m.line, m.column, m.severity])).toEqual([[11, 1, 1]]);
    expect(r.messages[0]!.message).toContain('行首缩进了4个空格（“根据《盘山县临时救助实施…”）');
    expect(covered(text, r.messages[0]!)).toBe(text.split('\n')[10]);
  });

  it('--fix makes each line a paragraph, without changing a word', async () => {
    expect(codeBlocks(text)).toBe(1);
    const { output } = await fix(text, { filename: file, only: ['markdown/indented-text'] });
    expect(codeBlocks(output)).toBe(0);
    const words = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(words(output)).toEqual(words(text));
    expect(output).toMatch(/^根据《盘山县/m);
    // the signature and the date stay apart, as they were shown
    expect(output).toContain('\n\n盘山县东郭镇人民政府\n\n2021年11月2日\n');
    expect(parseMarkdown(output).children.filter((n) => n.type === 'paragraph').length).toBe(5);
  });

  it('the fix keeps CRLF line endings and the quote markers', async () => {
    const quoted = '> 引文：\r\n>\r\n>     第一行\r\n>     第二行\r\n';
    const { output } = await fix(quoted, { only: ['markdown/indented-text'] });
    expect(output).toBe('> 引文：\r\n>\r\n> 第一行\r\n>\r\n> 第二行\r\n');
  });

  it('with every rule, the fixed draft has its ID and phone number masked', async () => {
    const { output } = await fix(text, { filename: file });
    expect(codeBlocks(output)).toBe(0);
    expect(output).toContain('身份证号211122********2047');
    expect(output).toContain('联系电话139****1234');
  });

  it('a classification mark pushed to the right with spaces is reported, and so is its indentation', async () => {
    const t = '                                        秘密★1年\n                                        特急\n\n各乡镇人民政府：\n';
    const r = await lint(t, { only: ['markdown/indented-text', 'prohibited/secret'] });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['markdown/indented-text', 'prohibited/secret']);
    expect(r.messages[0]!.message).toContain('缩进了40个空格（“秘密★1年”）');
  });

  it('an English command in an indented block is code and is left alone', async () => {
    const r = await lint('安装命令如下：\n\n    npm install draftlint\n', { only: ['markdown/indented-text'] });
    expect(r.messages).toEqual([]);
  });
});
