// @vitest-environment jsdom
// Relations, metric values and attributes as a user makes them: keys first, the mouse too.
import { cleanup, fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/index.ts';
import type { Workspace } from '../../src/state/workspace.svelte.ts';
import { clickText, press, renderedSpans, selectText, startApp, waitUntil } from './harness.ts';

afterEach(() => cleanup());

/** TARGET 力争全年整治1980亩以上 with its METRIC 1980亩以上 inside, METRIC selected. */
async function targetWithMetric() {
  const app = await startApp();
  await selectText('力争全年整治1980亩以上');
  await press('1');
  await waitUntil(() => renderedSpans('TARGET').length === 1);
  await selectText('1980亩以上');
  await press('4');
  await waitUntil(() => renderedSpans('METRIC').length === 1 && app.workspace.session!.selected?.label === 'METRIC');
  return app;
}

async function storedRelations(store: Store, workspace: Workspace) {
  const docId = workspace.session!.doc.id;
  const spans = await store.getSpans(docId);
  const text = (id: string) => spans.find((s) => s.id === id)?.text;
  return (await store.getRelations(docId)).map((r) => [text(r.fromId), r.type, text(r.toId)]);
}

describe('relations', () => {
  it('links a METRIC to the TARGET around it with L then Enter, stored and listed both ways', async () => {
    const { store, workspace } = await targetWithMetric();
    await press('l');
    const banner = await screen.findByTestId('link-banner');
    expect(banner.textContent).toContain('力争全年整治1980亩以上');
    expect(banner.textContent).toContain('measures');
    await press('Enter');
    await waitUntil(() => workspace.session!.relations().length === 1);
    expect(screen.queryByTestId('link-banner')).toBeNull();
    expect(await storedRelations(store, workspace)).toEqual([['1980亩以上', 'measures', '力争全年整治1980亩以上']]);
    expect(within(screen.getByTestId('span-relations')).getByText(/力争全年整治1980亩以上/)).toBeTruthy();
    // The METRIC stays selected; the TARGET lists the relation too.
    expect(workspace.session!.selected?.label).toBe('METRIC');
    await clickText('力争全年');
    expect(screen.getByTestId('span-relations').textContent).toContain('1980亩以上');
  });

  it('removes a link with the same keys, and undo brings it back', async () => {
    const { store, workspace } = await targetWithMetric();
    await press('l');
    await press('Enter');
    await waitUntil(() => workspace.session!.relations().length === 1);
    await press('l');
    expect((await screen.findByTestId('link-banner')).textContent).toContain('Enter');
    await press('Enter');
    await waitUntil(() => workspace.session!.relations().length === 0);
    expect(await storedRelations(store, workspace)).toEqual([]);
    await press('z', { ctrl: true });
    await waitUntil(() => workspace.session!.relations().length === 1);
    expect(await storedRelations(store, workspace)).toEqual([['1980亩以上', 'measures', '力争全年整治1980亩以上']]);
  });

  it('links with the mouse: Link…, then a click on the other span; Escape cancels', async () => {
    const { store, workspace } = await startApp();
    await selectText('利安隆二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 1);
    await selectText('力争全年整治1980亩以上');
    await press('1');
    await waitUntil(() => renderedSpans('TARGET').length === 1);
    await press('l');
    await screen.findByTestId('link-banner');
    await press('Escape');
    expect(screen.queryByTestId('link-banner')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: /Link…/ }));
    await screen.findByTestId('link-banner');
    await clickText('利安隆二期');
    await waitUntil(() => workspace.session!.relations().length === 1);
    expect(await storedRelations(store, workspace)).toEqual([['利安隆二期', 'part_of', '力争全年整治1980亩以上']]);
  });

  it('deletes a span with its relations; one undo restores both', async () => {
    const { store, workspace } = await targetWithMetric();
    await press('l');
    await press('Enter');
    await waitUntil(() => workspace.session!.relations().length === 1);
    await press('Delete');
    await waitUntil(() => renderedSpans('METRIC').length === 0);
    expect(await storedRelations(store, workspace)).toEqual([]);
    await press('z', { ctrl: true });
    await waitUntil(() => renderedSpans('METRIC').length === 1 && workspace.session!.relations().length === 1);
    expect(await storedRelations(store, workspace)).toEqual([['1980亩以上', 'measures', '力争全年整治1980亩以上']]);
  });

  it('proposes the nested METRIC as measuring its TARGET and links all proposals at once', async () => {
    const { store, workspace } = await targetWithMetric();
    expect(screen.getByTestId('relation-proposal').textContent).toContain('measures');
    // The panel counts the document's proposals once the edit is painted.
    await waitUntil(() => screen.queryByTestId('link-all-nested') !== null);
    await fireEvent.click(screen.getByTestId('link-all-nested'));
    await waitUntil(() => workspace.session!.relations().length === 1);
    expect(screen.queryByTestId('relation-proposal')).toBeNull();
    const [relation] = await store.getRelations(workspace.session!.doc.id);
    expect(relation?.source).toBe('suggested');
  });
});

describe('metric values', () => {
  it('shows the reading beside the span and in the details, and stores a correction', async () => {
    const { store, workspace } = await targetWithMetric();
    expect(screen.getByTestId('metric-reading').textContent).toBe('≥1980亩');
    const tag = document.querySelector<HTMLElement>('[data-tag*="指标"]');
    expect(tag?.dataset.tag).toBe('目标·指标 ≥1980亩');

    await fireEvent.click(screen.getByRole('button', { name: /Correct/ }));
    const input = screen.getByRole('textbox', { name: /Number/ });
    await fireEvent.input(input, { target: { value: '2000' } });
    await fireEvent.submit(input.closest('form')!);
    await waitUntil(() => workspace.session!.selected?.value?.value === 2000);
    const metric = (await store.getSpans(workspace.session!.doc.id)).find((s) => s.label === 'METRIC');
    expect(metric?.value).toEqual({ value: 2000, unit: '亩', qualifier: '>=' });
    expect(screen.getByTestId('metric-reading').textContent).toBe('≥2000亩');

    await fireEvent.click(screen.getByRole('button', { name: /Read from the text/ }));
    await waitUntil(() => workspace.session!.selected?.value === undefined);
  });
});

describe('attributes', () => {
  it('sets a TARGET attribute from the popover with the keyboard, and clears it', async () => {
    const { store, workspace } = await targetWithMetric();
    await clickText('力争全年');
    await waitUntil(() => workspace.session!.selected?.label === 'TARGET');
    await press('a');
    const popover = await screen.findByTestId('attribute-popover');
    await fireEvent.keyDown(popover, { key: '1' }); // deadline: 全年
    await fireEvent.keyDown(popover, { key: 'ArrowDown' });
    await fireEvent.keyDown(popover, { key: '4' }); // kind: completion
    await waitUntil(() => workspace.session!.selected?.attributes?.['kind'] === 'completion');
    const target = (await store.getSpans(workspace.session!.doc.id)).find((s) => s.label === 'TARGET');
    expect(target?.attributes).toEqual({ deadline: '全年', kind: 'completion' });
    await fireEvent.keyDown(popover, { key: '0' });
    await waitUntil(() => workspace.session!.selected?.attributes?.['kind'] === undefined);
    await fireEvent.keyDown(popover, { key: 'Escape' });
    expect(screen.queryByTestId('attribute-popover')).toBeNull();
    expect(screen.getByTestId('span-attributes').textContent).toContain('全年');
  });
});
