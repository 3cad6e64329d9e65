// @vitest-environment jsdom
// DOM positions ↔ document code points, across span pieces and characters outside the BMP.
import { afterEach, describe, expect, it } from 'vitest';
import { OffsetMap, splitParagraphs } from '../../src/core/index.ts';
import { offsetsToRange, pointToOffset, selectionToOffsets } from '../../src/dom/text-positions.ts';

const TEXT = '第一段。\n𠀀利安隆二期😀尽快落地。';
const offsets = new OffsetMap(TEXT);

/** Renders the paragraphs the way ParagraphText does, with 利安隆二期 cut into a span piece. */
function render(): HTMLElement {
  const root = document.createElement('div');
  for (const p of splitParagraphs(TEXT)) {
    const el = document.createElement('p');
    el.dataset.paragraph = String(p.index);
    el.dataset.unitStart = String(p.unitStart);
    const text = TEXT.slice(p.unitStart, p.unitEnd);
    const at = text.indexOf('利安隆二期');
    if (at < 0) el.append(text);
    else {
      const seg = document.createElement('span');
      seg.className = 'seg';
      seg.append('利安隆二期');
      const handle = document.createElement('span'); // no text: must not count
      el.append(text.slice(0, at), handle, seg, text.slice(at + 5));
    }
    root.append(el);
  }
  document.body.append(root);
  return root;
}

afterEach(() => document.body.replaceChildren());

describe('text positions', () => {
  it('maps DOM points to code points after astral characters', () => {
    const root = render();
    const seg = root.querySelector('.seg')!.firstChild!;
    // 利 is code point 6 (第一段。\n = 5, 𠀀 = 1), though UTF-16 puts it at 7.
    expect(pointToOffset(seg, 0, offsets)).toBe(6);
    expect(pointToOffset(seg, 5, offsets)).toBe(11);
    const tail = root.querySelector('[data-paragraph="1"]')!.lastChild!; // 😀尽快落地。
    expect(pointToOffset(tail, 2, offsets)).toBe(12); // after the emoji (two UTF-16 units)
  });

  it('turns a selection into code points and code points back into a range over the same text', () => {
    const root = render();
    const range = offsetsToRange(root, 6, 12, offsets)!;
    expect(range.toString()).toBe('利安隆二期😀');
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    expect(selectionToOffsets(sel, root, offsets)).toEqual({ start: 6, end: 12 });
    expect(Array.from(TEXT).slice(6, 12).join('')).toBe('利安隆二期😀');
  });

  it('clamps a range to the rendered paragraphs when asked, and gives null outside them', () => {
    const root = render();
    root.querySelector('[data-paragraph="0"]')!.remove();
    expect(offsetsToRange(root, 0, 8, offsets)).toBeNull();
    expect(offsetsToRange(root, 0, 8, offsets, true)!.toString()).toBe('𠀀利安');
  });
});
