import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, codePointLength, compareSpans, History, newId, type Span, type SpanChange } from '../../src/core/index.ts';
import { freshStore, spanOf, TEXT } from './helpers.ts';

const LENGTH = codePointLength(TEXT);
const LABELS = ['TARGET', 'PROJECT', 'ORG', 'METRIC'];

const range = fc
  .tuple(fc.integer({ min: 0, max: LENGTH - 1 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, len]) => ({ start, end: Math.min(LENGTH, start + len) }));

/** An edit described independently of the spans present; `pick` chooses among them when it runs. */
const op = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), range, label: fc.constantFrom(...LABELS) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), range }),
  fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.constantFrom(...LABELS) }),
);

describe('Store.applyChange with undo and redo', () => {
  it('stores exactly what the in-memory model holds after every edit, undo and redo', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const { store, db } = freshStore();
        try {
          const project = await store.createProject('p');
          const doc = await store.addDocument(project.id, 't', TEXT);
          const model = new Map<string, Span>();
          const history = new History();
          const stored = async () => expect(await store.getSpans(doc.id)).toEqual([...model.values()].sort(compareSpans));
          const commit = async (change: SpanChange) => {
            await store.applyChange(change);
            applyChange(model, change);
          };

          for (const o of ops) {
            const existing = [...model.values()];
            const target = 'pick' in o ? existing[o.pick % Math.max(1, existing.length)] : undefined;
            let change: SpanChange | undefined;
            if (o.kind === 'create') change = { docId: doc.id, before: [], after: [spanOf(doc, o.range.start, o.range.end, o.label, newId())] };
            else if (target && o.kind === 'delete') change = { docId: doc.id, before: [target], after: [] };
            else if (target && o.kind === 'move') change = { docId: doc.id, before: [target], after: [spanOf(doc, o.range.start, o.range.end, target.label, target.id)] };
            else if (target && o.kind === 'relabel') change = { docId: doc.id, before: [target], after: [{ ...target, label: o.label }] };
            if (!change) continue;
            await commit(change);
            history.record(change);
            await stored();
          }

          const snapshots: Span[][] = [];
          while (history.canUndo) {
            snapshots.push(await store.getSpans(doc.id));
            await commit(history.peekUndo()!);
            history.confirmUndo();
            await stored();
          }
          expect(await store.getSpans(doc.id)).toEqual([]);

          while (history.canRedo) {
            await commit(history.peekRedo()!);
            history.confirmRedo();
            expect(await store.getSpans(doc.id)).toEqual(snapshots.pop());
          }
          expect(snapshots).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
