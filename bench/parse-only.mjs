// Parse-only baseline for `npm run bench`: read, decode and parse (buildDraft: front matter +
// unified/remark + prose runs) every Markdown file under a directory, spread over the same number
// of worker threads as the lint run, with no rule and no report. Usage: parse-only.mjs <dir> <jobs>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const dist = new URL('../dist/', import.meta.url);

function list(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) list(p, out);
    else if (/\.md$/i.test(e.name)) out.push(p);
  }
  return out;
}

async function parseAll(files) {
  const { buildDraft } = await import(new URL('document/draft.js', dist).href);
  const { decode } = await import(new URL('document/decode.js', dist).href);
  let runs = 0;
  for (const f of files) {
    const d = decode(readFileSync(f));
    if (!d.ok) continue;
    runs += buildDraft(d.text, f).runs.length;
  }
  return runs;
}

if (isMainThread) {
  const [dir, jobsArg] = process.argv.slice(2);
  const files = list(dir);
  const jobs = Math.max(1, Number(jobsArg) || 1);
  if (jobs === 1) {
    const runs = await parseAll(files);
    process.stdout.write(JSON.stringify({ files: files.length, runs }) + '\n');
  } else {
    // the same largest-first dynamic spread as the linter's runner
    const { statSync } = await import('node:fs');
    const order = files.map((f) => ({ f, s: statSync(f).size })).sort((a, b) => b.s - a.s).map((x) => x.f);
    let next = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: jobs }, () => {
        const w = new Worker(new URL(import.meta.url), { workerData: true });
        return new Promise((resolve, reject) => {
          const feed = () => (next < order.length ? w.postMessage(order.slice(next, (next += 8))) : w.postMessage(null));
          w.on('message', (m) => {
            if (m === 'idle') feed();
            else {
              runs += m;
              void w.terminate().then(resolve);
            }
          });
          w.on('error', reject);
          feed();
        });
      }),
    );
    process.stdout.write(JSON.stringify({ files: files.length, runs }) + '\n');
  }
} else if (workerData) {
  let runs = 0;
  parentPort.on('message', async (batch) => {
    if (batch === null) return parentPort.postMessage(runs);
    runs += await parseAll(batch);
    parentPort.postMessage('idle');
  });
}
