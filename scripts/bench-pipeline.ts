/**
 * The in-browser bulk half of the benchmark, on the built app in Chromium:
 *  - workerFigures: the app's own segmentation and suggestion workers (the built worker-*.js files the
 *    page started, told apart by whether they load jieba's wasm), each started once more from the page
 *    and spoken to in their message protocol (src/segment/protocol.ts, src/suggest/protocol.ts), as
 *    WorkerSegmenter and WorkerSuggester do. Timed in the page: postMessage of the whole 1,000,000-code-
 *    point corpus → the answer received (copying the text in, jieba or the rules, the boundaries or
 *    suggestions back). Warm: after a first call that loads the wasm and a 20,000-character call.
 *    Median of 7 segmentations (each right after one native run in Node) and of 3 suggestion runs.
 *  - importFiles: the Import files dialog with 1,000 .txt files (3,000 characters each) from a temp
 *    folder; reading is timed from setInputFiles to the import button being enabled (Node clock), the
 *    import itself in the page from the click to the frame after the document list shows 1,001 rows.
 *  - exportFigures: a new project, the 1,000 documents with 50 spans each brought in as one doccano
 *    dataset, then exported as doccano JSONL and as CoNLL BIO through the Export dataset dialog: timed in
 *    the page from the Export click to the download link's click (the file handed to the browser); the
 *    downloaded files are checked to hold 1,000 documents.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadApp, median, type Helpers, type Log } from './bench-browser.ts';

type Message = { type: string; id: number; boundaries?: Uint32Array; suggestions?: unknown[]; message?: string };

async function workerUrls(page: Page): Promise<{ segment: string; suggest: string }> {
  const urls = page.workers().map((w) => w.url());
  const texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  const segment = urls.find((_, i) => texts[i]!.includes('jieba_rs_wasm_bg'));
  const suggest = urls.find((_, i) => !texts[i]!.includes('jieba_rs_wasm_bg'));
  if (!segment || !suggest) throw new Error(`cannot tell the workers apart: ${urls.join(', ')}`);
  return { segment, suggest };
}

/**
 * Starts a fresh instance of the worker at `url` in the page with `corpus` kept there, sends the two
 * warm-up requests, and returns a function that times one request for the whole corpus (in the page).
 */
async function startWorker(page: Page, url: string, kind: 'segment' | 'suggest', corpus: string) {
  await page.evaluate(
    async ({ url, kind, corpus }) => {
      const worker = new Worker(url, { type: 'module' });
      let next = 0;
      const ask = (text: string) =>
        new Promise<Message>((resolve, reject) => {
          const id = ++next;
          const on = (e: MessageEvent<Message>) => {
            if (e.data.id !== id || e.data.type === 'progress') return;
            worker.removeEventListener('message', on);
            if (e.data.type === 'error') reject(new Error(e.data.message));
            else resolve(e.data);
          };
          worker.addEventListener('message', on);
          worker.postMessage({ type: kind, id, text });
        });
      await ask('预热 warm up');
      await ask(corpus.slice(0, 20_000));
      (window as unknown as Record<string, unknown>)[`__${kind}`] = { worker, ask, corpus };
    },
    { url, kind, corpus },
  );
  const run = () =>
    page.evaluate(async (kind) => {
      const { ask, corpus } = (window as unknown as Record<string, { ask: (t: string) => Promise<Message>; corpus: string }>)[`__${kind}`]!;
      const t0 = performance.now();
      const answer = await ask(corpus);
      const ms = performance.now() - t0;
      let checksum = 0;
      for (const b of answer.boundaries ?? []) checksum = (Math.imul(checksum, 31) + b) >>> 0;
      return { ms, count: answer.boundaries ? answer.boundaries.length - 1 : (answer.suggestions?.length ?? 0), checksum };
    }, kind);
  const stop = () => page.evaluate((kind) => (window as unknown as Record<string, { worker: Worker }>)[`__${kind}`]!.worker.terminate(), kind);
  return { run, stop };
}

/**
 * The workers' figures. Each timed segmentation is preceded by one timed native run in Node (`native`,
 * when given), so that both medians come from the same minutes of a machine others may be using too.
 */
export async function workerFigures(browser: Browser, url: string, corpus: string, log: Log, native?: () => number) {
  const { page } = await loadApp(browser, url);
  const workers = await workerUrls(page);
  const segmenter = await startWorker(page, workers.segment, 'segment', corpus);
  const segment = { times: [] as number[], native: [] as number[], count: 0, checksum: 0 };
  for (let i = 0; i < 7; i++) {
    if (native) segment.native.push(native());
    const r = await segmenter.run();
    segment.times.push(r.ms);
    Object.assign(segment, { count: r.count, checksum: r.checksum });
  }
  await segmenter.stop();
  log(`segment 1M in the worker: ${segment.times.map((t) => t.toFixed(0)).join(', ')} ms, ${segment.count} words; native ${segment.native.map((t) => t.toFixed(0)).join(', ')} ms`);
  const suggester = await startWorker(page, workers.suggest, 'suggest', corpus);
  const suggest = { times: [] as number[], count: 0 };
  for (let i = 0; i < 3; i++) {
    const r = await suggester.run();
    suggest.times.push(r.ms);
    suggest.count = r.count;
  }
  await suggester.stop();
  log(`suggest 1M in the worker: ${suggest.times.map((t) => t.toFixed(0)).join(', ')} ms, ${suggest.count} suggestions`);
  await page.context().close();
  return { segment, suggest, segmentMs: median(segment.times), nativeMs: native ? median(segment.native) : null, suggestMs: median(suggest.times) };
}

/** Rows in the document list, awaited in the page; resolves with the click → painted time. */
async function clickUntilRows(page: Page, button: string, rows: number): Promise<number> {
  return page.evaluate(
    async ({ button, rows }) => {
      const w = window as unknown as Helpers;
      const btn = [...document.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => new RegExp(button).test(b.textContent ?? ''))!;
      const t0 = performance.now();
      btn.click();
      await w.__until(() => document.querySelectorAll('[data-testid="doc-row"]').length === rows, 120_000);
      return (await w.__frame()) - t0;
    },
    { button, rows },
  );
}

export async function importFiles(browser: Browser, url: string, paths: string[], log: Log) {
  const { page } = await loadApp(browser, url);
  const before = await page.locator('[data-testid="doc-row"]').count();
  await page.getByRole('button', { name: /Import files/ }).click();
  const t0 = performance.now();
  await page.setInputFiles('[data-testid="files-input"]', paths);
  await page.waitForFunction(
    (n) => [...document.querySelectorAll<HTMLButtonElement>('dialog button')].some((b) => b.textContent?.includes(`Import ${n} file`) && !b.disabled),
    paths.length,
    { timeout: 120_000, polling: 50 },
  );
  const read = performance.now() - t0;
  const store = await clickUntilRows(page, `Import ${paths.length} file`, before + paths.length);
  log(`import ${paths.length} files: read ${read.toFixed(0)} ms, stored and listed ${store.toFixed(0)} ms`);
  await page.context().close();
  return { read, store };
}

/** One export through the dialog; the page's time from the Export click to the download, and the file. */
async function exportOnce(page: Page, formatId: string): Promise<{ ms: number; text: string }> {
  await page.getByRole('button', { name: /Export dataset/ }).click();
  await page.locator('dialog select[name=format]').selectOption(formatId);
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  const ms = await page.evaluate(async () => {
    const proto = HTMLAnchorElement.prototype;
    const click = proto.click;
    const handed = new Promise<number>((resolve) => {
      proto.click = function (this: HTMLAnchorElement) {
        if (this.download) {
          proto.click = click;
          resolve(performance.now());
        }
        return click.call(this);
      };
    });
    const submit = [...document.querySelectorAll<HTMLButtonElement>('dialog button[type=submit]')].find((b) => /Export/.test(b.textContent ?? ''))!;
    const t0 = performance.now();
    submit.click();
    return (await handed) - t0;
  });
  const download = await downloading;
  return { ms, text: readFileSync((await download.path())!, 'utf8') };
}

export async function exportFigures(browser: Browser, url: string, jsonl: string, documents: number, log: Log) {
  const { page } = await loadApp(browser, url);
  page.once('dialog', (d) => void d.accept('bench-export'));
  await page.getByRole('button', { name: /New project/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-row"]').length === 0);
  await page.getByRole('button', { name: /Import dataset/ }).click();
  await page.locator('dialog select[name=format]').selectOption('doccano');
  await page.setInputFiles('[data-testid="dataset-input"]', jsonl);
  await page.getByTestId('dataset-summary').waitFor({ timeout: 120_000 });
  const datasetImport = await clickUntilRows(page, '^导入 Import$', documents);

  const runs: Record<'doccano' | 'conll', number[]> = { doccano: [], conll: [] };
  for (let i = 0; i < 3; i++) {
    for (const format of ['doccano', 'conll'] as const) {
      const { ms, text } = await exportOnce(page, format);
      const count = format === 'doccano' ? text.trim().split('\n').length : text.split('-DOCSTART-').length - 1;
      if (count !== documents) throw new Error(`${format} export holds ${count} documents, not ${documents}`);
      runs[format].push(ms);
    }
  }
  log(`dataset import of ${documents} documents: ${datasetImport.toFixed(0)} ms; export doccano ${runs.doccano.map((t) => t.toFixed(0)).join(', ')} ms, CoNLL BIO ${runs.conll.map((t) => t.toFixed(0)).join(', ')} ms`);
  await page.context().close();
  return { datasetImport, doccano: median(runs.doccano), conll: median(runs.conll) };
}
