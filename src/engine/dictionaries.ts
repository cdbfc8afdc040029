/**
 * Plain word lists: one entry a line, `#` comments, a header of `# key: value` lines saying where
 * the data came from (`source`) and under what license (`license`). Loaded once per process.
 */
import { readFileSync } from 'node:fs';

export interface ListEntry {
  /** 1-based line number in the file */
  line: number;
  /** the line split on tabs (a line without tabs is one field) */
  fields: string[];
}

export interface WordList {
  path: string;
  header: Record<string, string>;
  entries: ListEntry[];
}

const cache = new Map<string, WordList>();

export class DictionaryError extends Error {}

export function parseList(text: string, path: string): WordList {
  const header: Record<string, string> = {};
  const entries: ListEntry[] = [];
  const lines = text.split(/\r?\n/);
  let inHeader = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.replace(/^\ufeff/, '');
    if (!line.trim()) continue;
    if (line.startsWith('#')) {
      if (inHeader) {
        const m = /^#\s*([A-Za-z_-]+)\s*:\s*(.*)$/.exec(line);
        if (m) header[m[1]!.toLowerCase()] = m[2]!.trim();
      }
      continue;
    }
    inHeader = false;
    entries.push({ line: i + 1, fields: line.split('\t').map((f) => f.trim()) });
  }
  return { path, header, entries };
}

/** Load a list; throws DictionaryError when it has no `source`/`license` header. */
export function loadList(path: string): WordList {
  let list = cache.get(path);
  if (list) return list;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DictionaryError(`cannot read dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  list = parseList(text, path);
  if (!list.header.source || !list.header.license) {
    throw new DictionaryError(`dictionary ${path} lacks a "# source:" and "# license:" header`);
  }
  cache.set(path, list);
  return list;
}

/**
 * A list read for lookups by its first field, without splitting every line: the lines are only
 * indexed (first field → where its lines are), and a line is split when its key is asked for. The
 * entries are those of `loadList` (same skipping of comments, blank lines and a BOM, same trimmed
 * fields and line numbers); a cold one-file run that asks about a few keys of a 3,500-line list
 * saves most of the ~25 ms that splitting all of it costs (issue 9).
 */
export interface IndexedList {
  path: string;
  header: Record<string, string>;
  /** the distinct first fields, in order of first appearance */
  keys(): IterableIterator<string>;
  has(key: string): boolean;
  /** the entries whose first field is `key`, in file order (empty when none) */
  entries(key: string): ListEntry[];
}

const indexCache = new Map<string, IndexedList>();

export function indexList(path: string): IndexedList {
  let list = indexCache.get(path);
  if (list) return list;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DictionaryError(`cannot read dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const header: Record<string, string> = {};
  // key → [start, end, line] triples of its lines
  const where = new Map<string, number[]>();
  let inHeader = true;
  let line = 0;
  for (let i = 0; i <= text.length; ) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    line++;
    let a = i;
    let b = j > i && text.charCodeAt(j - 1) === 13 ? j - 1 : j;
    if (text.charCodeAt(a) === 0xfeff) a++;
    i = j + 1;
    if (b <= a) continue;
    const raw = text.slice(a, b);
    if (!raw.trim()) continue;
    if (text.charCodeAt(a) === 35 /* # */) {
      if (inHeader) {
        const m = /^#\s*([A-Za-z_-]+)\s*:\s*(.*)$/.exec(raw);
        if (m) header[m[1]!.toLowerCase()] = m[2]!.trim();
      }
      continue;
    }
    inHeader = false;
    const tab = raw.indexOf('\t');
    const key = (tab < 0 ? raw : raw.slice(0, tab)).trim();
    const at = where.get(key);
    if (at) at.push(a, b, line);
    else where.set(key, [a, b, line]);
  }
  if (!header.source || !header.license) {
    throw new DictionaryError(`dictionary ${path} lacks a "# source:" and "# license:" header`);
  }
  const parsed = new Map<string, ListEntry[]>();
  list = {
    path,
    header,
    keys: () => where.keys(),
    has: (key) => where.has(key),
    entries(key) {
      let out = parsed.get(key);
      if (out) return out;
      out = [];
      const at = where.get(key);
      if (at) for (let k = 0; k < at.length; k += 3) out.push({ line: at[k + 2]!, fields: text.slice(at[k]!, at[k + 1]!).split('\t').map((f) => f.trim()) });
      parsed.set(key, out);
      return out;
    },
  };
  indexCache.set(path, list);
  return list;
}
