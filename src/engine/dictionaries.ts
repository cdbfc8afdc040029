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

/**
 * The lines of a list: the header's `# key: value` lines go into the returned header, and
 * `entry(from, to, line)` is called for each entry line (its text is `text.slice(from, to)`,
 * without the line break and a leading BOM; `line` is 1-based). Comments and blank lines are
 * skipped.
 */
function scanList(text: string, entry: (from: number, to: number, line: number) => void): Record<string, string> {
  const header: Record<string, string> = {};
  let inHeader = true;
  let line = 0;
  for (let i = 0; i <= text.length; ) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    line++;
    let a = i;
    const b = j > i && text.charCodeAt(j - 1) === 13 ? j - 1 : j;
    if (text.charCodeAt(a) === 0xfeff) a++;
    i = j + 1;
    if (b <= a || !text.slice(a, b).trim()) continue;
    if (text.charCodeAt(a) === 35 /* # */) {
      if (inHeader) {
        const m = /^#\s*([A-Za-z_-]+)\s*:\s*(.*)$/.exec(text.slice(a, b));
        if (m) header[m[1]!.toLowerCase()] = m[2]!.trim();
      }
      continue;
    }
    inHeader = false;
    entry(a, b, line);
  }
  return header;
}

const fieldsOf = (text: string, from: number, to: number): string[] => text.slice(from, to).split('\t').map((f) => f.trim());

export function parseList(text: string, path: string): WordList {
  const entries: ListEntry[] = [];
  const header = scanList(text, (a, b, line) => entries.push({ line, fields: fieldsOf(text, a, b) }));
  return { path, header, entries };
}

/** A list file's text; throws DictionaryError when it cannot be read. */
function readListText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new DictionaryError(`cannot read dictionary ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Throws DictionaryError when a list's header lacks `source` or `license`. */
function requireProvenance(header: Record<string, string>, path: string): void {
  if (!header.source || !header.license) {
    throw new DictionaryError(`dictionary ${path} lacks a "# source:" and "# license:" header`);
  }
}

/** Load a list; throws DictionaryError when it has no `source`/`license` header. */
export function loadList(path: string): WordList {
  let list = cache.get(path);
  if (list) return list;
  list = parseList(readListText(path), path);
  requireProvenance(list.header, path);
  cache.set(path, list);
  return list;
}

/**
 * A list read for lookups by its first field, without splitting every line: the lines are only
 * indexed (first field → where its lines are), and a line is split when its key is asked for
 * (each time: the callers keep what they make of it). The entries are those of `loadList`; a
 * cold one-file run that asks about a few keys of a 3,500-line list saves most of the ~25 ms that
 * splitting all of it costs (issue 9).
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
  const text = readListText(path);
  // key → [from, to, line] triples of its lines
  const where = new Map<string, number[]>();
  const header = scanList(text, (a, b, line) => {
    const tab = text.indexOf('\t', a);
    const key = text.slice(a, tab < 0 || tab > b ? b : tab).trim();
    const at = where.get(key);
    if (at) at.push(a, b, line);
    else where.set(key, [a, b, line]);
  });
  requireProvenance(header, path);
  list = {
    path,
    header,
    keys: () => where.keys(),
    has: (key) => where.has(key),
    entries(key) {
      const out: ListEntry[] = [];
      const at = where.get(key);
      if (at) for (let k = 0; k < at.length; k += 3) out.push({ line: at[k + 2]!, fields: fieldsOf(text, at[k]!, at[k + 1]!) });
      return out;
    },
  };
  indexCache.set(path, list);
  return list;
}
