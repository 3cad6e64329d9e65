// @vitest-environment jsdom
// The comparison dialog: two annotators' layers of the open document, stepped through and decided with
// the keys, building the gold layer.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { GOLD_LAYER, newId, type Span } from '../../src/core/index.ts';
import { Review } from '../../src/state/review.svelte.ts';
import CompareView from '../../src/ui/CompareView.svelte';
import { SEED, startApp, waitUntil } from './harness.ts';

afterEach(() => cleanup());

function at(needle: string) {
  const start = SEED.text.indexOf(needle); // BMP text: UTF-16 and code points agree
  return { start, end: start + needle.length };
}

/** A and B agree on 众卡二期; only A has 新都片区…; A: PROJECT 利安隆二期, B: ORG 利安隆. */
async function comparing() {
  const app = await startApp();
  const { store, workspace } = app;
  const docId = workspace.session!.doc.id;
  const span = (layer: string, needle: string, label: string): Span => ({ id: newId(), docId, ...at(needle), label, text: needle, layer });
  await store.applyChange({
    docId,
    before: [],
    after: [
      span('A', '新都片区全域工业土地综合整治', 'PROJECT'),
      span('A', '利安隆二期', 'PROJECT'),
      span('A', '众卡二期', 'PROJECT'),
      span('B', '利安隆', 'ORG'),
      span('B', '众卡二期', 'PROJECT'),
    ],
  });
  workspace.annotator = 'R';
  const review = new Review(workspace);
  const events = { closed: 0, revealed: [] as number[] };
  render(CompareView, { props: { review, onclose: () => events.closed++, onreveal: (cp: number) => events.revealed.push(cp) } });
  await waitUntil(() => !review.loading && review.busy === 0 && review.units.length === 3);
  const dialog = screen.getByTestId('compare');
  const key = async (k: string, shiftKey = false) => {
    await fireEvent.keyDown(dialog, { key: k, shiftKey });
  };
  const gold = async () => (await store.getSpans(docId, GOLD_LAYER)).map((s) => [s.text, s.label]);
  return { ...app, docId, review, dialog, key, gold, events };
}

const unitAt = (needle: string) => document.querySelector<HTMLElement>(`[data-unit^="${at(needle).start}-"]`)!;

describe('CompareView', () => {
  it('shows the layers numbered with their counts, a summary, and each unit once per layer', async () => {
    const { dialog, gold } = await comparing();
    const layers = within(dialog).getByTestId('compare-layers');
    expect(layers.textContent).toMatch(/1\s*A\s*3 个标注 spans/);
    expect(layers.textContent).toMatch(/2\s*B\s*2 个标注 spans/);
    const summary = within(dialog).getByTestId('compare-summary').textContent!.replace(/\s+/g, ' ');
    expect(summary).toContain('一致 agreed 1');
    expect(summary).toContain('分歧 disagreed 2');
    expect(summary).toContain('待定 remaining 2');
    expect(within(dialog).getAllByTestId('unit').map((u) => u.dataset.state)).toEqual(['open', 'open', 'agreed']);
    // The agreed unit went into gold when the view opened.
    expect(await gold()).toEqual([['众卡二期', 'PROJECT']]);
    const lian = unitAt('利安隆');
    const rows = lian.querySelectorAll<HTMLElement>('.row');
    expect([...rows].map((r) => r.dataset.layer)).toEqual(['A', 'B']);
    // Each row shows the stretch with some context, that layer's span marked with its label.
    expect(rows[0]!.textContent).toContain('推动利安隆二期、众卡二期');
    expect([...rows[0]!.querySelectorAll<HTMLElement>('.seg')].map((s) => [s.textContent, s.dataset.labels])).toEqual([['利安隆二期', 'PROJECT']]);
    expect([...rows[1]!.querySelectorAll<HTMLElement>('.seg')].map((s) => [s.textContent, s.dataset.labels])).toEqual([['利安隆', 'ORG']]);
    expect(unitAt('新都片区').getAttribute('aria-current')).toBe('true');
  });

  it('steps with N / K and takes a layer with its number; the last decision makes the document reviewed', async () => {
    const { store, docId, review, key, gold, events } = await comparing();
    await key('n');
    expect(unitAt('利安隆').getAttribute('aria-current')).toBe('true');
    await key('k');
    expect(unitAt('新都片区').getAttribute('aria-current')).toBe('true');
    await key('j');
    await key('1');
    await waitUntil(() => review.busy === 0 && review.remaining === 1);
    expect(await gold()).toEqual([
      ['利安隆二期', 'PROJECT'],
      ['众卡二期', 'PROJECT'],
    ]);
    const lian = unitAt('利安隆');
    expect(lian.dataset.state).toBe('decided');
    expect(lian.textContent).toContain('采用 Took A');
    expect(lian.querySelector('[data-layer="@gold"]')!.textContent).toContain('利安隆二期');
    // The undecided one is current again; taking B there takes nothing (B has no span there).
    expect(unitAt('新都片区').getAttribute('aria-current')).toBe('true');
    await key('2');
    await waitUntil(() => review.busy === 0 && review.remaining === 0);
    expect(await gold()).toEqual([
      ['利安隆二期', 'PROJECT'],
      ['众卡二期', 'PROJECT'],
    ]);
    expect((await store.getDocument(docId))!.status).toBe('reviewed');
    const decisions = await store.getDecisions(docId);
    expect(decisions.map((d) => d.choice)).toEqual([{ take: 'B' }, { take: 'A' }, { agreed: true }]);
    await key('Escape');
    expect(events.closed).toBe(1);
  });

  it('B is refused when the spans cannot nest; 0 takes neither; Shift+N steps back', async () => {
    const { review, key, gold } = await comparing();
    await key('n');
    await key('b');
    await waitUntil(() => review.busy === 0);
    expect(review.remaining).toBe(2);
    expect(document.querySelector('.notice')?.textContent ?? '').toContain('利安隆');
    await key('n', true);
    expect(unitAt('新都片区').getAttribute('aria-current')).toBe('true');
    await key('0');
    await waitUntil(() => review.busy === 0 && review.remaining === 1);
    expect(await gold()).toEqual([['众卡二期', 'PROJECT']]);
    expect(unitAt('新都片区').textContent).toContain('都不要 Neither');
  });

  it('E closes the dialog and opens the gold layer in the editor at the unit', async () => {
    const { workspace, key, events, review } = await comparing();
    await key('e');
    await waitUntil(() => workspace.session?.layer === GOLD_LAYER);
    expect(events.closed).toBe(1);
    expect(events.revealed).toEqual([at('新都片区').start]);
    expect(review.editing).toEqual(at('新都片区全域工业土地综合整治'));
    expect(workspace.session!.pending).toEqual(at('新都片区全域工业土地综合整治'));
  });

  it('says so when fewer than two layers have spans', async () => {
    const { workspace } = await startApp();
    let closed = 0;
    render(CompareView, { props: { review: new Review(workspace), onclose: () => closed++ } });
    const problem = await screen.findByTestId('compare-problem');
    expect(problem.textContent).toContain('two');
    expect(screen.queryAllByTestId('unit')).toEqual([]);
    await fireEvent.click(screen.getByRole('button', { name: /关闭 Close/ }));
    expect(closed).toBe(1);
  });
});

it('from the workbench: Compare, E edits the spot in the gold layer, marking it edited makes the document reviewed', async () => {
  const { store, workspace } = await startApp();
  const docId = workspace.session!.doc.id;
  const sp = (layer: string, n: string, label: string) => ({ id: newId(), docId, ...at(n), label, text: n, layer });
  await store.applyChange({ docId, before: [], after: [sp('A', '利安隆二期', 'PROJECT'), sp('B', '利安隆', 'ORG'), sp('A', '众卡二期', 'PROJECT'), sp('B', '众卡二期', 'PROJECT')] });
  workspace.annotator = 'R';
  await fireEvent.click(screen.getByRole('button', { name: '对比 Compare' }));
  const dialog = await screen.findByTestId('compare');
  await screen.findByTestId('compare-summary');
  await fireEvent.keyDown(dialog, { key: 'e' });
  await waitUntil(() => workspace.session?.layer === GOLD_LAYER && !screen.queryByTestId('compare'));
  expect(workspace.session!.pending).toEqual(at('利安隆二期'));
  workspace.session!.setPending(at('利安隆'));
  // tag ORG on the pending range (key 3)
  await fireEvent.keyDown(document.body, { key: '3' });
  await waitUntil(() => workspace.session!.spans().some((s) => s.label === 'ORG'));
  await fireEvent.click(screen.getByRole('button', { name: '对比 Compare' }));
  const mark = await screen.findByTestId('mark-edited');
  await fireEvent.click(mark);
  await waitUntil(() => (workspace.documents.find((d) => d.id === docId)?.status) === 'reviewed');
  const golds = (await store.getSpans(docId, GOLD_LAYER)).map((s) => [s.text, s.label]);
  expect(golds).toEqual([['利安隆', 'ORG'], ['众卡二期', 'PROJECT']]);
  expect((await store.getDecisions(docId)).map((d) => d.choice)).toEqual([{ edited: true }, { agreed: true }]);
});
