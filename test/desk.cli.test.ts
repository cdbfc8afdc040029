/**
 * Word and text drafts through the real CLI: `draftlint lint 通知.docx 说明.txt`.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from './helpers.js';

const desk = resolve(root, 'fixtures/desk');

describe('draftlint lint on Word and text drafts', () => {
  it('lints explicitly named .docx and .txt files, positions as paragraph:character and line:column', () => {
    const r = cli(['lint', '-f', 'json', '通知.docx', '说明.txt', '会议通知.docx'], { cwd: desk });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; kind: string; positionNote: string; notes?: string[]; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    const byName = Object.fromEntries(results.map((x) => [x.filePath.split('/').pop(), x]));
    expect(byName['通知.docx']!.kind).toBe('docx');
    expect(byName['通知.docx']!.positionNote).toContain('段');
    expect(byName['通知.docx']!.messages.filter((m) => m.ruleId === 'typo/confusion').map((m) => `${m.line}:${m.column}`)).toEqual(['1:10', '3:30']);
    expect(byName['通知.docx']!.messages.map((m) => m.ruleId)).toContain('link/insecure');
    expect(byName['说明.txt']!.kind).toBe('txt');
    expect(byName['说明.txt']!.messages.filter((m) => m.ruleId === 'typo/confusion').map((m) => `${m.line}:${m.column}`)).toEqual(['5:15']);
    // no sidecar, no defaults: said once, front matter rules quiet
    expect(byName['会议通知.docx']!.notes).toHaveLength(1);
    expect(byName['会议通知.docx']!.messages.map((m) => m.ruleId)).not.toContain('meta/required');
  });

  it('stylish shows the paragraph text as the excerpt', () => {
    const r = cli(['lint', '--no-color', '通知.docx'], { cwd: desk });
    expect(r.stdout).toContain('通知.docx:3:30');
    expect(r.stdout).toContain('为方便群众夜间出行，县住房和城乡建设局将于近期在城区主干道按装路灯。');
  });

  it('directories are still recursed for Markdown only', () => {
    const r = cli(['lint', '-f', 'json', 'fixtures/desk']);
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((x) => x.filePath.split('/').pop());
    expect(files).toEqual(['路灯通知.md']);
  });

  it('--fix never rewrites a Word or text file', () => {
    const before = readFileSync(resolve(desk, '通知.docx'));
    const mtime = statSync(resolve(desk, '说明.txt')).mtimeMs;
    const r = cli(['lint', '--fix', '通知.docx', '说明.txt'], { cwd: desk });
    expect(r.code).toBe(1);
    expect(readFileSync(resolve(desk, '通知.docx')).equals(before)).toBe(true);
    expect(statSync(resolve(desk, '说明.txt')).mtimeMs).toBe(mtime);
    expect(r.stderr).toContain('--fix 不能改写 Word 文档');
  });
});
