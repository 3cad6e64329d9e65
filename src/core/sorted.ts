/** Small helpers over lists kept in document order, shared by the views and the exports. */

/** Index of the first item of `list` (sorted by start) whose start is at or after `cp`. */
export function firstStartingAt(list: readonly { start: number }[], cp: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.start < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items by the document they belong to, each list in the order the items came. */
export function groupByDoc<T extends { docId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.docId);
    if (list) list.push(x);
    else out.set(x.docId, [x]);
  }
  return out;
}
