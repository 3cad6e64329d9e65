/**
 * `npm run bench`: the speed figures of issue #8, on the built app (vite build, served by vite preview)
 * in Debian's Chromium and on the shared modules in Node. Prints a table with each target, or with
 * --json one JSON object with exactly the figures below plus `machine` and `browser`. The app is built
 * into a folder of its own (not dist/, which other work may be rebuilding meanwhile); --no-build reuses
 * the last such build.
 *
 * What is timed (details in each file's header):
 *  segment_chars_per_s   1,000,000 code points of report text (bench-corpus.ts) / the median time of the
 *                        app's segmentation worker (its built worker-*.js, warm) answering one `segment`
 *                        request for all of it, measured in the page: postMessage → boundaries received
 *  segment_vs_native     that time / the median time of native jieba-rs (@node-rs/jieba) cutting the same
 *                        pieces with HMM in Node (cut calls only), one native run before each worker run
 *  cold_start_ms         navigation start → seed document segmented (tagging possible), fresh context,
 *                        median of 3
 *  open_300k_ms          click in the document list → the frame after the 300k document's text with spans
 *                        is in the DOM (10,000 spans, ~1,100 relations), median of 3 opens
 *  tag_p95_ms            create / relabel / delete by key in that document → the frame after the change
 *  scroll_frame_p95_ms   time between animation frames while scrolling it 150 px per frame
 *  import_1000_docs_ms   Import files dialog with 1,000 .txt files of 3,000 characters: import click → the
 *                        frame after the list shows 1,001 documents (reading the files before is shown apart)
 *  export_1000_docs_ms   those documents with 50 spans each, exported through the Export dataset dialog
 *                        as doccano JSONL plus as CoNLL BIO (Export click → download), medians of 3 added up
 *  suggest_chars_per_s   the corpus / the median time of the app's suggestion worker answering `suggest`
 *  js_gzip_kb            the page's own JavaScript (index-*.js and what it imports; not the two workers'
 *                        scripts, listed apart; wasm not counted) fetched before tagging is possible,
 *                        each file gzipped at level 9
 *  heap_mb_300k          the page's used JS heap after opening the 300k document, after a gc
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { serializeDoccano } from '../src/formats/index.ts';
import { preview } from 'vite';
import { launch } from '../tests/e2e/browser.ts';
import { coldStarts, editorFigures, median, type ScriptSize } from './bench-browser.ts';
import { benchDocument, segmentCorpus, smallDocuments, toExport } from './bench-corpus.ts';
import { nativeJieba, nodeFigures } from './bench-node.ts';
import { exportFigures, importFiles, workerFigures } from './bench-pipeline.ts';

const json = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!json) console.error(...a);
};

/** The figures of issue #8: name, target, and whether higher is better. */
const TARGETS: [string, number, 'min' | 'max', string][] = [
  ['segment_chars_per_s', 2_000_000, 'min', 'segmentation in the worker, warm, 1M characters'],
  ['segment_vs_native', 4.0, 'max', 'worker time / native jieba-rs time'],
  ['cold_start_ms', 1_500, 'max', 'page load to first tag possible (wasm included)'],
  ['open_300k_ms', 500, 'max', 'open 300k document with 10,000 spans, to painted'],
  ['tag_p95_ms', 50, 'max', 'create / relabel / delete, input to painted, p95'],
  ['scroll_frame_p95_ms', 20, 'max', 'frame time while scrolling it, p95'],
  ['import_1000_docs_ms', 5_000, 'max', 'import 1,000 documents of 3,000 characters'],
  ['export_1000_docs_ms', 2_000, 'max', 'export them (50 spans each) to doccano JSONL + BIO'],
  ['suggest_chars_per_s', 500_000, 'min', 'pre-annotation over the 1M corpus (worker)'],
  ['js_gzip_kb', 150, 'max', 'JavaScript of the first page, gzipped (workers apart)'],
  ['heap_mb_300k', 200, 'max', 'JS heap after opening the 300k document'],
];

const round = (x: number) => (Math.abs(x) >= 10_000 ? Math.round(x) : Math.round(x * 10) / 10);
const show = (x: number | string | null) => (typeof x === 'number' ? round(x).toLocaleString('en') : String(x));

function writeInputs(dir: string) {
  const doc = benchDocument();
  const file300k = join(dir, 'bench-300k.jsonl');
  writeFileSync(file300k, serializeDoccano([toExport(doc, 'bench')]));
  const docs = smallDocuments();
  const txtDir = join(dir, 'txt');
  mkdirSync(txtDir);
  const txt = docs.map((d) => {
    const path = join(txtDir, `${d.title}.txt`);
    writeFileSync(path, d.text);
    return path;
  });
  const file1000 = join(dir, 'bench-1000.jsonl');
  writeFileSync(file1000, serializeDoccano(docs.map((d, i) => toExport(d, String(i + 1)))));
  log(`300k document: ${doc.text.length.toLocaleString('en')} code points, ${doc.spans.length} spans, ${doc.relations?.length} relations; 1,000 documents of 3,000 code points, 50 spans each`);
  return { file300k, txt, file1000, documents: docs.length };
}

const OUT_DIR = join(tmpdir(), 'zhengbiao-bench-dist');

/** vite preview of the benchmark's own build. */
async function startServer() {
  if (!existsSync(join(OUT_DIR, 'index.html'))) throw new Error(`${OUT_DIR} is missing: run without --no-build`);
  const server = await preview({ build: { outDir: OUT_DIR }, preview: { port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report a URL');
  return { server, url };
}

async function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) {
    log('building…');
    execSync(`npx vite build --outDir ${JSON.stringify(OUT_DIR)} --emptyOutDir --logLevel error`, { stdio: json ? 'ignore' : 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhengbiao-bench-'));
  const inputs = writeInputs(dir);
  const corpus = segmentCorpus();
  const chars = corpus.length; // no astral characters in the seed: units = code points

  log('Node: native jieba, jieba-wasm, suggestions…');
  const node = nodeFigures(corpus);
  const native = await nativeJieba(corpus);
  if ('error' in native) log(native.error);
  const { server, url } = await startServer();
  const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  try {
    const cold = await coldStarts(browser, url, 3, log);
    const workers = await workerFigures(browser, url, corpus, log, 'run' in native ? native.run : undefined);
    const editor = await editorFigures(browser, url, inputs.file300k, log);
    const imported = await importFiles(browser, url, inputs.txt, log);
    const exported = await exportFigures(browser, url, inputs.file1000, inputs.documents, log);

    const page = (s: ScriptSize) => s.kind === 'page';
    const figures: Record<string, number | null> = {
      segment_chars_per_s: chars / (workers.segmentMs / 1000),
      segment_vs_native: workers.nativeMs === null ? null : workers.segmentMs / workers.nativeMs,
      cold_start_ms: median(cold.times),
      open_300k_ms: editor.open_300k_ms,
      tag_p95_ms: editor.tag_p95_ms,
      scroll_frame_p95_ms: editor.scroll_frame_p95_ms,
      import_1000_docs_ms: imported.store,
      export_1000_docs_ms: exported.doccano + exported.conll,
      suggest_chars_per_s: chars / (workers.suggestMs / 1000),
      js_gzip_kb: cold.scripts.filter(page).reduce((n, s) => n + s.gzipKb, 0),
      heap_mb_300k: editor.heap_mb_300k,
    };
    const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const browserName = `Chromium ${browser.version()} (Debian, headless)`;
    if (json) {
      console.log(JSON.stringify({ machine, browser: browserName, ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v === null ? null : round(v)])) }));
      return;
    }
    const rows = TARGETS.map(([key, target, dir, what]) => {
      const v = figures[key] ?? null;
      const ok = v === null ? '?' : (dir === 'min' ? v >= target : v <= target) ? '✓' : '✗';
      return `| ${what} | \`${key}\` | ${show(v)} | ${dir === 'min' ? '≥' : '≤'} ${show(target)} | ${ok} |`;
    });
    const details: [string, string][] = [
      ['segment 1M in the worker, runs (ms)', workers.segment.times.map(show).join(', ')],
      ['native jieba-rs, same pieces, runs (ms)', 'error' in native ? native.error : workers.segment.native.map(show).join(', ')],
      ['jieba-wasm in Node, same code (ms)', show(node.wasm.ms)],
      ['words: worker / native / wasm in Node', `${workers.segment.count} / ${'words' in native ? native.words : '–'} / ${node.wasm.words} (${'checksum' in native && native.checksum === workers.segment.checksum && node.wasm.checksum === workers.segment.checksum ? 'same boundaries' : 'boundaries differ'})`],
      ['suggest 1M: worker / Node (ms), suggestions', `${show(workers.suggestMs)} / ${show(node.suggest.ms)}, ${workers.suggest.count}`],
      ['cold start runs (ms)', cold.times.map(show).join(', ')],
      ['open 300k runs (ms); segmented after the first', `${editor.open_runs_ms.map(show).join(', ')}; ${show(editor.segment_300k_ms)}`],
      ['relation arcs drawn after opening', String(editor.arcs_drawn)],
      ['create / relabel / delete p95, all median (ms)', `${show(editor.create_p95_ms)} / ${show(editor.relabel_p95_ms)} / ${show(editor.delete_p95_ms)}, ${show(editor.tag_median_ms)} (${editor.tag_samples} edits)`],
      ['scroll frame median (ms)', `${show(editor.scroll_frame_median_ms)} (${editor.scroll_frames} frames)`],
      ['import files: reading 1,000 files before the click (ms)', show(imported.read)],
      ['doccano dataset import of the 1,000 with spans (ms)', show(exported.datasetImport)],
      ['export doccano JSONL / CoNLL BIO (ms)', `${show(exported.doccano)} / ${show(exported.conll)}`],
      ...cold.scripts.map((s): [string, string] => [`JS ${s.kind === 'page' ? 'page' : 'worker'}: ${s.file} (gzip kB)`, show(s.gzipKb)]),
    ];
    console.log(`${machine}; ${browserName}\n`);
    console.log(['| figure | field | value | target | |', '|---|---|---|---|---|', ...rows].join('\n'));
    console.log(['\n| detail | value |', '|---|---|', ...details.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'));
    log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
