import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES, hashText } from '../../src/core/index.ts';
import {
  PACKAGE_SUFFIX,
  packageFileName,
  parsePackage,
  serializePackage,
  type AnnotatorPackage,
} from '../../src/formats/annotator-package.ts';
import { formatErrorMessage, type FormatError } from '../../src/formats/types.ts';

const FILE = 'li.zbpkg.json';
/** An astral character (𠀀) first, so code-point and UTF-16 offsets differ after it. */
const TEXT = '𠀀国家发展改革委负责实施“十链百企共生”专项行动。\n到2025年，单位GDP能耗降低13.5%。';
const TEXT2 = '推动利安隆二期尽快落地。';

function pkg(): AnnotatorPackage {
  return {
    zhengbiao: 'annotator-package',
    version: 1,
    annotator: '李明',
    exportedAt: 1_700_000_000_000,
    project: { name: '测试 Test', labels: structuredClone([...DEFAULT_LABELS]), relationTypes: structuredClone([...DEFAULT_RELATION_TYPES]) },
    documents: [
      {
        title: '一',
        textHash: hashText(TEXT),
        text: TEXT,
        spans: [
          { id: 'a', start: 1, end: 8, label: 'ORG', text: '国家发展改革委', by: '李明', at: 1_700_000_000_001 },
          { id: 'b', start: 12, end: 24, label: 'PROJECT', text: '“十链百企共生”专项行动', source: 'suggested' },
          { id: 'c', start: 26, end: 47, label: 'TARGET', text: '到2025年，单位GDP能耗降低13.5%', attributes: { deadline: '2025年' } },
          { id: 'd', start: 38, end: 47, label: 'METRIC', text: '能耗降低13.5%', value: { value: 13.5, unit: '%', qualifier: '=' } },
        ],
        relations: [
          { id: 'r1', fromId: 'a', toId: 'b', type: 'carries_out', by: '李明', at: 1_700_000_000_002 },
          { id: 'r2', fromId: 'd', toId: 'c', type: 'measures' },
        ],
        comments: [{ id: 'k1', spanId: 'b', text: '<b>不确定</b> 是否算项目', by: '李明', at: 1_700_000_000_003, layer: '李明' }],
      },
      { title: '二', textHash: hashText(TEXT2), text: TEXT2, spans: [], relations: [], comments: [] },
    ],
  };
}

function ok(content: string): AnnotatorPackage {
  const r = parsePackage(content, FILE);
  if (!r.ok) throw new Error('expected a package, got:\n' + r.errors.map(formatErrorMessage).join('\n'));
  return r.package;
}

function errors(content: string): FormatError[] {
  const r = parsePackage(content, FILE);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

/** 1-based line of the first line containing `needle`. */
const lineOf = (content: string, needle: string) => {
  const i = content.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in the file`);
  return i + 1;
};

/** The package serialized after `edit`, as an author of a damaged file would leave it. */
function edited(edit: (p: AnnotatorPackage & Record<string, unknown>) => void): string {
  const p = pkg() as AnnotatorPackage & Record<string, unknown>;
  edit(p);
  return serializePackage(p);
}

const doc0 = (p: AnnotatorPackage) => p.documents[0]!;

describe('annotator package', () => {
  it('round trips: serialize then parse gives the same package', () => {
    const content = serializePackage(pkg());
    expect(content.endsWith('}\n')).toBe(true);
    expect(content.split('\n').length).toBeGreaterThan(20);
    expect(ok(content)).toEqual(pkg());
    // A byte order mark (Windows editors) is fine.
    expect(ok('\ufeff' + content)).toEqual(pkg());
  });

  it('names files <project>-<annotator>.zbpkg.json', () => {
    expect(packageFileName('默认项目 Default project', '李明')).toBe('默认项目_Default_project-李明.zbpkg.json');
    expect(PACKAGE_SUFFIX).toBe('.zbpkg.json');
  });

  it('refuses a file that is not JSON, with the line', () => {
    const content = serializePackage(pkg()).replace('"version": 1,', '"version": 1,,');
    const [e, ...rest] = errors(content);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: FILE, line: lineOf(content, '"version"') });
    expect(e!.message).toMatch(/not valid JSON/);
    expect(errors('')).toEqual([{ file: FILE, line: 1, message: 'the file is empty' }]);
  });

  it('refuses other JSON: a wrong marker or version is the only error', () => {
    const other = JSON.stringify([{ text: 'x', label: [] }]);
    expect(errors(other)[0]!.message).toMatch(/not a Zhengbiao annotator package/);
    const marker = edited((p) => (p.zhengbiao = 'doccano' as 'annotator-package'));
    expect(errors(marker)).toEqual([
      { file: FILE, line: lineOf(marker, '"zhengbiao"'), field: 'zhengbiao', message: expect.stringMatching(/must be "annotator-package", not the string "doccano"/) as string },
    ]);
    const newer = edited((p) => ((p as { version: number }).version = 2));
    expect(errors(newer)).toEqual([{ file: FILE, line: 3, field: 'version', message: 'version 2 was written by a newer Zhengbiao; this one reads version 1' }]);
    const missing = edited((p) => delete (p as Partial<AnnotatorPackage>).version);
    expect(errors(missing)[0]).toMatchObject({ field: 'version', message: 'must be 1, not nothing' });
  });

  it('refuses text and hash that differ: the file was edited', () => {
    const content = edited((p) => (doc0(p).text = doc0(p).text.replace('2025', '2026')));
    const errs = errors(content);
    expect(errs).toContainEqual({ file: FILE, line: lineOf(content, '"textHash"'), field: 'documents[0].textHash', message: 'text and hash differ: the file was edited or damaged' });
    // The spans over the edited words no longer match either, and say so.
    expect(errs.map((e) => e.field)).toEqual(['documents[0].textHash', 'documents[0].spans[2].text']);
  });

  it('refuses a span whose text is not the text at its offsets, or that runs past the end', () => {
    const content = edited((p) => {
      doc0(p).spans[0]!.text = '发展改革委员会';
      doc0(p).spans[1]!.end = 400;
    });
    expect(errors(content)).toEqual([
      {
        file: FILE,
        line: lineOf(content, '"text": "发展改革委员会"'),
        field: 'documents[0].spans[0].text',
        message: 'the string "发展改革委员会" is not the text at [1, 8), which reads the string "国家发展改革委"',
      },
      { file: FILE, line: lineOf(content, '"end": 400'), field: 'documents[0].spans[1].end', message: '400 is past the end of the text (48 code points)' },
    ]);
  });

  it('refuses relations and comments that point at a missing span', () => {
    const content = edited((p) => {
      doc0(p).relations[1]!.toId = 'gone';
      doc0(p).comments[0]!.spanId = 'lost';
    });
    expect(errors(content)).toEqual([
      { file: FILE, line: lineOf(content, '"toId": "gone"'), field: 'documents[0].relations[1].toId', message: 'points at span "gone", which the document does not have' },
      { file: FILE, line: lineOf(content, '"spanId": "lost"'), field: 'documents[0].comments[0].spanId', message: 'points at span "lost", which the document does not have' },
    ]);
  });

  it('refuses an invalid annotator name and the gold layer', () => {
    for (const [name, message] of [
      ['@gold', /gold layer/],
      ['@bot', /cannot start with @/],
      ['', /name is needed/],
      [' 李明', /white space/],
    ] as const) {
      const content = edited((p) => (p.annotator = name));
      expect(errors(content)).toEqual([{ file: FILE, line: lineOf(content, '"annotator"'), field: 'annotator', message: expect.stringMatching(message) as string }]);
    }
  });

  it('lists every error of the file, each with its line and field, in line order', () => {
    const content = edited((p) => {
      const twin = { ...structuredClone(doc0(p)), title: '一 again' };
      (p as { exportedAt: unknown }).exportedAt = 'yesterday';
      (p.project.labels[0] as { hotkey: unknown }).hotkey = 1;
      doc0(p).spans[3]!.start = -1;
      (doc0(p).spans[2] as { label: unknown }).label = undefined;
      doc0(p).relations[0]!.toId = 'a';
      (p.documents[1] as { text: unknown }).text = 7;
      p.documents.push(twin);
    });
    const errs = errors(content);
    expect(errs.map((e) => [e.field, e.message])).toEqual([
      ['exportedAt', 'must be a time in ms since 1970, not the string "yesterday"'],
      ['project.labels[0].hotkey', 'must be a hotkey (string), not 1'],
      ['documents[0].spans[2].label', 'missing; must be a label id (string)'],
      ['documents[0].spans[3].start', 'must not be negative'],
      ['documents[0].relations[0].toId', 'a relation needs two different spans'],
      ['documents[1].text', 'must be the document text (string), not 7'],
      ['documents[2].textHash', 'the same text as document 1 (the string "一"): a package holds each text once'],
    ]);
    for (const e of errs) expect(e.file).toBe(FILE);
    expect(errs.map((e) => e.line)).toEqual([...errs.map((e) => e.line)].sort((a, b) => a - b));
    expect(errs[0]!.line).toBe(lineOf(content, '"exportedAt"'));
    expect(errs[2]!.line).toBe(lineOf(content, '"text": "到2025年，单位GDP能耗降低13.5%"') - 4); // the span object: its label is missing
    expect(errs[3]!.line).toBe(lineOf(content, '"start": -1'));
    expect(errs[5]!.line).toBe(lineOf(content, '"text": 7'));
  });
});
