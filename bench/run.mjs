// `npm run bench`: how fast draftlint is, measured against its targets (issue 9) and against
// markdownlint-cli2 in the same run. Writes bench/results/latest.json and docs/bench.md.
//
//   node bench/run.mjs [--quick] [--jobs N] [--reps N] [--pairs N] [--corpus DIR]
//
// --pairs: rounds of alternating corpus runs of draftlint, markdownlint-cli2 and the parse-only
// baseline whose medians are compared (default 3, 1 with --quick); --reps: runs of the one-file
// case, each after a `node -e 0` (default 11, 5 with --quick). Alternating keeps the ratios
// steady when the machine's other load changes from minute to minute.
//
// The corpus is the 3,258 published laws (../shared/data/corpus/laws, or BENCH_CORPUS / --corpus).
// Each law is given front matter (title from its first heading, column 政策文件, unit, author,
// date from the file name when it has one) so that the rules that read front matter (meta/*,
// column/*, review/*) do their full work, as on a real content repository; the copies live in a
// temporary directory. 2× and 4× are the same files again under other directories (hard links).
// Every figure is wall time of a child process (`/usr/bin/time -v` gives peak RSS when present).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = flag('--quick');
const jobs = Number(value('--jobs', process.env.BENCH_JOBS ?? availableParallelism()));
const reps = Number(value('--reps', quick ? 5 : 11));
const corpus = resolve(value('--corpus', process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'data', 'corpus', 'laws')));
const bin = join(root, 'bin', 'draftlint.js');
const mdl = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const log = (s) => process.stderr.write(s + '\n');

if (!existsSync(join(root, 'dist', 'cli', 'index.js'))) throw new Error('run `npm run build` first (npm run bench does)');
if (!existsSync(corpus)) throw new Error(`corpus not found: ${corpus}`);

// ------------------------------------------------------------------ preparing the inputs
function listMd(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listMd(p, out);
    else if (/\.md$/i.test(e.name)) out.push(p);
  }
  return out;
}

function withFrontMatter(text, file) {
  const heading = /^#\s+(.+)$/m.exec(text);
  const title = (heading ? heading[1] : basename(file, '.md')).trim();
  const date = /\((\d{4}-\d{2}-\d{2})\)/.exec(basename(file))?.[1] ?? '2021-01-29';
  return ['---', `title: ${JSON.stringify(title)}`, 'column: 政策文件', 'unit: 盘县人民政府办公室', 'author: 王明', `date: ${date}`, '---', '', text].join('\n');
}

const work = join(tmpdir(), `draftlint-bench-${process.pid}`);
rmSync(work, { recursive: true, force: true });
const x1 = join(work, 'x1');
const sources = listMd(corpus);
log(`preparing ${sources.length} files from ${corpus} in ${work} …`);
let bytes1 = 0;
const copies = [];
for (const src of sources) {
  const rel = relative(corpus, src);
  const dst = join(x1, rel);
  mkdirSync(dirname(dst), { recursive: true });
  const text = withFrontMatter(readFileSync(src, 'utf8').replace(/^\ufeff/, ''), src);
  writeFileSync(dst, text);
  bytes1 += Buffer.byteLength(text);
  copies.push(rel);
}
function multiply(n) {
  const dir = join(work, `x${n}`);
  for (let k = 0; k < n; k++)
    for (const rel of copies) {
      const dst = join(dir, `copy${k}`, rel);
      mkdirSync(dirname(dst), { recursive: true });
      linkSync(join(x1, rel), dst);
    }
  return dir;
}
// the single 10 KB draft: the law closest to 10,240 bytes once it has front matter
const single = join(work, 'single', 'draft.md');
{
  let best = null;
  for (const rel of copies) {
    const size = statSync(join(x1, rel)).size;
    if (!best || Math.abs(size - 10240) < Math.abs(best.size - 10240)) best = { rel, size };
  }
  mkdirSync(dirname(single), { recursive: true });
  cpSync(join(x1, best.rel), single);
}
// the 55 MB just written go to disk now, not while the first runs are timed (the kernel writes
// dirty pages back about 30 s later, and on two cores that takes CPU from what is measured)
if (process.platform !== 'win32') spawnSync('sync', [], { stdio: 'ignore' });

// ------------------------------------------------------------------ measuring
/** Run a command; wall seconds, peak RSS (MB) and CPU seconds when /usr/bin/time is there. */
function measure(cmd, argv, { cwd = work, env = {}, stdout = 'ignore' } = {}) {
  const out = join(work, `time.${process.pid}.txt`);
  const full = timeBin ? [timeBin, ['-f', '%e %M %U %S', '-o', out, cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const res = { wall, status: r.status, stderr: r.stderr?.toString() ?? '', stdout: r.stdout?.toString() ?? '' };
  if (timeBin && existsSync(out)) {
    const line = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ');
    res.rssMB = Number(line[1]) / 1024;
    res.cpu = Number(line[2]) + Number(line[3]);
  }
  if (r.error) throw r.error;
  return res;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function repeat(n, f) {
  const xs = [];
  for (let i = 0; i < n; i++) xs.push(f().wall);
  return median(xs);
}
const draftlint = (target, extra = [], env = {}) => {
  const r = measure(process.execPath, [bin, 'lint', target, '--no-color', '-o', join(work, 'report.txt'), ...extra], { env: { DRAFTLINT_DAEMON: '0', ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`draftlint failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return r;
};

function timingTable(stderr) {
  const rows = [];
  for (const line of stderr.split('\n')) {
    const m = /^(\S+)\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)%$/.exec(line.trim());
    if (m && m[1] !== 'Rule') rows.push({ rule: m[1], ms: Number(m[2]), percent: Number(m[3]) });
  }
  return rows;
}

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, jobs, corpus: { files: sources.length, bytes: bytes1 } };

log('single file: node -e 0, draftlint, markdownlint-cli2 …');
// a daemon the user may have running must not answer the runs that measure a process of its own
const alone = { env: { DRAFTLINT_DAEMON: '0' } };
measure(process.execPath, [bin, 'lint', single, '-o', join(work, 'report.txt')], alone); // warm the page cache
// node -e 0 and draftlint alternate, so that both medians see the same load on the machine
const nodeRuns = [];
const oneFileRuns = [];
for (let k = 0; k < reps; k++) {
  nodeRuns.push(measure(process.execPath, ['-e', '0']).wall);
  oneFileRuns.push(measure(process.execPath, [bin, 'lint', single, '-o', join(work, 'report.txt')], alone).wall);
}
const nodeBare = median(nodeRuns);
const oneFile = median(oneFileRuns);
const oneFileMdl = repeat(Math.max(3, Math.floor(reps / 2)), () => measure(process.execPath, [mdl, single]));
results.single = { bytes: statSync(single).size, nodeBareMs: nodeBare * 1000, draftlintMs: oneFile * 1000, ratioToNode: oneFile / nodeBare, markdownlintMs: oneFileMdl * 1000, reps };

// The same file through `draftlint daemon` (the pre-commit set-up): a pause before each run, as
// between two commits, lets the daemon's next spare finish warming up.
log('single file through draftlint daemon …');
{
  const daemon = { env: { DRAFTLINT_DAEMON_DIR: join(work, 'daemon') } };
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const started = measure(process.execPath, [bin, 'daemon', 'start', '--idle', '30'], daemon);
  if (started.status !== 0) throw new Error(`draftlint daemon start failed: ${started.stderr}`);
  try {
    const daemonRuns = [];
    const nodeNow = [];
    for (let k = 0; k < reps; k++) {
      pause(3000);
      daemonRuns.push(measure(process.execPath, [bin, 'lint', single, '-o', join(work, 'report.txt')], daemon).wall);
      nodeNow.push(measure(process.execPath, ['-e', '0']).wall);
    }
    const viaDaemon = median(daemonRuns);
    const status = measure(process.execPath, [bin, 'daemon', 'status'], { ...daemon, stdout: 'pipe' });
    const answered = Number(/(\d+) runs answered/.exec(status.stdout)?.[1] ?? 0);
    if (answered < reps) throw new Error(`the daemon answered ${answered} of ${reps} runs`);
    results.single.daemonMs = viaDaemon * 1000;
    results.single.daemonNodeBareMs = median(nodeNow) * 1000;
    results.single.daemonRatioToNode = viaDaemon / median(nodeNow);
  } finally {
    measure(process.execPath, [bin, 'daemon', 'stop'], daemon);
  }
}

log('corpus 1×: parse-only baseline …');
const parse = measure(process.execPath, [join(root, 'bench', 'parse-only.mjs'), x1, String(jobs)]);
// The target run is the default configuration, as the issue states it: no --cache. The cache's
// first run (an empty cache: hashing and writing it included) is a run of its own.
log('corpus 1×: draftlint (every offline rule, default config, TIMING=all) …');
const lint1 = draftlint(x1, ['--jobs', String(jobs)], { TIMING: 'all' });
log('corpus 1×: draftlint --cache from empty …');
const cacheDir = join(work, 'cache');
const cold = draftlint(x1, ['--jobs', String(jobs), '--cache', '--cache-location', cacheDir]);
log('corpus 1×: markdownlint-cli2 (defaults) …');
const markdownlintCorpus = () => measure(process.execPath, [mdl, '**/*.md'], { cwd: x1 });
const mdl1 = markdownlintCorpus();
// The machine's other load changes from minute to minute: the comparison with markdownlint-cli2
// takes the median of alternating runs of each (the two above count as the first pair).
// The parse-only baseline is in each round too, for the rules' share.
const pairs = Math.max(1, Number(value('--pairs', quick ? '1' : '3')));
const lintWalls = [lint1.wall];
const mdlWalls = [mdl1.wall];
const parseWalls = [parse.wall];
for (let k = 1; k < pairs; k++) {
  log(`corpus 1×: draftlint, markdownlint-cli2 and the parse-only baseline again (round ${k + 1} of ${pairs}) …`);
  lintWalls.push(draftlint(x1, ['--jobs', String(jobs)]).wall);
  mdlWalls.push(markdownlintCorpus().wall);
  parseWalls.push(measure(process.execPath, [join(root, 'bench', 'parse-only.mjs'), x1, String(jobs)]).wall);
}
log('corpus 1×: --cache rerun, nothing changed …');
const warm = draftlint(x1, ['--jobs', String(jobs), '--cache', '--cache-location', cacheDir]);
const rules = timingTable(lint1.stderr);
const mb1 = bytes1 / 1e6;
results.corpus1 = {
  mb: mb1,
  wall: lint1.wall,
  cpu: lint1.cpu,
  mbPerSec: mb1 / lint1.wall,
  peakRssMB: lint1.rssMB,
  parseOnlyWall: parse.wall,
  parseOnlyMbPerSec: mb1 / parse.wall,
  parseOnlyRuns: parseWalls,
  overheadOverParse: median(lintWalls) / median(parseWalls) - 1,
  markdownlintWall: mdl1.wall,
  comparisonRuns: { draftlint: lintWalls, markdownlint: mdlWalls },
  ratioToMarkdownlint: median(lintWalls) / median(mdlWalls),
  cacheFirstWall: cold.wall,
  cacheRerunWall: warm.wall,
  cacheRerunRatio: warm.wall / cold.wall,
  slowestRules: rules.slice(0, 10),
};

results.linearity = [{ factor: 1, mb: mb1, wall: lint1.wall, peakRssMB: lint1.rssMB, secPerMB: lint1.wall / mb1 }];
for (const n of value('--linearity', quick ? '2' : '2,4').split(',').map(Number).filter((n) => n > 1)) {
  log(`corpus ${n}× …`);
  const dir = multiply(n);
  const r = draftlint(dir, ['--jobs', String(jobs)]);
  results.linearity.push({ factor: n, mb: mb1 * n, wall: r.wall, peakRssMB: r.rssMB, secPerMB: r.wall / (mb1 * n) });
}
const peak = Math.max(...results.linearity.map((l) => l.peakRssMB ?? 0));

// ------------------------------------------------------------------ targets and output
const c = results.corpus1;
const s = results.single;
const lin = results.linearity;
const linWorst = Math.max(...lin.map((l) => l.secPerMB / lin[0].secPerMB));
results.targets = [
  { target: `corpus faster than markdownlint-cli2 (same run, median of ${pairs} alternating)`, value: `${c.ratioToMarkdownlint.toFixed(2)}×`, met: c.ratioToMarkdownlint < 1 },
  { target: 'rules + reporting ≤ 0.5× parse-only time', value: `+${(c.overheadOverParse * 100).toFixed(0)}%`, met: c.overheadOverParse <= 0.5 },
  { target: 'one 10 KB draft ≤ 150 ms, own process', value: `${s.draftlintMs.toFixed(0)} ms`, met: s.draftlintMs <= 150 },
  { target: 'one 10 KB draft ≤ 2.5× node -e 0, own process', value: `${s.ratioToNode.toFixed(2)}×`, met: s.ratioToNode <= 2.5 },
  { target: 'one 10 KB draft ≤ 150 ms, `draftlint daemon` running', value: `${s.daemonMs.toFixed(0)} ms`, met: s.daemonMs <= 150 },
  { target: 'one 10 KB draft ≤ 2.5× node -e 0, `draftlint daemon` running', value: `${s.daemonRatioToNode.toFixed(2)}×`, met: s.daemonRatioToNode <= 2.5 },
  { target: 'peak RSS < 600 MB (corpus)', value: c.peakRssMB ? `${c.peakRssMB.toFixed(0)} MB` : 'n/a', met: c.peakRssMB ? c.peakRssMB < 600 : null },
  { target: 'linear: s/MB at 2×/4× within 1.25× of 1×', value: `${linWorst.toFixed(2)}×`, met: linWorst <= 1.25 },
  { target: '--cache rerun < 0.1× first run', value: `${c.cacheRerunRatio.toFixed(3)}×`, met: c.cacheRerunRatio < 0.1 },
];
if (peak) results.peakRssAllMB = peak;
try {
  results.load = readFileSync('/proc/loadavg', 'utf8').trim();
} catch {
  /* not Linux */
}
try {
  results.commit = process.env.BENCH_COMMIT || execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  /* not a checkout */
}

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
// the part of docs/bench.md from "## Using the speed options" on is written by hand and kept
const previous = existsSync(join(root, 'docs', 'bench.md')) ? readFileSync(join(root, 'docs', 'bench.md'), 'utf8') : '';
const handWritten = previous.includes('## Using the speed options') ? previous.slice(previous.indexOf('## Using the speed options')) : '## Using the speed options\n\nSee the README.\n';
const md = `# Benchmark

Produced by \`npm run bench\` (bench/run.mjs) on ${results.date.slice(0, 10)}${results.commit ? ` at ${results.commit}` : ''}:
Node ${results.node}, ${results.cpus} cores (${results.cpuModel ?? '?'}), \`--jobs ${jobs}\`${results.load ? `, load average at the end ${results.load.split(' ').slice(0, 3).join(' ')}` : ''}.
Raw figures: [bench/results/latest.json](../bench/results/latest.json). Wall times of child processes;
machines are noisy, so compare ratios measured in the same run: the comparisons with
markdownlint-cli2 and with parsing alone take medians of alternating rounds of the three
(\`node bench/run.mjs --pairs N\`, default 3), and each one-file run follows a \`node -e 0\`
(\`--quick\`: one round, five one-file runs and 2× only).

Corpus: the ${sources.length.toLocaleString('en')} published laws of \`shared/data/corpus/laws\`, each given front matter
(title from its first heading, \`column: 政策文件\`, unit, author, date) so that every rule does its
full work; ${f1(c.mb)} MB. Every offline rule on, default configuration, stylish report written to a file.

| target | measured | met |
|---|---|---|
${results.targets.map((t) => `| ${t.target} | ${t.value} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`).join('\n')}

## Whole corpus

| | files | MB | wall s | MB/s | CPU s | peak RSS MB |
|---|---:|---:|---:|---:|---:|---:|
| draftlint | ${sources.length} | ${f1(c.mb)} | ${f2(c.wall)} | ${f2(c.mbPerSec)} | ${c.cpu !== undefined ? f1(c.cpu) : 'n/a'} | ${c.peakRssMB ? c.peakRssMB.toFixed(0) : 'n/a'} |
| parse only (same workers) | ${sources.length} | ${f1(c.mb)} | ${f2(c.parseOnlyWall)} | ${f2(c.parseOnlyMbPerSec)} | ${parse.cpu !== undefined ? f1(parse.cpu) : 'n/a'} | ${parse.rssMB ? parse.rssMB.toFixed(0) : 'n/a'} |
| markdownlint-cli2 (defaults) | ${sources.length} | ${f1(c.mb)} | ${f2(c.markdownlintWall)} | ${f2(c.mb / c.markdownlintWall)} | ${mdl1.cpu !== undefined ? f1(mdl1.cpu) : 'n/a'} | ${mdl1.rssMB ? mdl1.rssMB.toFixed(0) : 'n/a'} |
| draftlint \`--cache\`, first run (empty cache) | | | ${f2(c.cacheFirstWall)} | | | |
| draftlint \`--cache\`, rerun unchanged | | | ${f2(c.cacheRerunWall)} | | | |

draftlint / markdownlint-cli2: **${f2(c.ratioToMarkdownlint)}×**, medians of ${pairs} alternating runs of each (draftlint ${lintWalls.map(f1).join(', ')} s; markdownlint-cli2 ${mdlWalls.map(f1).join(', ')} s); rules and reporting add ${(c.overheadOverParse * 100).toFixed(0)}% to parsing alone (medians; parse only ${parseWalls.map(f1).join(', ')} s). The table's rows are the first round.

### Linearity

| input | MB | wall s | s per MB | peak RSS MB |
|---|---:|---:|---:|---:|
${lin.map((l) => `| ${l.factor}× | ${f1(l.mb)} | ${f2(l.wall)} | ${l.secPerMB.toFixed(3)} | ${l.peakRssMB ? l.peakRssMB.toFixed(0) : 'n/a'} |`).join('\n')}

### Ten slowest rules (\`TIMING=all\`, summed over the workers)

| rule | ms | share |
|---|---:|---:|
${c.slowestRules.map((r) => `| ${r.rule} | ${r.ms.toFixed(0)} | ${r.percent.toFixed(1)}% |`).join('\n')}

## One 10 KB draft (the pre-commit case)

Medians of ${reps} runs, ${s.bytes.toLocaleString('en')} bytes; each draftlint run follows a \`node -e 0\` run, whose median is the ratio's base (${s.daemonNodeBareMs !== undefined ? `${s.daemonNodeBareMs.toFixed(0)} ms during the daemon's runs` : 'no daemon runs'}):

| | ms |
|---|---:|
| \`node -e 0\` | ${s.nodeBareMs.toFixed(0)} |
| draftlint, its own process | ${s.draftlintMs.toFixed(0)} (${f2(s.ratioToNode)}× node) |
| draftlint, \`draftlint daemon\` running | ${s.daemonMs.toFixed(0)} (${f2(s.daemonRatioToNode)}× node) |
| markdownlint-cli2 | ${s.markdownlintMs.toFixed(0)} |

${handWritten}`;
writeFileSync(join(root, 'docs', 'bench.md'), md);
process.stdout.write(md);
rmSync(work, { recursive: true, force: true });
