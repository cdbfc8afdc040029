/**
 * The three-tier review record (notice 二(二): 初审 → 复审 → 终审). Pure: takes the
 * canonical metadata, returns problems; the check kind in src/checks/review.ts turns
 * them into findings.
 */
import { parseDate } from './dates.js';
import { isRecord, normalizeReview, TIER_ZH, tierOf, TIERS, type TierKey } from './meta.js';

export type ReviewCheck = 'missing' | 'order' | 'same-person' | 'rejected' | 'roster';
export const REVIEW_CHECKS: readonly ReviewCheck[] = ['missing', 'order', 'same-person', 'rejected', 'roster'];

export interface ReviewProblem {
  check: ReviewCheck;
  messageId: string;
  /** the tier the problem is about (absent: the review record as a whole) */
  tier?: TierKey;
  /** the field to point at */
  field?: 'name' | 'date' | 'opinion';
  data: Record<string, string>;
}

/** who may sign each tier, per unit (`*` = every unit) */
export type Roster = Record<string, Partial<Record<TierKey, string[]>>>;

export interface ReviewOptions {
  stage: 'draft' | 'publish';
  /** normalised roster (see parseRoster), when configured */
  roster?: Roster | null;
  /** opinions starting with one of these mean the tier rejected the draft */
  rejectPrefixes?: string[];
}

export const DEFAULT_REJECT_PREFIXES = ['不同意', '退回'];

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'string') return v.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
  return [];
}

/**
 * Normalises config `site.reviewers`:
 * `{ 县教育局: { 复审: [李四], 终审: 赵六 } }` (tier keys in Chinese or English, names as a
 * list or a 、-separated string). Returns null when absent; throws on a malformed value.
 */
export function parseRoster(raw: unknown): Roster | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) throw new Error('site.reviewers must map unit names to {复审: [...], 终审: [...]}');
  const out: Roster = {};
  for (const [unit, tiers] of Object.entries(raw)) {
    if (!isRecord(tiers)) throw new Error(`site.reviewers.${unit} must map tiers (复审/终审) to names`);
    const entry: Partial<Record<TierKey, string[]>> = {};
    for (const [k, v] of Object.entries(tiers)) {
      const t = tierOf(k);
      if (!t) throw new Error(`site.reviewers.${unit}: unknown tier “${k}” (use 初审/复审/终审)`);
      entry[t] = names(v).map(normName);
    }
    out[unit.trim()] = entry;
  }
  return out;
}

export function normName(s: string): string {
  return s.replace(/[\s\u3000·•]/g, '');
}

/** Reviews only apply at the publish stage or when the draft carries a review record. */
export function reviewApplies(meta: Record<string, unknown>, stage: 'draft' | 'publish'): boolean {
  return stage === 'publish' || (meta.review !== undefined && meta.review !== null);
}

export function checkReview(meta: Record<string, unknown>, opts: ReviewOptions): ReviewProblem[] {
  const out: ReviewProblem[] = [];
  if (!reviewApplies(meta, opts.stage)) return out;
  const publish = opts.stage === 'publish';
  const rec = normalizeReview(meta.review);

  // missing / incomplete
  if (publish && !rec.present) {
    out.push({ check: 'missing', messageId: 'noReview', data: {} });
  } else {
    for (const t of TIERS) {
      const tier = rec.tiers[t];
      const zh = TIER_ZH[t];
      if (!tier) {
        if (publish) out.push({ check: 'missing', messageId: 'tier', tier: t, data: { tier: zh } });
        continue;
      }
      if (tier.rawDate && !tier.date) {
        out.push({ check: 'missing', messageId: 'badDate', tier: t, field: 'date', data: { tier: zh, value: tier.rawDate } });
      }
      if (publish && !tier.name) out.push({ check: 'missing', messageId: 'name', tier: t, field: 'name', data: { tier: zh } });
      if (publish && !tier.rawDate) out.push({ check: 'missing', messageId: 'date', tier: t, field: 'date', data: { tier: zh } });
    }
  }

  // order: 初审 ≤ 复审 ≤ 终审 ≤ date
  const published = parseDate(meta.date);
  let prev: { t: TierKey; date: string } | null = null;
  for (const t of TIERS) {
    const tier = rec.tiers[t];
    if (!tier?.date) continue;
    if (prev && tier.date < prev.date) {
      out.push({
        check: 'order',
        messageId: 'order',
        tier: t,
        field: 'date',
        data: { tier: TIER_ZH[t], date: tier.date, prevTier: TIER_ZH[prev.t], prevDate: prev.date },
      });
    }
    if (published && tier.date > published) {
      out.push({
        check: 'order',
        messageId: 'afterDate',
        tier: t,
        field: 'date',
        data: { tier: TIER_ZH[t], date: tier.date, published },
      });
    }
    if (!prev || tier.date >= prev.date) prev = { t, date: tier.date };
  }

  // one person, two tiers
  const seen = new Map<string, TierKey>();
  for (const t of TIERS) {
    const tier = rec.tiers[t];
    if (!tier?.name) continue;
    const n = normName(tier.name);
    const other = seen.get(n);
    if (other) {
      out.push({
        check: 'same-person',
        messageId: 'default',
        tier: t,
        field: 'name',
        data: { name: tier.name, tier: TIER_ZH[t], otherTier: TIER_ZH[other] },
      });
    } else seen.set(n, t);
  }

  // rejected yet staged for publishing
  if (publish) {
    const prefixes = opts.rejectPrefixes ?? DEFAULT_REJECT_PREFIXES;
    for (const t of TIERS) {
      const op = rec.tiers[t]?.opinion;
      if (op && prefixes.some((p) => op.startsWith(p))) {
        out.push({ check: 'rejected', messageId: 'default', tier: t, field: 'opinion', data: { tier: TIER_ZH[t], opinion: op } });
      }
    }
  }

  // roster
  if (opts.roster) {
    const unit = typeof meta.unit === 'string' ? meta.unit.trim() : '';
    const forUnit = (unit && opts.roster[unit]) || opts.roster['*'];
    if (forUnit) {
      for (const t of TIERS) {
        const allowed = forUnit[t];
        const tier = rec.tiers[t];
        if (!allowed || !tier?.name) continue;
        if (!allowed.includes(normName(tier.name))) {
          out.push({
            check: 'roster',
            messageId: 'default',
            tier: t,
            field: 'name',
            data: { tier: TIER_ZH[t], name: tier.name, unit: unit || '*', allowed: allowed.join('、') },
          });
        }
      }
    }
  }
  return out;
}
