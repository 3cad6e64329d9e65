// The real binary, as a corpus pipeline runs it: `node bin/zhengbiao.mjs …` (what `npx zhengbiao` runs).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhengbiao } from './run.ts';

const DOCCANO = 'tests/fixtures/doccano/data_export__pipeline__examples__sequence_labeling__example.jsonl';

describe('zhengbiao validate', () => {
  it('exits 0 with a summary for a valid file', async () => {
    const r = await zhengbiao('validate', DOCCANO, '--format', 'doccano');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('valid doccano: 3 document(s), 4 span(s) (MISC 1, ORG 1, PERSON 2)');
  });

  it('exits 1 and prints every error with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-cli-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, ['{"text":"abc","label":[[0,9,"ORG"]]}', 'not json', '{"text":"ok","label":[]}', '{"label":[]}'].join('\n'));
    const r = await zhengbiao('validate', bad, '--format', 'doccano');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('bad.jsonl:')).map((l) => l.split(':')[1])).toEqual(['1', '2', '4']);
    expect(r.stdout).toBe('');
  });

  it('explains its usage on a wrong call, with exit 2', async () => {
    const r = await zhengbiao('validate', DOCCANO, '--format', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown format "nope"/);
  });
});

describe('zhengbiao convert', () => {
  it('writes to stdout without -o, and to a file with -o', async () => {
    const r = await zhengbiao('convert', DOCCANO, '--from', 'doccano', '--to', 'doccano');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).label)).toEqual([
      [
        [0, 2, 'ORG'],
        [11, 17, 'MISC'],
      ],
      [[0, 15, 'PERSON']],
      [[10, 15, 'PERSON']],
    ]);
    const out = join(mkdtempSync(join(tmpdir(), 'zb-cli-')), 'out.jsonl');
    const w = await zhengbiao('convert', DOCCANO, '--from', 'doccano', '--to', 'doccano', '-o', out);
    expect(w.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout.endsWith('\n') ? r.stdout : r.stdout + '\n');
    expect(readdirSync(join(out, '..'))).toEqual(['out.jsonl']);
  });

  it('flattens nested spans for a tag format, reporting them on stderr, with the scheme asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-cli-'));
    const input = join(dir, 'nested.jsonl');
    writeFileSync(input, JSON.stringify({ text: '力争全年整治1980亩以上。', label: [[0, 13, 'TARGET'], [6, 13, 'METRIC']] }) + '\n');
    const outer = await zhengbiao('convert', input, '--from', 'doccano', '--to', 'conll', '--scheme', 'bioes');
    expect(outer.code).toBe(0);
    const tags = outer.stdout.split('\n').filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-')).map((l) => l.split('\t')[1]);
    expect(tags).toEqual(['B-TARGET', ...Array(11).fill('I-TARGET'), 'E-TARGET', 'O']);
    expect(outer.stderr).toMatch(/dropped METRIC \[6,13\) 「1980亩以上」 inside TARGET \[0,13\)/);

    const inner = await zhengbiao('convert', input, '--from', 'doccano', '--to', 'conll', '--nested', 'inner');
    expect(inner.stdout).toMatch(/1\tB-METRIC/);
  });

  it('reads a brat folder and writes one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zb-cli-')), 'brat-out');
    const r = await zhengbiao('convert', 'tests/fixtures/brat', '--from', 'brat', '--to', 'brat', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: .*100-attribute_annotation\.ann:\d+/);
    expect(readdirSync(out).sort()).toContain('annotation.conf');
    expect(readdirSync(out).filter((f) => f.endsWith('.ann'))).toHaveLength(4);
    const back = await zhengbiao('validate', out, '--format', 'brat');
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^valid brat: 4 document\(s\), 60 span\(s\)/);
  });

  it('suggests spans for a plain-text file, as doccano JSONL or CoNLL', async () => {
    const r = await zhengbiao('suggest', 'seeds/changshan-2023-work-report-p11.txt');
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout) as { text: string; label: [number, number, string][] };
    const found = row.label.map(([s, e, l]) => [Array.from(row.text).slice(s, e).join(''), l]);
    expect(found).toContainEqual(['1980亩以上', 'METRIC']);
    expect(found).toContainEqual(['力争全年整治1980亩以上', 'TARGET']);
    const outer = await zhengbiao('suggest', 'seeds/changshan-2023-work-report-p11.txt', '--format', 'conll');
    expect(outer.code).toBe(0);
    expect(outer.stdout).toMatch(/力\tB-TARGET\n争\tI-TARGET/);
    expect(outer.stderr).toMatch(/dropped METRIC \[\d+,\d+\) 「1980亩以上」 inside TARGET/);
    const inner = await zhengbiao('suggest', 'seeds/changshan-2023-work-report-p11.txt', '--format', 'conll', '--nested', 'inner');
    expect(inner.stdout).toMatch(/1\tB-METRIC\n9\tI-METRIC/);
  });
});

