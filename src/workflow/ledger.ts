/**
 * The monthly ledger (台账, notice 三(一) and its attachment): every item published in a
 * month, per unit, with its three review signatures; signed by the author, the deputy
 * leader and the head, stamped, and filed before the 25th. Pure: entries in, text out.
 */
import { parseMonth, zhDate } from './dates.js';
import { mediaChannels, TIER_ZH, TIERS, type TierKey, type WorkflowEntry } from './meta.js';

export interface LedgerRow {
  no: number;
  unit: string;
  title: string;
  column: string;
  channel: string;
  date: string;
  author: string;
  first: string;
  second: string;
  final: string;
  url: string;
  path: string;
  /** the review cells split into signer and date (for layouts that print them on two lines) */
  tiers: Record<TierKey, { name: string; date: string }>;
  /** what review data is missing, e.g. ['终审', '复审日期'] (empty = complete) */
  missing: string[];
}

export interface LedgerUnit {
  unit: string;
  rows: LedgerRow[];
}

export interface Ledger {
  title: string;
  month: string;
  /** YYYY-MM-DD of the filing deadline */
  deadline: string;
  units: LedgerUnit[];
  /** rows with missing review data, in ledger order */
  incomplete: LedgerRow[];
  total: number;
}

export interface LedgerOptions {
  /** the ledger's title (default: the notice's attachment name) */
  title?: string;
  /** the 25th of the month after the ledger month (default) or of the same month */
  deadline?: 'next-month' | 'same-month';
  /** day of the month of the deadline (default 25) */
  deadlineDay?: number;
}

export const DEFAULT_LEDGER_TITLE = '盘山县政府网站及新媒体信息发布台账';
export const NO_UNIT = '（未填写单位）';

function tierCell(e: WorkflowEntry, t: TierKey): string {
  const tier = e.review.tiers[t];
  if (!tier) return '';
  return [tier.name ?? '', tier.date ?? tier.rawDate ?? ''].filter(Boolean).join(' ');
}

function tierParts(e: WorkflowEntry): Record<TierKey, { name: string; date: string }> {
  const out = {} as Record<TierKey, { name: string; date: string }>;
  for (const t of TIERS) {
    const tier = e.review.tiers[t];
    out[t] = { name: tier?.name ?? '', date: tier?.date ?? tier?.rawDate ?? '' };
  }
  return out;
}

function channelCell(e: WorkflowEntry): string {
  const media = mediaChannels(e);
  const parts = e.channels.length === 0 ? ['政府网站'] : e.channels.map((c) => (media.includes(c) ? c : '政府网站'));
  const uniq = [...new Set(parts)];
  const acc = e.account ? `（${e.account}）` : '';
  return uniq.map((c) => (c === '政府网站' ? c : c + acc)).join('、');
}

function missingReview(e: WorkflowEntry): string[] {
  const out: string[] = [];
  for (const t of TIERS) {
    const tier = e.review.tiers[t];
    const zh = TIER_ZH[t];
    if (!tier) out.push(zh);
    else {
      if (!tier.name) out.push(`${zh}签名`);
      if (!tier.date) out.push(`${zh}日期`);
    }
  }
  return out;
}

export function deadlineOf(month: string, opts: LedgerOptions = {}): string {
  const ym = parseMonth(month);
  if (!ym) throw new Error(`invalid month “${month}” (expected YYYY-MM)`);
  let [y, m] = ym;
  if ((opts.deadline ?? 'next-month') === 'next-month') {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  const d = opts.deadlineDay ?? 25;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Builds the ledger of `month` (YYYY-MM) from all entries; entries of other months are ignored. */
export function buildLedger(entries: WorkflowEntry[], month: string, opts: LedgerOptions = {}): Ledger {
  const ym = parseMonth(month);
  if (!ym) throw new Error(`invalid month “${month}” (expected YYYY-MM)`);
  const key = `${String(ym[0]).padStart(4, '0')}-${String(ym[1]).padStart(2, '0')}`;
  const inMonth = entries.filter((e) => e.date && e.date.startsWith(key + '-'));
  const byUnit = new Map<string, WorkflowEntry[]>();
  for (const e of inMonth) {
    const u = e.unit ?? NO_UNIT;
    if (!byUnit.has(u)) byUnit.set(u, []);
    byUnit.get(u)!.push(e);
  }
  const coll = new Intl.Collator('zh-Hans-CN');
  const units: LedgerUnit[] = [...byUnit.keys()]
    .sort((a, b) => (a === NO_UNIT ? 1 : b === NO_UNIT ? -1 : coll.compare(a, b)))
    .map((unit) => {
      const list = byUnit.get(unit)!.sort(
        (a, b) => a.date!.localeCompare(b.date!) || coll.compare(a.title ?? '', b.title ?? '') || a.path.localeCompare(b.path),
      );
      return {
        unit,
        rows: list.map((e, i) => ({
          no: i + 1,
          unit,
          title: e.title ?? '',
          column: e.column ?? '',
          channel: channelCell(e),
          date: e.date!,
          author: e.author ?? '',
          first: tierCell(e, 'first'),
          second: tierCell(e, 'second'),
          final: tierCell(e, 'final'),
          url: e.url ?? '',
          path: e.path,
          tiers: tierParts(e),
          missing: missingReview(e),
        })),
      };
    });
  const incomplete = units.flatMap((u) => u.rows.filter((r) => r.missing.length > 0));
  return {
    title: opts.title ?? DEFAULT_LEDGER_TITLE,
    month: key,
    deadline: deadlineOf(key, opts),
    units,
    incomplete,
    total: inMonth.length,
  };
}

const HEADERS = ['序号', '标题', '栏目', '渠道', '发布日期', '撰稿人', '初审', '复审', '终审', '链接'] as const;

function rowCells(r: LedgerRow): string[] {
  return [String(r.no), r.title, r.column, r.channel, r.date, r.author, r.first, r.second, r.final, r.url];
}

function hasUrls(l: Ledger): boolean {
  return l.units.some((u) => u.rows.some((r) => r.url));
}

/** RFC 4180 field; cells that a spreadsheet would run as a formula get a leading apostrophe. */
function csvField(s: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v)) v = "'" + v;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV with a UTF-8 BOM and CRLF line ends, so Excel opens it correctly. */
export function renderLedgerCsv(l: Ledger): string {
  const lines = [['单位', ...HEADERS].map(csvField).join(',')];
  for (const u of l.units) for (const r of u.rows) lines.push([u.unit, ...rowCells(r)].map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function monthZh(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

export function renderLedgerMarkdown(l: Ledger): string {
  const urls = hasUrls(l);
  const heads = urls ? [...HEADERS] : HEADERS.slice(0, -1);
  const out: string[] = [`# ${l.title}（${monthZh(l.month)}）`, ''];
  out.push(`报送截止：${zhDate(l.deadline)}前（盘县政办发〔2021〕10号 三(一)）。共 ${l.total} 条。`, '');
  if (l.total === 0) out.push('本月无发布信息。', '');
  for (const u of l.units) {
    out.push(`## ${u.unit}`, '');
    out.push(`| ${heads.join(' | ')} |`, `|${heads.map(() => ' --- ').join('|')}|`);
    for (const r of u.rows) {
      const cells = rowCells(r).slice(0, heads.length);
      out.push(`| ${cells.map(mdCell).join(' | ')} |`);
    }
    out.push('', '撰稿人：________　分管领导：________　单位主要领导：________　（盖章）', '');
  }
  if (l.incomplete.length) {
    out.push('## 审核记录不全', '');
    for (const r of l.incomplete) out.push(`- ${mdCell(r.unit)} ${r.no}. ${mdCell(r.title)}（${r.path}）：缺${r.missing.join('、')}`);
    out.push('');
  }
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeHref(u: string): string | null {
  return /^https?:\/\//i.test(u) ? u : null;
}

/** A printable A4 page per unit, with the signature lines and the filing deadline. */
export function renderLedgerHtml(l: Ledger): string {
  const urls = hasUrls(l);
  const heads = urls ? [...HEADERS] : HEADERS.slice(0, -1);
  const month = monthZh(l.month);
  const deadline = `${zhDate(l.deadline)}前`;
  const css = `
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", serif; font-size: 10.5pt; color: #000; margin: 0; }
.sheet { padding: 4mm 0; page-break-after: always; break-after: page; }
.sheet:last-of-type { page-break-after: auto; break-after: auto; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 3mm; letter-spacing: 1px; }
.meta { display: flex; justify-content: space-between; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 1.5mm 1mm; vertical-align: top; word-break: break-all; }
th { background: #eee; font-weight: bold; text-align: center; }
td.no, td.date { text-align: center; white-space: nowrap; }
td.tier { text-align: center; }
.tier-date { white-space: nowrap; font-size: 9pt; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr.incomplete td { background: #fde8e8; }
.signatures { display: flex; justify-content: space-between; margin-top: 10mm; gap: 6mm; }
.signature { flex: 1; white-space: nowrap; }
.signature .line { display: inline-block; width: 32mm; border-bottom: 1px solid #000; height: 1.2em; vertical-align: bottom; }
.seal { flex: 1; text-align: center; }
.seal .box { display: inline-block; width: 40mm; height: 40mm; border: 1px dashed #999; border-radius: 50%; line-height: 40mm; color: #999; }
.deadline { margin-top: 4mm; font-weight: bold; }
.warning { border: 2px solid #c00; padding: 2mm 4mm; margin-bottom: 4mm; color: #c00; }
@media print { .warning { break-after: page; } tr.incomplete td { background: none; } }
`;
  const colWidths: Record<string, string> = { 序号: '5%', 标题: '24%', 栏目: '9%', 渠道: '11%', 发布日期: '9%', 撰稿人: '7%', 初审: '9%', 复审: '9%', 终审: '9%', 链接: '12%' };
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(`${l.title}（${month}）`)}</title>\n<style>${css}</style>\n</head>\n<body>`,
  );
  if (l.incomplete.length) {
    parts.push(`<section class="warning" id="incomplete"><h2>审核记录不全（${l.incomplete.length} 条，须补齐后方可报送）</h2><ul>`);
    for (const r of l.incomplete) {
      parts.push(`<li data-path="${escapeHtml(r.path)}">${escapeHtml(r.unit)} 第${r.no}条《${escapeHtml(r.title)}》：缺${escapeHtml(r.missing.join('、'))}</li>`);
    }
    parts.push('</ul></section>');
  }
  const units = l.units.length ? l.units : [{ unit: '', rows: [] as LedgerRow[] }];
  for (const u of units) {
    parts.push(`<section class="sheet" data-unit="${escapeHtml(u.unit)}">`);
    parts.push(`<h1>${escapeHtml(l.title)}</h1>`);
    parts.push(
      `<div class="meta"><span>填报单位（盖章）：<span class="unit">${escapeHtml(u.unit)}</span></span><span>所属月份：${month}</span><span>共 ${u.rows.length} 条</span></div>`,
    );
    parts.push('<table class="ledger"><colgroup>' + heads.map((h) => `<col style="width:${colWidths[h]}">`).join('') + '</colgroup>');
    parts.push('<thead><tr>' + heads.map((h) => `<th scope="col">${h}</th>`).join('') + '</tr></thead><tbody>');
    if (u.rows.length === 0) parts.push(`<tr><td colspan="${heads.length}">本月无发布信息</td></tr>`);
    for (const r of u.rows) {
      const cells = rowCells(r).slice(0, heads.length);
      const tds = cells.map((c, i) => {
        const h = heads[i];
        const cls = h === '序号' ? ' class="no"' : h === '发布日期' ? ' class="date"' : '';
        const tier = h === '初审' ? 'first' : h === '复审' ? 'second' : h === '终审' ? 'final' : null;
        if (tier) {
          const { name, date } = r.tiers[tier];
          return `<td class="tier">${escapeHtml(name)}${name && date ? '<br>' : ''}<span class="tier-date">${escapeHtml(date)}</span></td>`;
        }
        if (h === '链接' && c) {
          const href = safeHref(c);
          return `<td>${href ? `<a href="${escapeHtml(href)}">${escapeHtml(c)}</a>` : escapeHtml(c)}</td>`;
        }
        return `<td${cls}>${escapeHtml(c)}</td>`;
      });
      parts.push(`<tr${r.missing.length ? ' class="incomplete"' : ''}>${tds.join('')}</tr>`);
    }
    parts.push('</tbody></table>');
    parts.push('<div class="signatures">');
    for (const role of ['撰稿人', '分管领导', '单位主要领导']) {
      parts.push(`<div class="signature" data-role="${role}">${role}（签字）：<span class="line"></span></div>`);
    }
    parts.push('<div class="seal" data-role="盖章处"><span class="box">盖章处</span></div>');
    parts.push('</div>');
    parts.push(
      `<p class="deadline">报送截止：${deadline}（每月${Number(l.deadline.slice(8))}日前报送县政府办政务公开办存档，同时自留存档一份；依据盘县政办发〔2021〕10号 三(一)）</p>`,
    );
    parts.push('</section>');
  }
  parts.push('</body>\n</html>\n');
  return parts.join('\n');
}
