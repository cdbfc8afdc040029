/**
 * Front matter → workflow records. Pure functions over the canonical metadata
 * (`Draft.meta`: Chinese top-level aliases already mapped to English keys). The nested
 * review tiers are mapped here: 初审/first, 复审/second, 终审/final, each with
 * name/姓名, date/日期, opinion/意见.
 */
import { CHANNELS } from '../checks/frontmatter.js';
import { parseDate } from './dates.js';

export type TierKey = 'first' | 'second' | 'final';
export const TIERS: readonly TierKey[] = ['first', 'second', 'final'];
export const TIER_ZH: Record<TierKey, string> = { first: '初审', second: '复审', final: '终审' };

const TIER_ALIASES: Record<string, TierKey> = {
  first: 'first',
  初审: 'first',
  second: 'second',
  复审: 'second',
  final: 'final',
  终审: 'final',
};
const FIELD_ALIASES: Record<string, 'name' | 'date' | 'opinion'> = {
  name: 'name',
  姓名: 'name',
  审核人: 'name',
  date: 'date',
  日期: 'date',
  opinion: 'opinion',
  意见: 'opinion',
};

/** Maps a tier key as written (初审, first, …) to its canonical tier, or null. */
export function tierOf(key: string): TierKey | null {
  return TIER_ALIASES[key.trim()] ?? TIER_ALIASES[key.trim().toLowerCase()] ?? null;
}
/** Maps a tier field key as written (name, 姓名, …) to its canonical field, or null. */
export function tierFieldOf(key: string): 'name' | 'date' | 'opinion' | null {
  return FIELD_ALIASES[key.trim()] ?? FIELD_ALIASES[key.trim().toLowerCase()] ?? null;
}

export interface ReviewTier {
  /** the key as written (初审 or first) */
  key: string;
  name: string | null;
  /** normalised YYYY-MM-DD, null when absent or unreadable */
  date: string | null;
  /** the date as written (for messages), null when absent */
  rawDate: string | null;
  opinion: string | null;
}

export interface ReviewRecord {
  /** true when the front matter has a `review`/`审核` key at all */
  present: boolean;
  tiers: Partial<Record<TierKey, ReviewTier>>;
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Reads the `review` value of the canonical metadata. */
export function normalizeReview(raw: unknown): ReviewRecord {
  const out: ReviewRecord = { present: raw !== undefined && raw !== null, tiers: {} };
  if (!isRecord(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    const tier = tierOf(k);
    if (!tier || out.tiers[tier]) continue;
    const t: ReviewTier = { key: k, name: null, date: null, rawDate: null, opinion: null };
    if (isRecord(v)) {
      for (const [fk, fv] of Object.entries(v)) {
        const f = tierFieldOf(fk);
        if (f === 'name') t.name = str(fv);
        else if (f === 'date') {
          t.rawDate = str(fv);
          t.date = parseDate(fv);
        } else if (f === 'opinion') t.opinion = str(fv);
      }
    } else {
      // `初审: 张三` — a bare name
      t.name = str(v);
    }
    out.tiers[tier] = t;
  }
  return out;
}

/** A tier is complete when it names a signer and carries a readable date. */
export function tierComplete(t: ReviewTier | undefined): boolean {
  return !!t && !!t.name && !!t.date;
}

/** Channels that mean the government website itself (not a new-media account). */
export const WEBSITE_CHANNELS = ['网站', '政府网站', '门户网站', '政府门户网站', 'website', 'web', 'site'];

/** One draft as the ledger and cadence commands see it. */
export interface WorkflowEntry {
  path: string;
  title: string | null;
  unit: string | null;
  column: string | null;
  /** channels as written; empty = the website */
  channels: string[];
  account: string | null;
  /** normalised publishing date */
  date: string | null;
  rawDate: string | null;
  author: string | null;
  url: string | null;
  type: string | null;
  docNumber: string | null;
  interpretation: string[];
  review: ReviewRecord;
}

const CHANNEL_NAMES: Record<string, string> = {
  website: '政府网站',
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  app: '客户端',
  toutiao: '今日头条',
  other: '其他',
};

/** One name per channel, so that `wechat`, `微信` and `微信公众号` are the same account's channel. */
export function channelName(c: string): string {
  const t = c.trim();
  for (const [id, names] of Object.entries(CHANNELS)) {
    if (names.includes(t) || names.includes(t.toLowerCase())) return CHANNEL_NAMES[id] ?? t;
  }
  return t;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => !!s);
  const s = str(v);
  if (!s) return [];
  return s.split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean);
}

export function entryFromMeta(path: string, meta: Record<string, unknown>): WorkflowEntry {
  return {
    path,
    title: str(meta.title),
    unit: str(meta.unit),
    column: str(meta.column),
    channels: [...new Set(list(meta.channel).map(channelName))],
    account: str(meta.account),
    date: parseDate(meta.date),
    rawDate: str(meta.date),
    author: str(meta.author),
    url: str(meta.url),
    type: str(meta.type),
    docNumber: str(meta.doc_number),
    interpretation: Array.isArray(meta.interpretation)
      ? meta.interpretation.map(str).filter((s): s is string => !!s)
      : str(meta.interpretation)
        ? [str(meta.interpretation)!]
        : [],
    review: normalizeReview(meta.review),
  };
}

export function isWebsiteChannel(c: string): boolean {
  return WEBSITE_CHANNELS.includes(c.trim().toLowerCase()) || WEBSITE_CHANNELS.includes(c.trim());
}

/** true when the draft is published on the website (no channel, or a website channel). */
export function onWebsite(e: WorkflowEntry): boolean {
  return e.channels.length === 0 || e.channels.some(isWebsiteChannel);
}

/** The new-media channels of a draft (channels that are not the website). */
export function mediaChannels(e: WorkflowEntry): string[] {
  return e.channels.filter((c) => !isWebsiteChannel(c));
}
