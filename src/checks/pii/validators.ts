/**
 * Pure validators for personal identifiers found in Chinese government drafts.
 *
 * - Resident identity numbers (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit,
 *   a known province-level region code and a real birth date; the 15-digit first-generation
 *   form (YYMMDD birth date, 19xx).
 * - Mobile numbers (1[3-9] + 9 digits, mainland carrier segments).
 * - Bank card numbers: Luhn (ISO/IEC 7812) over 16–19 digits.
 * - Unified social credit codes (GB 32100-2015): 18 characters from a 31-character set with a
 *   MOD 31 check character. They identify organisations, not people, and are never flagged.
 */

/** Province-level codes of GB/T 2260 (plus 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
  54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Is the 6-digit administrative division code plausible (known province and a non-zero prefecture part)? */
export function plausibleRegion(code6: string): boolean {
  if (!/^\d{6}$/.test(code6)) return false;
  const prov = Number(code6.slice(0, 2));
  if (!PROVINCES.has(prov)) return false;
  // 71/81/82 are written 710000/810000/820000 on residence permits; other provinces need a city part
  if (prov >= 71) return true;
  return code6.slice(2, 4) !== '00';
}

/** A real calendar date between 1900-01-01 and `today`. */
export function plausibleDate(y: number, m: number, d: number, today: Date = new Date()): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return false;
  const t = Date.UTC(y, m - 1, d);
  return t <= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** 18-character resident ID: region, birth date and check digit all valid. */
export function isResidentId18(s: string, today?: Date): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  if (!plausibleRegion(s.slice(0, 6))) return false;
  if (!plausibleDate(+s.slice(6, 10), +s.slice(10, 12), +s.slice(12, 14), today)) return false;
  return idCheckChar(s) === s[17]!.toUpperCase();
}

/**
 * 15-digit first-generation ID (issued 1984–1999): region and a 19YYMMDD birth date. Holders still
 * listed today were born 1920–1999; earlier years are far more often exam-ticket or serial numbers.
 */
export function isResidentId15(s: string, today?: Date): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  if (!plausibleRegion(s.slice(0, 6))) return false;
  if (+s.slice(6, 8) < 20) return false;
  return plausibleDate(1900 + +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), today);
}

/** Mainland mobile number (11 digits, no separators). Segments per MIIT numbering plan. */
export function isMobile(s: string): boolean {
  return /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/.test(s);
}

/** Luhn checksum over a digit string. */
export function luhnValid(s: string): boolean {
  if (!/^\d+$/.test(s)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = s.length - 1; i >= 0; i--) {
    let d = s.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/**
 * Bank card: 16–19 digits, Luhn-valid, with an issuer prefix used by cards issued in China
 * (UnionPay 62/60/81, Visa 4, Mastercard 51–55/22–27, JCB 35, Amex 34/37). Corporate settlement
 * accounts (no Luhn digit, other leading digits) are therefore not taken for cards.
 * Uniform runs (0000…, 1111…) are rejected.
 */
export function isBankCard(s: string): boolean {
  if (!/^\d{16,19}$/.test(s)) return false;
  if (/^(\d)\1+$/.test(s)) return false;
  if (!/^(?:62|60|81|4|5[1-5]|2[2-7]|35|3[47])/.test(s)) return false;
  return luhnValid(s);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015) with a valid check character. */
export function isCreditCode(s: string): boolean {
  const u = s.toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(u)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(u[i]!) * USCC_WEIGHTS[i]!;
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c] === u[17];
}

/** Compute the GB 32100 check character for 17 characters (for fixtures and tests). */
export function creditCodeCheckChar(first17: string): string {
  const u = first17.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(u[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}
