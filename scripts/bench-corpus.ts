/**
 * The benchmark's long document: the seed report repeated to ~300,000 code points, with 5,000 spans
 * spread evenly over it (a nested METRIC inside every tenth TARGET), built deterministically.
 */
import { readFileSync } from 'node:fs';
import { OffsetMap, trimToContent } from '../src/core/index.ts';
import type { DatasetDocument } from '../src/formats/index.ts';

export function benchDocument(targetLength = 300_000, spanCount = 5_000): DatasetDocument {
  const seed = readFileSync(new URL('../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8').trim();
  const parts: string[] = [];
  let length = 0;
  while (length < targetLength) {
    parts.push(seed);
    length += Array.from(seed).length + 1;
  }
  const text = parts.join('\n');
  const offsets = new OffsetMap(text);
  const labels = ['PROJECT', 'ORG', 'METRIC', 'TARGET'];
  const spans: DatasetDocument['spans'] = [];
  const step = Math.floor(offsets.length / spanCount);
  for (let i = 0; spans.length < spanCount && i * step + 8 < offsets.length; i++) {
    const range = trimToContent(offsets, i * step, i * step + 6);
    if (!range) continue;
    const label = labels[i % labels.length]!;
    spans.push({ start: range.start, end: range.end, label, text: offsets.slice(range.start, range.end) });
    if (label === 'TARGET' && i % 10 === 3 && range.end - range.start > 2 && spans.length < spanCount) {
      const inner = { start: range.start + 1, end: range.end - 1 };
      spans.push({ ...inner, label: 'METRIC', text: offsets.slice(inner.start, inner.end) });
    }
  }
  return { title: 'bench-300k', text, spans };
}
