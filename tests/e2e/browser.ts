/**
 * In-browser test harness: serves the production build (dist/, made by `vite build` before these tests)
 * with Vite's preview server and drives Debian's Chromium through playwright-core.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags that work on these machines: no sandbox as root, and no background traffic to the
// (closed) network.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startServer(): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `vite build` before the in-browser tests');
  const server = await preview({ preview: { port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report a URL');
  return { server, url };
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

/** Waits until the open document is segmented (selection snaps to words from then on). */
export async function waitForWords(page: Page): Promise<void> {
  await page.getByTestId('segmented').waitFor({ timeout: 30_000 });
}

/**
 * Drags the mouse over the first rendered occurrence of `needle`, from the middle of its first
 * character to the middle of its last, like a person would (snapping then completes the words).
 */
export async function dragOver(page: Page, needle: string, opts: { alt?: boolean; occurrence?: number } = {}): Promise<void> {
  const box = await page.evaluate(
    ({ needle, occurrence }) => {
      const paras = [...document.querySelectorAll('[data-paragraph]')];
      let seen = 0;
      for (const p of paras) {
        const text = p.textContent ?? '';
        let at = text.indexOf(needle);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            const pos = (unit: number) => {
              let rest = unit;
              for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
                if (rest < t.data.length) return { node: t, offset: rest };
                rest -= t.data.length;
              }
              throw new Error('offset outside the paragraph');
            };
            const rect = (unit: number) => {
              walker.currentNode = p;
              const { node, offset } = pos(unit);
              const r = document.createRange();
              r.setStart(node, offset);
              r.setEnd(node, offset + 1);
              return r.getBoundingClientRect();
            };
            const first = rect(at);
            const last = rect(at + needle.length - 1);
            return { x0: first.left + first.width * 0.3, y0: first.top + first.height / 2, x1: last.right - last.width * 0.3, y1: last.top + last.height / 2 };
          }
          at = text.indexOf(needle, at + 1);
        }
      }
      return null;
    },
    { needle, occurrence: opts.occurrence ?? 0 },
  );
  if (!box) throw new Error(`"${needle}" is not on screen`);
  if (opts.alt) await page.keyboard.down('Alt');
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, { steps: 3 });
  await page.mouse.move(box.x1, box.y1, { steps: 3 });
  await page.mouse.up();
  if (opts.alt) await page.keyboard.up('Alt');
}

/** Text of the spans with `label` on screen, as each span's joined pieces. */
export async function spanTexts(page: Page, label: string): Promise<string[]> {
  return page.evaluate((label) => {
    const byId = new Map<string, string>();
    for (const seg of document.querySelectorAll<HTMLElement>('[data-spans]')) {
      const ids = (seg.dataset.spans ?? '').split(' ');
      const labels = (seg.dataset.labels ?? '').split(' ');
      ids.forEach((id, i) => {
        if (labels[i] === label) byId.set(id, (byId.get(id) ?? '') + seg.textContent);
      });
    }
    return [...byId.values()];
  }, label);
}

/**
 * One preview server and one Chromium for a test file, started before its tests and closed after:
 * `const app = useApp();` then `app.url` and `app.browser` inside the tests.
 */
export function useApp(): { readonly url: string; readonly browser: Browser } {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let url = '';
  beforeAll(async () => {
    ({ server, url } = await startServer());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return url;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };
}
