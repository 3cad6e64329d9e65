// readSpan's hand-written check must give SpanRecord's answers: the same spans accepted (as equal
// objects), the same refused; and the spans this app writes must take the fast path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSpan, RecordError, SpanRecord } from '../../src/db/schema.ts';

// Mostly right values, sometimes missing or anything at all.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.anything() });
const count = fc.oneof({ weight: 8, arbitrary: fc.nat(100) }, fc.integer(), fc.double(), fc.constantFrom(2 ** 53, -0, -1, 0.5));

const nearSpan = fc
  .tuple(
    fc.record(
      {
        id: maybe(fc.string({ minLength: 1 })),
        docId: maybe(fc.string({ minLength: 1 })),
        start: maybe(count),
        end: maybe(count),
        label: maybe(fc.constantFrom('TARGET', 'METRIC', '')),
        text: maybe(fc.string()),
        source: maybe(fc.constantFrom('manual', 'suggested', 'imported', 'other')),
        layer: maybe(fc.string()),
        by: maybe(fc.string()),
        at: maybe(count),
      },
      { requiredKeys: ['id', 'docId', 'start', 'end', 'label', 'text'] },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant({}) },
      fc.record({ value: fc.constant({ value: 3, unit: '%', qualifier: '>=' }) }),
      fc.record({ attributes: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.nat())) }),
      fc.record({ stray: fc.anything() }),
    ),
  )
  .map(([span, extra]) => ({ ...span, ...extra }));

function outcome(read: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    expect(e).toBeInstanceOf(RecordError);
    return { ok: false };
  }
}

describe('readSpan', () => {
  it('accepts and refuses what SpanRecord does, giving an equal span', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: nearSpan }, { weight: 1, arbitrary: fc.anything() }), (raw) => {
        const zod = SpanRecord.safeParse(raw);
        const mine = outcome(() => readSpan(raw));
        expect(mine.ok).toBe(zod.success);
        if (mine.ok && zod.success) expect(mine.value).toEqual(zod.data);
        if (mine.ok && mine.value === raw) fast++;
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the hand-written check's acceptance, or this test proves nothing.
    expect(fast).toBeGreaterThan(50);
  });

  it('takes a span as the app stores it without copying it', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 50 }), fc.option(fc.constantFrom('manual', 'suggested', 'imported'), { nil: undefined }), (start, length, source) => {
        const span = { id: 's1', docId: 'd1', start, end: start + length, label: 'METRIC', text: '1980亩', ...(source ? { source } : {}), layer: '小王', by: '小王', at: 1_700_000_000_000 };
        expect(readSpan(span)).toBe(span);
      }),
    );
  });

  it('names the record of a bad span', () => {
    expect(() => readSpan({ id: 'bad', docId: 'd', start: 5, end: 2, label: 'X', text: '' })).toThrow(/bad/);
  });
});
