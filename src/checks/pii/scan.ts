/**
 * Find personal data in a piece of prose text (one ProseRun's `text`). Pure: works on strings,
 * returns text offsets; the check maps them back to source ranges.
 *
 * Order matters: masked forms are found first and their spans are excluded, then bank cards
 * written in groups, then digit runs (ID / bank card), then mobile numbers, then the
 * context-dependent kinds (passport, permit, e-mail, address).
 */
import { isBankCard, isCreditCode, isMobile, isResidentId15, isResidentId18 } from './validators.js';
import { extraRevealed, maskEmail, maskValue, policyFor, type MaskPolicy, type PiiKind } from './mask.js';
import { hasBit, unitBits } from '../util/bits.js';

export interface PiiHit {
  start: number;
  end: number;
  kind: PiiKind;
  /** the matched text as written */
  value: string;
  /** the masked replacement for [start, end) */
  masked: string;
  /** true for the kinds reported as warnings (passport, permit, e-mail, address) */
  weak: boolean;
}

export interface MaskedHit {
  start: number;
  end: number;
  kind: 'id' | 'mobile' | 'bankCard';
  value: string;
  /** visible leading/trailing characters */
  shownStart: number;
  shownEnd: number;
  /** significant length (without separators) */
  length: number;
}

export interface ScanOptions {
  policy: MaskPolicy;
  /** exact values (digits only, or e-mail) that are published on purpose and never flagged */
  allow?: ReadonlySet<string>;
  today?: Date;
}

/** Map full-width digits/letters/asterisk/dash to ASCII, keeping length (all are 1 UTF-16 unit). */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Labels that make the following number something other than personal data. */
const NOT_PERSONAL_LABEL =
  /(?:编号|编码|代码|文号|项目号|标识码|备案号|备案序号|订单号|流水号|合同号|批次号?|批准号|批准文号|许可证号|证书编号|证书号|登记号|注册号|税号|识别号|条码|序列号|工号|邮编|邮政编码|档案号|案号|标段号|包号|宗地号|地号|不动产单元号|批号|版号|ISBN|ICP|网安备)[：:\s]*[A-Za-z0-9\-－]*$/;
/** Labels that make the following number personal (win over a nearer non-personal label). */
const PERSONAL_LABEL = /(?:身份证|证件|公民身份|手机|电话|联系方式|银行卡|卡号|存折|账号|帐号)[号码：:\s]*$/;

const AMOUNT_AFTER = /^\s*(?:元|万|亿|千|百|%|％|‰|平方|米|公里|吨|公斤|千克|克|个|人|户|亩|次|件|台|股|份|kg|km|m|㎡|美元|港元)/;

function labelWindow(text: string, start: number): string {
  const from = Math.max(0, start - 16);
  let w = text.slice(from, start);
  const cut = Math.max(w.lastIndexOf('。'), w.lastIndexOf('；'), w.lastIndexOf(';'), w.lastIndexOf('\n'));
  if (cut >= 0) w = w.slice(cut + 1);
  return w;
}

function excludedByContext(text: string, start: number, end: number): boolean {
  const w = labelWindow(text, start);
  if (NOT_PERSONAL_LABEL.test(w) && !PERSONAL_LABEL.test(w)) return true;
  const before = text.slice(Math.max(0, start - 3), start);
  if (/[¥￥$]\s*$|\d[.,，]$/.test(before)) return true;
  const after = text.slice(end, end + 6);
  if (/^[.．]\d|^,\d{3}/.test(after)) return true;
  if (AMOUNT_AFTER.test(after)) return true;
  return false;
}

const FREE_MAIL =
  /@(?:qq|foxmail|163|126|yeah|sina|sohu|139|189|wo|aliyun|tom|21cn|gmail|hotmail|outlook|live|yahoo|icloud|me|msn|263|vip\.163|vip\.qq|vip\.sina)\.(?:com|cn|net|com\.cn)$/i;
const OFFICE_CONTEXT =
  /办公室|政府|委员会|人大|政协|党委|机关|[局院所站队办处科]|中心|公司|代理|采购|投稿|咨询|举报|监督|受理|征集|反馈|意见|建议|报名|来信|信箱|服务|热线/;
/** “单位和个人” and the like address anyone, not a person: not a personal context */
const ANYONE = /(?:单位|组织|法人|企业|团体|机构)(?:和|及|或|、|与|以及|或者)个人|个人(?:和|及|或|、|与|以及|或者)(?:单位|组织|法人|企业|团体|机构)/g;
const PERSONAL_CONTEXT = /个人|私人|本人|家庭|家属|身份证|住址|住所|户主|患者|学生|申请人|救助对象|困难户|低保户|村民/;

const NUM = '[\\d一二三四五六七八九十百零〇]+';
const ADDRESS_RE = new RegExp(
  `(?:[\\u4e00-\\u9fa5A-Za-z0-9]{1,12}?(?:小区|花园|家园|公寓|新村|嘉园|苑|庭|府|城|广场|社区))?` +
    `${NUM}(?:号楼|栋|幢|座|号院|楼)${NUM}单元(?:${NUM}(?:层|楼))?(?:${NUM}(?:室|号|户)?)?` +
    `|(?:[\\u4e00-\\u9fa5]{1,12}?(?:小区|花园|家园|公寓|新村|嘉园))${NUM}(?:号楼|栋|幢)${NUM}(?:室|号|户)` +
    `|[\\u4e00-\\u9fa5]{1,6}?村${NUM}组${NUM}号`,
  'g',
);
/** What each branch of ADDRESS_RE needs: 单元, an estate word before a number, or 村…组. */
const ADDRESS_HINT = new RegExp(`单元|(?:小区|花园|家园|公寓|新村|嘉园)${NUM}|村${NUM}组`);
const ADDRESS_OFFICE = /办公|政府|大厦|机关|服务中心|服务大厅|政务|营业场所|经营场所|注册地|公司|厂|学校|医院|卫生院|派出所|法院|检察院/;

const PASSPORT_LABEL = /护照(?:号码|号)?[：:\s]*$/;
const PERMIT_LABEL = /(?:通行证|回乡证|台胞证|旅行证|来往内地|来往大陆|居住证)(?:号码|号)?[：:\s]*$/;
const PASSPORT_VALUE = /^(?:E[A-HJ-NP-Z0-9]\d{7}|[EGDSP]\d{8}|[DSP]\d{7}|1[45]\d{7})$/;
const PERMIT_VALUE = /^(?:[CHML][A-Z0-9]?\d{7,10}|T\d{8}|\d{8}(?:\d{2})?)$/;

/** A mask character (＊ becomes * in normalizeWidth): no masked form without one. */
const MASK_CHAR = /[*×●○＊]/;

export function scanMasked(text0: string): MaskedHit[] {
  // cheap precondition: most runs hold no mask character at all
  if (!MASK_CHAR.test(text0)) return [];
  const text = normalizeWidth(text0);
  const out: MaskedHit[] = [];
  // prefix digits, a run of mask characters, suffix digits (X allowed as an ID check digit)
  const re = /(?<![\dA-Za-z*×●○])(\d{0,14})([*×●○]{2,17})(\d{0,13}[\dXx]?)(?![\dA-Za-z*×●○])/g;
  for (const m of text.matchAll(re)) {
    const [all, pre, mask, suf] = m as unknown as [string, string, string, string];
    const len = all.length;
    if (pre.length + suf.length === 0) continue;
    let kind: MaskedHit['kind'] | null = null;
    if ((len === 18 || len === 15 || /[Xx]$/.test(suf)) && (pre.length < 2 || /^(?:[1-6]\d|7[1]|8[123])/.test(pre))) kind = 'id';
    else if (len === 11 && (pre === '' || pre.startsWith('1'))) kind = 'mobile';
    else if (len >= 16 && len <= 19) kind = 'bankCard';
    else if (pre.length >= 6 && /^(?:[1-6]\d|8[123])/.test(pre) && len >= 14 && len <= 18) kind = 'id';
    else if (pre.length === 3 && /^1[3-9]/.test(pre) && len >= 9 && len <= 11) kind = 'mobile';
    if (!kind) continue;
    void mask;
    out.push({ start: m.index!, end: m.index! + len, kind, value: text0.slice(m.index!, m.index! + len), shownStart: pre.length, shownEnd: suf.length, length: len });
  }
  // spaced mobile: 139 **** 5678 / 139-****-5678
  for (const m of text.matchAll(/(?<![\dA-Za-z*])(1[3-9]\d)[ -]([*×●]{4})[ -](\d{4})(?![\dA-Za-z*])/g)) {
    out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'mobile', value: text0.slice(m.index!, m.index! + m[0].length), shownStart: 3, shownEnd: 4, length: 11 });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A masked form that reveals characters the policy hides, with the re-masked text. */
export function checkMasked(hit: MaskedHit, policy: MaskPolicy): { extra: number; fixed: string } | null {
  const keep = policyFor(hit.kind, policy)!;
  const sig = [...hit.value].filter((c) => !/[ -]/.test(c));
  const shown = sig.map((_, i) => i < hit.shownStart || i >= sig.length - hit.shownEnd);
  // positions relative to the written length; when the written length is not canonical, judge by counts
  const extra = extraRevealed(shown, keep).length;
  if (extra === 0) return null;
  const chars = [...hit.value];
  let k = 0;
  const fixed = chars
    .map((c) => {
      if (/[ -]/.test(c)) return c;
      const i = k++;
      const visible = i < hit.shownStart || i >= sig.length - hit.shownEnd;
      const allowed = i < keep[0] || i >= sig.length - keep[1];
      return visible && !allowed ? policy.char : c;
    })
    .join('');
  return { extra, fixed };
}

function overlaps(taken: Array<[number, number]>, s: number, e: number): boolean {
  return taken.some(([a, b]) => s < b && a < e);
}

/**
 * What every kind needs, tested on the text as written (full-width forms included): a digit
 * (ID, bank card, mobile, passport, permit), an @ (e-mail), or the words of a home address
 * (ADDRESS_RE needs 单元, an estate word before a number, or 村…组; with no digit in the text
 * that number is in Chinese numerals). Most runs have none of these.
 */
const PII_HINT = /[0-9０-９@＠]|单元|(?:小区|花园|家园|公寓|新村|嘉园)[一二三四五六七八九十百零〇]|村[一二三四五六七八九十百零〇]+组/y;
/** bitset of the code units a match of PII_HINT can start with: digits, @ and the first character of each of its words */
const HINT_STARTS = unitBits(Array.from('0123456789０１２３４５６７８９@＠单小花家公新嘉村', (c) => c.charCodeAt(0)));

/**
 * PII_HINT.test(text) anywhere in `text`: the regex is tried only where a match can start. Asked
 * of every paragraph; V8's scan of the whole alternation took longer.
 */
export function hasPiiHint(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (!hasBit(HINT_STARTS, u)) continue;
    PII_HINT.lastIndex = i;
    if (PII_HINT.test(text)) return true;
  }
  return false;
}

export function scanPii(text0: string, opts: ScanOptions): PiiHit[] {
  if (!hasPiiHint(text0)) return [];
  const text = normalizeWidth(text0);
  const { policy } = opts;
  const allow = opts.allow ?? new Set<string>();
  const hits: PiiHit[] = [];
  const taken: Array<[number, number]> = scanMasked(text0).map((h) => [h.start, h.end]);
  const push = (start: number, end: number, kind: PiiKind, weak: boolean, masked?: string) => {
    if (overlaps(taken, start, end)) return;
    const value = text0.slice(start, end);
    const key = kind === 'email' ? value.toLowerCase() : value.replace(/[^\dA-Za-z]/g, '');
    if (allow.has(key) || allow.has(value)) return;
    const keep = policyFor(kind, policy);
    const m = masked ?? (keep ? maskValue(value, keep, policy.char) : value);
    hits.push({ start, end, kind, value, masked: m, weak });
    taken.push([start, end]);
  };

  // bank cards written in groups of four
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?![\dA-Za-z])/g)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (isBankCard(digits) && !excludedByContext(text, m.index!, m.index! + m[0].length)) {
      push(m.index!, m.index! + m[0].length, 'bankCard', false);
    }
  }
  // digit runs: 18-char ID, 15-digit ID, 16–19-digit bank card
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{15,19}(?:[Xx](?![A-Za-z]))?(?![\dA-Za-z])/g)) {
    const s = m[0];
    const start = m.index!;
    const end = start + s.length;
    if (excludedByContext(text, start, end)) continue;
    if (s.length === 18 && isResidentId18(s, opts.today)) {
      const w = labelWindow(text, start);
      if (isCreditCode(s) && /信用代码|机构代码/.test(w)) continue;
      push(start, end, 'id', false);
    } else if (s.length === 15 && isResidentId15(s, opts.today)) push(start, end, 'id15', false);
    else if (s.length >= 16 && isBankCard(s) && !(s.length === 18 && isCreditCode(s))) push(start, end, 'bankCard', false);
  }
  // mobile numbers, also 139 1234 5678 / 139-1234-5678, optionally after +86
  for (const m of text.matchAll(/(?<![\dA-Za-z])(?<!\d[ -])1[3-9]\d(?:([ -]?)\d{4}\1\d{4})(?![\dA-Za-z])(?![ -]\d)/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!isMobile(m[0].replace(/[ -]/g, ''))) continue;
    if (excludedByContext(text, start, end)) continue;
    push(start, end, 'mobile', false);
  }
  // passports and permits: only after a label, or alone in a (table) cell
  const alone = text.trim();
  for (const m of text.matchAll(/(?<![\dA-Za-z])[A-Z]{0,2}\d{7,10}(?![\dA-Za-z])/g)) {
    const v = m[0];
    const start = m.index!;
    const w = labelWindow(text, start);
    const isAlone = alone === v;
    if (PASSPORT_VALUE.test(v) && (PASSPORT_LABEL.test(w) || (isAlone && /^[EG]/.test(v)))) push(start, start + v.length, 'passport', true);
    else if (PERMIT_VALUE.test(v) && PERMIT_LABEL.test(w)) push(start, start + v.length, 'permit', true);
  }
  // personal e-mail addresses
  for (const m of text.matchAll(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{2,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![A-Za-z0-9])/g)) {
    const v = m[0];
    if (!FREE_MAIL.test(v)) continue;
    // an office contact mailbox (咨询/投稿/代理机构…) is published on purpose; a mailbox next to
    // other personal data or personal words is not
    if (OFFICE_CONTEXT.test(text) && !PERSONAL_CONTEXT.test(text.replace(ANYONE, '')) && hits.length === 0) continue;
    push(m.index!, m.index! + v.length, 'email', true, maskEmail(v, policy.email, policy.char));
  }
  // detailed home addresses (ADDRESS_HINT first: ADDRESS_RE is slow to fail on a long text)
  if (ADDRESS_HINT.test(text) && !ADDRESS_OFFICE.test(text)) {
    for (const m of text.matchAll(ADDRESS_RE)) {
      const lead = /^.*?(?:家住|现住|居住在|居住于|住在|住址[：:]?|住所[：:]?|地址[：:]?|位于|在)/.exec(m[0]);
      const cut = lead && lead[0].length < m[0].length - 4 ? lead[0].length : 0;
      const v = m[0].slice(cut);
      push(m.index! + cut, m.index! + cut + v.length, 'address', true, v.replace(/[\d一二三四五六七八九十百零〇]+(?=号楼|栋|幢|座|号院|楼|单元|层|室|号|户|组)/g, (d) => policy.char.repeat(Math.max(1, d.length))));
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export const KIND_LABEL_ZH: Record<PiiKind, string> = {
  id: '居民身份证号码',
  id15: '居民身份证号码（15位旧版）',
  mobile: '手机号码',
  bankCard: '银行卡号',
  passport: '护照号码',
  permit: '港澳台通行证件号码',
  email: '个人电子邮箱',
  address: '详细家庭住址',
};

export const KIND_LABEL_EN: Record<PiiKind, string> = {
  id: 'resident ID number',
  id15: 'resident ID number (15-digit)',
  mobile: 'mobile number',
  bankCard: 'bank card number',
  passport: 'passport number',
  permit: 'HK/Macao/Taiwan permit number',
  email: 'personal e-mail address',
  address: 'detailed home address',
};
