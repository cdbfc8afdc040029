/**
 * `--cache` (as in ESLint): a file whose content, configuration and rule set are unchanged is not
 * linted again. The cache lives in `.draftlintcache/results.json` under the working directory
 * (`--cache-location <dir>`, or a path ending in `.json` for the file itself).
 *
 * An entry is valid when its key matches: the SHA-1 of the file's bytes plus the SHA-1 of the
 * environment the result came from — draftlint's version and code, the Node major version, the
 * resolved configuration of that file, the lint options that change results, the content of every
 * rule YAML (built-in and `rulePaths`), of every file in `dictionaries/`, and of every existing
 * file the configuration names. Results with fixes applied are never stored, and results that
 * still carry fixes are not used by `--fix`/`--fix-dry-run` (those files are linted again).
 *
 * Rules that look beyond the file itself (interpretation/* reading the named 解读 file,
 * meta/backdated reading git history) are not re-run on a hit: as with ESLint's cross-file rules,
 * delete the cache (or run without `--cache`) when those outside facts change. Online checks
 * (`--check-links`) bypass the cache.
 */
import { nodeCrypto } from './lazy-crypto.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../types.js';
import type { LintResult } from './index.js';
import { makeDir } from './make-dir.js';

const FORMAT = 1;

export interface CachedResult extends Omit<LintResult, 'source' | 'output'> {
  /** whether the fresh result carried the decoded text (re-attached from the file on a hit) */
  hasSource: boolean;
}

interface CacheFile {
  format: number;
  /** content hashes of dependency files, reused while size and mtime are unchanged */
  deps: Record<string, { size: number; mtimeMs: number; hash: string }>;
  /** relative path (posix) → entry */
  entries: Record<string, { key: string; result: CachedResult }>;
}

export function sha1(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha1').update(data).digest('hex');
}

export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The cache file for a `--cache-location` (default `.draftlintcache/` in cwd). */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  const loc = resolve(cwd, location ?? '.draftlintcache');
  if (/\.json$/i.test(loc)) return loc;
  return join(loc, 'results.json');
}

function listFilesDeep(dir: string, out: string[] = []): string[] {
  let names: import('node:fs').Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of names) {
    const p = join(dir, d.name);
    if (d.isDirectory()) listFilesDeep(p, out);
    else if (d.isFile()) out.push(p);
  }
  return out;
}

/** Strings in the configuration that name an existing file (a roster, a catalog, a list). */
function referencedFiles(config: Config, bases: string[]): string[] {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length > 512 || !/[\\/.]/.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return;
      for (const b of bases) {
        const p = isAbsolute(v) ? v : resolve(b, v);
        try {
          if (statSync(p).isFile()) {
            out.add(p);
            break;
          }
        } catch {
          /* not a file */
        }
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(config);
  return [...out].sort();
}

export class LintCache {
  private data: CacheFile;
  private dirty = false;
  private envMemo = new Map<string, string>();
  private staticPart: string | null = null;

  private constructor(
    readonly file: string,
    readonly cwd: string,
    readonly packageRoot: string,
    data: CacheFile | null,
  ) {
    this.data = data ?? { format: FORMAT, deps: {}, entries: {} };
  }

  static async open(location: string | undefined, cwd: string, packageRoot: string): Promise<LintCache> {
    const file = cacheFilePath(location, cwd);
    let data: CacheFile | null = null;
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (parsed && parsed.format === FORMAT && parsed.entries && parsed.deps) data = parsed;
    } catch {
      /* no cache yet, or unreadable: start afresh */
    }
    return new LintCache(file, cwd, packageRoot, data);
  }

  /** Content hash of a dependency file, recomputed only when its size or mtime changed. */
  private depHash(path: string): string {
    let st;
    try {
      st = statSync(path);
    } catch {
      return 'missing';
    }
    const prev = this.data.deps[path];
    if (prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs) return prev.hash;
    const hash = sha1(readFileSync(path));
    this.data.deps[path] = { size: st.size, mtimeMs: st.mtimeMs, hash };
    this.dirty = true;
    return hash;
  }

  private hashFiles(paths: string[]): string {
    return sha1(paths.map((p) => `${p}\0${this.depHash(p)}`).join('\n'));
  }

  /** Version, Node major, the package's code, built-in rules and dictionaries: once per process. */
  private staticHash(): string {
    if (this.staticPart) return this.staticPart;
    let version = '?';
    try {
      version = (JSON.parse(readFileSync(join(this.packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* keep '?' */
    }
    // the compiled code, by content (hashes reused while size and mtime are unchanged): a changed
    // check between two releases invalidates, an identical rebuild does not
    const code = this.hashFiles(listFilesDeep(join(this.packageRoot, 'dist')).filter((p) => p.endsWith('.js')).sort());
    const rules = listFilesDeep(join(this.packageRoot, 'rules')).filter((p) => /\.ya?ml$/.test(p)).sort();
    const dicts = listFilesDeep(join(this.packageRoot, 'dictionaries')).sort();
    this.staticPart = sha1([`draftlint@${version}`, `node${process.versions.node.split('.')[0]}`, code, this.hashFiles(rules), this.hashFiles(dicts)].join('\n'));
    return this.staticPart;
  }

  /**
   * The environment part of the key for one file's resolved configuration and the options that
   * change results (`only`, `lang`, `online`, …). Memoized per distinct configuration.
   */
  envHash(config: Config, configFile: string, options: Record<string, unknown>): string {
    const text = stableStringify({ config, options });
    let h = this.envMemo.get(text);
    if (h) return h;
    const extraRules = ((config.rulePaths as string[] | undefined) ?? []).flatMap((d) => listFilesDeep(d).filter((p) => /\.ya?ml$/.test(p))).sort();
    const bases = [configFile.startsWith('<') ? this.cwd : dirname(configFile), this.cwd];
    const named = referencedFiles(config, bases);
    const configFileHash = configFile.startsWith('<') ? '' : this.depHash(configFile);
    h = sha1([this.staticHash(), sha1(text), configFileHash, this.hashFiles(extraRules), this.hashFiles(named)].join('\n'));
    this.envMemo.set(text, h);
    return h;
  }

  private rel(file: string): string {
    return relative(this.cwd, resolve(this.cwd, file)).split(sep).join('/');
  }

  get(file: string, key: string): CachedResult | undefined {
    const e = this.data.entries[this.rel(file)];
    return e && e.key === key ? e.result : undefined;
  }

  set(file: string, key: string, result: LintResult): void {
    const { source, output, ...rest } = result;
    if (output !== undefined) return; // never cache a result with fixes applied
    this.data.entries[this.rel(file)] = { key, result: { ...rest, hasSource: source !== undefined } };
    this.dirty = true;
  }

  delete(file: string): void {
    if (this.data.entries[this.rel(file)]) {
      delete this.data.entries[this.rel(file)];
      this.dirty = true;
    }
  }

  /** Write the cache atomically (a temporary file renamed over the old one). */
  async save(): Promise<void> {
    if (!this.dirty) return;
    makeDir(dirname(this.file));
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(this.data));
      await rename(tmp, this.file);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined); // no half-written file left behind
      throw e;
    }
    this.dirty = false;
  }
}

/** A cached result turned back into a LintResult for `file`, with the decoded text re-attached. */
export function fromCache(cached: CachedResult, file: string, source: string | undefined): LintResult {
  const { hasSource, ...rest } = cached;
  const r: LintResult = { ...rest, filePath: file };
  if (hasSource && source !== undefined) r.source = source;
  return r;
}
