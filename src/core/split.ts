/**
 * Reproducible train/dev/test splits by document: the same documents, ratios and seed always give the
 * same split, in Node and in every browser (a seeded generator, not Math.random).
 */

/** mulberry32: a small, well-distributed 32-bit generator; enough for shuffling a corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SplitRatios {
  train: number;
  dev: number;
  test: number;
}

export type SplitPart = keyof SplitRatios;

/**
 * Assigns each item to train, dev or test. Items are shuffled by the seed (after sorting by `key`, so
 * the input order does not matter), then cut by the ratios (normalised; rounding gives the remainder
 * to train).
 */
export function splitItems<T>(items: readonly T[], key: (item: T) => string, ratios: SplitRatios, seed: number): Record<SplitPart, T[]> {
  const total = ratios.train + ratios.dev + ratios.test;
  if (!(total > 0) || [ratios.train, ratios.dev, ratios.test].some((r) => r < 0 || !Number.isFinite(r))) {
    throw new Error('split ratios must be non-negative numbers with a positive sum');
  }
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const random = seededRandom(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  const nDev = Math.round((sorted.length * ratios.dev) / total);
  const nTest = Math.round((sorted.length * ratios.test) / total);
  return {
    dev: sorted.slice(0, nDev),
    test: sorted.slice(nDev, nDev + nTest),
    train: sorted.slice(nDev + nTest),
  };
}
