/**
 * The benchmark's data, built deterministically from the seed report (seeds/changshan-2023-work-report-p11.txt):
 *  - reportText(n, seed): exactly n code points of report text: the seed's sentences drawn in a seeded
 *    pseudo-random order and grouped into paragraphs of 2–9 sentences (varied text, not one paragraph
 *    repeated, so that jieba and the suggesters see realistic input).
 *  - benchDocument(): 300,000 code points with 10,000 spans (PROJECT, ORG, METRIC, TARGET in turn, one
 *    every ~32 code points, a METRIC nested inside every other TARGET) and a `measures` relation from each
 *    nested METRIC to its TARGET (about 1,100), so that the editor is measured with relations drawn.
 *  - segmentCorpus(): 1,000,000 code points for segmentation and suggestions.
 *  - smallDocuments(): 1,000 documents of 3,000 code points with 50 spans each (same scheme), for
 *    import and export.
 */
import { readFileSync } from 'node:fs';
import { newId, OffsetMap, seededRandom, trimToContent, type Relation, type Span } from '../src/core/index.ts';
import type { DatasetDocument, ExportDocument } from '../src/formats/index.ts';

let sentenceCache: string[] | undefined;

/** The seed's sentences (lines 2–7: the report without the scraped page title and "next article" line). */
function sentences(): string[] {
  if (!sentenceCache) {
    const seed = readFileSync(new URL('../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8');
    const body = seed.split('\n').slice(1, 7).join('\n');
    sentenceCache = body
      .split('\n')
      .flatMap((line) => line.match(/[^。；！？]+[。；！？]?/g) ?? [])
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }
  return sentenceCache;
}

/** Exactly `length` code points of report text (no astral characters in the seed: units = code points). */
export function reportText(length: number, seed = 1): string {
  const pool = sentences();
  const rnd = seededRandom(seed);
  const paragraphs: string[] = [];
  let total = -1;
  while (total < length) {
    const count = 2 + Math.floor(rnd() * 8);
    let p = '';
    for (let i = 0; i < count; i++) p += pool[Math.floor(rnd() * pool.length)]!;
    paragraphs.push(p);
    total += p.length + 1;
  }
  let text = paragraphs.join('\n').slice(0, length);
  if (text.endsWith('\n')) text = text.slice(0, -1) + '。';
  return text;
}

/**
 * `count` spans over `text`: PROJECT, ORG, METRIC, TARGET in turn at evenly spaced slots of 6 code points
 * trimmed to content (a slot across a line break is skipped), a METRIC nested in every other TARGET with a
 * `measures` relation to it.
 */
export function placeSpans(text: string, count: number): Pick<DatasetDocument, 'spans' | 'relations'> {
  const offsets = new OffsetMap(text);
  // Every fourth slot is a TARGET, every other TARGET holds a METRIC: 9 spans per 8 slots. Slots across a
  // line break are skipped: the slots move closer until all `count` spans fit.
  for (let step = Math.floor((offsets.length * 9) / (count * 8)); step >= 7; step--) {
    const placed = spansEvery(offsets, step, count);
    if (placed.spans.length === count) return placed;
  }
  throw new Error(`placeSpans: ${count} spans do not fit in ${offsets.length} code points`);
}

function spansEvery(offsets: OffsetMap, step: number, count: number): Pick<DatasetDocument, 'spans' | 'relations'> {
  const labels = ['PROJECT', 'ORG', 'METRIC', 'TARGET'];
  const spans: DatasetDocument['spans'] = [];
  const relations: NonNullable<DatasetDocument['relations']> = [];
  for (let i = 0; spans.length < count && i * step + 6 <= offsets.length; i++) {
    if (offsets.slice(i * step, i * step + 6).includes('\n')) continue;
    const range = trimToContent(offsets, i * step, i * step + 6);
    if (!range) continue;
    const label = labels[i % labels.length]!;
    spans.push({ start: range.start, end: range.end, label, text: offsets.slice(range.start, range.end) });
    if (label === 'TARGET' && (i >> 2) % 2 === 0 && range.end - range.start > 2 && spans.length < count) {
      const inner = { start: range.start + 1, end: range.end - 1 };
      relations.push({ type: 'measures', from: spans.length, to: spans.length - 1 });
      spans.push({ ...inner, label: 'METRIC', text: offsets.slice(inner.start, inner.end) });
    }
  }
  return { spans, relations };
}

export function benchDocument(targetLength = 300_000, spanCount = 10_000): DatasetDocument {
  const text = reportText(targetLength, 300);
  return { title: 'bench-300k', text, ...placeSpans(text, spanCount) };
}

export function segmentCorpus(length = 1_000_000): string {
  return reportText(length, 1_000_000);
}

export function smallDocuments(count = 1_000, length = 3_000, spanCount = 50): DatasetDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const text = reportText(length, 10_000 + i);
    return { title: `report-${String(i + 1).padStart(4, '0')}`, text, ...placeSpans(text, spanCount) };
  });
}

/** A dataset document as the serializers take it: spans and relations with ids. */
export function toExport(doc: DatasetDocument, id: string): ExportDocument {
  const spans: Span[] = doc.spans.map((s) => ({ ...s, id: newId(), docId: id }));
  const relations: Relation[] = (doc.relations ?? []).map((r) => ({ id: newId(), docId: id, type: r.type, fromId: spans[r.from]!.id, toId: spans[r.to]!.id }));
  return { id, title: doc.title, text: doc.text, spans, relations };
}
