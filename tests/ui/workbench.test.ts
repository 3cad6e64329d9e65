// @vitest-environment jsdom
// Tagging as a user does it: select, press a key, click, relabel, delete, nest, undo, redo, reload.
import { cleanup, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, createBus, openDatabase } from '../../src/db/index.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { FakeSegmenter, SEED, clickText, press, renderedSpans, selectBetween, selectText, startApp, waitUntil } from './harness.ts';

afterEach(() => cleanup());

/** Makes the store's writes wait until the returned function is called (a slow disk). */
function holdWrites(store: Store): () => void {
  const real = store.applyChange.bind(store);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  store.applyChange = async (change, stillWanted) => {
    await gate;
    return real(change, stillWanted);
  };
  return release;
}

async function stored(store: Store, docId: string) {
  return (await store.getSpans(docId)).map((s) => [s.text, s.label]);
}

describe('first start', () => {
  it('opens the seed document of the default project with the four labels', async () => {
    const { workspace } = await startApp();
    expect(screen.getByTestId('doc-title').textContent).toBe('测试报告');
    expect(workspace.project?.name).toContain('默认项目');
    expect(document.querySelector('[data-testid="text-view"]')!.textContent).toContain('力争全年整治1980亩以上');
    const labels = within(screen.getByRole('region', { name: /Labels/ })).getAllByRole('button');
    expect(labels.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1 目标 Target 0',
      '2 项目 Project 0',
      '3 机构 Organisation 0',
      '4 指标 Metric 0',
    ]);
  });
});

describe('tagging', () => {
  it('creates a span from a selection and a hotkey, and stores it', async () => {
    const { store, workspace } = await startApp();
    await selectText('1980亩以上');
    expect(screen.getByTestId('pending').textContent).toBe('1980亩以上');
    await press('4');
    await waitUntil(() => renderedSpans('METRIC').length === 1);
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
    expect(await stored(store, workspace.session!.doc.id)).toEqual([['1980亩以上', 'METRIC']]);
  });

  it('snaps a partial selection to whole words, and keeps exact characters with Alt', async () => {
    await startApp();
    await selectText('1980亩以上', { from: 1, to: 3 });
    expect(screen.getByTestId('pending').textContent).toBe('1980');
    await selectText('1980亩以上', { from: 1, to: 3, alt: true });
    expect(screen.getByTestId('pending').textContent).toBe('98');
  });

  it('drops punctuation and spaces at the edges of a selection', async () => {
    await startApp();
    await selectText('，力争全年整治1980亩以上。');
    expect(screen.getByTestId('pending').textContent).toBe('力争全年整治1980亩以上');
  });

  it('applies a label by clicking it in the palette', async () => {
    const { workspace } = await startApp();
    await selectText('利安隆二期');
    screen.getByRole('button', { name: /项目 Project/ }).click();
    await workspace.session!.settled();
    await waitUntil(() => renderedSpans('PROJECT').length === 1);
    expect(renderedSpans('PROJECT')).toEqual(['利安隆二期']);
  });

  it('selects a span by clicking it, relabels it with a hotkey and deletes it with Delete', async () => {
    const { store, workspace } = await startApp();
    const docId = workspace.session!.doc.id;
    await selectText('利安隆二期');
    await press('3');
    await waitUntil(() => renderedSpans('ORG').length === 1);
    await press('Escape');
    expect(workspace.session!.selectedId).toBeNull();

    await clickText('利安隆二期');
    expect(screen.getByTestId('span-details').textContent).toContain('利安隆二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 1);
    expect(renderedSpans('ORG')).toEqual([]);
    expect(await stored(store, docId)).toEqual([['利安隆二期', 'PROJECT']]);

    await press('Delete');
    await waitUntil(() => renderedSpans('PROJECT').length === 0);
    expect(await stored(store, docId)).toEqual([]);
  });

  it('keeps a METRIC nested in a TARGET: both drawn, both reachable by clicking', async () => {
    const { workspace } = await startApp();
    await selectText('力争全年整治1980亩以上');
    await press('1');
    await waitUntil(() => renderedSpans('TARGET').length === 1);
    await selectText('1980亩以上');
    await press('4');
    await waitUntil(() => renderedSpans('METRIC').length === 1);
    expect(renderedSpans('TARGET')).toEqual(['力争全年整治1980亩以上']);
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);

    await press('Escape');
    await clickText('1980亩以上');
    expect(workspace.session!.selected?.label).toBe('METRIC');
    await clickText('1980亩以上');
    expect(workspace.session!.selected?.label).toBe('TARGET');
    await clickText('力争全年');
    expect(workspace.session!.selected?.label).toBe('TARGET');
  });

  it('refuses overlaps the guidelines forbid, with a message, and changes nothing', async () => {
    const { workspace, store } = await startApp();
    await selectText('利安隆二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 1);
    await selectText('利安隆', { alt: true });
    await press('3');
    await workspace.session!.settled();
    expect(screen.getByRole('alert').textContent).toMatch(/cannot overlap/);
    expect(renderedSpans('ORG')).toEqual([]);
    expect(await stored(store, workspace.session!.doc.id)).toEqual([['利安隆二期', 'PROJECT']]);
  });

  it('moves the edges of the selected span with the keyboard', async () => {
    const { workspace } = await startApp();
    await selectText('1980亩', { alt: true });
    await press('4');
    await waitUntil(() => renderedSpans('METRIC').length === 1);
    await press('ArrowRight', { shift: true });
    await press('ArrowRight', { shift: true });
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
    await press('ArrowRight', { shift: true, ctrl: true });
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual(['亩以上']);
    await press('ArrowLeft', { shift: true, ctrl: true });
    await press('ArrowLeft', { shift: true, alt: true });
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual(['1980亩以']);
  });

  it('undoes and redoes every kind of edit with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', async () => {
    const { workspace, store } = await startApp();
    const docId = workspace.session!.doc.id;
    const s = workspace.session!;
    await selectText('1980亩以上');
    await press('4');
    await press('1'); // relabel
    await s.settled();
    expect(renderedSpans('TARGET')).toEqual(['1980亩以上']);
    await press('Delete');
    await s.settled();
    expect(renderedSpans('TARGET')).toEqual([]);

    await press('z', { ctrl: true });
    await s.settled();
    expect(renderedSpans('TARGET')).toEqual(['1980亩以上']);
    await press('z', { ctrl: true });
    await s.settled();
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
    await press('z', { ctrl: true });
    await s.settled();
    expect(renderedSpans('METRIC')).toEqual([]);
    expect(await stored(store, docId)).toEqual([]);

    await press('Z', { ctrl: true, shift: true });
    await press('y', { ctrl: true });
    await s.settled();
    expect(renderedSpans('TARGET')).toEqual(['1980亩以上']);
    expect(await stored(store, docId)).toEqual([['1980亩以上', 'TARGET']]);
  });
});

describe('never losing work', () => {
  it('restores the exact spans after a reload on the same database', async () => {
    const first = await startApp();
    await selectText('力争全年整治1980亩以上');
    await press('1');
    await first.workspace.session!.settled();
    await selectText('1980亩以上');
    await press('4');
    await first.workspace.session!.settled();
    first.view.unmount();
    cleanup();

    const second = await startApp(first.dbName);
    await waitUntil(() => renderedSpans('METRIC').length === 1);
    expect(renderedSpans('TARGET')).toEqual(['力争全年整治1980亩以上']);
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
    expect(second.segmenter.calls).toBe(0); // words came from the cache
  });

  it('shows a second tab the edits made in the first', async () => {
    const a = await startApp();
    const busB = createBus();
    const b = new Workspace(new Store(openDatabase(a.dbName), busB), new FakeSegmenter(), busB);
    await b.start(SEED);
    expect(b.session!.spanCount).toBe(0);
    await selectText('众卡二期');
    await press('2');
    await a.workspace.session!.settled();
    await waitUntil(() => b.session!.spanCount === 1);
    expect(b.session!.spans().map((s) => s.text)).toEqual(['众卡二期']);
    b.stop();
    busB.close();
  });
});

describe('documents', () => {
  it('creates a document from pasted text and opens it', async () => {
    const { workspace } = await startApp();
    screen.getByRole('button', { name: /Paste text/ }).click();
    const dialog = await screen.findByRole('dialog');
    const area = within(dialog).getByRole('textbox', { name: /Text/ }) as HTMLTextAreaElement;
    area.value = '新增建设用地600亩以上。';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => !(within(dialog).getByRole('button', { name: /Create/ }) as HTMLButtonElement).disabled);
    within(dialog).getByRole('button', { name: /Create/ }).click();
    await waitUntil(() => workspace.session?.doc.text === '新增建设用地600亩以上。');
    expect(workspace.documents.map((d) => d.title)).toEqual(['测试报告', '新增建设用地600亩以上。']);
    expect(screen.getByTestId('doc-title').textContent).toBe('新增建设用地600亩以上。');
  });

  it('imports nothing from a file with errors and lists every error with its line', async () => {
    const { workspace } = await startApp();
    const bad = ['{"text": "abc", "label": [[0, 9, "ORG"]]}', 'not json', '{"text": "ok", "label": []}'].join('\n');
    expect(await workspace.exchange.importFile('bad.jsonl', bad)).toBe(false);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/bad\.jsonl:1/);
    expect(alert.textContent).toMatch(/bad\.jsonl:2/);
    expect(workspace.documents).toHaveLength(1);
  });
});

describe('typing ahead of the store', () => {
  it('keeps a new selection made while the previous tag is still being stored', async () => {
    const { workspace, store } = await startApp();
    const release = holdWrites(store);
    await selectText('1980亩以上');
    await press('4');
    await selectText('利安隆二期'); // before the METRIC is stored
    release();
    await press('2');
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
    expect(renderedSpans('PROJECT')).toEqual(['利安隆二期']);
    expect((await store.getSpans(workspace.session!.doc.id)).map((s) => s.label).sort()).toEqual(['METRIC', 'PROJECT']);
  });
});

describe('saving', () => {
  it('says when an edit could not be stored, and shows nothing of it', async () => {
    const { workspace, store } = await startApp();
    expect(screen.getByTestId('save-state').textContent).toMatch(/Saved/);
    const real = store.applyChange.bind(store);
    store.applyChange = () => Promise.reject(new Error('QuotaExceededError'));
    await selectText('1980亩以上');
    await press('4');
    await workspace.session!.settled();
    await waitUntil(() => /not saved/.test(screen.getByTestId('save-state').textContent ?? ''));
    expect(renderedSpans('METRIC')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/QuotaExceededError/);

    store.applyChange = real;
    await press('4'); // the selection is still there: try again
    await workspace.session!.settled();
    await waitUntil(() => /Saved/.test(screen.getByTestId('save-state').textContent ?? ''));
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
  });

  it('shows an edit at once, while its write is still under way', async () => {
    const { workspace, store } = await startApp();
    const release = holdWrites(store);
    await selectText('1980亩以上');
    await press('4');
    await waitUntil(() => renderedSpans('METRIC').length === 1);
    expect(await stored(store, workspace.session!.doc.id)).toEqual([]);
    release();
    await workspace.session!.settled();
    expect(await stored(store, workspace.session!.doc.id)).toEqual([['1980亩以上', 'METRIC']]);
  });

  it('acts on the next key at once while the write of the one before is still under way', async () => {
    const { workspace, store } = await startApp();
    const release = holdWrites(store);
    await selectText('1980亩以上');
    await press('4');
    await press('3'); // relabels the span just made, whose write is still waiting
    await waitUntil(() => renderedSpans('ORG').length === 1);
    expect(renderedSpans('METRIC')).toEqual([]);
    expect(await stored(store, workspace.session!.doc.id)).toEqual([]);
    release();
    await workspace.session!.settled();
    expect(await stored(store, workspace.session!.doc.id)).toEqual([['1980亩以上', 'ORG']]);
  });

  it('stores a burst of edits made without waiting, in the order they were made', async () => {
    const { workspace, store } = await startApp();
    const s = workspace.session!;
    const at = s.doc.text.indexOf('1980亩以上'); // BMP text: UTF-16 and code points agree
    for (let i = 0; i < 10; i++) {
      void s.create({ start: at, end: at + 7 }, 'METRIC');
      void s.relabel(s.selectedId!, i % 2 ? 'ORG' : 'PROJECT');
      if (i < 9) void s.removeSelected();
    }
    await s.settled();
    expect(await stored(store, s.doc.id)).toEqual([['1980亩以上', 'ORG']]);
    await waitUntil(() => renderedSpans('ORG').length === 1);
    expect([...renderedSpans('METRIC'), ...renderedSpans('PROJECT')]).toEqual([]);
  });

  it('refuses the edits made on top of a refused one, then shows what is stored and takes edits again', async () => {
    const { workspace, store } = await startApp();
    const s = workspace.session!;
    const real = store.applyChange.bind(store);
    let calls = 0;
    // The first write fails inside its IndexedDB transaction, as a full disk would make it.
    store.applyChange = (change, stillWanted) =>
      real(change, ++calls === 1 ? () => { throw new Error('QuotaExceededError'); } : stillWanted);
    await selectText('1980亩以上');
    void s.tag('METRIC'); // refused by the store
    void s.relabel(s.selectedId!, 'ORG'); // made on top of it before the refusal is known: refused too
    expect(renderedSpans('ORG')).toEqual([]); // (not drawn yet: the DOM updates after this task)
    await s.settled();
    const docId = s.doc.id;
    expect(await stored(store, docId)).toEqual([]);
    await waitUntil(() => renderedSpans('ORG').length === 0 && renderedSpans('METRIC').length === 0);
    expect(screen.getByRole('alert').textContent).toMatch(/QuotaExceededError/);
    expect(s.pending).toEqual({ start: s.doc.text.indexOf('1980亩以上'), end: s.doc.text.indexOf('1980亩以上') + 7 }); // given back
    expect(s.canUndo).toBe(false); // undo starts afresh

    await press('2'); // the same selection, tagged again once the document is read back
    await s.settled();
    expect(await stored(store, docId)).toEqual([['1980亩以上', 'PROJECT']]);
    expect(renderedSpans('PROJECT')).toEqual(['1980亩以上']);
  });

  it('keeps refusing edits while the document cannot be read back, and tries again', async () => {
    const { workspace, store } = await startApp();
    const s = workspace.session!;
    const real = { apply: store.applyChange.bind(store), read: store.getAnnotations.bind(store) };
    store.applyChange = () => Promise.reject(new Error('QuotaExceededError'));
    let reads = 0;
    store.getAnnotations = (...args) => (++reads === 1 ? Promise.reject(new Error('read failed')) : real.read(...args));
    await selectText('1980亩以上');
    await press('4');
    await waitUntil(() => reads === 1);
    store.applyChange = real.apply;
    expect(await s.tag('PROJECT')).toBe(false); // refused: what is shown may hold the refused edit
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toMatch(/read the document back/);
    await s.settled(); // the second read-back, half a second later, succeeds
    expect(reads).toBe(2);
    expect(renderedSpans('METRIC')).toEqual([]);
    expect(await s.tag('PROJECT')).toBe(true);
    await s.settled();
    expect(await stored(store, s.doc.id)).toEqual([['1980亩以上', 'PROJECT']]);
  });

  it('takes back a relabel and a delete the store refuses, leaving the span as it was and selected', async () => {
    const { workspace, store } = await startApp();
    await selectText('1980亩以上');
    await press('4');
    await workspace.session!.settled();
    const real = store.applyChange.bind(store);
    store.applyChange = () => Promise.reject(new Error('QuotaExceededError'));
    for (const key of ['3', 'Delete']) {
      await press(key);
      await workspace.session!.settled();
      expect(renderedSpans('METRIC')).toEqual(['1980亩以上']);
      expect(renderedSpans('ORG')).toEqual([]);
      expect(document.querySelector('.seg.selected')?.textContent).toBe('1980亩以上');
    }
    store.applyChange = real;
    await press('Delete');
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual([]);
    expect(await stored(store, workspace.session!.doc.id)).toEqual([]);
  });

  it('reopens the document that was open before the reload', async () => {
    const first = await startApp();
    await first.workspace.pasteDocument('第二篇', '新增建设用地600亩以上。');
    first.view.unmount();
    cleanup();
    const second = await startApp(first.dbName);
    expect(second.workspace.session?.doc.title).toBe('第二篇');
  });
});

describe('undo after another tab changed the document', () => {
  it('refuses to bring back a span that would now overlap against the rules', async () => {
    const { workspace, dbName } = await startApp();
    const s = workspace.session!;
    const docId = s.doc.id;
    await selectText('利安隆二期');
    await press('2');
    await press('Delete');
    await s.settled();

    const busB = createBus();
    const at = s.doc.text.indexOf('利安隆'); // BMP text: UTF-16 and code points agree
    await new Store(openDatabase(dbName), busB).applyChange({
      docId,
      before: [],
      after: [{ id: 'org-from-tab-b', docId, start: at, end: at + 3, label: 'ORG', text: '利安隆' }],
    });
    await waitUntil(() => renderedSpans('ORG').length === 1);

    await press('z', { ctrl: true });
    await s.settled();
    expect(renderedSpans('PROJECT')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/cannot overlap/);
    busB.close();
  });
});

describe('keys pressed faster than the store', () => {
  it('deletes the span a tag just created when Delete follows at once', async () => {
    const { workspace, store } = await startApp();
    await selectText('利安隆二期');
    await press('2');
    await press('Delete');
    await workspace.session!.settled();
    expect(renderedSpans('PROJECT')).toEqual([]);
    expect(await store.getSpans(workspace.session!.doc.id)).toEqual([]);
  });
});

describe('keys and selections that must not misfire', () => {
  it('leaves Tab to move the focus when a button has it', async () => {
    const { workspace } = await startApp();
    await selectText('利安隆二期');
    await press('2');
    await workspace.session!.settled();
    await press('Escape');
    const button = screen.getByRole('button', { name: /Paste text/ });
    button.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    button.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
    expect(workspace.session!.selectedId).toBeNull();
  });

  it('never makes a span of white space, even with Alt across a line end', async () => {
    const { workspace } = await startApp();
    const first = SEED.text.indexOf('\n'); // paragraph 0 is "（一）打赢工业强县大会战。"
    await selectBetween({ para: 0, at: first }, { para: 1, at: 0 }, true); // only the newline
    expect(workspace.session!.pending).toBeNull();
    await selectBetween({ para: 0, at: first - 1 }, { para: 1, at: 2 }, true);
    expect(screen.getByTestId('pending').textContent).toBe('。\n实施');
    await selectBetween({ para: 0, at: first }, { para: 1, at: 2 }, true);
    expect(screen.getByTestId('pending').textContent).toBe('实施');
  });
});
