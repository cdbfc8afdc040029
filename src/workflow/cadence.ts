/**
 * Update cadence (notice 三(二) and the State Council's 2019 inspection indicators):
 * new-media accounts post at least weekly and are 僵尸号 after 2 weeks of silence; dynamic
 * website columns go stale after 2 weeks, other columns after 6 months; catalog columns
 * without any item are 空白栏目; five or more stale or empty columns fail a site
 * (单项否决). Pure: entries in, a report out.
 */
import { addDays, addMonths, daysBetween } from './dates.js';
import { isRecord, mediaChannels, onWebsite, type WorkflowEntry } from './meta.js';
import { stringWidth } from '../report/width.js';

export interface CadenceOptions {
  /** longest allowed gap between two posts of an account, in days (notice: weekly) */
  accountMaxGapDays: number;
  /** an account silent this many days or more is a 僵尸号 */
  accountZombieDays: number;
  /** a dynamic column idle more than this many days is overdue */
  dynamicColumnDays: number;
  /** any other column idle more than this many months is overdue */
  otherColumnMonths: number;
  /** a column is dynamic when its name contains one of these */
  dynamicColumns: string[];
  /** per-column limits in days, overriding the above */
  columnDays: Record<string, number>;
  /** this many overdue or empty columns fail the site (单项否决) */
  vetoColumns: number;
  /** accounts that must be tracked even without posts */
  accounts: Array<{ channel: string; account: string; unit?: string }>;
  /** ignore posts before this date when listing gaps */
  since?: string;
}

export const DEFAULT_CADENCE: CadenceOptions = {
  accountMaxGapDays: 7,
  accountZombieDays: 14,
  dynamicColumnDays: 14,
  otherColumnMonths: 6,
  dynamicColumns: ['动态', '要闻', '新闻', '资讯'],
  columnDays: {},
  vetoColumns: 5,
  accounts: [],
};

const CADENCE_KEYS = [
  'accountMaxGapDays',
  'accountZombieDays',
  'dynamicColumnDays',
  'otherColumnMonths',
  'dynamicColumns',
  'columnDays',
  'vetoColumns',
  'accounts',
  'columns',
];

/** Reads config `cadence:` (`columns` is read by catalog.ts) over the defaults; throws on malformed values. */
export function cadenceOptions(raw: unknown): CadenceOptions {
  const o: CadenceOptions = { ...DEFAULT_CADENCE, columnDays: {}, accounts: [] };
  if (raw === undefined || raw === null) return o;
  if (!isRecord(raw)) throw new Error('config cadence: must be a mapping');
  for (const k of Object.keys(raw)) {
    if (!CADENCE_KEYS.includes(k)) throw new Error(`config cadence.${k}: unknown key (known: ${CADENCE_KEYS.join(', ')})`);
  }
  const num = (k: keyof CadenceOptions) => {
    const v = raw[k];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`config cadence.${k} must be a non-negative number`);
    (o as unknown as Record<string, unknown>)[k] = v;
  };
  num('accountMaxGapDays');
  num('accountZombieDays');
  num('dynamicColumnDays');
  num('otherColumnMonths');
  num('vetoColumns');
  if (raw.dynamicColumns !== undefined) {
    if (!Array.isArray(raw.dynamicColumns) || !raw.dynamicColumns.every((x) => typeof x === 'string'))
      throw new Error('config cadence.dynamicColumns must be a list of strings');
    o.dynamicColumns = raw.dynamicColumns as string[];
  }
  if (raw.columnDays !== undefined) {
    if (!isRecord(raw.columnDays)) throw new Error('config cadence.columnDays must map column names to days');
    for (const [k, v] of Object.entries(raw.columnDays)) {
      if (typeof v !== 'number' || v < 0) throw new Error(`config cadence.columnDays.${k} must be a number of days`);
      o.columnDays[k] = v;
    }
  }
  if (raw.accounts !== undefined) {
    if (!Array.isArray(raw.accounts)) throw new Error('config cadence.accounts must be a list of {channel, account}');
    for (const a of raw.accounts) {
      if (!isRecord(a) || typeof a.channel !== 'string' || typeof a.account !== 'string')
        throw new Error('config cadence.accounts entries need channel and account');
      o.accounts.push({ channel: a.channel, account: a.account, unit: typeof a.unit === 'string' ? a.unit : undefined });
    }
  }
  return o;
}

export interface Gap {
  from: string;
  /** the next post, or the as-of date for the open gap after the last post */
  to: string;
  days: number;
  /** true when no post has followed yet */
  open: boolean;
}

export type AccountStatus = 'ok' | 'behind' | 'zombie';

export interface AccountReport {
  channel: string;
  account: string;
  units: string[];
  posts: number;
  firstPost: string | null;
  lastPost: string | null;
  daysSinceLast: number | null;
  gaps: Gap[];
  status: AccountStatus;
}

export type ColumnStatus = 'ok' | 'overdue' | 'empty';

export interface ColumnReport {
  column: string;
  dynamic: boolean;
  posts: number;
  lastPost: string | null;
  idleDays: number | null;
  /** human-readable limit, e.g. 14天 / 6个月 */
  limit: string;
  /** the day after which the column is overdue (null when empty) */
  dueBy: string | null;
  status: ColumnStatus;
  inCatalog: boolean;
}

export interface CadenceReport {
  asOf: string;
  accounts: AccountReport[];
  columns: ColumnReport[];
  /** catalog columns with no item at all */
  blankColumns: string[];
  /** overdue + empty columns */
  staleColumnCount: number;
  /** staleColumnCount >= vetoColumns */
  veto: boolean;
  /** anything behind: an account behind or a column overdue or empty */
  behind: boolean;
  /** drafts without a readable date (not counted) */
  undated: string[];
}

export function isDynamicColumn(name: string, o: CadenceOptions): boolean {
  return o.dynamicColumns.some((d) => name.includes(d));
}

export function computeCadence(
  entries: WorkflowEntry[],
  asOf: string,
  o: CadenceOptions = DEFAULT_CADENCE,
  catalog: string[] = [],
): CadenceReport {
  const undated = entries.filter((e) => !e.date).map((e) => e.path);
  const dated = entries.filter((e) => e.date && e.date <= asOf);

  // accounts
  const accounts = new Map<string, { channel: string; account: string; units: Set<string>; dates: Set<string> }>();
  const acc = (channel: string, account: string) => {
    const k = `${channel}\u0000${account}`;
    if (!accounts.has(k)) accounts.set(k, { channel, account, units: new Set(), dates: new Set() });
    return accounts.get(k)!;
  };
  for (const a of o.accounts) {
    const r = acc(a.channel, a.account);
    if (a.unit) r.units.add(a.unit);
  }
  for (const e of dated) {
    for (const ch of mediaChannels(e)) {
      const r = acc(ch, e.account ?? e.unit ?? '（未填写账号）');
      if (e.unit) r.units.add(e.unit);
      r.dates.add(e.date!);
    }
  }
  const accountReports: AccountReport[] = [...accounts.values()].map((a) => {
    const all = [...a.dates].sort();
    const dates = o.since ? all.filter((d) => d >= o.since!) : all;
    const gaps: Gap[] = [];
    for (let i = 1; i < dates.length; i++) {
      const days = daysBetween(dates[i - 1]!, dates[i]!);
      if (days > o.accountMaxGapDays) gaps.push({ from: dates[i - 1]!, to: dates[i]!, days, open: false });
    }
    const last = all.length ? all[all.length - 1]! : null;
    const since = last ? daysBetween(last, asOf) : null;
    if (last && since! > o.accountMaxGapDays && (!o.since || last >= o.since)) {
      gaps.push({ from: last, to: asOf, days: since!, open: true });
    }
    const status: AccountStatus =
      since === null || since >= o.accountZombieDays ? 'zombie' : since > o.accountMaxGapDays ? 'behind' : 'ok';
    return {
      channel: a.channel,
      account: a.account,
      units: [...a.units].sort(),
      posts: all.length,
      firstPost: all[0] ?? null,
      lastPost: last,
      daysSinceLast: since,
      gaps,
      status,
    };
  });
  const coll = new Intl.Collator('zh-Hans-CN');
  accountReports.sort((x, y) => coll.compare(x.channel, y.channel) || coll.compare(x.account, y.account));

  // website columns
  const cols = new Map<string, string[]>();
  for (const c of catalog) cols.set(c, []);
  for (const e of dated) {
    if (!e.column || !onWebsite(e)) continue;
    if (!cols.has(e.column)) cols.set(e.column, []);
    cols.get(e.column)!.push(e.date!);
  }
  const catalogSet = new Set(catalog);
  const columnReports: ColumnReport[] = [...cols.entries()].map(([column, ds]) => {
    const dynamic = isDynamicColumn(column, o);
    const override = o.columnDays[column];
    const limit =
      override !== undefined ? `${override}天` : dynamic ? `${o.dynamicColumnDays}天` : `${o.otherColumnMonths}个月`;
    const last = ds.length ? ds.sort()[ds.length - 1]! : null;
    let dueBy: string | null = null;
    if (last) {
      dueBy =
        override !== undefined
          ? addDays(last, override)
          : dynamic
            ? addDays(last, o.dynamicColumnDays)
            : addMonths(last, o.otherColumnMonths);
    }
    const status: ColumnStatus = !last ? 'empty' : asOf > dueBy! ? 'overdue' : 'ok';
    return {
      column,
      dynamic,
      posts: ds.length,
      lastPost: last,
      idleDays: last ? daysBetween(last, asOf) : null,
      limit,
      dueBy,
      status,
      inCatalog: catalogSet.has(column),
    };
  });
  columnReports.sort((x, y) => coll.compare(x.column, y.column));
  const blankColumns = columnReports.filter((c) => c.status === 'empty').map((c) => c.column);
  const stale = columnReports.filter((c) => c.status !== 'ok').length;
  return {
    asOf,
    accounts: accountReports,
    columns: columnReports,
    blankColumns,
    staleColumnCount: stale,
    veto: stale >= o.vetoColumns,
    behind: accountReports.some((a) => a.status !== 'ok') || stale > 0,
    undated,
  };
}

/** Display width: CJK and full-width characters count 2 (the same measure as the stylish report). */
export const displayWidth = stringWidth;

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const ACCOUNT_STATUS: Record<AccountStatus, string> = { ok: '正常', behind: '超过一周未更新', zombie: '僵尸号' };
const COLUMN_STATUS: Record<ColumnStatus, string> = { ok: '正常', overdue: '超期未更新', empty: '空白栏目' };

export function renderCadenceText(r: CadenceReport, o: CadenceOptions = DEFAULT_CADENCE): string {
  const out: string[] = [`更新情况（截至 ${r.asOf}）`, ''];
  out.push(`新媒体账号（每周至少更新一次；${o.accountZombieDays} 天及以上未更新为僵尸号）`);
  if (r.accounts.length === 0) out.push('  （无新媒体账号）');
  else {
    out.push(
      ...table(
        ['渠道', '账号', '单位', '条数', '最近发布', '未更新天数', '状态'],
        r.accounts.map((a) => [
          a.channel,
          a.account,
          a.units.join('、'),
          String(a.posts),
          a.lastPost ?? '—',
          a.daysSinceLast === null ? '—' : String(a.daysSinceLast),
          ACCOUNT_STATUS[a.status],
        ]),
      ).map((l) => '  ' + l),
    );
    for (const a of r.accounts) {
      for (const g of a.gaps) {
        out.push(
          g.open
            ? `  ! ${a.channel}·${a.account}：${g.from} 之后 ${g.days} 天未更新（超过 ${o.accountMaxGapDays} 天）`
            : `  ! ${a.channel}·${a.account}：${g.from} 至 ${g.to} 间隔 ${g.days} 天（超过 ${o.accountMaxGapDays} 天）`,
        );
      }
    }
  }
  out.push('', `网站栏目（动态类 ${o.dynamicColumnDays} 天、其他栏目 ${o.otherColumnMonths} 个月内须更新）`);
  if (r.columns.length === 0) out.push('  （无栏目）');
  else {
    out.push(
      ...table(
        ['栏目', '类型', '条数', '最近发布', '期限', '状态'],
        r.columns.map((c) => [
          c.column,
          c.dynamic ? '动态类' : '其他',
          String(c.posts),
          c.lastPost ?? '—',
          c.limit,
          COLUMN_STATUS[c.status],
        ]),
      ).map((l) => '  ' + l),
    );
  }
  if (r.blankColumns.length) out.push('', `空白栏目（${r.blankColumns.length}）：${r.blankColumns.join('、')}`);
  if (r.undated.length) out.push('', `未填写有效发布日期、未计入（${r.undated.length}）：${r.undated.join(', ')}`);
  out.push('');
  if (r.veto) {
    out.push(
      `警告：${r.staleColumnCount} 个栏目超期未更新或为空白栏目（达到 ${o.vetoColumns} 个），检查时将被单项否决。`,
    );
  }
  const zombies = r.accounts.filter((a) => a.status === 'zombie').length;
  if (zombies) out.push(`警告：${zombies} 个新媒体账号为僵尸号（${o.accountZombieDays} 天及以上未更新），检查时将被单项否决。`);
  out.push(r.behind ? '结论：存在更新不及时的账号或栏目。' : '结论：全部账号和栏目按期更新。');
  return out.join('\n') + '\n';
}

export function renderCadenceJson(r: CadenceReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
