import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, type Span } from '../../src/core/spans.ts';
import { labelStudio, parseLabelStudio, serializeLabelStudio } from '../../src/formats/label-studio.ts';
import { parseLocatedJson } from '../../src/formats/json-source.ts';
import { ExportError, formatErrorMessage, type DatasetDocument, type ExportDocument, type FormatError, type ParseResult } from '../../src/formats/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'label_studio');
const TASKS = 'named_entity_tasks.json';
const ANNOTATION = 'named_entity_annotations_1.json';
const SEED = join(import.meta.dirname, '..', '..', 'seeds', 'changshan-2023-work-report-p11.txt');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function documents(r: ParseResult): DatasetDocument[] {
  if (!r.ok) throw new Error('expected success, got:\n' + r.errors.map(formatErrorMessage).join('\n'));
  return r.documents;
}

function errors(r: ParseResult): FormatError[] {
  if (r.ok) throw new Error('expected errors, got ' + JSON.stringify(r.documents));
  expect(r).not.toHaveProperty('documents');
  return r.errors;
}

/** Oracle independent of src/core: code points as Array.from sees them. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

function cpFind(text: string, needle: string): { start: number; end: number } {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = 0; i + n.length <= cps.length; i++) if (n.every((c, k) => cps[i + k] === c)) return { start: i, end: i + n.length };
  throw new Error(`${needle} not in text`);
}

let spanSeq = 0;
function span(docId: string, text: string, start: number, end: number, label: string): Span {
  return { id: `s${++spanSeq}`, docId, start, end, label, text: cpSlice(text, start, end) };
}

/** 1-based line of the first line containing `needle` (after line `after`). */
const lineOf = (content: string, needle: string, after = 0) => content.split('\n').findIndex((l, i) => i >= after && l.includes(needle)) + 1;

const region = (start: number, end: number, labels: string[], text?: string, extra: Record<string, unknown> = {}) => ({
  id: `r${start}`,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { start, end, ...(text !== undefined ? { text } : {}), labels },
  ...extra,
});

describe('Label Studio fixtures (label-studio-frontend examples/named_entity)', () => {
  const TEXT_START = 'Showers continued throughout the week in the Bahia cocoa zone';

  it('tasks.json: a task list; with no annotations, its predictions are read', () => {
    const docs = documents(parseLabelStudio(fixture(TASKS), TASKS));
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    expect(doc!.title).toBe(`${TASKS} #2`); // no id, no data.title: file and line of the task
    expect(doc!.id).toBeUndefined();
    expect(doc!.text.startsWith(TEXT_START)).toBe(true);
    expect(doc!.text).toBe((JSON.parse(fixture(TASKS)) as { data: { text: string } }[])[0]!.data.text);
    expect(doc!.spans).toEqual([{ start: 343, end: 354, label: 'Date', text: 'February 22' }]);
    expect(cpSlice(doc!.text, 343, 354)).toBe('February 22');
  });

  it('annotations/1.json: a single task object with its annotations', () => {
    const docs = documents(parseLabelStudio(fixture(ANNOTATION), ANNOTATION));
    expect(docs).toEqual([
      {
        id: '1',
        title: '1',
        text: documents(parseLabelStudio(fixture(TASKS), TASKS))[0]!.text,
        spans: [{ start: 343, end: 354, label: 'Date', text: 'February 22' }],
      },
    ]);
  });

  it('both fixtures import identically with CRLF line ends', () => {
    for (const name of [TASKS, ANNOTATION]) {
      expect(documents(parseLabelStudio(fixture(name).replace(/\n/g, '\r\n'), name))).toEqual(documents(parseLabelStudio(fixture(name), name)));
    }
  });

  it('a changed value.text is reported on its own line with its field', () => {
    const content = fixture(ANNOTATION).replace('"text": "February 22"', '"text": "February 23"');
    expect(errors(parseLabelStudio(content, ANNOTATION))).toEqual([
      {
        file: ANNOTATION,
        line: lineOf(content, '"February 23"'),
        field: 'annotations[0].result[0].value.text',
        message: 'is "February 23", but the text at [343, 354) is "February 22"',
      },
    ]);
    const content2 = fixture(TASKS).replace('"end": 354', '"end": 3540');
    expect(errors(parseLabelStudio(content2, TASKS))).toEqual([
      {
        file: TASKS,
        line: lineOf(content2, '"end": 3540'),
        field: 'predictions[0].result[0].value.end',
        message: `span [343, 3540) goes beyond the text, which is ${Array.from(documents(parseLabelStudio(fixture(TASKS), TASKS))[0]!.text).length} code points long`,
      },
    ]);
  });

  it('a broken file is reported once, at the line of the syntax error', () => {
    const content = fixture(TASKS).replace('"Date"\n', '"Date",,\n');
    const bad = errors(parseLabelStudio(content, TASKS));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toMatch(/^not valid JSON/);
    expect(bad[0]!.line).toBe(lineOf(content, '"Date",,'));
    // V8 gives no position for some errors (an unexpected token): the line still comes from a scan.
    const content2 = fixture(TASKS).replace('"end": 354', '"end": x354');
    const bad2 = errors(parseLabelStudio(content2, TASKS));
    expect(bad2.map((e) => e.line)).toEqual([lineOf(content2, 'x354')]);
  });
});

describe('Label Studio import', () => {
  it('counts code points: 利安隆 after 𠀀 is start 1, end 4; the UTF-16 offsets [2, 5) are refused', () => {
    const task = (start: number, end: number) => JSON.stringify([{ data: { text: '𠀀利安隆' }, annotations: [{ result: [region(start, end, ['ORG'], '利安隆')] }] }]);
    expect(documents(parseLabelStudio(task(1, 4), 'a.json'))[0]!.spans).toEqual([{ start: 1, end: 4, label: 'ORG', text: '利安隆' }]);
    expect(errors(parseLabelStudio(task(2, 5), 'a.json'))).toEqual([
      { file: 'a.json', line: 1, field: 'annotations[0].result[0].value.end', message: 'span [2, 5) goes beyond the text, which is 4 code points long' },
    ]);
    expect(errors(parseLabelStudio(task(2, 4), 'a.json'))[0]!.message).toBe('is "利安隆", but the text at [2, 4) is "安隆"');
  });

  it('takes the first annotation that was not cancelled, else completions, else predictions; one span per label', () => {
    const tasks = [
      {
        id: 10,
        data: { text: '常山县政府', title: '报告' },
        annotations: [
          { was_cancelled: true, result: [] },
          { result: [region(0, 3, ['ADDR', 'ORG']), { id: 'c', type: 'choices', value: { choices: ['x'] } }, { id: 'r0', type: 'textarea', value: { text: ['per-region note'] } }] },
          { result: [region(3, 5, ['IGNORED'])] },
        ],
        predictions: [{ result: [region(0, 5, ['IGNORED'])] }],
      },
      { id: 'old', data: { text: '旧版' }, completions: [{ result: [region(0, 2, ['X'], '旧版')] }] },
      { data: { text: '预测' }, annotations: [], predictions: [{ result: [region(0, 1, ['P'])] }] },
      { data: { text: '全部跳过' }, annotations: [{ was_cancelled: true, result: [region(0, 1, ['NO'])] }], predictions: [{ result: [region(0, 1, ['NO'])] }] },
      { data: { text: '无标注' } },
    ];
    const docs = documents(parseLabelStudio(JSON.stringify(tasks, null, 2), 'many.json'));
    expect(docs).toEqual([
      {
        id: '10',
        title: '报告',
        text: '常山县政府',
        spans: [
          { start: 0, end: 3, label: 'ADDR', text: '常山县' },
          { start: 0, end: 3, label: 'ORG', text: '常山县' },
        ],
      },
      { id: 'old', title: 'old', text: '旧版', spans: [{ start: 0, end: 2, label: 'X', text: '旧版' }] },
      { title: `many.json #${lineOf(JSON.stringify(tasks, null, 2), '"预测"') - 2}`, text: '预测', spans: [{ start: 0, end: 1, label: 'P', text: '预' }] },
      { title: expect.stringMatching(/^many\.json #\d+$/) as unknown as string, text: '全部跳过', spans: [] },
      { title: expect.stringMatching(/^many\.json #\d+$/) as unknown as string, text: '无标注', spans: [] },
    ]);
  });

  it('finds the text under another data key through a result source, or as the only string', () => {
    const bySource = { data: { body: '甲乙', note: '丙' }, annotations: [{ result: [region(0, 1, ['X'], undefined, { source: '$body' })] }] };
    const onlyString = { data: { content: '甲乙', n: 3 }, annotations: [{ result: [region(1, 2, ['Y'])] }] };
    const docs = documents(parseLabelStudio(JSON.stringify([bySource, onlyString]), 'keys.json'));
    expect(docs.map((d) => [d.text, d.spans])).toEqual([
      ['甲乙', [{ start: 0, end: 1, label: 'X', text: '甲' }]],
      ['甲乙', [{ start: 1, end: 2, label: 'Y', text: '乙' }]],
    ]);
  });

  it('a bare annotation needs its task: an error without it, imported with it', () => {
    const bare = JSON.stringify({ id: 5, result: [region(0, 1, ['X'])] }, null, 2);
    expect(errors(parseLabelStudio(bare, 'ann.json'))).toEqual([
      {
        file: 'ann.json',
        line: 1,
        message: 'a single annotation without its task: it holds no text to import; export the tasks (JSON) from Label Studio instead',
      },
    ]);
    const withTask = JSON.stringify({ id: 5, result: [region(0, 1, ['X'], '甲')], task: { id: 9, data: { text: '甲乙' } } });
    expect(documents(parseLabelStudio(withTask, 'ann.json'))).toEqual([{ id: '9', title: '9', text: '甲乙', spans: [{ start: 0, end: 1, label: 'X', text: '甲' }] }]);
  });

  it('reports several bad tasks, each error on its line with its field, and returns no documents', () => {
    const tasks = [
      { data: { text: '好的' }, annotations: [{ result: [region(0, 1, ['OK'])] }] }, // fine
      { data: { text: '甲乙丙' }, annotations: [{ result: [region(2, 1, ['A']), region(0, 1, [], undefined), region(0, '1' as unknown as number, ['B'])] }] },
      { data: { title: 'no text', n: 1 }, annotations: [] },
      { data: { text: 42 } },
      'a string',
      { data: { text: 'abc' }, annotations: [{ result: [{ type: 'hypertextlabels', value: {} }, 7, { value: {} }] }] },
      { annotations: [] },
    ];
    const content = JSON.stringify(tasks, null, 2);
    const bad = errors(parseLabelStudio(content, 'bad.json'));
    // Expected lines found independently: the k-th task starts on the k-th line indented by two spaces.
    const taskLines = content.split('\n').flatMap((l, i) => (/^ {2}[{"]/.test(l) ? [i + 1] : []));
    expect(taskLines).toHaveLength(7);
    const within = (k: number, needle: string) => lineOf(content, needle, taskLines[k]! - 1);
    expect(bad.map((e) => [e.line, e.field, e.message])).toEqual([
      [within(1, '"end": 1'), 'annotations[0].result[0].value.end', 'end 1 is not after start 2 (end is exclusive)'],
      [within(1, '"labels": []'), 'annotations[0].result[1].value.labels', 'lists no label'],
      [within(1, '"end": "1"'), 'annotations[0].result[2].value.end', 'must be a whole number of code points, not the string "1"'],
      [taskLines[2]! + 1, 'data', 'no text to import: "data" has no "text" (it has "title", "n")'],
      [within(3, '"text": 42'), 'data.text', 'must be the document text (string), not 42'],
      [taskLines[4], undefined, 'a task must be a JSON object, not the string "a string"'],
      [within(5, '"type": "hypertextlabels"'), 'annotations[0].result[0].type', '"hypertextlabels" regions are not spans of the text; only "labels" results can be imported'],
      [within(5, '7'), 'annotations[0].result[1]', 'a result item must be an object, not 7'],
      [within(5, '7,') + 1, 'annotations[0].result[2].type', 'missing; must be the result type, e.g. "labels"'], // no type: the item's line
      [taskLines[6], 'data', 'missing; must be an object holding the task text, e.g. {"text": "…"}'],
    ]);
    expect(bad.every((e) => e.file === 'bad.json')).toBe(true);
  });

  it('refuses JSON that is neither tasks nor a task; an empty file or list is no documents', () => {
    expect(errors(parseLabelStudio('"text"', 's.json'))).toEqual([{ file: 's.json', line: 1, message: 'must be a list of tasks or one task, not the string "text"' }]);
    expect(documents(parseLabelStudio('[]', 'e.json'))).toEqual([]);
    expect(documents(parseLabelStudio('\uFEFF \n', 'e.json'))).toEqual([]);
  });

  it('parseLocatedJson: lines of nested values, of missing fields (their nearest parent), and of syntax errors', () => {
    const src = '{\n  "a": [\n    1,\n    {"b": "x\\ny"},\n    {\n      "c": null\n    }\n  ],\n  "d e": true\n}\n';
    const r = parseLocatedJson(src);
    if (!r.ok) throw new Error(r.message);
    expect(r.lineOf([])).toBe(1);
    expect(r.lineOf(['a'])).toBe(2);
    expect(r.lineOf(['a', 0])).toBe(3);
    expect(r.lineOf(['a', 1, 'b'])).toBe(4);
    expect(r.lineOf(['a', 2, 'c'])).toBe(6);
    expect(r.lineOf(['a', 2, 'missing', 3])).toBe(5);
    expect(r.lineOf(['d e'])).toBe(9);
    for (const [bad, line] of [
      ['[\n1,\n]', 3],
      ['{\n"a": 1\n"b": 2}', 3],
      ['[\n"ok",\n"bad\tstring"\n]', 3],
      ['[\n1\n]\n]', 4],
      ['[\n{\n', 3],
      ['[\n  tru\n]', 2],
    ] as const) {
      const e = parseLocatedJson(bad);
      expect(e.ok, bad).toBe(false);
      if (!e.ok) expect([bad, e.line]).toEqual([bad, line]);
    }
  });
});

describe('Label Studio export', () => {
  const seed = readFileSync(SEED, 'utf8');

  function seedDoc(): ExportDocument {
    const id = 'doc-changshan';
    const t = cpFind(seed, '力争全年整治1980亩以上');
    const m = cpFind(seed, '1980亩以上');
    const p = cpFind(seed, '利安隆二期');
    return {
      id,
      title: '常山县2023年政府工作报告 p11',
      text: seed,
      spans: [span(id, seed, p.start, p.end, 'PROJECT'), span(id, seed, m.start, m.end, 'METRIC'), span(id, seed, t.start, t.end, 'TARGET')],
    };
  }

  it('writes a task list in the documented shape, results in compareSpans order', () => {
    const doc = seedDoc();
    const out = serializeLabelStudio([doc]);
    expect(out.endsWith('\n')).toBe(true);
    const tasks = JSON.parse(out) as unknown[];
    const sorted = [...doc.spans].sort(compareSpans);
    expect(tasks).toEqual([
      {
        id: doc.id,
        data: { text: seed, title: doc.title },
        annotations: [
          {
            result: sorted.map((s) => ({
              id: s.id,
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              value: { start: s.start, end: s.end, text: s.text, labels: [s.label] },
            })),
          },
        ],
      },
    ]);
    expect(serializeLabelStudio([])).toBe('[]\n');
  });

  it('round-trips the seed with METRIC nested inside TARGET, id and title included', () => {
    const doc = seedDoc();
    const back = documents(parseLabelStudio(serializeLabelStudio([doc]), 'export.json'));
    expect(back).toEqual([
      {
        id: doc.id,
        title: doc.title,
        text: seed,
        spans: [...doc.spans].sort(compareSpans).map(({ start, end, label, text }) => ({ start, end, label, text })),
      },
    ]);
    expect(back[0]!.spans.map((s) => s.text)).toEqual(['力争全年整治1980亩以上', '1980亩以上', '利安隆二期']);
  });

  it('writes code points: 利安隆 after 𠀀 is start 1, end 4', () => {
    const text = '𠀀利安隆';
    const out = serializeLabelStudio([{ id: 'a', title: 'astral', text, spans: [span('a', text, 1, 4, 'ORG')] }]);
    const value = (JSON.parse(out) as { annotations: { result: { value: unknown }[] }[] }[])[0]!.annotations[0]!.result[0]!.value;
    expect(value).toEqual({ start: 1, end: 4, text: '利安隆', labels: ['ORG'] });
  });

  it('refuses to write anything when a span no longer matches its text', () => {
    const doc = seedDoc();
    doc.spans[1] = { ...doc.spans[1]!, text: '1981亩以上' };
    expect(() => serializeLabelStudio([doc])).toThrow(ExportError);
    expect(() => labelStudio.write([doc])).toThrow(/1981亩以上/);
  });

  it('the Format: id, extension, nesting, file name from baseName, empty report, reads what it writes', () => {
    expect([labelStudio.id, labelStudio.extension, labelStudio.nesting]).toEqual(['label-studio', 'json', true]);
    const r = labelStudio.write([seedDoc()], { baseName: 'train', nested: 'inner' });
    expect(r.files.map((f) => f.name)).toEqual(['train.json']);
    expect(r.report).toEqual([]);
    expect(documents(labelStudio.read!(r.files))[0]!.spans).toHaveLength(3);
  });
});

// Characters that break naive offset handling: astral (Extension B, emoji, a flag pair), CRLF and
// lone CR/LF, combining marks, zero-width joiner, U+2028, quotes and backslashes, a lone surrogate.
const PIECES = ['政', '标', '利', '安', '隆', 'a', ' ', '。', '“', '"', '\\', '𠀀', '𪚥', '😀', '👍🏽', '🇨🇳', '\r\n', '\n', '\r', '\t', 'e\u0301', '\u0301', '\u200d', '\u2028', '\ud800', '%'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const labelArb = fc.constantFrom('TARGET', 'METRIC', 'ORG', '机构', 'X"Y');

const docArb = (index: number) =>
  textArb.chain((text) => {
    const n = Array.from(text).length;
    const spanArb = fc
      .tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), labelArb)
      .map(([a, len, label]) => [a, Math.min(n, a + len), label] as const);
    return fc
      .record({
        id: fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${index}-${s}`),
        title: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
        spans: fc.array(spanArb, { maxLength: 8 }),
      })
      .map(({ id, title, spans }): ExportDocument => ({
        id,
        title,
        text,
        spans: spans.map(([start, end, label], k): Span => ({ id: `s${k}`, docId: id, start, end, label, text: cpSlice(text, start, end) })),
      }));
  });
const docsArb = fc.integer({ min: 0, max: 4 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => docArb(i))));

describe('Label Studio round trip (property)', () => {
  it('serialize → parse gives back every document, title, id and span (nested and overlapping included)', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const out = serializeLabelStudio(docs);
        const back = documents(parseLabelStudio(out, 'rt.json'));
        expect(back).toEqual(
          docs.map((d) => ({
            id: d.id,
            title: d.title,
            text: d.text,
            spans: [...d.spans].sort(compareSpans).map(({ start, end, label, text }) => ({ start, end, label, text })),
          })),
        );
        // The offsets in the file are code points: the oracle slice of every region is its text.
        for (const task of JSON.parse(out) as { data: { text: string }; annotations: { result: { value: { start: number; end: number; text: string } }[] }[] }[]) {
          for (const r of task.annotations[0]!.result) expect(cpSlice(task.data.text, r.value.start, r.value.end)).toBe(r.value.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
