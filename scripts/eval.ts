/**
 * `npm run eval`: the rule suggesters (src/suggest) measured against every gold file `seeds/*.gold.jsonl`:
 * per label gold, predicted, TP, precision, recall and F1 (exact start, end and label), the micro average,
 * and the speed of suggest() on the seed text repeated to 1,000,000 characters.
 *   --json    one JSON object instead of the table
 *   --errors  also list false positives and false negatives per label, with context
 * It reports; it always exits 0 (tests/suggest/eval.test.ts holds the targets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { errors, parseGoldJsonl, score, type GoldDocument, type Labelled } from '../src/suggest/evaluate.ts';
import { suggest } from '../src/suggest/index.ts';

const LABELS = ['TARGET', 'PROJECT', 'ORG', 'METRIC'];
const TARGETS: Record<string, number> = { METRIC: 0.95, TARGET: 0.7, ORG: 0.7, PROJECT: 0.6 };
const json = process.argv.includes('--json');
const showErrors = process.argv.includes('--errors');
const dir = join(import.meta.dirname, '..', 'seeds');

function main(): void {
  const docs: (GoldDocument & { file: string })[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.gold.jsonl')).sort()) {
    for (const d of parseGoldJsonl(readFileSync(join(dir, f), 'utf8'))) docs.push({ ...d, file: f });
  }

  const runs = docs.map((d) => ({ doc: d, predicted: suggest(d.text) as Labelled[] }));
  const result = score(runs.map((r) => ({ gold: r.doc.spans, predicted: r.predicted })), LABELS);

  // Speed: the gold texts repeated to at least 1,000,000 characters.
  const base = docs.map((d) => d.text).join('\n');
  let big = base;
  while (Array.from(big).length < 1_000_000 && base.length > 0) big += '\n' + base;
  const chars = Array.from(big).length;
  suggest(big.slice(0, 20_000)); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    suggest(big);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[1] ?? times[0] ?? NaN;
  const charsPerSecond = Math.round(chars / (ms / 1000));

  const cps = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

  if (json) {
    console.log(
      JSON.stringify({
        documents: docs.map((d) => d.file),
        labels: Object.fromEntries(result.labels.map((s) => [s.label, s])),
        micro: result.micro,
        targets: TARGETS,
        speed: { chars, ms: Math.round(ms), charsPerSecond },
      }),
    );
  } else {
    const f = (x: number) => x.toFixed(3);
    console.log(`documents: ${docs.map((d) => d.file).join(', ')}`);
    console.log('');
    console.log('label      gold  pred    TP      P      R     F1  target');
    for (const s of [...result.labels, result.micro]) {
      const t = TARGETS[s.label];
      const mark = t === undefined ? '' : `${s.f1 >= t ? '≥' : '<'} ${t.toFixed(2)}`;
      console.log(
        `${s.label.padEnd(8)} ${String(s.gold).padStart(6)} ${String(s.predicted).padStart(5)} ${String(s.tp).padStart(5)}  ${f(s.precision)}  ${f(s.recall)}  ${f(s.f1)}  ${mark}`,
      );
    }
    console.log('');
    console.log(`speed: ${chars.toLocaleString('en')} chars in ${Math.round(ms)} ms = ${charsPerSecond.toLocaleString('en')} chars/s (median of 3)`);
    if (showErrors) {
      for (const { doc, predicted } of runs) {
        const e = errors(doc.spans, predicted);
        for (const label of LABELS) {
          const ctx = (s: Labelled) => {
            const before = cps(doc.text, Math.max(0, s.start - 12), s.start).replace(/\n/g, '⏎');
            const after = cps(doc.text, s.end, s.end + 8).replace(/\n/g, '⏎');
            return `[${s.start},${s.end}) 「${cps(doc.text, s.start, s.end)}」  …${before}【…】${after}…`;
          };
          const fps = e.falsePositives.filter((s) => s.label === label);
          const fns = e.falseNegatives.filter((s) => s.label === label);
          if (fps.length + fns.length === 0) continue;
          console.log(`\n== ${doc.file} ${label}: ${fps.length} false positives, ${fns.length} false negatives`);
          for (const s of fps) console.log(`  FP ${ctx(s)}  (${(s as { rule?: string }).rule ?? ''})`);
          for (const s of fns) console.log(`  FN ${ctx(s)}`);
        }
      }
    }
  }
}

try {
  main();
} catch (e) {
  // It reports, it does not fail: a broken gold file is told, not thrown.
  console.error(`eval: ${(e as Error).message}`);
}
process.exitCode = 0;
