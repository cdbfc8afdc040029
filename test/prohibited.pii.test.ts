import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditCodeCheckChar,
  idCheckChar,
  isBankCard,
  isCreditCode,
  isMobile,
  isResidentId15,
  isResidentId18,
  luhnValid,
  plausibleDate,
} from '../src/checks/pii/validators.js';
import { DEFAULT_MASK, maskValue, resolveMaskPolicy } from '../src/checks/pii/mask.js';
import { checkMasked, hasPiiHint, scanMasked, scanPii } from '../src/checks/pii/scan.js';
import { fix, lint } from '../src/engine/index.js';

const id = (first17: string) => first17 + idCheckChar(first17);
const TODAY = new Date(Date.UTC(2026, 0, 1));

describe('GB 11643 resident ID', () => {
  it('accepts the standard example and computed check digits', () => {
    expect(isResidentId18('11010519491231002X')).toBe(true); // GB 11643 example
    expect(isResidentId18(id('21112219800101123'))).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    const good = id('21112219800101123');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(isResidentId18(bad)).toBe(false);
  });
  it('rejects unknown provinces, impossible and future birth dates', () => {
    expect(isResidentId18(id('99112219800101123'))).toBe(false);
    expect(isResidentId18(id('21112219800230123'))).toBe(false); // 30 Feb
    expect(isResidentId18(id('21112218890101123'))).toBe(false); // before 1900
    expect(isResidentId18(id('21112220990101123'), TODAY)).toBe(false); // future
    expect(isResidentId18(id('21002219800101123'))).toBe(false); // prefecture 00
  });
  it('15-digit IDs need a real 19YYMMDD date', () => {
    expect(isResidentId15('211122800101123')).toBe(true);
    expect(isResidentId15('211122801301123')).toBe(false);
    expect(isResidentId15('211122010203015')).toBe(false); // 1901: an exam-ticket number, not a living holder
  });
  it('leap days', () => {
    expect(plausibleDate(2000, 2, 29)).toBe(true);
    expect(plausibleDate(1900, 2, 29)).toBe(false);
  });
  it('any single-digit change of a valid ID is caught (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const good = id('21112219800101123');
        const d = (Number(good[pos]) + delta) % 10;
        const changed = good.slice(0, pos) + d + good.slice(pos + 1);
        return !isResidentId18(changed) || changed === good;
      }),
    );
  });
});

describe('mobile, Luhn, credit code', () => {
  it('mobile segments', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('14012345678')).toBe(false);
  });
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isBankCard('6222021234567890128')).toBe(luhnValid('6222021234567890128'));
    expect(isBankCard('1234567890123452')).toBe(false); // issuer prefix
  });
  it('GB 32100 credit codes', () => {
    expect(isCreditCode('91350100M000100Y43')).toBe(true); // GB 32100 example
    const c = '91211122MA0' + 'XY1234';
    expect(isCreditCode(c + creditCodeCheckChar(c))).toBe(true);
    expect(isCreditCode('91350100M000100Y44')).toBe(false);
  });
});

describe('masking policy', () => {
  it('defaults: ID 6+4, phone 3+4', () => {
    expect(maskValue('211122198001011236', DEFAULT_MASK.id)).toBe('211122********1236');
    expect(maskValue('13912345678', DEFAULT_MASK.mobile)).toBe('139****5678');
    expect(maskValue('139 1234 5678', DEFAULT_MASK.mobile)).toBe('139 **** 5678');
  });
  it('config shapes and problems', () => {
    expect(resolveMaskPolicy({ id: { keepStart: 4, keepEnd: 2 }, phone: [3, 2], char: '×' }).policy).toMatchObject({
      id: [4, 2],
      mobile: [3, 2],
      char: '×',
    });
    expect(resolveMaskPolicy({ nope: 1 }).problems.length).toBe(1);
    expect(resolveMaskPolicy({ id: [1] }).problems.length).toBe(1);
  });
});

describe('scanPii', () => {
  const scan = (t: string) => scanPii(t, { policy: DEFAULT_MASK, today: TODAY }).map((h) => [h.kind, h.value, h.masked]);
  const ID = id('21112219800101123');
  it('finds IDs, phones (spaced/dashed) and bank cards with their masked forms', () => {
    expect(scan(`身份证号${ID}，电话139-1234-5678。`)).toEqual([
      ['id', ID, ID.slice(0, 6) + '********' + ID.slice(14)],
      ['mobile', '139-1234-5678', '139-****-5678'],
    ]);
    expect(scan('联系电话：１３９１２３４５６７８')).toEqual([['mobile', '１３９１２３４５６７８', '１３９****５６７８']]);
    expect(scan('银行卡号 4111 1111 1111 1111')).toEqual([['bankCard', '4111 1111 1111 1111', '4111 **** **** 1111']]);
  });
  it('never flags masked forms, credit codes, landlines, doc numbers, amounts, dates, project codes', () => {
    const c = '91211122MA0XY1234';
    const text = [
      '身份证号211122********1236，电话139****1234，139 **** 5678。',
      `统一社会信用代码：${c}${creditCodeCheckChar(c)}。`,
      '联系电话：0427-3554789，04273554789。',
      '盘县政办发〔2021〕10号，2021年1月29日，20210129。',
      '合同金额13912345678元，13912345678.00，1,391,234,567。',
      `项目编号：${ID}，网站标识码：2111220003，辽公网安备 21112202000001号。`,
    ].join('\n');
    expect(scan(text)).toEqual([]);
  });
  it('passport and permits only with a label; e-mail only outside office context', () => {
    expect(scan('护照号码：E12345678')).toEqual([['passport', 'E12345678', 'E*****678']]);
    expect(scan('批次E12345678')).toEqual([]);
    expect(scan('往来港澳通行证号C12345678')).toEqual([['permit', 'C12345678', 'C*****678']]);
    expect(scan('投稿邮箱：psxzfb@163.com')).toEqual([]);
    expect(scan('申请人张某，个人邮箱zhangmou@qq.com')).toEqual([['email', 'zhangmou@qq.com', 'z*******@qq.com']]);
  });
  it('detailed home addresses, not office rooms', () => {
    expect(scan('家住幸福小区3号楼2单元501室')).toEqual([['address', '幸福小区3号楼2单元501室', '幸福小区*号楼*单元***室']]);
    expect(scan('上报到县政府办政务公开办（612室）存档')).toEqual([]);
    expect(scan('办公地址：县政务服务中心3号楼2单元501室')).toEqual([]);
  });
  it('allow-list of published numbers', () => {
    expect(scanPii('咨询电话13912345678', { policy: DEFAULT_MASK, allow: new Set(['13912345678']) })).toEqual([]);
  });
});

describe('masked forms vs policy', () => {
  it('classifies masked forms', () => {
    expect(scanMasked('211122********1236、139****1234、6222********1234').map((h) => h.kind)).toEqual(['id', 'mobile', 'bankCard']);
  });
  it('policy-conform masks are fine; extra digits are re-masked', () => {
    const [a, b, c] = scanMasked('211122********1236 2111221980******36 1391234****');
    expect(checkMasked(a!, DEFAULT_MASK)).toBeNull();
    expect(checkMasked(b!, DEFAULT_MASK)).toEqual({ extra: 4, fixed: '211122**********36' });
    expect(checkMasked(c!, DEFAULT_MASK)).toEqual({ extra: 4, fixed: '139********' });
  });
  it('a mask that keeps fewer digits than the policy reveals nothing extra', () => {
    const [a] = scanMasked('**************1236');
    expect(checkMasked(a!, DEFAULT_MASK)).toBeNull();
  });
});

// scanPii and scanMasked skip a text quickly when it holds no digit, @, mask character or
// address words: the forms written in full width or Chinese numerals must still be found
describe('cheap preconditions keep every form', () => {
  const opts = { policy: DEFAULT_MASK, today: TODAY };
  const kinds = (t: string) => scanPii(t, opts).map((h) => [h.kind, h.value]);
  it('full-width digits, ＠ and ＊', () => {
    expect(kinds('联系电话１３９０４２７１２３４。')).toEqual([['mobile', '１３９０４２７１２３４']]);
    expect(kinds('邮箱zhangsan＠qq.com')).toEqual([['email', 'zhangsan＠qq.com']]);
    expect(scanMasked('身份证号２１１１２２＊＊＊＊＊＊＊＊２０４７').map((h) => h.kind)).toEqual(['id']);
  });
  it('addresses numbered in Chinese numerals', () => {
    expect(kinds('家住幸福小区三号楼二单元五〇一室。')).toEqual([['address', '幸福小区三号楼二单元五〇一室']]);
    expect(kinds('住在幸福小区三号楼五〇一室')).toEqual([['address', '幸福小区三号楼五〇一室']]);
    expect(kinds('家住王庄村三组五号')).toEqual([['address', '王庄村三组五号']]);
  });
  it('nothing in plain prose', () => {
    expect(scanPii('各单位要高度重视，认真组织实施。', opts)).toEqual([]);
    expect(scanMasked('各单位要高度重视，认真组织实施。')).toEqual([]);
  });
});

describe('prohibited/privacy beyond the prose', () => {
  const only = ['prohibited/privacy', 'prohibited/privacy-mask'];
  it('reads fenced code, inline code and raw HTML, once each, and leaves masked numbers there alone', async () => {
    const text = [
      '申请人联系方式见下。',
      '',
      '```',
      '联系人 13904271234',
      '```',
      '',
      '核对号码 `211122197803152047` 后发放。',
      '',
      '<div>已脱敏：211122********2047，139****1234</div>',
      '',
      '    缩进的段落：13904271235',
      '',
    ].join('\n');
    const r = await lint(text, { only });
    expect(r.messages.map((m) => [m.ruleId, text.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn - 1)])).toEqual([
      ['prohibited/privacy', '13904271234'],
      ['prohibited/privacy', '211122197803152047'],
      ['prohibited/privacy', '13904271235'],
    ]);
  });
  it('a number in a web address or a file path is not personal data; a tel: link is, in HTML or Markdown', async () => {
    const text = [
      '<p><a href="/art/2021/3/1/art_1229_13905678123.html">通知</a> <img src=\'img_13905678124.png\'></p>',
      '',
      '`https://www.gov.cn/xinwen/13905678125.htm` 与 `www.x.cn/13905678126`',
      '',
      '<a href="tel:13905678127">值班电话</a>',
      '',
      '[联系人手机](tel:13905678128)，[官网](https://www.gov.cn/13905678129.htm)',
      '',
    ].join('\n');
    const r = await lint(text, { only });
    expect(r.messages.map((m) => text.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn - 1))).toEqual(['13905678127', '13905678128']);
  });

  it('an e-mail address (a link in Markdown) is read with its line: a person\'s is reported, a unit\'s open to anyone is not', async () => {
    const text = [
      '有关单位和个人可通过电子邮箱 psxnyj@163.com 或信函方式提出意见。',
      '',
      '投稿邮箱：psxzfb@163.com',
      '',
      '申请人张某某，个人邮箱：zhangsan1990@qq.com。',
      '',
    ].join('\n');
    const r = await lint(text, { only });
    expect(r.messages.map((m) => [m.line, m.severity])).toEqual([[5, 1]]);
  });

  it('an image\'s alt text is published too', async () => {
    const text = '![申请人身份证211122197803152047正面](id-13905678127.jpg)\n';
    const r = await lint(text, { only });
    expect(r.messages.map((m) => text.slice(m.column - 1, m.endColumn - 1))).toEqual(['211122197803152047']);
    expect((await fix(text, { only })).output).toBe('![申请人身份证211122********2047正面](id-13905678127.jpg)\n');
  });

  it('in mask mode, an over-revealing masked number in HTML is reported too', async () => {
    const r = await lint('<p>身份证号：2111221978******47</p>\n', { only });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['prohibited/privacy-mask']);
  });
});

describe('hasPiiHint (the gate in front of every scan)', () => {
  // the gate's definition: some match of this regular expression anywhere in the text
  const HINT = /[0-9０-９@＠]|单元|(?:小区|花园|家园|公寓|新村|嘉园)[一二三四五六七八九十百零〇]|村[一二三四五六七八九十百零〇]+组/;
  it('answers as the regular expression does', () => {
    for (const s of ['', '单元', '单位', '幸福小区三栋', '小区', '张村三组', '村民小组', '李村十二组', '花园一号', '新村', '家园十', 'a@b', '１', '嘉园〇', '公寓'])
      expect(hasPiiHint(s), s).toBe(HINT.test(s));
    const unit = fc.constantFrom(...'单元小区花园家园公寓新村嘉村组三十〇一a@＠5５，。 ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(hasPiiHint(s)).toBe(HINT.test(s));
      }),
      { numRuns: 3000 },
    );
  });
});
