/**
 * `spelling` kind (spelling/en): English words in the prose checked against an English
 * hunspell dictionary (dictionary-en). Engine: nodehun (native hunspell), loaded with
 * createRequire; when the addon cannot load, retext + retext-english + retext-spell (nspell,
 * pure JS) is used instead, automatically. `DRAFTLINT_SPELL_ENGINE=nspell` forces the fallback.
 *
 * Not checked: URLs, e-mail addresses and code (U+FFFC in the run, and any chunk with @, ://,
 * a domain or digits), ALL-CAPS acronyms, camel-case names (WeChat, iPhone), pinyin (Panshan,
 * zhengwu), words of one or two letters, and accepted words (dictionaries/words.txt + config
 * `words`, case-insensitive).
 */
import type { MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CheckKind, Draft } from '../types.js';
import { emit, proseRuns, readList, type Hit } from './language-util.js';

export interface SpellEngine {
  name: 'nodehun' | 'nspell';
  /** words → suggestions (empty array = misspelled, no suggestion); correct words are absent */
  misspelled(words: readonly string[]): Promise<Map<string, string[]>>;
}

export interface EngineStatus {
  engine: SpellEngine['name'];
  nodehun: { ok: boolean; error?: string; version?: string };
  dictionary: string;
}

/**
 * dictionary-en is an ES module with top-level await: require() cannot load it, so the CommonJS
 * bundle (src/cli/loader.ts, where import() is turned into require()) is given an import() from
 * outside (`globalThis.__draftlintImport`, set by dist/start.cjs).
 */
async function importDictionary(): Promise<{ aff: Uint8Array; dic: Uint8Array }> {
  const viaHost = (globalThis as { __draftlintImport?: (s: string) => Promise<{ default: unknown }> }).__draftlintImport;
  return (viaHost ? await viaHost('dictionary-en') : await import('dictionary-en')).default as { aff: Uint8Array; dic: Uint8Array };
}

async function dictionaryFiles(): Promise<{ aff: Buffer; dic: Buffer }> {
  const d = await importDictionary();
  return { aff: Buffer.from(d.aff), dic: Buffer.from(d.dic) };
}

interface NodehunLike {
  spell(w: string): Promise<boolean>;
  suggest(w: string): Promise<string[] | null>;
  spellSync(w: string): boolean;
  suggestSync(w: string): string[] | null;
}

/** Load nodehun with the en dictionary; throws when the native addon cannot load. */
export async function loadNodehun(): Promise<SpellEngine & { version: string }> {
  const req = createRequire(import.meta.url);
  const { Nodehun } = req('nodehun') as { Nodehun: new (aff: Buffer, dic: Buffer) => NodehunLike };
  const version = (req('nodehun/package.json') as { version: string }).version;
  const { aff, dic } = await dictionaryFiles();
  const hun = new Nodehun(aff, dic);
  const { isMainThread } = await import('node:worker_threads');
  return {
    name: 'nodehun',
    version,
    async misspelled(words) {
      const out = new Map<string, string[]>();
      // nodehun's asynchronous calls abort the process inside a worker thread (`--jobs`); the
      // synchronous ones give the same answers there
      const sync = !isMainThread;
      for (const w of words) {
        if (sync ? hun.spellSync(w) : await hun.spell(w)) continue;
        out.set(w, ((sync ? hun.suggestSync(w) : await hun.suggest(w)) ?? []).slice(0, 3));
      }
      return out;
    },
  };
}

/** The pure-JS fallback: retext + retext-english + retext-spell (nspell). */
export async function loadNspell(): Promise<SpellEngine> {
  const [{ retext }, english, spell, dictionary] = await Promise.all([
    import('retext'),
    import('retext-english').then((m) => m.default),
    import('retext-spell').then((m) => m.default),
    importDictionary(),
  ]);
  const processor = retext().use(english).use(spell, { dictionary, max: 3, ignoreLiteral: false, ignoreDigits: true });
  return {
    name: 'nspell',
    async misspelled(words) {
      const out = new Map<string, string[]>();
      if (!words.length) return out;
      const file = await processor.process(words.join('\n\n'));
      for (const m of file.messages) {
        const actual = (m as { actual?: string }).actual;
        if (actual) out.set(actual, [...((m as { expected?: string[] }).expected ?? [])].slice(0, 3));
      }
      return out;
    },
  };
}

let enginePromise: Promise<SpellEngine> | null = null;
let status: EngineStatus | null = null;

// ---------------------------------------------------------------- spelling for lint workers
// nodehun keeps its class constructor in one static reference for the whole process: each thread
// that loads the addon overwrites it, and a worker that ends frees what another thread still
// uses, which crashes the process ("double free or corruption", seen at the end of `--jobs`
// runs). So nodehun is loaded by one thread only: a lint worker sends its words to the thread
// that started it (`serveSpelling`) and gets back that thread's answers, the same as in-process.

interface SpellRequest {
  id: number;
  words: readonly string[];
}
interface SpellReply {
  id: number;
  engine: SpellEngine['name'];
  bad?: Array<[string, string[]]>;
  error?: string;
}

/** Answers a worker's spelling requests on `port` with this thread's engine. */
export function serveSpelling(port: MessagePort): void {
  port.on('message', (m: SpellRequest) => {
    void (async () => {
      try {
        const engine = await spellEngine();
        const bad = m.words.length ? await engine.misspelled(m.words) : new Map<string, string[]>();
        port.postMessage({ id: m.id, engine: engine.name, bad: [...bad] } satisfies SpellReply);
      } catch (e) {
        port.postMessage({ id: m.id, engine: 'nspell', error: (e as Error).message } satisfies SpellReply);
      }
    })();
  });
}

/** In a lint worker: spelling is asked of the thread at the other end of `port` (see above). */
export function useRemoteSpelling(port: MessagePort): void {
  const waiting = new Map<number, { resolve: (r: SpellReply) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  port.on('message', (r: SpellReply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (!waiting.size) port.unref();
    if (r.error !== undefined) w?.reject(new Error(r.error));
    else w?.resolve(r);
  });
  // the port keeps the worker alive only while an answer is awaited
  port.unref();
  const ask = (words: readonly string[]) =>
    new Promise<SpellReply>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      port.ref();
      port.postMessage({ id, words } satisfies SpellRequest);
    });
  enginePromise = (async () => {
    // the first request only learns the engine's name (reported in every message)
    const { engine: name } = await ask([]);
    return {
      name,
      async misspelled(words) {
        return new Map((await ask(words)).bad);
      },
    };
  })();
}

/** The engine in use (nodehun, else nspell), loaded once per process. */
export function spellEngine(): Promise<SpellEngine> {
  enginePromise ??= (async () => {
    const forced = process.env.DRAFTLINT_SPELL_ENGINE;
    let nodehunErr: string | undefined;
    let version: string | undefined;
    if (forced !== 'nspell') {
      try {
        const e = await loadNodehun();
        version = e.version;
        status = { engine: 'nodehun', nodehun: { ok: true, version }, dictionary: 'dictionary-en' };
        return e;
      } catch (err) {
        nodehunErr = (err as Error).message;
      }
    } else nodehunErr = 'disabled by DRAFTLINT_SPELL_ENGINE=nspell';
    status = { engine: 'nspell', nodehun: { ok: false, error: nodehunErr }, dictionary: 'dictionary-en' };
    return loadNspell();
  })();
  return enginePromise;
}
export async function engineStatus(): Promise<EngineStatus> {
  await spellEngine();
  return status!;
}

// ---------------------------------------------------------------- word extraction
const SYLLABLE = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)/;
function parsesAsPinyin(w: string): boolean {
  const s = w.toLowerCase();
  const memo = new Map<number, boolean>();
  const go = (i: number): boolean => {
    if (i === s.length) return true;
    if (memo.has(i)) return memo.get(i)!;
    let ok = false;
    // try every syllable length at i
    for (let j = Math.min(s.length, i + 6); j > i && !ok; j--) {
      const m = SYLLABLE.exec(s.slice(i, j));
      if (m && m[0].length === j - i) ok = go(j);
    }
    memo.set(i, ok);
    return ok;
  };
  return go(0);
}
/** Capitalised pinyin names (Panshan, Guizhou) and lowercase pinyin with a pinyin-only spelling. */
export function isPinyin(w: string): boolean {
  if (!parsesAsPinyin(w)) return false;
  if (/^[A-Z][a-z]+$/.test(w)) return true;
  return /zh|ch|sh|x|q|iang|iong|uang|ian|iao/.test(w.toLowerCase());
}

/** English words to check in a text, with their offsets. */
export function englishWords(text: string, accepted: ReadonlySet<string>): Array<{ start: number; end: number; word: string }> {
  const out: Array<{ start: number; end: number; word: string }> = [];
  // chunks of non-space, non-CJK characters
  const chunkRe = /[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef\ufffc“”‘’《》（）【】、，。；：！？]+/g;
  let c: RegExpExecArray | null;
  while ((c = chunkRe.exec(text))) {
    const chunk = c[0];
    if (/@|:\/\/|^www\.|\.[a-z]{2,}(?:\/|$)|[\d_\\/=<>{}#$%&*+|~^`]/i.test(chunk)) continue;
    const wordRe = /[A-Za-z]+(?:['’][A-Za-z]+)*/g;
    let m: RegExpExecArray | null;
    while ((m = wordRe.exec(chunk))) {
      const w = m[0];
      if (w.length < 3) continue;
      if (/^[A-Z]+$/.test(w) || /[a-z][A-Z]/.test(w) || /^[A-Z]{2}/.test(w)) continue;
      if (accepted.has(w.toLowerCase())) continue;
      if (isPinyin(w)) continue;
      out.push({ start: c.index + m.index, end: c.index + m.index + w.length, word: w });
    }
  }
  return out;
}

export async function findMisspellings(text: string, accepted: ReadonlySet<string>, engine: SpellEngine): Promise<Hit[]> {
  const words = englishWords(text, accepted);
  if (!words.length) return [];
  const bad = await engine.misspelled([...new Set(words.map((w) => w.word))]);
  return words
    .filter((w) => bad.has(w.word))
    .map((w) => {
      const sugg = bad.get(w.word)!;
      return {
        start: w.start,
        end: w.end,
        messageId: sugg.length ? 'default' : 'nosuggestion',
        data: { actual: w.word, suggestions: sugg.join('、'), engine: engine.name },
        suggestions: sugg.map((s) => ({ start: w.start, end: w.end, text: s, desc: `→ ${s}` })),
      };
    });
}

const kind: CheckKind = {
  id: 'spelling',
  create(_rule, options, ctx) {
    let accepted: Set<string> | null = null;
    return {
      async run(draft: Draft, report) {
        if (!accepted) {
          const file = path.join(ctx.packageRoot, 'dictionaries', (options.list as string) ?? 'words.txt');
          accepted = new Set([...readList(file).entries.map((e) => e.fields[0]!), ...(ctx.config.words ?? [])].map((w) => String(w).toLowerCase()));
        }
        const runs = proseRuns(draft).filter((r) => /[A-Za-z]{3}/.test(r.text));
        if (!runs.length) return;
        const engine = await spellEngine();
        for (const run of runs) emit(draft, run, await findMisspellings(run.text, accepted, engine), report);
      },
    };
  },
};
export default kind;
