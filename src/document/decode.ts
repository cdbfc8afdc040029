/**
 * Turning bytes into text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and GB18030/GBK
 * (common on government PCs). Never throws: a file that cannot be decoded comes back as a
 * problem naming the byte offset.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';

/**
 * iconv-lite (its GB18030 tables are half a megabyte) is loaded only to write a GB18030 file back
 * (--fix); decoding uses the runtime's TextDecoder. Kept out of the command line's bundle.
 */
let iconvLib: typeof import('iconv-lite') | null = null;
const iconv = (): typeof import('iconv-lite') => (iconvLib ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  ok: true;
  text: string;
  encoding: Encoding;
  bom: boolean;
}

export interface DecodeProblem {
  ok: false;
  kind: 'binary' | 'encoding';
  /** byte offset of the first bad byte (encoding problems) */
  offset?: number;
}

const CJK = /[\u3400-\u9fff]/g;

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * `firstInvalidUtf8`, asked of the runtime's validator first (native, many times faster than the
 * scan, which then only finds the offset of an invalid file): about 1% of a corpus run (issue 9).
 */
function utf8Problem(buf: Uint8Array): number {
  return isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function decode(buf: Uint8Array): Decoded | DecodeProblem {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const bad = utf8Problem(buf.subarray(3));
    if (bad >= 0) return { ok: false, kind: 'encoding', offset: bad + 3 };
    return { ok: true, text: Buffer.from(buf.buffer, buf.byteOffset + 3, buf.length - 3).toString('utf8'), encoding: 'utf-8', bom: true };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (looksBinary(buf)) return { ok: false, kind: 'binary' };
  const bad = utf8Problem(buf);
  if (bad < 0) return { ok: true, text: Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('utf8'), encoding: 'utf-8', bom: false };
  // Not UTF-8: try GB18030 (a superset of GBK and GB2312). Accept it only when the decoded
  // text is plausibly Chinese, so that random Latin-1 bytes are reported instead of guessed.
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
    const cjk = (text.match(CJK) ?? []).length;
    const high = buf.reduce((n, b) => n + (b >= 0x80 ? 1 : 0), 0);
    if (cjk > 0 && cjk * 2 >= high * 0.8 && !text.includes('\ufffd')) {
      return { ok: true, text, encoding: 'gb18030', bom: false };
    }
  } catch {
    /* fall through */
  }
  return { ok: false, kind: 'encoding', offset: bad };
}

/** Encode text back into the file's own encoding (for --fix). Returns null when a character cannot be represented. */
export function encode(text: string, encoding: Encoding, bom: boolean): Buffer | null {
  let body: Buffer;
  switch (encoding) {
    case 'utf-8':
      body = Buffer.from(text, 'utf8');
      return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    case 'utf-16le':
      body = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
    case 'utf-16be': {
      body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
    case 'gb18030': {
      body = iconv().encode(text, 'gb18030');
      // round-trip check: GB18030 covers all of Unicode, but be safe
      if (iconv().decode(body, 'gb18030') !== text) return null;
      return body;
    }
  }
}
