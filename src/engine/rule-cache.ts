/**
 * Start-up: parsing YAML (rule files, a site's column catalog) with the `yaml` library costs
 * about 150–200 ms of a cold process (mostly the parser warming up), more than the rest of a
 * one-file run. The parsed objects are kept in `dist/.rules-cache.json`, keyed by the SHA-1 of each
 * file's text, so a run whose YAML is unchanged reads one small JSON file instead; the shipped rule
 * directory is kept whole, keyed by its files' names, sizes and mtimes (`cachedRuleDir`), and the
 * default column catalog is compiled (column/catalog.ts). Content-addressed: an edited
 * rule file simply misses and is parsed (and then added). Only used from the compiled package
 * (never writes into src/), and only for values JSON keeps exactly; any problem reading or
 * writing the file just means parsing as before.
 */
import { nodeCrypto } from './lazy-crypto.js';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileStamp } from './compiled.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = import.meta.url;
const cacheFile = here.endsWith('.js') ? fileURLToPath(new URL('../.rules-cache.json', here)) : null;
const MAX_ENTRIES = 1000;

let cache: Record<string, unknown> | null = null;
let added = 0;

function load(): Record<string, unknown> {
  if (cache) return cache;
  cache = {};
  if (!cacheFile) return cache;
  try {
    const v = JSON.parse(readFileSync(cacheFile, 'utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) cache = v as Record<string, unknown>;
  } catch {
    /* none yet */
  }
  return cache;
}

/**
 * true when JSON.stringify → JSON.parse gives back an equal value (with `absentIsUndefined`, an
 * undefined property may come back absent)
 */
function jsonSafe(v: unknown, absentIsUndefined = false): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => jsonSafe(x, absentIsUndefined));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.entries(v as object).every(([k, x]) => k !== '__proto__' && (x === undefined ? absentIsUndefined : jsonSafe(x, absentIsUndefined)));
  return false;
}

/** The parsed YAML of a file's text: from the cache, or `parse(text)` (then remembered). */
export function parsedYaml(text: string, parse: (text: string) => unknown): unknown {
  return cachedParse(nodeCrypto().createHash('sha1').update(text).digest('hex'), () => text, parse);
}

function cachedParse(key: string, text: () => string, parse: (text: string) => unknown): unknown {
  const c = load();
  if (Object.prototype.hasOwnProperty.call(c, key)) {
    // entries are kept as JSON text: parsing one gives the caller a fresh copy, faster than
    // structuredClone of a parsed object (older cache files hold objects)
    const hit = c[key];
    return typeof hit === 'string' ? JSON.parse(hit) : structuredClone(hit);
  }
  const value = parse(text()); // throws on invalid YAML: the caller reports it as before
  if (cacheFile && jsonSafe(value)) {
    c[key] = JSON.stringify(value);
    added++;
  }
  return value;
}

/** Write the cache if this process parsed anything new. Best effort, atomic. */
export function saveYamlCache(): void {
  if (!cacheFile || !cache || !added) return;
  added = 0;
  let entries = Object.entries(cache);
  if (entries.length > MAX_ENTRIES) entries = entries.slice(entries.length - MAX_ENTRIES);
  saveJson(cacheFile, Object.fromEntries(entries));
}

/** Writes `value` as JSON to a file beside `file` and renames it over (best effort: a read-only install keeps working without it). */
export function saveJson(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    /* read-only install: parse every time */
  }
}

const dirCacheFile = here.endsWith('.js') ? fileURLToPath(new URL('../.rules-dir-cache.json', here)) : null;

/**
 * The rules of the shipped rule directory, parsed (`parse`), or from dist/.rules-dir-cache.json
 * when every file has the name, size and modification time it had then: a stat per file instead
 * of reading, hashing and looking up each of the ~60 files (about 15 ms of a one-file run).
 * `file` is kept relative to `dir`. A rule that JSON cannot keep means no cache; a problem
 * reading or writing it means parsing as before.
 */
export function cachedRuleDir<T extends { file: string }>(dir: string, names: string[], parse: () => T[], cacheAt = dirCacheFile): T[] {
  if (!cacheAt) return parse();
  let stamp: string;
  try {
    stamp = names.map((n) => `${n}\0${fileStamp(join(dir, n))}`).join('\n');
  } catch {
    return parse();
  }
  try {
    const c = JSON.parse(readFileSync(cacheAt, 'utf8')) as { dir?: unknown; stamp?: unknown; rules?: T[] };
    if (c.dir === dir && c.stamp === stamp && Array.isArray(c.rules)) return c.rules.map((r) => ({ ...r, file: join(dir, r.file) }));
  } catch {
    /* none yet */
  }
  const rules = parse();
  const kept = rules.map((r) => ({ ...r, file: r.file.slice(dir.length + 1) }));
  if (rules.every((r) => r.file.startsWith(dir)) && jsonSafe(kept, true)) saveJson(cacheAt, { dir, stamp, rules: kept });
  return rules;
}
