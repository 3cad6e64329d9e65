// `zhengbiao agree` through the real binary, as a corpus pipeline runs it (see cli.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhengbiao } from './run.ts';

type Label = [number, number, string];
/** A doccano JSONL file of the given documents in a fresh temp folder; returns its path. */
function jsonl(dir: string, name: string, docs: { title: string; text: string; label: Label[] }[]): string {
  const path = join(dir, name);
  writeFileSync(path, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return path;
}

const T1 = '力争全年整治1980亩以上。';
const T2 = '新建5G基站300个。';

interface Figures {
  f1_exact: number | null;
  f1_overlap: number | null;
  kappa: number | null;
  a_spans: number;
  b_spans: number;
  matched_exact: number;
}
interface Output {
  pairs: { a: string; b: string; overall: Figures; labels: Record<string, Figures>; documents?: { title: string }[] }[];
  multi?: { raters: number; fleiss: { overall: { value: number | null } }; alpha: { overall: { value: number | null } } };
}

describe('zhengbiao agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zb-agree-'));
  // A: TARGET [0,13) with METRIC [6,13) nested; METRIC [6,10) 「300个」 in the second document.
  const a = jsonl(dir, 'a.jsonl', [
    { title: 'one', text: T1, label: [[0, 13, 'TARGET'], [6, 13, 'METRIC']] },
    { title: 'two', text: T2, label: [[6, 10, 'METRIC']] },
  ]);
  // B: the same documents in the other order; METRIC [6,11) without 以上, the second document agrees.
  const b = jsonl(dir, 'b.jsonl', [
    { title: 'two', text: T2, label: [[6, 10, 'METRIC']] },
    { title: 'one', text: T1, label: [[0, 13, 'TARGET'], [6, 11, 'METRIC']] },
  ]);

  it('prints one JSON object with every pair, matching documents by text in any order', async () => {
    const r = await zhengbiao('agree', a, b, '--format', 'doccano');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Output;
    expect(Object.keys(out)).toEqual(['pairs']);
    expect(out.pairs).toHaveLength(1);
    const p = out.pairs[0]!;
    expect([p.a, p.b]).toEqual([a, b]);
    expect(Object.keys(p)).toEqual(['a', 'b', 'overall', 'labels']);
    expect(Object.keys(p.overall).slice(0, 6)).toEqual(['f1_exact', 'f1_overlap', 'kappa', 'a_spans', 'b_spans', 'matched_exact']);
    expect(Object.keys(p.labels)).toEqual(['METRIC', 'TARGET']);
    // Spans 3 and 3; exact: TARGET and the second METRIC = 2 → 4/6; overlap: all 3 → 1.
    expect(p.overall).toMatchObject({ a_spans: 3, b_spans: 3, matched_exact: 2, f1_overlap: 1 });
    expect(p.overall.f1_exact).toBeCloseTo(2 / 3, 12);
    // METRIC in/out over 14 + 11 = 25 characters: differ on 11, 12 (以上) only: po = 23/25;
    // A in 7 + 4 = 11, B in 5 + 4 = 9: pe = (11·9 + 14·16)/625 = 323/625;
    // kappa = (23/25 − 323/625)/(1 − 323/625) = (575 − 323)/(625 − 323) = 252/302 = 126/151.
    expect(p.labels.METRIC!.kappa).toBeCloseTo(126 / 151, 12);
    expect(p.labels.TARGET).toMatchObject({ f1_exact: 1, kappa: 1 });
  });

  it('gives every pair of three files and the Fleiss and alpha figures', async () => {
    const c = jsonl(dir, 'c.jsonl', [
      { title: 'one', text: T1, label: [[0, 13, 'TARGET'], [6, 13, 'METRIC']] },
      { title: 'two', text: T2, label: [] },
    ]);
    const r = await zhengbiao('agree', a, b, c, '--format', 'doccano');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.pairs.map((p) => [p.a, p.b])).toEqual([
      [a, b],
      [a, c],
      [b, c],
    ]);
    expect(out.multi?.raters).toBe(3);
    expect(out.multi?.fleiss.overall.value).toEqual(expect.any(Number));
    expect(out.multi?.alpha.overall.value).toEqual(expect.any(Number));
    // a and c differ only by the second document's METRIC: F1 exact 2·2/(3 + 2).
    expect(out.pairs[1]!.overall.f1_exact).toBeCloseTo(0.8, 12);
  });

  it('adds the figures of each document with --documents, titled by the first file', async () => {
    const out = JSON.parse((await zhengbiao('agree', a, b, '--format', 'doccano', '--documents')).stdout) as Output;
    expect(out.pairs[0]!.documents?.map((d) => d.title)).toEqual(['one', 'two']);
  });

  it('exits 1 naming the file and document when a text differs or a document is missing', async () => {
    const changed = jsonl(dir, 'changed.jsonl', [
      { title: 'one', text: T1.replace('1980', '1990'), label: [] },
      { title: 'two', text: T2, label: [] },
    ]);
    const r = await zhengbiao('agree', a, changed, '--format', 'doccano');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`zhengbiao: document "one" has a different text in ${changed} than in ${a} (from character 8 on)\n`);

    const fewer = jsonl(dir, 'fewer.jsonl', [{ title: 'two', text: T2, label: [] }]);
    const missing = await zhengbiao('agree', a, fewer, '--format', 'doccano');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/document "one" of .*a\.jsonl is not in .*fewer\.jsonl/);

    const extra = await zhengbiao('agree', fewer, a, '--format', 'doccano');
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/document "one" of .*a\.jsonl is not in .*fewer\.jsonl/);
  });

  it('exits 1 with the file errors of an unreadable input, and 2 on a wrong call', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, 'not json\n');
    const r = await zhengbiao('agree', a, bad, '--format', 'doccano');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.jsonl:1/m);
    expect(r.stderr).toMatch(/no agreement computed/);

    const one = await zhengbiao('agree', a, '--format', 'doccano');
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/agree needs two or more files/);
    expect(one.stderr).toMatch(/zhengbiao agree <a> <b>/);
    expect((await zhengbiao('agree', a, b)).stderr).toMatch(/--format is required/);
  });
});
