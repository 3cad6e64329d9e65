/**
 * Component-test harness: the real Workspace over fake-indexeddb and a fake segmenter, rendered in
 * jsdom, plus a way to select document text the way a mouse would.
 */
import 'fake-indexeddb/auto';
import { fireEvent, render } from '@testing-library/svelte';
import { Store, openDatabase } from '../../src/db/index.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import App from '../../src/ui/App.svelte';

// jsdom has no layout: no ResizeObserver, no element scrolling.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
Element.prototype.scrollTo ??= function () {};

export const SEED = {
  title: '测试报告',
  text: '（一）打赢工业强县大会战。\n实施新都片区全域工业土地综合整治，力争全年整治1980亩以上。\n推动利安隆二期、众卡二期尽快落地。',
};

let dbCounter = 0;

export async function startApp(dbName = `test-${++dbCounter}-${Math.random()}`) {
  const store = new Store(openDatabase(dbName));
  const segmenter = new FakeSegmenter();
  const workspace = new Workspace(store, segmenter);
  const view = render(App, { props: { workspace, seed: SEED } });
  await waitUntil(() => workspace.session?.boundaries != null);
  return { store, workspace, segmenter, view, dbName };
}

export async function waitUntil(cond: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The rendered paragraph holding `needle` and the UTF-16 position of it there. */
function find(needle: string, occurrence = 0): { p: HTMLElement; at: number } {
  let seen = 0;
  for (const p of document.querySelectorAll<HTMLElement>('[data-paragraph]')) {
    let at = (p.textContent ?? '').indexOf(needle);
    while (at >= 0) {
      if (seen++ === occurrence) return { p, at };
      at = (p.textContent ?? '').indexOf(needle, at + 1);
    }
  }
  throw new Error(`"${needle}" is not rendered`);
}

function point(p: HTMLElement, unit: number): { node: Text; offset: number } {
  let rest = unit;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (rest <= t.data.length) return { node: t, offset: rest };
    rest -= t.data.length;
    last = t;
  }
  if (!last) throw new Error('empty paragraph');
  return { node: last, offset: last.data.length };
}

/** Selects `needle` (or the part [from, to) of it) with a mouse drag; `alt` holds Alt. */
export async function selectText(needle: string, opts: { alt?: boolean; from?: number; to?: number; occurrence?: number } = {}) {
  const { p, at } = find(needle, opts.occurrence);
  const a = point(p, at + (opts.from ?? 0));
  const b = point(p, at + (opts.to ?? needle.length));
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  await fireEvent.mouseDown(a.node.parentElement!, { button: 0 });
  sel.addRange(range);
  await fireEvent.mouseUp(b.node.parentElement!, { button: 0, altKey: opts.alt ?? false });
}

/** Selects from UTF-16 offset `a.at` of paragraph `a.para` to `b.at` of `b.para` (across lines). */
export async function selectBetween(a: { para: number; at: number }, b: { para: number; at: number }, alt = false) {
  const pa = document.querySelector<HTMLElement>(`[data-paragraph="${a.para}"]`)!;
  const pb = document.querySelector<HTMLElement>(`[data-paragraph="${b.para}"]`)!;
  const x = point(pa, a.at);
  const y = point(pb, b.at);
  const range = document.createRange();
  range.setStart(x.node, x.offset);
  range.setEnd(y.node, y.offset);
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  await fireEvent.mouseDown(x.node.parentElement!, { button: 0 });
  sel.addRange(range);
  await fireEvent.mouseUp(y.node.parentElement!, { button: 0, altKey: alt });
}

/** Clicks on the rendered text `needle` (collapsed selection, like a click). */
export async function clickText(needle: string) {
  const { p, at } = find(needle);
  const a = point(p, at + 1);
  const target = (a.node.parentElement ?? p) as HTMLElement;
  window.getSelection()!.removeAllRanges();
  await fireEvent.mouseDown(target, { button: 0 });
  await fireEvent.mouseUp(target, { button: 0 });
}

export async function press(key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) {
  await fireEvent.keyDown(document.body, { key, ctrlKey: mods.ctrl ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false });
}

/** Rendered spans by label: the joined text of each span's pieces. */
export function renderedSpans(label: string): string[] {
  const byId = new Map<string, string>();
  for (const seg of document.querySelectorAll<HTMLElement>('[data-spans]')) {
    const ids = (seg.dataset.spans ?? '').split(' ');
    const labels = (seg.dataset.labels ?? '').split(' ');
    ids.forEach((id, i) => {
      if (labels[i] === label) byId.set(id, (byId.get(id) ?? '') + seg.textContent);
    });
  }
  return [...byId.values()];
}

export { FakeSegmenter };
