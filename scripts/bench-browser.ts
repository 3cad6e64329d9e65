/**
 * The in-browser editor half of the benchmark, timed inside the page with performance.now():
 *  - coldStarts: N page loads, each in a fresh browser context (empty storage and HTTP cache), from
 *    navigation start (performance.now() = 0) to the moment the seed document is segmented (the
 *    "segmented" marker: from then on a selection snaps to words and a key tags it); the jieba wasm and
 *    the first IndexedDB set-up are included. The first load also records every JavaScript file fetched
 *    until then, split into the page's own (index-*.js and its imports) and the workers' scripts.
 *  - editor: the 300k document imported as doccano JSONL, opened (click → the frame after its text with
 *    spans is in the DOM; 3 opens, switching to the seed document in between: the first segments it, the
 *    others read cached words), the JS heap after opening (gc first; the page's heap, not the workers'),
 *    then create / relabel / delete rounds (key event → the frame after the change is in the DOM; before
 *    each create the pointer moves over the paragraph and the selection is made a frame earlier, as a
 *    person's would be) and
 *    scrolling (150 px per frame, the time between animation frames).
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export const median = (xs: number[]): number => percentile(xs, 50);

export type Log = (...a: unknown[]) => void;

/** In-page helpers, installed once: wait for a DOM condition, then for the frame that paints it. */
export async function installHelpers(page: Page): Promise<void> {
  // tsx (esbuild) wraps named functions in __name(); functions sent to the page need it defined there.
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__until = (cond: () => boolean, timeout = 60_000) =>
      new Promise<number>((resolve, reject) => {
        if (cond()) return resolve(performance.now());
        const t = setTimeout(() => (obs.disconnect(), reject(new Error('timed out'))), timeout);
        const obs = new MutationObserver(() => {
          if (cond()) {
            obs.disconnect();
            clearTimeout(t);
            resolve(performance.now());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    w.__frame = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  });
}

/** What `window` holds once installHelpers ran (for the functions evaluated in the page). */
export type Helpers = { __until: (c: () => boolean, timeout?: number) => Promise<number>; __frame: () => Promise<number> };

export interface ScriptSize {
  file: string;
  kind: 'page' | 'worker';
  gzipKb: number;
}

/** A fresh context with the app loaded and its seed document segmented; `ms` is navigation start → segmented. */
export async function loadApp(browser: Browser, url: string, record?: ScriptSize[]): Promise<{ page: Page; ms: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    const w = window as unknown as { __firstTag: Promise<number> };
    w.__firstTag = new Promise<number>((resolve) => {
      const obs = new MutationObserver(() => {
        if (document.querySelector('[data-testid="segmented"]')) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document, { subtree: true, childList: true, attributes: true });
    });
  });
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  if (record) {
    context.on('response', (r) => {
      if (/\.m?js(\?|$)/.test(r.url())) bodies.set(r.url(), r.body());
    });
  }
  await page.goto(url);
  const ms = await page.evaluate(() => (window as unknown as { __firstTag: Promise<number> }).__firstTag);
  if (record) {
    // The page's own fetches are in its resource timeline; a worker's script (and anything it would
    // import) is not, except the worker script itself (initiator "other").
    const workers = new Set(page.workers().map((w) => w.url()));
    const fetched = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)));
    for (const [u, body] of bodies) {
      const kind = fetched.has(u) && !workers.has(u) ? 'page' : 'worker';
      record.push({ file: new URL(u).pathname.split('/').pop()!, kind, gzipKb: gzipSync(await body, { level: 9 }).length / 1024 });
    }
  }
  await installHelpers(page);
  return { page, ms };
}

export async function coldStarts(browser: Browser, url: string, runs: number, log: Log) {
  const scripts: ScriptSize[] = [];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, ms } = await loadApp(browser, url, i === 0 ? scripts : undefined);
    times.push(ms);
    await page.context().close();
  }
  log(`cold start to first tag possible: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  return { times, scripts };
}

/** Opens a document by its title in the list; resolves with click → painted text with spans, and → segmented. */
async function openDocument(page: Page, title: string, spans = true): Promise<{ open: number; segmented: number }> {
  return page.evaluate(async ({ title, spans }) => {
    const w = window as unknown as Helpers;
    const btn = [...document.querySelectorAll<HTMLButtonElement>('button.open')].find((b) => b.querySelector('.title')?.textContent === title)!;
    const start = performance.now();
    btn.click();
    await w.__until(() => document.querySelector('[data-testid="doc-title"]')?.textContent === title && (!spans || !!document.querySelector('[data-testid="text-view"] [data-spans]')));
    const painted = await w.__frame();
    await w.__until(() => !!document.querySelector('[data-testid="segmented"]'));
    return { open: painted - start, segmented: performance.now() - start };
  }, { title, spans });
}

export async function editorFigures(browser: Browser, url: string, file: string, log: Log) {
  const { page } = await loadApp(browser, url);
  await page.getByRole('button', { name: /Import dataset/ }).click();
  await page.setInputFiles('[data-testid="dataset-input"]', file);
  await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^导入 Import$/ }).click();
  await page.locator('button.open', { hasText: 'bench-300k' }).waitFor({ timeout: 60_000 });

  const seedTitle = (await page.locator('button.open .title').allTextContents()).find((t) => t !== 'bench-300k')!;
  const opens: { open: number; segmented: number }[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await openDocument(page, seedTitle, false);
    opens.push(await openDocument(page, 'bench-300k'));
  }
  log(`open 300k document: ${opens.map((o) => o.open.toFixed(0)).join(', ')} ms to painted spans; segmented the first time after ${opens[0]!.segmented.toFixed(0)} ms`);
  // Arcs are measured once the view has been still for a moment (TextView): waited for, up to a second.
  const arcs = await page.evaluate(async () => {
    const count = () => document.querySelectorAll('[data-testid="relation-arcs"] path[data-relation]').length;
    await (window as unknown as Helpers).__until(() => count() > 0, 1000).catch(() => {});
    return count();
  });

  const heap = await page.evaluate(() => {
    (globalThis as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  });

  const edits = await page.evaluate(async (rounds: number) => {
    const w = window as unknown as Helpers;
    const scroller = document.querySelector<HTMLElement>('[data-testid="text-view"]')!;
    const key = (k: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const out = { create: [] as number[], relabel: [] as number[], delete: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      scroller.scrollTop = (i * 9973) % Math.max(1, scroller.scrollHeight - scroller.clientHeight);
      await w.__frame();
      await w.__frame();
      // A stretch of untagged text in a paragraph on screen.
      const box = scroller.getBoundingClientRect();
      const paras = [...document.querySelectorAll<HTMLElement>('[data-paragraph]')].filter((p) => {
        const r = p.getBoundingClientRect();
        return r.top > box.top && r.bottom < box.bottom;
      });
      let target: Text | undefined;
      for (const p of paras) {
        target = [...p.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE && (n as Text).data.length > 8);
        if (target) break;
      }
      if (!target) continue;
      // The pointer reaches the text before it selects (a person has to move it there): the app draws
      // the words of the paragraph under it then, not when the key is pressed.
      target.parentElement!.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
      await w.__frame();
      const range = document.createRange();
      range.setStart(target, 2);
      range.setEnd(target, 5);
      const sel = getSelection()!;
      sel.removeAllRanges();
      target.parentElement!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      sel.addRange(range);
      target.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, altKey: true }));
      // The selection is shown before the key comes (nobody presses it within the same frame): the
      // figure is key to painted, not mouse release plus key.
      await w.__frame();

      let t = performance.now();
      key('3');
      await w.__until(() => !!document.querySelector('.seg.selected[data-labels$="ORG"]'));
      out.create.push((await w.__frame()) - t);

      t = performance.now();
      key('2');
      await w.__until(() => !!document.querySelector('.seg.selected[data-labels$="PROJECT"]'));
      out.relabel.push((await w.__frame()) - t);

      t = performance.now();
      key('Delete');
      await w.__until(() => !document.querySelector('.seg.selected'));
      out.delete.push((await w.__frame()) - t);
    }
    return out;
  }, 40);
  log(`edits: ${edits.create.length} rounds of create / relabel / delete`);

  const scroll = await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="text-view"]')!;
    const frames: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      scroller.scrollTop = pass * 20_000;
      await new Promise((r) => requestAnimationFrame(r));
      let last = await new Promise<number>((r) => requestAnimationFrame(r));
      for (let i = 0; i < 300; i++) {
        scroller.scrollTop += 150;
        const now = await new Promise<number>((r) => requestAnimationFrame(r));
        frames.push(now - last);
        last = now;
      }
    }
    return frames;
  });

  await page.context().close();
  const all = [...edits.create, ...edits.relabel, ...edits.delete];
  return {
    open_300k_ms: median(opens.map((o) => o.open)),
    open_runs_ms: opens.map((o) => o.open),
    segment_300k_ms: opens[0]!.segmented,
    arcs_drawn: arcs,
    heap_mb_300k: heap / 2 ** 20,
    tag_p95_ms: percentile(all, 95),
    tag_median_ms: median(all),
    create_p95_ms: percentile(edits.create, 95),
    relabel_p95_ms: percentile(edits.relabel, 95),
    delete_p95_ms: percentile(edits.delete, 95),
    tag_samples: all.length,
    scroll_frame_p95_ms: percentile(scroll, 95),
    scroll_frame_median_ms: median(scroll),
    scroll_frames: scroll.length,
  };
}
