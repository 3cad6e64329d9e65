// @vitest-environment jsdom
// The dashboard: progress counts and the agreement of two annotators' layers, read from the store.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { GOLD_LAYER, newId, type Span } from '../../src/core/index.ts';
import { Store, openDatabase } from '../../src/db/index.ts';
import { Dashboard } from '../../src/state/dashboard.svelte.ts';
import DashboardDialog from '../../src/ui/DashboardDialog.svelte';
import { SEED, waitUntil } from './harness.ts';

afterEach(() => cleanup());

// jsdom has no canvas (and says so on the console each time it is asked): the charts fall back on
// their tables, which is what these tests read.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

const TEXT = SEED.text;

function span(docId: string, layer: string, needle: string, label: string, at = Date.now()): Span {
  const start = TEXT.indexOf(needle); // the seed is all in the Basic Multilingual Plane: units are code points
  return { id: newId(), docId, start, end: start + needle.length, label, text: needle, layer, by: layer, at, source: 'manual' };
}

/** A project of three documents: the first annotated by A and B, the second by A only, the third by nobody. */
async function project(opts: { gold?: boolean } = {}) {
  const store = new Store(openDatabase(`dashboard-${Math.random()}`));
  const p = await store.createProject('两人标注 Two annotators');
  const d1 = await store.addDocument(p.id, '报告一', TEXT);
  const d2 = await store.addDocument(p.id, '报告二', TEXT);
  await store.addDocument(p.id, '报告三', TEXT);
  await store.applyChange({
    docId: d1.id,
    before: [],
    after: [span(d1.id, 'A', '全域工业土地综合整治', 'TARGET'), span(d1.id, 'A', '利安隆二期', 'PROJECT'), { ...span(d1.id, 'A', '众卡二期', 'PROJECT'), source: 'suggested' }],
  });
  await store.applyChange({ docId: d1.id, before: [], after: [span(d1.id, 'B', '全域工业土地综合整治', 'TARGET'), span(d1.id, 'B', '利安隆', 'PROJECT')] });
  if (opts.gold) await store.applyChange({ docId: d1.id, before: [], after: [span(d1.id, GOLD_LAYER, '新都片区', 'ORG')] });
  await store.applyChange({ docId: d2.id, before: [], after: [span(d2.id, 'A', '利安隆二期', 'PROJECT')] });
  await store.setStatus(d1.id, 'done');
  await store.updateProject(p.id, { rejected: ['ORG|新都片区', 'PROJECT|工业强县'] });
  const dashboard = new Dashboard(store, p.id);
  const view = render(DashboardDialog, { props: { dashboard, onclose: () => {} } });
  await dashboard.load();
  await waitUntil(() => screen.queryByTestId('agreement-matrix') !== null || dashboard.chosen.length < 2);
  return { store, dashboard, view };
}

/** The rows of a table as arrays of cell texts. */
function rows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()));
}

describe('dashboard', () => {
  it('counts documents by status, spans by label and annotator, and suggestions', async () => {
    await project();
    const status = within(screen.getByTestId('chart-status')).getByRole('table');
    expect(rows(status)).toEqual([
      ['新 New', '1'],
      ['进行中 In progress', '1'],
      ['完成 Done', '1'],
      ['已审 Reviewed', '0'],
    ]);
    const spans = within(screen.getByTestId('chart-spans')).getByRole('table');
    expect([...spans.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['', 'A', 'B']);
    expect(rows(spans)).toEqual([
      ['目标 TARGET', '1', '1'],
      ['项目 PROJECT', '3', '1'],
    ]);
    const suggestions = within(screen.getByTestId('chart-suggestions')).getByRole('table');
    expect(rows(suggestions)).toEqual([
      ['目标 TARGET', '0', '0'],
      ['项目 PROJECT', '1', '1'],
      ['机构 ORG', '0', '1'],
    ]);
    // No canvas in jsdom: the numbers stand open on their own.
    expect(screen.getByTestId('chart-status').querySelector('details')!.open).toBe(true);
    expect(screen.getByTestId('dashboard-summary').textContent).toContain('3 篇文档 documents');
  });

  it('shows the pair of annotators with its F1 and the counts behind it, on the document both annotated', async () => {
    await project();
    const cell = screen.getAllByTestId('pair-cell').find((c) => c.dataset.pair === 'A|B')!;
    // A: TARGET, 利安隆二期, 众卡二期; B: TARGET, 利安隆 → 1 exact match (TARGET), 2 by overlap.
    // F1 exact = 2·1/(3+2) = 0.4, overlap = 2·2/5 = 0.8.
    expect(cell.textContent).toContain('0.400');
    expect(cell.textContent).toContain('0.800');
    const hover = cell.querySelector('button')!.title;
    expect(hover).toContain('A: 3 个标注 spans');
    expect(hover).toContain('B: 2 个标注 spans');
    expect(hover).toContain('exact matches 1');
    expect(hover).toContain('1 篇文档 documents');
    // The mirror cell gives the counts from B's side.
    const mirror = screen.getAllByTestId('pair-cell').find((c) => c.dataset.pair === 'B|A')!;
    expect(mirror.querySelector('button')!.title).toContain('B: 2 个标注 spans · A: 3 个标注 spans');

    const [row] = rows(screen.getByTestId('pair-table'));
    expect(row!.slice(0, 3)).toEqual(['A', 'B', '1']);
    expect(row!.slice(4, 10)).toEqual(['0.400', '0.800', '3', '2', '1', '2']);

    const byLabel = rows(screen.getByTestId('label-table'));
    expect(byLabel.map((r) => [r[0], r[2], r[4], r[5], r[6]])).toEqual([
      ['总体 Overall', '0.400', '3', '2', '1'],
      ['目标 TARGET', '1.000', '1', '1', '1'],
      ['项目 PROJECT', '0.000', '2', '1', '0'],
    ]);
    const byDoc = rows(screen.getByTestId('document-table'));
    expect(byDoc.map((r) => r[0])).toEqual(['报告一']);
    expect(screen.getByTestId('chart-timeline')).toBeInTheDocument();
  });

  it('compares with the gold layer when asked, with Fleiss and alpha for three layers and "—" explained', async () => {
    const { dashboard } = await project({ gold: true });
    expect(dashboard.chosen).toEqual(['A', 'B']);
    await fireEvent.click(screen.getByRole('checkbox', { name: /Gold/ }));
    await waitUntil(() => screen.queryByTestId('multi-table') !== null);
    expect(screen.getAllByTestId('pair-row').map((r) => r.children[1]!.textContent)).toEqual(['B', '金标准 Gold', '金标准 Gold']);
    // ORG is in the gold layer only: the pair A × B has no span of it to agree on.
    const org = rows(screen.getByTestId('label-table')).find((r) => r[0] === '机构 ORG')!;
    expect(org[2]).toBe('—');
    const orgRow = [...screen.getByTestId('label-table').querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes('ORG'))!;
    expect(orgRow.children[2]!.querySelector('.figure.none')!.getAttribute('title')).toMatch(/nothing to agree on/);
    // Neither puts any character in ORG: pe = 1, kappa is 0/0.
    expect(orgRow.children[1]!.querySelector('.figure.none')!.getAttribute('title')).toMatch(/pe = 1/);

    await fireEvent.click(screen.getByRole('checkbox', { name: 'B' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'A' }));
    expect(screen.queryByTestId('agreement-matrix')).toBeNull();
    expect(screen.getByText(/Choose at least two layers/)).toBeInTheDocument();
  });
});
