import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import links from '../src/checks/links.js';
import { extractLinks, scanBare, scanHtml, trimBareUrl } from '../src/checks/links/extract.js';
import { buildDraft } from '../src/document/draft.js';
import { parseRule } from '../src/engine/rules.js';

const root = resolve(import.meta.dirname, '..');

function found(text: string) {
  const d = buildDraft(text);
  const e = extractLinks(d);
  return {
    links: e.links.map((l) => ({ url: l.url, kind: l.kind, at: d.source.slice(l.urlRange[0], l.urlRange[1]) })),
    prose: e.prose.map((p) => d.source.slice(p.range[0], p.range[1])),
  };
}

describe('extractLinks', () => {
  it('finds a bare www. address in Chinese prose (as in published regulations)', () => {
    expect(found('（二）登录国家安全机关互联网举报受理平台网站www.12339.gov.cn；\n').links).toEqual([
      { url: 'www.12339.gov.cn', kind: 'bare', at: 'www.12339.gov.cn' },
    ]);
  });

  it('cuts GFM literal autolinks at the Chinese text that follows', () => {
    expect(found('请登录 www.a.com查询。网址http://www.x.gov.cn/a，详情见下文。\n').links).toEqual([
      { url: 'www.a.com', kind: 'bare', at: 'www.a.com' },
      { url: 'http://www.x.gov.cn/a', kind: 'bare', at: 'http://www.x.gov.cn/a' },
    ]);
  });

  it('keeps balanced parentheses and drops trailing punctuation', () => {
    expect(trimBareUrl('http://a.cn/wiki/A_(B)).')).toBe('http://a.cn/wiki/A_(B)');
    expect(trimBareUrl('www.a.cn/x?y=1,')).toBe('www.a.cn/x?y=1');
  });

  it('finds links, images, definitions and <autolinks> with the destination position', () => {
    const r = found('见[http://a.gov.cn](http://b.gov.cn/x "标题")和![图](/img/a.png)，<https://c.gov.cn/>。\n\n[1]: https://d.gov.cn/ref\n');
    expect(r.links).toEqual([
      { url: 'http://b.gov.cn/x', kind: 'link', at: 'http://b.gov.cn/x' },
      { url: '/img/a.png', kind: 'image', at: '/img/a.png' },
      { url: 'https://c.gov.cn/', kind: 'autolink', at: 'https://c.gov.cn/' },
      { url: 'https://d.gov.cn/ref', kind: 'definition', at: 'https://d.gov.cn/ref' },
    ]);
  });

  it('reads href and src of inline and block HTML, but not comments', () => {
    const r = found('见<a href="http://e.gov.cn/a?x=1&amp;y=2">此处</a>。\n\n<div><img src=\'/up/b.png\'><!-- <a href="http://hidden.example.com/">x</a> --></div>\n\n> <iframe src=http://f.gov.cn/v></iframe>\n');
    expect(r.links).toEqual([
      { url: 'http://e.gov.cn/a?x=1&y=2', kind: 'html', at: 'http://e.gov.cn/a?x=1&amp;y=2' },
      { url: '/up/b.png', kind: 'html', at: '/up/b.png' },
      { url: 'http://f.gov.cn/v', kind: 'html', at: 'http://f.gov.cn/v' },
    ]);
  });

  it('ignores code', () => {
    expect(found('运行 `curl http://10.0.0.1/` 即可。\n\n```\nhttp://192.168.1.1/\n```\n').links).toEqual([]);
  });

  it('reports malformed schemes in prose, also where GFM drops positions', () => {
    expect(found('网上申报地址：http：//www.panshan.gov.cn/sb 。\n').prose).toEqual(['http：//www.panshan.gov.cn/sb']);
    expect(found('网址：ｈｔｔｐ：／／ｗｗｗ．ａ．ｃｎ，').prose).toEqual(['ｈｔｔｐ：／／ｗｗｗ．ａ．ｃｎ']);
    expect(found('网址 http//www.panshan.gov.cn 。').prose).toEqual(['http//www.panshan.gov.cn']);
    expect(found('以 http:// 开头的网址。').prose).toEqual([]);
  });

  it('scanners report exact offsets', () => {
    expect(scanBare('见www.a.cn。', 10).links[0]!.urlRange).toEqual([11, 19]);
    expect(scanHtml('<a  href = "x.html">', 5)[0]!.urlRange).toEqual([17, 23]);
  });
});

describe('precision on published text', () => {
  const shared = resolve(root, '..', 'shared');
  const files: string[] = [];
  const regulation = join(shared, 'regulation', '000_76407a22e7f009fe.txt');
  const law = join(shared, 'data/corpus/laws/部门规章/国家安全部/公民举报危害国家安全行为奖励办法(2022-06-06).md');
  for (const f of [regulation, law]) if (existsSync(f)) files.push(f);
  const clean = join(root, 'fixtures', 'clean');
  if (existsSync(clean)) for (const n of readdirSync(clean)) if (/\.(md|txt)$/.test(n)) files.push(join(clean, n));

  const rules = readdirSync(join(root, 'rules'))
    .filter((n) => n.startsWith('link.'))
    .map((n) => parseRule(readFileSync(join(root, 'rules', n), 'utf8'), join(root, 'rules', n)));

  it.each(files.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('no link finding in %s', async (_name, file) => {
    const d = buildDraft(readFileSync(file, 'utf8'), file);
    const out: string[] = [];
    for (const r of rules) {
      const c = links.create(r, r.options, { config: { rules: {}, ignore: [], words: [] }, packageRoot: root, baseDir: root, lang: 'zh', online: false });
      await c.run(d, (rep) => out.push(`${r.id} ${d.source.slice(rep.range[0], rep.range[1])}`));
    }
    expect(out).toEqual([]);
  });

  it('the law with a web address is among them and its address is extracted', () => {
    if (!existsSync(law)) return;
    const d = buildDraft(readFileSync(law, 'utf8'), law);
    expect(extractLinks(d).links.map((l) => l.url)).toContain('www.12339.gov.cn');
  });
});
