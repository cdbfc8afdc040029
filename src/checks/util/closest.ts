/** Edit distance with adjacent transpositions (optimal string alignment), in UTF-16 units. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The candidates closest to `word`, best first, within a distance that still looks like a slip. */
export function closestAll(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  return [...new Set(candidates)]
    .map((c) => ({ c, d: distance(w, c.toLowerCase()) }))
    .filter((x) => x.d <= limit || x.c.toLowerCase().includes(w) || (w.includes(x.c.toLowerCase()) && x.c.length >= 2))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.c);
}

export function closest(word: string, candidates: Iterable<string>): string | null {
  return closestAll(word, candidates, 1)[0] ?? null;
}
