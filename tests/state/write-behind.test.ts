// Writes issued at once and in order, one failure reported once after the writes in flight, reads that
// see the changes shown while they ran, and settled() that waits for all of it.
import { describe, expect, it } from 'vitest';
import type { SpanChange } from '../../src/core/index.ts';
import { WriteBehind } from '../../src/state/write-behind.ts';

const change = (n: number): SpanChange => ({ docId: 'd', before: [], after: [{ id: `s${n}`, docId: 'd', start: n, end: n + 1, label: 'X', text: '' }] });

function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const p = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { p, open, fail };
}

describe('WriteBehind', () => {
  it('issues each write at once, without waiting for the one before, and counts them in flight', async () => {
    const started: string[] = [];
    const gates = [gate(), gate()];
    const counts: number[] = [];
    const w = new WriteBehind<string>((c) => (started.push(c.after[0]!.id), gates[started.length - 1]!.p), { writing: (n) => counts.push(n), stored: () => {}, failed: () => {} });
    w.write(change(1), 'a');
    w.write(change(2), 'b');
    expect(started).toEqual(['s1', 's2']);
    gates[1]!.open();
    gates[0]!.open();
    await w.settled();
    expect(counts).toEqual([1, 2, 1, 0]);
  });

  it('reports the first failure once, after every write in flight has finished', async () => {
    const gates = [gate(), gate(), gate()];
    let i = 0;
    const failures: { error: Error; context: string }[] = [];
    const w = new WriteBehind<string>(() => gates[i++]!.p, { writing: () => {}, stored: () => {}, failed: (f) => failures.push(f) });
    w.write(change(1), 'first');
    w.write(change(2), 'second');
    w.write(change(3), 'third');
    gates[1]!.fail(new Error('quota'));
    gates[0]!.fail(new Error('later'));
    await Promise.resolve();
    expect(failures).toEqual([]);
    gates[2]!.open();
    await w.settled();
    expect(failures.map((f) => [f.error.message, f.context])).toEqual([['quota', 'second']]);
  });

  it('hands a read the changes written while it ran, and settled() waits for the read', async () => {
    const read = gate();
    const w = new WriteBehind<string>(() => Promise.resolve(), { writing: () => {}, stored: () => {}, failed: () => {} });
    w.write(change(1), 'before');
    let got: { result: string; since: string[] } | null = null;
    void w.read(
      () => read.p.then(() => 'stored'),
      (result, since) => (got = { result, since: since.map((c) => c.after[0]!.id) }),
    );
    w.write(change(2), 'during');
    const settled = w.settled();
    read.open();
    await settled;
    expect(got).toEqual({ result: 'stored', since: ['s2'] });
  });
});
