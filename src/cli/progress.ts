/**
 * A progress bar on stderr for runs over many files — only on an interactive terminal: never
 * when stderr is piped or redirected, never in CI (`CI` set to anything but false/0), never when
 * `NO_PROGRESS`/`DRAFTLINT_NO_PROGRESS` is set. It redraws one line in place and erases it at
 * the end, so the report that follows is not disturbed.
 */
import { basename } from 'node:path';
import { stringWidth } from '../report/width.js';
import type { Lang } from '../types.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface Progress {
  tick(file?: string): void;
  done(): void;
  readonly enabled: boolean;
}

/** Files needed before a bar is worth showing. */
export const PROGRESS_MIN_FILES = 20;

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function progressEnabled(total: number, stream: ProgressStream, env: NodeJS.ProcessEnv = process.env, min = PROGRESS_MIN_FILES): boolean {
  if (!stream.isTTY) return false;
  if (truthy(env.CI) || truthy(env.NO_PROGRESS) || truthy(env.DRAFTLINT_NO_PROGRESS)) return false;
  if (env.TERM === 'dumb') return false;
  return total >= min;
}

function clip(s: string, width: number): string {
  if (stringWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = stringWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** The text of one frame (exported for tests). */
export function renderBar(done: number, total: number, file: string, columns: number, lang: Lang): string {
  const width = Math.max(10, Math.min(30, Math.floor(columns / 4)));
  const filled = total ? Math.round((done / total) * width) : width;
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const head = `${lang === 'zh' ? '检查中' : 'Linting'} ${bar} ${done}/${total}`;
  const room = columns - stringWidth(head) - 2;
  return room > 8 && file ? `${head}  ${clip(file, room)}` : head;
}

export function createProgress(
  total: number,
  opts: { stream?: ProgressStream; env?: NodeJS.ProcessEnv; lang?: Lang; min?: number; now?: () => number } = {},
): Progress {
  // too few files for a bar: standard error is not even asked (making its stream object loads
  // Node's stream modules, a few ms of a one-file run)
  if (total < (opts.min ?? PROGRESS_MIN_FILES)) return { tick() {}, done() {}, enabled: false };
  const stream = opts.stream ?? process.stderr;
  const enabled = progressEnabled(total, stream, opts.env ?? process.env, opts.min);
  if (!enabled) return { tick() {}, done() {}, enabled: false };
  const lang = opts.lang ?? 'zh';
  const now = opts.now ?? Date.now;
  let count = 0;
  let last = -Infinity;
  let drawn = false;
  const draw = (file: string) => {
    const cols = stream.columns && stream.columns > 20 ? stream.columns : 80;
    stream.write(`\r\x1b[2K${renderBar(count, total, file, cols - 1, lang)}`);
    drawn = true;
  };
  return {
    enabled: true,
    tick(file?: string) {
      count++;
      const t = now();
      // redraw at most ~12 times a second, and always on the last file
      if (t - last >= 80 || count === total) {
        last = t;
        draw(file ? basename(file) : '');
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
