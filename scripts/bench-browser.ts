/** The in-browser half of the benchmark: everything is timed inside the page with performance.now(). */
import type { Browser, Page } from 'playwright-core';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

function median(xs: number[]): number {
  return percentile(xs, 50);
}

/** In-page helpers, installed once: wait for a DOM condition, then for the frame that paints it. */
async function installHelpers(page: Page): Promise<void> {
  // tsx (esbuild) wraps named functions in __name(); functions sent to the page need it defined there.
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__until = (cond: () => boolean, timeout = 30_000) =>
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

export async function measureInBrowser(browser: Browser, url: string, file: string, log: (...a: unknown[]) => void) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();

  const t0 = Date.now();
  await page.goto(url);
  await page.getByTestId('segmented').waitFor({ timeout: 60_000 });
  const coldStart = Date.now() - t0;
  log(`cold start to first tag possible: ${coldStart} ms`);
  await installHelpers(page);

  await page.getByRole('button', { name: /Import dataset/ }).click();
  await page.setInputFiles('[data-testid="dataset-input"]', file);
  await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^导入 Import$/ }).click();
  await page.locator('button.open', { hasText: 'bench-300k' }).waitFor({ timeout: 60_000 });

  const open = await page.evaluate(async () => {
    const w = window as unknown as { __until: (c: () => boolean) => Promise<number>; __frame: () => Promise<number> };
    const btn = [...document.querySelectorAll<HTMLButtonElement>('button.open')].find((b) => b.textContent?.includes('bench-300k'))!;
    const start = performance.now();
    btn.click();
    await w.__until(() => document.querySelector('[data-testid="doc-title"]')?.textContent === 'bench-300k' && !!document.querySelector('[data-testid="text-view"] [data-spans]'));
    const painted = await w.__frame();
    await w.__until(() => !!document.querySelector('[data-testid="segmented"]'));
    return { open: painted - start, segmented: performance.now() - start };
  });
  log(`open 300k document: ${open.open.toFixed(0)} ms to painted spans; segmented after ${open.segmented.toFixed(0)} ms`);

  const edits = await page.evaluate(async (rounds: number) => {
    const w = window as unknown as { __until: (c: () => boolean) => Promise<number>; __frame: () => Promise<number> };
    const scroller = document.querySelector<HTMLElement>('[data-testid="text-view"]')!;
    const key = (k: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const out = { create: [] as number[], relabel: [] as number[], delete: [] as number[], createDom: [] as number[] };
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
      const range = document.createRange();
      range.setStart(target, 2);
      range.setEnd(target, 5);
      const sel = getSelection()!;
      sel.removeAllRanges();
      target.parentElement!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      sel.addRange(range);
      target.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, altKey: true }));

      let t = performance.now();
      key('3');
      const dom = await w.__until(() => !!document.querySelector('.seg.selected[data-labels$="ORG"]'));
      out.createDom.push(dom - t);
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
  }, 30);
  const all = [...edits.create, ...edits.relabel, ...edits.delete];
  log(`edits: ${edits.create.length} rounds of create / relabel / delete`);

  const scroll = await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="text-view"]')!;
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 300; i++) {
      scroller.scrollTop += 150;
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      frames.push(now - last);
      last = now;
    }
    return frames;
  });

  const heap = await page.evaluate(() => {
    (globalThis as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  });

  await context.close();
  return {
    cold_start_ms: coldStart,
    open_300k_ms: open.open,
    segment_300k_ms: open.segmented,
    tag_dom_p95_ms: percentile(edits.createDom, 95),
    tag_p95_ms: percentile(all, 95),
    tag_median_ms: median(all),
    create_p95_ms: percentile(edits.create, 95),
    relabel_p95_ms: percentile(edits.relabel, 95),
    delete_p95_ms: percentile(edits.delete, 95),
    scroll_frame_p95_ms: percentile(scroll, 95),
    scroll_frame_median_ms: median(scroll),
    heap_mb_300k: heap / 2 ** 20,
  };
}
