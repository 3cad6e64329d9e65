import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitItems } from '../../src/core/index.ts';

const ids = Array.from({ length: 100 }, (_, i) => `doc-${i}`);

describe('train/dev/test split', () => {
  it('is reproducible for the same seed whatever the input order, and differs for another seed', () => {
    const a = splitItems(ids, (x) => x, { train: 8, dev: 1, test: 1 }, 42);
    const b = splitItems([...ids].reverse(), (x) => x, { train: 8, dev: 1, test: 1 }, 42);
    const c = splitItems(ids, (x) => x, { train: 8, dev: 1, test: 1 }, 7);
    expect(b).toEqual(a);
    expect(c.dev).not.toEqual(a.dev);
    expect([a.train.length, a.dev.length, a.test.length]).toEqual([80, 10, 10]);
  });

  it('puts every item in exactly one part (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string()), fc.nat(10), fc.nat(10), fc.nat(10), fc.integer(), (items, tr, dv, ts, seed) => {
        fc.pre(tr + dv + ts > 0);
        const s = splitItems(items, (x) => x, { train: tr, dev: dv, test: ts }, seed);
        expect([...s.train, ...s.dev, ...s.test].sort()).toEqual([...items].sort());
      }),
    );
  });

  it('refuses ratios that do not make sense', () => {
    expect(() => splitItems(ids, (x) => x, { train: 0, dev: 0, test: 0 }, 1)).toThrow(/ratios/);
    expect(() => splitItems(ids, (x) => x, { train: -1, dev: 1, test: 1 }, 1)).toThrow(/ratios/);
  });
});
