/**
 * Word boundaries from segmentation, as an ascending Uint32Array of code-point offsets that starts at 0
 * and ends at the text length. A compact array (not token objects) because a 300,000-character report
 * has ~150,000 words and the array is cached in IndexedDB per document.
 */
export type Boundaries = Uint32Array;

export interface Token {
  start: number;
  end: number;
}

export function boundariesFromTokens(tokens: Iterable<Token>, length: number): Boundaries {
  const set = new Set<number>([0, length]);
  for (const t of tokens) {
    set.add(t.start);
    set.add(t.end);
  }
  return Uint32Array.from([...set].filter((b) => b >= 0 && b <= length).sort((a, b) => a - b));
}

/** Index of the last boundary <= pos, or -1. */
function floorIndex(b: Boundaries, pos: number): number {
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Grows [start, end) outwards to the nearest word boundaries. */
export function snapToWords(b: Boundaries, start: number, end: number): { start: number; end: number } {
  if (b.length === 0) return { start, end };
  const i = floorIndex(b, start);
  const s = i >= 0 ? b[i]! : start;
  const j = floorIndex(b, end);
  const e = j >= 0 && b[j] === end ? end : (b[j + 1] ?? end);
  return { start: s, end: Math.max(e, s) };
}

/** The next word boundary after `pos` (dir 1) or before it (dir -1); `pos` itself when there is none. */
export function stepWord(b: Boundaries, pos: number, dir: 1 | -1): number {
  const i = floorIndex(b, pos);
  if (dir === 1) return b[i + 1] ?? pos;
  const k = b[i] === pos ? i - 1 : i;
  return k >= 0 ? b[k]! : pos;
}

/** The boundaries inside [start, end], for drawing one paragraph's words. */
export function boundariesIn(b: Boundaries, start: number, end: number): Boundaries {
  const i = Math.max(0, floorIndex(b, start - 1) + 1);
  const j = floorIndex(b, end) + 1;
  return b.subarray(i, j);
}
