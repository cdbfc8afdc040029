/**
 * A lint worker (`--jobs`): receives batches of files, lints (and fixes) each exactly as the
 * in-process path does, and sends back each outcome. Rule sets are compiled once per worker, on
 * the first file that needs them, over the lexicon and model the parent shared (`shareFiles`); at
 * the end it sends its per-rule timings. English spelling is
 * asked of the thread that started the worker (see `serveSpelling`).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { lintOneFileHashed, type RunOptions } from './runner.js';
import { UsageError } from './index.js';
import { timing } from './timing.js';
import { useRemoteSpelling } from '../checks/spelling.js';
import { useSharedFiles } from './compiled.js';
import { prefetchDraft } from './read-file.js';

const { base, hashed, timing: timed, spelling, shared } = workerData as {
  base: RunOptions;
  /** the run has a cache, which keeps the hash of each file's bytes */
  hashed: boolean;
  timing: boolean;
  spelling: MessagePort;
  shared?: Record<string, SharedArrayBuffer>;
};
timing.enabled = timed;
useSharedFiles(shared);
useRemoteSpelling(spelling);

parentPort!.on('message', async (m: { type: 'lint'; items: Array<{ i: number; file: string }> } | { type: 'finish' }) => {
  if (m.type === 'finish') {
    parentPort!.postMessage({ type: 'timing', times: [...timing.times] });
    return;
  }
  for (const [k, { i, file }] of m.items.entries()) {
    // the next file is read while this one is linted
    const next = m.items[k + 1];
    if (next) prefetchDraft(next.file);
    try {
      const r = await lintOneFileHashed(file, base, hashed);
      parentPort!.postMessage({ type: 'result', i, outcome: r.outcome, hash: r.hash });
    } catch (e) {
      const err = e as Error;
      parentPort!.postMessage({ type: 'error', i, error: { message: err.message, usage: e instanceof UsageError, stack: err.stack } });
      return;
    }
  }
  parentPort!.postMessage({ type: 'idle' });
});
