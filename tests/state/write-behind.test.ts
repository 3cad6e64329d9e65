// Writes issued at once and in order, writes after a failure refused, one failure reported once after
// the writes in flight, reads that see the changes shown while they ran, and settled() that waits.
import { describe, expect, it, vi } from 'vitest';
import type { SpanChange } from '../../src/core/index.ts';
import { WriteBehind, type WriteEvents } from '../../src/state/write-behind.ts';

const change = (n: number): SpanChange => ({ docId: 'd', before: [], after: [{ id: `s${n}`, docId: 'd', start: n, end: n + 1, label: 'X', text: '' }] });

function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const p = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { p, open, fail };
}

const quiet: WriteEvents<string> = { writing: () => {}, stored: () => {}, failed: async () => {} };

describe('WriteBehind', () => {
  it('issues each write at once, without waiting for the one before, and counts them in flight', async () => {
    const started: string[] = [];
    const gates = [gate(), gate()];
    const counts: number[] = [];
    const w = new WriteBehind<string>((c) => (started.push(c.after[0]!.id), gates[started.length - 1]!.p), { ...quiet, writing: (n) => counts.push(n) });
    w.write(change(1), 'a');
    w.write(change(2), 'b');
    expect(started).toEqual(['s1', 's2']);
    gates[1]!.open();
    gates[0]!.open();
    await w.settled();
    expect(counts).toEqual([1, 2, 1, 0]);
  });

  it('refuses the writes after a failed one, reports the first failure once the writes in flight are done, and takes edits again after recovery', async () => {
    // Each write, like the store's, asks stillWanted once the writes before it are done.
    const gates = [gate(), gate(), gate()];
    const asked: boolean[] = [];
    let i = 0;
    const failures: string[] = [];
    let recovered!: () => void;
    const w = new WriteBehind<string>(
      async (_c, stillWanted) => {
        const g = gates[i++]!;
        await g.p;
        asked.push(stillWanted());
        if (!stillWanted()) throw new Error('an earlier edit was not saved');
      },
      { ...quiet, failed: (f) => (failures.push(`${f.error.message} (${f.first}; last ${f.last})`), new Promise<void>((r) => (recovered = r))) },
    );
    w.write(change(1), 'first');
    w.write(change(2), 'second');
    w.write(change(3), 'third');
    gates[0]!.fail(new Error('quota'));
    await new Promise((r) => setTimeout(r));
    expect(w.recovering).toBe(true);
    expect(failures).toEqual([]); // two writes still in flight
    gates[1]!.open();
    gates[2]!.open();
    await new Promise((r) => setTimeout(r));
    expect(asked).toEqual([false, false]);
    expect(failures).toEqual(['quota (first; last third)']);
    expect(() => w.write(change(4), 'during recovery')).toThrow(/read back/);
    expect(w.recovering).toBe(true);
    const settled = w.settled();
    recovered();
    await settled;
    expect(w.recovering).toBe(false);
  });

  it('hands a read the changes written while it ran, and settled() waits for the read', async () => {
    const read = gate();
    const w = new WriteBehind<string>(() => Promise.resolve(), quiet);
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

  it('asks again while the read-back fails, refusing edits meanwhile', async () => {
    vi.useFakeTimers();
    try {
      let attempts = 0;
      const w = new WriteBehind<string>(() => Promise.reject(new Error('quota')), {
        ...quiet,
        failed: async (_f, attempt) => {
          attempts = attempt + 1;
          if (attempt < 2) throw new Error('read failed');
        },
      });
      w.write(change(1), 'a');
      await vi.advanceTimersByTimeAsync(0);
      expect(attempts).toBe(1);
      expect(w.recovering).toBe(true);
      await vi.advanceTimersByTimeAsync(500);
      expect(attempts).toBe(2);
      expect(w.recovering).toBe(true);
      await vi.advanceTimersByTimeAsync(1000);
      expect(attempts).toBe(3);
      expect(w.recovering).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps its count right when a callback of the owner throws', async () => {
    const counts: number[] = [];
    const w = new WriteBehind<string>(() => Promise.resolve(), {
      ...quiet,
      writing: (n) => counts.push(n),
      stored: () => {
        throw new Error('a bug in the owner');
      },
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    w.write(change(1), 'a');
    await w.settled();
    expect(counts).toEqual([1, 0]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
