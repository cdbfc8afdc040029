/**
 * Site-wide masking policy (config `privacy.mask`). Each kind keeps `[start, end]` characters
 * visible and replaces the rest with `char`. Separators (space, dash) keep their place.
 *
 * Different lists on one site must keep the SAME positions: a relief list that shows the first 6
 * and last 4 digits and a payment list that shows digits 7–14 of the same ID together reveal the
 * full number.
 */
export type PiiKind =
  | 'id'
  | 'id15'
  | 'mobile'
  | 'bankCard'
  | 'passport'
  | 'permit'
  | 'email'
  | 'address';

export interface MaskPolicy {
  char: string;
  id: [number, number];
  mobile: [number, number];
  bankCard: [number, number];
  passport: [number, number];
  permit: [number, number];
  /** visible characters at the start of an e-mail's local part */
  email: [number, number];
}

export const DEFAULT_MASK: MaskPolicy = {
  char: '*',
  id: [6, 4],
  mobile: [3, 4],
  bankCard: [4, 4],
  passport: [1, 3],
  permit: [1, 3],
  email: [1, 0],
};

const KEY_ALIASES: Record<string, keyof MaskPolicy> = {
  id: 'id',
  idCard: 'id',
  idcard: 'id',
  phone: 'mobile',
  mobile: 'mobile',
  bankCard: 'bankCard',
  bank: 'bankCard',
  passport: 'passport',
  permit: 'permit',
  email: 'email',
};

/**
 * Read `privacy.mask` from config. Accepted shapes for each kind:
 * `[6, 4]`, `{keepStart: 6, keepEnd: 4}` or `{start: 6, end: 4}`; plus `char: '*'`.
 * Returns the policy and a list of problems (unknown keys, bad numbers).
 */
export function resolveMaskPolicy(raw: unknown): { policy: MaskPolicy; problems: string[] } {
  const policy: MaskPolicy = structuredClone(DEFAULT_MASK);
  const problems: string[] = [];
  if (raw == null) return { policy, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('privacy.mask must be a mapping');
    return { policy, problems };
  }
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === 'char') {
      if (typeof v === 'string' && [...v].length === 1) policy.char = v;
      else problems.push('privacy.mask.char must be one character');
      continue;
    }
    const key = KEY_ALIASES[k];
    if (!key || key === 'char') {
      problems.push(`privacy.mask: unknown key "${k}"`);
      continue;
    }
    let pair: unknown[] | null = null;
    if (Array.isArray(v)) pair = v;
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      pair = [o.keepStart ?? o.start ?? o.first, o.keepEnd ?? o.end ?? o.last];
    }
    if (!pair || pair.length !== 2 || !pair.every((n) => Number.isInteger(n) && (n as number) >= 0)) {
      problems.push(`privacy.mask.${k} must be [keepStart, keepEnd] with non-negative integers`);
      continue;
    }
    (policy[key] as [number, number]) = [pair[0] as number, pair[1] as number];
  }
  return { policy, problems };
}

/** Which policy entry applies to a kind. */
export function policyFor(kind: PiiKind, policy: MaskPolicy): [number, number] | null {
  switch (kind) {
    case 'id':
    case 'id15':
      return policy.id;
    case 'mobile':
      return policy.mobile;
    case 'bankCard':
      return policy.bankCard;
    case 'passport':
      return policy.passport;
    case 'permit':
      return policy.permit;
    default:
      return null;
  }
}

const SEP = /[\s\-‐－–—]/;

/**
 * Mask `value` keeping `keep[0]` leading and `keep[1]` trailing significant characters
 * (separators are not counted and are kept). If the policy would keep everything, at least the
 * middle third is masked so that a fix always hides something.
 */
export function maskValue(value: string, keep: [number, number], char = '*'): string {
  const chars = [...value];
  const sig = chars.map((c, i) => (SEP.test(c) ? -1 : i)).filter((i) => i >= 0);
  const n = sig.length;
  let [a, b] = keep;
  if (a + b >= n) {
    const hide = Math.max(1, Math.ceil(n / 3));
    a = Math.floor((n - hide) / 2);
    b = n - hide - a;
  }
  const hidden = new Set(sig.slice(a, n - b));
  return chars.map((c, i) => (hidden.has(i) ? char : c)).join('');
}

/** Mask an e-mail address's local part: `zhangsan@qq.com` → `z*******@qq.com`. */
export function maskEmail(email: string, keep: [number, number], char = '*'): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  const local = email.slice(0, at);
  return maskValue(local, keep, char) + email.slice(at);
}

/**
 * For a number that is already masked in the draft, the positions it reveals that the policy
 * would hide. `shown[i]` is true when significant character i is visible (not a mask character).
 * Returns the indices (in significant characters) revealed beyond the policy.
 */
export function extraRevealed(shown: boolean[], keep: [number, number]): number[] {
  const n = shown.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const policyKeeps = i < keep[0] || i >= n - keep[1];
    if (shown[i] && !policyKeeps) out.push(i);
  }
  return out;
}
