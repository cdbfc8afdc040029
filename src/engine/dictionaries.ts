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
