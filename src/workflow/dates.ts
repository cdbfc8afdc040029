/**
 * Calendar dates as plain `YYYY-MM-DD` strings (no time zones: a publishing date is a
 * calendar day, and the notice counts days and months, not hours).
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ZH = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}/;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * Normalises a front matter date (`2021-03-05`, `2021-3-5`, `2021年3月5日`, `2021/3/5`,
 * `2021-03-05T10:00`, or a JS Date from a YAML 1.1 timestamp) to `YYYY-MM-DD`.
 * Returns null for anything else, including impossible dates such as 2021-02-30.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const m = ISO.exec(s) ?? ZH.exec(s) ?? SLASH.exec(s) ?? ISO_TIME.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!valid(y, mo, d)) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/** `YYYY-MM` → [year, month] or null. */
export function parseMonth(value: string): [number, number] | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(value.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return [y, mo];
}

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function addDays(iso: string, n: number): string {
  return new Date((toDay(iso) + n) * 86_400_000).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping the day (2021-08-31 + 6 months = 2022-02-28). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** `YYYY-MM` of an ISO date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** 2021-03-05 → 2021年3月5日 */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
