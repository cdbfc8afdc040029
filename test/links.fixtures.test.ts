/**
 * The link fixtures through the real engine (`lint`), with only the link rules on and the
 * site configured as www.panshan.gov.cn. Each fixture is a realistic draft with the problems
 * listed here (rule, messageId, the exact source text).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/index.js';
import { covered } from './helpers.js';

const root = resolve(import.meta.dirname, '..');
const LINK_RULES = ['link/unapproved', 'link/approval', 'link/insecure', 'link/internal-address', 'link/shortener', 'link/malformed', 'link/broken', 'link/redirect'];
const config = { links: { site: 'https://www.panshan.gov.cn' } };

const expected: Record<string, Array<[string, string, string]>> = {
  '全民健身日活动通知.md': [],
  '健康讲座通知.md': [
    ['link/insecure', 'government', 'http://wjj.panshan.gov.cn/jkjz/2021/'],
    ['link/unapproved', 'default', 'https://www.bilibili.com/video/BV1xx411c7mD'],
    ['link/shortener', 'default', 'https://t.cn/A6ZxYz1q'],
    ['link/unapproved', 'default', 'https://t.cn/A6ZxYz1q'],
    ['link/unapproved', 'default', 'http://www.jiankang-example.com/kepu/index.html'],
  ],
  '图书馆开放时间公告.md': [
    ['link/approval', 'incomplete', '网址: https://www.nlc.cn/\n    批准人: 陈建国'],
    ['link/approval', 'afterDraft', '2021-03-05'],
    ['link/approval', 'unused', 'https://www.cnki.net/'],
  ],
  '不动产登记办事指南.md': [
    ['link/internal-address', 'file', 'file:///D:/工作/2021/不动产登记申请表.docx'],
    ['link/internal-address', 'ip', 'http://192.168.10.25/oa/bdc/flow.html'],
    ['link/internal-address', 'unc', '\\\\fileserver\\共享\\不动产\\模板'],
    ['link/malformed', 'fullwidth', 'http：//www.panshan.gov.cn/bdc'],
    ['link/malformed', 'fullwidth', 'https://zwfw.panshan.gov.cn/bdc／sb.html'],
    ['link/malformed', 'empty', '#'],
  ],
};

describe('fixtures/links', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, async () => {
      const text = readFileSync(join(root, 'fixtures', 'links', name), 'utf8');
      const result = await lint(text, { filename: name, config, only: LINK_RULES });
      const got = result.messages.map((m) => [m.ruleId, m.messageId, covered(text, m)]);
      expect(got).toEqual(want);
      for (const m of result.messages) {
        expect(m.message).not.toMatch(/\{\{/);
        expect(m.basis).toBe('一(三)3');
      }
    });
  }

  it('the approved draft is quiet with every rule of the family, and approval records are needed for it', async () => {
    const text = readFileSync(join(root, 'fixtures', 'links', '全民健身日活动通知.md'), 'utf8');
    const withoutRecord = text.replace(/^links:\n(?: {2}.*\n)+/m, '');
    expect(withoutRecord).not.toBe(text);
    const result = await lint(withoutRecord, { filename: 'x.md', config, only: LINK_RULES });
    expect(result.messages.map((m) => [m.ruleId, covered(withoutRecord, m)])).toEqual([['link/unapproved', 'https://www.sport.org.cn/qmjs/2021/0728/index.html']]);
  });

  it('messages are available in English', async () => {
    const text = readFileSync(join(root, 'fixtures', 'links', '健康讲座通知.md'), 'utf8');
    const result = await lint(text, { filename: 'x.md', config, only: ['link/shortener'], lang: 'en' });
    expect(result.messages[0]!.message).toMatch(/URL shortener t\.cn/);
  });
});
