import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { History, applyChange, invert, type SpanChange } from '../../src/core/history.ts';
import type { Span } from '../../src/core/spans.ts';

function span(id: string, start: number, end: number, label = 'TARGET'): Span {
  return { id, docId: 'd', start, end, label, text: 'x'.repeat(end - start) };
}

function change(n: number): SpanChange {
  return { docId: 'd', before: [], after: [span(`c${n}`, n, n + 1)] };
}

const spanFields = fc.record({
  start: fc.nat(50),
  len: fc.integer({ min: 1, max: 10 }),
  label: fc.constantFrom('TARGET', 'PROJECT', 'ORG', 'METRIC'),
});

/** A map of spans and a change consistent with it: `before` is in the map, `after` edits some of those or adds new ids. */
const mapAndChange = fc
  .uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), f: spanFields }), {
    selector: (r) => r.id,
    maxLength: 12,
  })
  .chain((entries) => {
    const spans = entries.map(({ id, f }) => span(id, f.start, f.start + f.len, f.label));
    return fc
      .record({
        removed: fc.subarray(spans),
        editedMask: fc.array(fc.boolean(), { minLength: spans.length, maxLength: spans.length }),
        edits: fc.array(spanFields, { minLength: spans.length, maxLength: spans.length }),
        added: fc.array(spanFields, { maxLength: 4 }),
      })
      .map(({ removed, editedMask, edits, added }) => {
        const after: Span[] = [];
        removed.forEach((s) => {
          const i = spans.indexOf(s);
          if (editedMask[i]) {
            const e = edits[i]!;
            after.push(span(s.id, e.start, e.start + e.len, e.label));
          }
        });
        added.forEach((f, k) => after.push(span(`new-${k}`, f.start, f.start + f.len, f.label)));
        // new ids never clash with existing ones ('new-k' is longer than 4 characters)
        return { spans, change: { docId: 'd', before: removed, after } satisfies SpanChange };
      });
  });

describe('invert / applyChange', () => {
  it('invert swaps before and after and keeps the document', () => {
    const c: SpanChange = { docId: 'doc1', before: [span('a', 0, 2)], after: [span('a', 0, 3)] };
    expect(invert(c)).toEqual({ docId: 'doc1', before: c.after, after: c.before });
  });

  it('applies create, relabel, move and delete', () => {
    const m = new Map<string, Span>();
    const a = span('a', 0, 4);
    applyChange(m, { docId: 'd', before: [], after: [a] }); // create
    expect([...m.values()]).toEqual([a]);
    const relabelled = { ...a, label: 'PROJECT' };
    applyChange(m, { docId: 'd', before: [a], after: [relabelled] }); // relabel
    expect(m.get('a')).toEqual(relabelled);
    const moved = { ...relabelled, end: 6, text: 'xxxxxx' };
    applyChange(m, { docId: 'd', before: [relabelled], after: [moved] }); // move an edge
    expect(m.get('a')).toEqual(moved);
    applyChange(m, { docId: 'd', before: [moved], after: [] }); // delete
    expect(m.size).toBe(0);
  });

  it('property: invert twice is the identity', () => {
    fc.assert(
      fc.property(mapAndChange, ({ change: c }) => {
        expect(invert(invert(c))).toEqual(c);
      }),
    );
  });

  it('property: applying a change then its inverse restores the map', () => {
    fc.assert(
      fc.property(mapAndChange, ({ spans, change: c }) => {
        const m = new Map(spans.map((s) => [s.id, s]));
        const original = new Map(m);
        applyChange(m, c);
        for (const s of c.before) if (!c.after.some((a) => a.id === s.id)) expect(m.has(s.id)).toBe(false);
        for (const s of c.after) expect(m.get(s.id)).toEqual(s);
        applyChange(m, invert(c));
        expect(m).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });
});

describe('History', () => {
  it('starts empty', () => {
    const h = new History();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
    expect(h.peekUndo()).toBeUndefined();
    expect(h.peekRedo()).toBeUndefined();
    h.confirmUndo();
    h.confirmRedo();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('peekUndo gives the inverse of the last change without popping it; confirmUndo moves it to redo', () => {
    const h = new History();
    const c1 = change(1);
    const c2 = change(2);
    h.record(c1);
    h.record(c2);
    expect(h.peekUndo()).toEqual(invert(c2));
    expect(h.peekUndo()).toEqual(invert(c2)); // peeking twice does not pop
    expect(h.canRedo).toBe(false);
    h.confirmUndo();
    expect(h.canRedo).toBe(true);
    expect(h.peekRedo()).toEqual(c2); // redo re-applies the change itself
    expect(h.peekUndo()).toEqual(invert(c1));
    h.confirmUndo();
    expect(h.canUndo).toBe(false);
    expect(h.peekRedo()).toEqual(c1);
    h.confirmRedo();
    expect(h.peekUndo()).toEqual(invert(c1));
    expect(h.peekRedo()).toEqual(c2);
    h.confirmRedo();
    expect(h.canRedo).toBe(false);
    expect(h.peekUndo()).toEqual(invert(c2));
  });

  it('an undo that was peeked but not confirmed (storage failed) stays undoable', () => {
    const h = new History();
    h.record(change(1));
    h.peekUndo();
    expect(h.canUndo).toBe(true);
    expect(h.canRedo).toBe(false);
  });

  it('a new edit clears the redo stack', () => {
    const h = new History();
    h.record(change(1));
    h.record(change(2));
    h.confirmUndo();
    expect(h.canRedo).toBe(true);
    h.record(change(3));
    expect(h.canRedo).toBe(false);
    expect(h.peekRedo()).toBeUndefined();
    expect(h.peekUndo()).toEqual(invert(change(3)));
    h.confirmUndo();
    expect(h.peekUndo()).toEqual(invert(change(1)));
  });

  it('keeps at most `limit` undo steps, dropping the oldest', () => {
    const h = new History(3);
    expect(h.limit).toBe(3);
    for (let i = 1; i <= 5; i++) h.record(change(i));
    const undone: SpanChange[] = [];
    while (h.canUndo) {
      undone.push(h.peekUndo()!);
      h.confirmUndo();
    }
    expect(undone).toEqual([invert(change(5)), invert(change(4)), invert(change(3))]);
    // redo walks all of them back
    let redone = 0;
    while (h.canRedo) {
      h.confirmRedo();
      redone++;
    }
    expect(redone).toBe(3);
    expect(h.peekUndo()).toEqual(invert(change(5)));
  });

  it('defaults to a limit of 1000', () => {
    const h = new History();
    expect(h.limit).toBe(1000);
    for (let i = 0; i < 1005; i++) h.record(change(i));
    let n = 0;
    while (h.canUndo) {
      h.confirmUndo();
      n++;
    }
    expect(n).toBe(1000);
  });

  it('clear empties both stacks', () => {
    const h = new History();
    h.record(change(1));
    h.record(change(2));
    h.confirmUndo();
    h.clear();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('property: undoing every recorded edit restores the start, redoing them all restores the end', () => {
    // A sequence of edits, each generated against the state left by the previous one.
    const steps = fc.array(
      fc.record({
        op: fc.constantFrom('create', 'relabel', 'move', 'delete'),
        pick: fc.nat(),
        f: spanFields,
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(steps, (ops) => {
        const m = new Map<string, Span>();
        const h = new History();
        const start = new Map(m);
        let next = 0;
        for (const { op, pick, f } of ops) {
          const existing = [...m.values()];
          const target = existing.length ? existing[pick % existing.length]! : undefined;
          let c: SpanChange;
          if (op === 'create' || !target) {
            c = { docId: 'd', before: [], after: [span(`n${next++}`, f.start, f.start + f.len, f.label)] };
          } else if (op === 'relabel') {
            c = { docId: 'd', before: [target], after: [{ ...target, label: f.label }] };
          } else if (op === 'move') {
            c = { docId: 'd', before: [target], after: [{ ...target, end: target.start + f.len }] };
          } else {
            c = { docId: 'd', before: [target], after: [] };
          }
          applyChange(m, c);
          h.record(c);
        }
        const end = new Map(m);
        while (h.canUndo) {
          applyChange(m, h.peekUndo()!);
          h.confirmUndo();
        }
        expect(m).toEqual(start);
        while (h.canRedo) {
          applyChange(m, h.peekRedo()!);
          h.confirmRedo();
        }
        expect(m).toEqual(end);
      }),
      { numRuns: 300 },
    );
  });
});
