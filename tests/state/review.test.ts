// Reviewing a document with two annotators' layers: agreements go to gold by themselves, each
// disagreement is decided, and the document becomes reviewed when none is left.
import { describe, expect, it } from 'vitest';
import { GOLD_LAYER, newId, type Span } from '../../src/core/index.ts';
import { Store, openDatabase } from '../../src/db/index.ts';
import { Review } from '../../src/state/review.svelte.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';

const TEXT = '（一）打赢工业强县大会战。\n实施新都片区全域工业土地综合整治，力争全年整治1980亩以上。\n推动利安隆二期、众卡二期尽快落地。';

function at(needle: string) {
  const start = TEXT.indexOf(needle); // BMP text: UTF-16 and code points agree
  return { start, end: start + needle.length };
}

/**
 * A and B agree on the TARGET and on 众卡二期; they disagree on 新都片区… (only A has it) and on
 * 利安隆 (A: PROJECT 利安隆二期, B: ORG 利安隆).
 */
async function twoLayers() {
  const store = new Store(openDatabase(`review-${Math.random()}`));
  const ws = new Workspace(store, new FakeSegmenter());
  await ws.start({ title: '报告', text: TEXT });
  const docId = ws.session!.doc.id;
  const span = (layer: string, needle: string, label: string): Span => ({ id: newId(), docId, ...at(needle), label, text: needle, layer, by: layer, at: 1 });
  await store.applyChange({
    docId,
    before: [],
    after: [
      span('A', '力争全年整治1980亩以上', 'TARGET'),
      span('A', '新都片区全域工业土地综合整治', 'PROJECT'),
      span('A', '利安隆二期', 'PROJECT'),
      span('A', '众卡二期', 'PROJECT'),
      span('B', '力争全年整治1980亩以上', 'TARGET'),
      span('B', '利安隆', 'ORG'),
      span('B', '众卡二期', 'PROJECT'),
    ],
  });
  ws.annotator = 'R';
  const review = new Review(ws);
  return { store, ws, docId, review };
}

const gold = async (store: Store, docId: string) => (await store.getSpans(docId, GOLD_LAYER)).map((s) => [s.text, s.label]);

describe('Review', () => {
  it('compares the two layers and puts the agreed units into gold when it opens, once', async () => {
    const { store, ws, docId, review } = await twoLayers();
    await review.open();
    expect(review.layers).toEqual(['A', 'B']);
    expect(review.units.map((u) => u.agreed)).toEqual([false, true, false, true]);
    expect(await gold(store, docId)).toEqual([
      ['力争全年整治1980亩以上', 'TARGET'],
      ['众卡二期', 'PROJECT'],
    ]);
    const decisions = await store.getDecisions(docId);
    expect(decisions.map((d) => d.choice)).toEqual([{ agreed: true }, { agreed: true }]);
    expect(decisions.every((d) => d.by === 'R' && typeof d.at === 'number')).toBe(true);
    // Opening again, or another review of the same document, changes nothing.
    await review.open();
    await new Review(ws).open();
    expect(await gold(store, docId)).toHaveLength(2);
    expect(await store.getDecisions(docId)).toHaveLength(2);
    expect(review.remaining).toBe(2);
    expect((await store.getDocument(docId))!.status).toBe('in-progress');
  });

  it('steps to a disagreement and takes A there; the last decision makes the document reviewed', async () => {
    const { store, ws, docId, review } = await twoLayers();
    await review.open();
    expect(review.disagreements.map((d) => d.unit.start)).toEqual([at('新都片区').start, at('利安隆').start]);
    expect(review.current).toBe(0);
    expect(review.step(1)?.unit.start).toBe(at('利安隆').start);
    expect(await review.decide({ take: 'A' })).toBe(true);
    expect(await gold(store, docId)).toEqual([
      ['力争全年整治1980亩以上', 'TARGET'],
      ['利安隆二期', 'PROJECT'],
      ['众卡二期', 'PROJECT'],
    ]);
    const taken = (await store.getSpans(docId, GOLD_LAYER)).find((s) => s.text === '利安隆二期')!;
    expect(taken).toMatchObject({ layer: GOLD_LAYER, by: 'R' });
    const decision = (await store.getDecisions(docId)).find((d) => 'take' in d.choice)!;
    expect(decision).toMatchObject({ docId, ...at('利安隆二期'), choice: { take: 'A' }, by: 'R' });
    expect(decision.at).toBeGreaterThan(0);
    expect(review.remaining).toBe(1);
    expect((await store.getDocument(docId))!.status).toBe('in-progress');

    // The one left is now the current one (undecided first); neither decides it.
    expect(review.currentItem?.unit.start).toBe(at('新都片区').start);
    expect(await review.decide({ neither: true })).toBe(true);
    expect(review.remaining).toBe(0);
    expect((await store.getDocument(docId))!.status).toBe('reviewed');
    expect(ws.documents.find((d) => d.id === docId)?.status).toBe('reviewed');
    // The gold layer as an export takes it.
    expect(await gold(store, docId)).toEqual([
      ['力争全年整治1980亩以上', 'TARGET'],
      ['利安隆二期', 'PROJECT'],
      ['众卡二期', 'PROJECT'],
    ]);
  });

  it('deciding again replaces the unit’s gold spans and its decision; both is refused when the union breaks nesting', async () => {
    const { store, ws, docId, review } = await twoLayers();
    const warnings: string[] = [];
    const notify = ws.notify;
    ws.notify = (kind, text, ...rest) => {
      if (kind === 'warning') warnings.push(text);
      notify(kind, text, ...rest);
    };
    await review.open();
    review.step(1);
    await review.decide({ take: 'A' });
    const idx = review.disagreements.findIndex((d) => d.unit.start === at('利安隆').start);
    review.current = idx;
    expect(await review.decide({ both: true })).toBe(false);
    expect(warnings.at(-1)).toContain('利安隆');
    expect(await review.decide({ take: 'B' })).toBe(true);
    expect(await gold(store, docId)).toEqual([
      ['力争全年整治1980亩以上', 'TARGET'],
      ['利安隆', 'ORG'],
      ['众卡二期', 'PROJECT'],
    ]);
    const here = (await store.getDecisions(docId)).filter((d) => d.start === at('利安隆').start);
    expect(here.map((d) => d.choice)).toEqual([{ take: 'B' }]);
    expect(review.remaining).toBe(1);
  });

  it('edit switches the editor to the gold layer at the unit; markEdited records it', async () => {
    const { store, ws, docId, review } = await twoLayers();
    await review.open();
    review.step(1);
    await review.decide({ take: 'A' });
    review.current = review.disagreements.findIndex((d) => d.unit.start === at('利安隆').start);
    const range = await review.edit();
    expect(range).toEqual(at('利安隆二期'));
    expect(ws.layer).toBe(GOLD_LAYER);
    expect(ws.session!.layer).toBe(GOLD_LAYER);
    expect(ws.session!.selected?.text).toBe('利安隆二期');
    // The reviewer shortens the gold span by hand in the editor, then marks the unit edited.
    expect(await ws.session!.moveEdge(ws.session!.selected!.id, 'end', at('利安隆').end)).toBe(true);
    expect(await review.markEdited()).toBe(true);
    expect(review.editing).toBeNull();
    const here = (await store.getDecisions(docId)).filter((d) => d.start === at('利安隆').start);
    expect(here.map((d) => d.choice)).toEqual([{ edited: true }]);
    expect(await gold(store, docId)).toContainEqual(['利安隆', 'PROJECT']);
    // Deciding in the review while the gold layer is open refreshes the editor.
    review.current = review.disagreements.findIndex((d) => !d.decision);
    await review.decide({ take: 'A' });
    expect(ws.session!.spans().map((s) => s.text)).toContain('新都片区全域工业土地综合整治');
    expect((await store.getDocument(docId))!.status).toBe('reviewed');
  });

  it('needs two layers', async () => {
    const store = new Store(openDatabase(`review-${Math.random()}`));
    const ws = new Workspace(store, new FakeSegmenter());
    await ws.start({ title: '报告', text: TEXT });
    const docId = ws.session!.doc.id;
    await store.applyChange({ docId, before: [], after: [{ id: newId(), docId, ...at('众卡二期'), label: 'PROJECT', text: '众卡二期', layer: 'A' }] });
    const review = new Review(ws);
    await review.open();
    expect(review.problem).toMatch(/two/);
    expect(review.units).toEqual([]);
    expect(await store.getSpans(docId, GOLD_LAYER)).toEqual([]);
  });

  it('stores a decision with its gold change or nothing: a span that does not match the text is refused', async () => {
    const { store, docId } = await twoLayers();
    const bad: Span = { id: newId(), docId, ...at('众卡二期'), label: 'PROJECT', text: '别的', layer: GOLD_LAYER };
    const decision = { id: newId(), docId, ...at('众卡二期'), choice: { take: 'A' } };
    await expect(store.decide(docId, { docId, before: [], after: [bad] }, decision, true)).rejects.toThrow(/does not match/);
    expect(await store.getDecisions(docId)).toEqual([]);
    expect(await store.getSpans(docId, GOLD_LAYER)).toEqual([]);
    expect((await store.getDocument(docId))!.status).toBe('in-progress');
  });
});
