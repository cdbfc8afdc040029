/**
 * A daemon's spare (server.ts): loads the bundled command line, warms it up by linting a sample
 * draft `WARM_RUNS` times (dictionaries, automata and the language model loaded, hot functions compiled),
 * then waits for exactly one run. It runs the command line as a fresh process would, with the
 * client's arguments, environment and terminal, and sends every write to stdout and stderr, then
 * the exit code, to the daemon, which ends this thread: no state of one run reaches the next.
 */
import { devNull } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { internalErrorLine } from '../cli/internal-error.js';

interface RunRequest {
  argv: string[];
  env: Record<string, string>;
  tty: { out: boolean; err: boolean; columns: number };
}
type Cli = {
  main(argv: string[]): Promise<number>;
  useRemoteSpellingPort(port: MessagePort): Promise<void>;
};

/** sample runs before a spare is ready: enough for V8 to compile the hot paths of a lint run */
const WARM_RUNS = Number(process.env.DRAFTLINT_DAEMON_WARM ?? 8);
const { spelling, warmFile } = workerData as { spelling: MessagePort; warmFile: string };
const port = parentPort!;

// Writes to stdout and stderr go to the daemon's client during a run and nowhere before it.
let sink: ((t: 'out' | 'err', d: string) => void) | null = null;
for (const [t, stream] of [
  ['out', process.stdout],
  ['err', process.stderr],
] as const) {
  stream.write = ((chunk: string | Uint8Array, enc?: BufferEncoding | (() => void), cb?: () => void) => {
    const d = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof enc === 'string' ? enc : 'utf8');
    sink?.(t, d);
    const done = typeof enc === 'function' ? enc : cb;
    if (done) queueMicrotask(done);
    return true;
  }) as typeof stream.write;
}

const cli = (await import(new URL('../bundle/cli.js', import.meta.url).href)) as Cli;
await cli.useRemoteSpellingPort(spelling);
for (let k = 0; k < WARM_RUNS; k++) await cli.main(['node', 'draftlint', 'lint', warmFile, '--jobs', '1', '-o', devNull]);
process.exitCode = undefined;
port.postMessage({ t: 'ready' });

port.once('message', async (req: RunRequest) => {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, req.env);
  Object.assign(process.stdout, { isTTY: req.tty.out || undefined, columns: req.tty.columns || undefined });
  Object.assign(process.stderr, { isTTY: req.tty.err || undefined, columns: req.tty.columns || undefined });
  sink = (t, d) => port.postMessage({ t, d });
  let code: number;
  try {
    code = await cli.main(req.argv);
  } catch (err) {
    process.stderr.write(internalErrorLine(err));
    code = 2;
  }
  port.postMessage({ t: 'exit', code });
});
