/**
 * `npm run bench`: the speed figures of issue #2 (and the first of #8), measured on the built app in
 * Debian's Chromium and on the shared modules in Node. Prints a table, or one JSON object with --json.
 * Figures are medians or 95th percentiles of repeated runs; nothing here is a pass/fail test.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_LABELS, newId, type Span } from '../src/core/index.ts';
import { serializeDoccano } from '../src/formats/index.ts';
import { NodeSegmenter } from '../src/segment/node-segmenter.ts';
import { launch, startServer } from '../tests/e2e/browser.ts';
import { benchDocument } from './bench-corpus.ts';
import { measureInBrowser } from './bench-browser.ts';

const json = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!json) console.error(...a);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function nodeFigures(doc: ReturnType<typeof benchDocument>) {
  const spans: Span[] = doc.spans.map((s) => ({ ...s, id: newId(), docId: 'bench' }));
  const exportRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    serializeDoccano([{ id: 'bench', title: doc.title, text: doc.text, spans }]);
    exportRuns.push(performance.now() - t0);
  }
  const seg = new NodeSegmenter();
  await seg.segment('预热 warm up');
  const segRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await seg.segment(doc.text);
    segRuns.push(performance.now() - t0);
  }
  return {
    export_300k_jsonl_ms: median(exportRuns),
    node_segment_chars_per_s: Math.round(Array.from(doc.text).length / (median(segRuns) / 1000)),
  };
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    log('building…');
    execSync('npx vite build --logLevel warn', { stdio: json ? 'ignore' : 'inherit' });
  }
  const doc = benchDocument();
  log(`document: ${Array.from(doc.text).length.toLocaleString()} code points, ${doc.spans.length} spans, ${DEFAULT_LABELS.length} labels`);
  const dir = mkdtempSync(join(tmpdir(), 'zhengbiao-bench-'));
  const file = join(dir, 'bench-300k.jsonl');
  writeFileSync(file, serializeDoccano([{ id: 'bench', title: doc.title, text: doc.text, spans: doc.spans.map((s) => ({ ...s, id: newId(), docId: 'bench' })) }]));

  const node = await nodeFigures(doc);
  const { server, url } = await startServer();
  const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  try {
    const browserFigures = await measureInBrowser(browser, url, file, log);
    const result = {
      machine: `${(await import('node:os')).cpus()[0]?.model ?? 'unknown'} ×${(await import('node:os')).cpus().length}`,
      browser: `Chromium ${browser.version()}`,
      doc_code_points: Array.from(doc.text).length,
      doc_spans: doc.spans.length,
      ...browserFigures,
      ...node,
    };
    if (json) console.log(JSON.stringify(result));
    else {
      const rows = Object.entries(result).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? Math.round(v * 10) / 10 : v} |`);
      console.log(['| figure | value |', '|---|---|', ...rows].join('\n'));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
