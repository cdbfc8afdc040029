import { describe, expect, it } from 'vitest';
import { readApprovals } from '../src/checks/links/approvals.js';
import { scanBare } from '../src/checks/links/extract.js';
import { buildDraft } from '../src/document/draft.js';
import type { Draft } from '../src/types.js';

// readApprovals skips its own YAML parse when the document layer's keys show no section
// (links/approvals.ts): it must return what the full parse returns. A front matter carrying an
// error always gets the full parse, so a copy with one stands for the reference.
const withFullParse = (d: Draft): Draft => ({ ...d, frontMatter: d.frontMatter && { ...d.frontMatter, errors: [{ message: 'x', range: [0, 0] }] } });

describe('readApprovals without a section key', () => {
  const cases = [
    'title: 通知\ndate: 2021-03-01\n',
    'links:\n  - url: https://www.example.org/\n    approved_by: 李四\n    approved_on: 2021-03-01\n',
    '外链:\n  - https://www.example.org/\n',
    '" links":\n  - url: https://www.example.org/\n',
    '"外链 ": https://www.example.org/\n',
    'title: a\ntitle: b\nlinks: https://a.org/\n',
    'links: 1\nlinks: https://a.org/\n',
    '- links\n- 外链\n',
    '',
    '# only a comment\n',
    '1: x\n2021-03-01: y\n',
    '? [links]\n: x\n',
    'links:\n',
    'links: [\n',
    'Links: https://a.org/\n',
    'a: &x https://a.org/\nlinks: *x\n',
  ];
  for (const yaml of cases) {
    it(JSON.stringify(yaml), () => {
      const d = buildDraft(`---\n${yaml}---\n\n正文。\n`);
      expect(readApprovals(d)).toEqual(readApprovals(withFullParse(d)));
    });
  }
});

describe('scanBare', () => {
  it('finds nothing in a text with no slash and no www.', () => {
    expect(scanBare('第一条　为了规范政府信息公开，制定本条例。电话：12345', 0)).toEqual({ links: [], prose: [] });
  });

  it('still finds every kind of address the gate lets through', () => {
    expect(scanBare('见WWW.Example.com。', 10).links.map((l) => l.url)).toEqual(['WWW.Example.com']);
    expect(scanBare('访问http：／／www.a.gov.cn', 0).prose.map((p) => p.reason)).toEqual(['fullwidth']);
    expect(scanBare('访问http//www.a.gov.cn', 0).prose.map((p) => p.reason)).toEqual(['scheme']);
    expect(scanBare('访问ｈｔｔｐ：／／ａ', 0).prose.map((p) => p.reason)).toEqual(['fullwidth']);
    expect(scanBare('ftp://a.org/x', 0).links.map((l) => l.url)).toEqual(['ftp://a.org/x']);
  });
});
