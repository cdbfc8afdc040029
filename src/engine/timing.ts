/**
 * Per-rule timing (`--timing` or `TIMING=1`, as in ESLint): milliseconds spent in each rule's
 * `run`, summed over the files of this process (or worker); workers send theirs back to be merged.
 */
export const timing = {
  enabled: /^(1|true|all|\d+)$/i.test(process.env.TIMING ?? ''),
  times: new Map<string, number>(),
  add(ruleId: string, ms: number): void {
    this.times.set(ruleId, (this.times.get(ruleId) ?? 0) + ms);
  },
  merge(entries: Iterable<[string, number]>): void {
    for (const [k, v] of entries) this.add(k, v);
  },
  reset(): void {
    this.times.clear();
  },
};

/** How many rows the table shows: `TIMING=all` every rule, `TIMING=<n>` n rules, else 10. */
export function timingRows(env = process.env.TIMING): number {
  if (env && /^all$/i.test(env)) return Infinity;
  const n = Number(env);
  return Number.isInteger(n) && n > 1 ? n : 10;
}

/** ESLint's table: rule, total milliseconds, share of the total, slowest first. */
export function formatTiming(times: Map<string, number>, rows = timingRows()): string {
  const total = [...times.values()].reduce((a, b) => a + b, 0) || 1;
  const sorted = [...times].sort((a, b) => b[1] - a[1]).slice(0, rows);
  const head = ['Rule', 'Time (ms)', 'Relative'];
  const body = sorted.map(([id, ms]) => [id, ms.toFixed(3), `${((ms * 100) / total).toFixed(1)}%`]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ');
  const sep = `:${'-'.repeat(w[0]!)}|${'-'.repeat(w[1]! + 1)}:|${'-'.repeat(w[2]!)}:`;
  return [line(head), sep, ...body.map(line)].join('\n') + '\n';
}
