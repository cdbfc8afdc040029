import { describe, expect, it } from 'vitest';
import { classifyIp, findFullWidth, fixFullWidth, hostUnder, internalHost, parseLink, toHalfWidth } from '../src/checks/links/url.js';
import { hostStatus, parsePattern, patternCovers, readLinksConfig, urlKey } from '../src/checks/links/policy.js';

describe('classifyIp', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.10.20', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['2400:3200::1', 'public'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyIp(ip)).toBe(kind);
  });
  it('returns null for names', () => {
    expect(classifyIp('www.gov.cn')).toBeNull();
  });
});

describe('internalHost', () => {
  it('flags localhost, single labels and intranet suffixes', () => {
    expect(internalHost('localhost')?.reason).toBe('localhost');
    expect(internalHost('oa')?.reason).toBe('intranet');
    expect(internalHost('oa.zfb.local')?.reason).toBe('intranet');
    expect(internalHost('192.168.1.5')?.reason).toBe('private');
    expect(internalHost('www.panshan.gov.cn')).toBeNull();
    expect(internalHost('114.114.114.114')).toBeNull();
  });
});

describe('parseLink', () => {
  it('parses ordinary web links', () => {
    const p = parseLink('http://www.Panshan.gov.cn/xxgk/index.html');
    expect(p).toMatchObject({ cls: 'web', scheme: 'http', host: 'www.panshan.gov.cn', explicitHttp: true, malformed: null, internal: null });
    expect(p.href).toBe('http://www.panshan.gov.cn/xxgk/index.html');
  });
  it('treats bare www. text as http without an explicit scheme', () => {
    const p = parseLink('www.12339.gov.cn', true);
    expect(p).toMatchObject({ cls: 'web', scheme: '', host: 'www.12339.gov.cn', explicitHttp: false });
  });
  it('treats relative paths and fragments as relative', () => {
    expect(parseLink('/xxgk/2021/a.html').cls).toBe('relative');
    expect(parseLink('./附件1.docx').cls).toBe('relative');
    expect(parseLink('#第二条').cls).toBe('relative');
    expect(parseLink('/xxgk/附件1.docx').malformed).toBeNull();
  });
  it('keeps contact links apart', () => {
    expect(parseLink('mailto:zfb@panshan.gov.cn').cls).toBe('contact');
    expect(parseLink('tel:0427-1234567').cls).toBe('contact');
  });
  it.each([
    ['', 'empty'],
    ['#', 'empty'],
    ['javascript:void(0)', 'script'],
    ['JavaScript:alert(1)', 'script'],
    ['http：//www.panshan.gov.cn', 'fullwidth'],
    ['https://www.panshan.gov.cn/xxgk／index.html', 'fullwidth'],
    ['http://www.panshan.gov.cn/a。html', 'fullwidth'],
    ['http://www.panshan .gov.cn/a.html', 'whitespace'],
    ['http:// www.panshan.gov.cn/', 'whitespace'],
    ['http//www.panshan.gov.cn', 'scheme'],
    ['htp://www.panshan.gov.cn', 'scheme'],
    ['http:/www.panshan.gov.cn', 'scheme'],
    ['http://', 'unparsable'],
    ['http://www..gov.cn/', 'host'],
    ['http://exa_mple!.com/', 'host'],
    ['http://1.2/', 'host'],
  ])('%j is malformed (%s)', (url, reason) => {
    expect(parseLink(url).malformed?.reason).toBe(reason);
  });
  it.each([
    ['file:///C:/Users/zfb/通知.docx', 'file'],
    ['\\\\fileserver\\共享\\通知.docx', 'unc'],
    ['D:\\文件\\通知.docx', 'localPath'],
    ['http://192.168.1.20/oa/', 'private'],
    ['http://127.0.0.1:8080/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://localhost:3000/a', 'localhost'],
    ['http://oa/workflow', 'intranet'],
    ['http://oa.panshan.local/', 'intranet'],
    ['http://169.254.169.254/latest/', 'linkLocal'],
  ])('%j is internal (%s)', (url, reason) => {
    expect(parseLink(url).internal?.reason).toBe(reason);
  });
  it('accepts spaces in paths (browsers send %20)', () => {
    expect(parseLink('http://www.panshan.gov.cn/uploads/2021 年报.pdf').malformed).toBeNull();
    expect(parseLink('uploads/2021 年报.pdf').malformed).toBeNull();
  });
  it('accepts full-width brackets in Chinese file names, not full-width delimiters', () => {
    expect(parseLink('/uploads/2021/附件1（修订稿）.docx').malformed).toBeNull();
    expect(parseLink('https://www.panshan.gov.cn/uploads/附件１：申请表.docx').malformed).toBeNull();
    expect(parseLink('https://www.panshan.gov.cn/list.jsp?id=3＆page=2').malformed?.detail).toBe('＆');
    expect(parseLink('http://www.panshan.gov.cn/a.html。').malformed?.detail).toBe('。');
    expect(parseLink('http://www。panshan.gov.cn/').malformed?.detail).toBe('。');
    expect(fixFullWidth('https://www.panshan.gov.cn／up／附件（一）.doc')).toBe('https://www.panshan.gov.cn/up/附件（一）.doc');
  });
  it('accepts Chinese paths and IDN hosts', () => {
    const p = parseLink('https://中国政府网.政务/zhengce/文件.html');
    expect(p.malformed).toBeNull();
    expect(p.host).toMatch(/^xn--/);
  });
});

describe('full-width helpers', () => {
  it('finds and converts full-width characters', () => {
    expect(findFullWidth('http：//a.cn')).toEqual({ index: 4, char: '：' });
    expect(findFullWidth('http://a.cn/文件.pdf')).toBeNull();
    expect(toHalfWidth('ｈｔｔｐ：／／ｗｗｗ。ａ．ｃｎ')).toBe('http://www.a.cn');
  });
});

describe('patterns', () => {
  it('host patterns cover subdomains', () => {
    const p = parsePattern('example.org')!;
    expect(patternCovers(p, urlKey('https://example.org/a')!)).toBe(true);
    expect(patternCovers(p, urlKey('https://news.example.org/a')!)).toBe(true);
    expect(patternCovers(p, urlKey('https://badexample.org/a')!)).toBe(false);
  });
  it('*. patterns cover only subdomains', () => {
    const p = parsePattern('*.example.org')!;
    expect(patternCovers(p, urlKey('https://example.org/')!)).toBe(false);
    expect(patternCovers(p, urlKey('https://a.example.org/')!)).toBe(true);
  });
  it('URL prefixes stop at path boundaries and ignore http/https', () => {
    const p = parsePattern('https://www.example.org/zt/2021')!;
    expect(patternCovers(p, urlKey('http://www.example.org/zt/2021')!)).toBe(true);
    expect(patternCovers(p, urlKey('https://www.example.org/zt/2021/a.html')!)).toBe(true);
    expect(patternCovers(p, urlKey('https://www.example.org/zt/20210')!)).toBe(false);
    expect(patternCovers(p, urlKey('https://www.example.org/zt/')!)).toBe(false);
    const q = parsePattern('https://www.example.org/zt/')!;
    expect(patternCovers(q, urlKey('https://www.example.org/zt')!)).toBe(true);
    expect(patternCovers(q, urlKey('https://www.example.org/zt/x?id=1')!)).toBe(true);
  });
  it('hostUnder matches whole labels', () => {
    expect(hostUnder('www.gov.cn', 'gov.cn')).toBe(true);
    expect(hostUnder('notgov.cn', 'gov.cn')).toBe(false);
  });
});

describe('hostStatus', () => {
  const cfg = readLinksConfig({ site: 'https://www.panshan.example.org', allow: ['people.com.cn'], deny: ['gov.cn.example.com', 'www.example.net/bad/'] }, undefined);
  const st = (u: string) => hostStatus(cfg, urlKey(u)!);
  it('allows the site, government domains and links.allow', () => {
    expect(st('https://panshan.example.org/a')).toMatchObject({ allowed: true, why: 'site' });
    expect(st('http://www.ln.gov.cn/')).toMatchObject({ allowed: true, why: 'government' });
    expect(st('http://politics.people.com.cn/')).toMatchObject({ allowed: true, why: 'allow' });
    expect(st('https://www.baidu.com/')).toMatchObject({ allowed: false, denied: null });
  });
  it('deny wins', () => {
    const s = st('https://www.example.net/bad/x.html');
    expect(s.allowed).toBe(false);
    expect(s.allowed === false && s.denied?.source).toBe('www.example.net/bad/');
    expect(st('https://www.example.net/good/').allowed).toBe(false);
  });
  it('treats .政务 as government and compares IDN patterns in punycode', () => {
    expect(st('https://中国政府网.政务/zhengce/')).toMatchObject({ allowed: true, why: 'government' });
    const c = readLinksConfig({ allow: ['例子.中国'] }, undefined);
    expect(hostStatus(c, urlKey('https://www.例子.中国/a')!)).toMatchObject({ allowed: true, why: 'allow' });
  });
  it('reads the site from site.url when links.site is absent', () => {
    const c = readLinksConfig(undefined, { url: 'https://www.example.com/' });
    expect(c.siteHosts).toEqual(['www.example.com']);
    expect(c.siteHttpsHosts).toEqual(['www.example.com']);
  });
  it('reports bad numbers', () => {
    expect(readLinksConfig({ timeout: 'soon' }, undefined).problems[0]).toMatch(/links.timeout/);
  });
});
