/** The workbench's keys, as one table from key events to commands (shown in the help panel too). */

export type Command =
  | { type: 'tag'; hotkey: string }
  | { type: 'delete' }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'next-span'; dir: 1 | -1 }
  | { type: 'sentence'; dir: 1 | -1 }
  | { type: 'find' }
  | { type: 'suggestion'; dir: 1 | -1 }
  | { type: 'accept' }
  | { type: 'reject' }
  | { type: 'link' }
  | { type: 'attributes' }
  | { type: 'move-edge'; edge: 'start' | 'end'; dir: 1 | -1; byChar: boolean };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function commandFor(e: KeyLike): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && key === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (mod && key === 'y') return { type: 'redo' };
  if (mod && e.shiftKey && key === 'f') return { type: 'find' };
  if (e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    return { type: 'move-edge', edge: mod ? 'start' : 'end', dir: key === 'ArrowRight' ? 1 : -1, byChar: e.altKey };
  }
  if (mod || e.altKey) return null;
  if (/^[1-9]$/.test(key)) return { type: 'tag', hotkey: key };
  if (key === 'n') return { type: 'suggestion', dir: e.shiftKey ? -1 : 1 };
  if (key === 'Enter') return { type: 'accept' };
  if (key === 'x') return { type: 'reject' };
  if (key === 'l') return { type: 'link' };
  if (key === 'a') return { type: 'attributes' };
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' };
  if (key === 'Escape') return { type: 'clear' };
  if (key === 'Tab') return { type: 'next-span', dir: e.shiftKey ? -1 : 1 };
  if (key === ']' || key === '[') return { type: 'sentence', dir: key === ']' ? 1 : -1 };
  if (key === '/') return { type: 'find' };
  return null;
}

export const KEY_HELP: [string, string][] = [
  ['拖选 Drag', '选中文字，自动对齐词边界 Select text, snapped to words'],
  ['Alt + 拖选', '按字精确选择 Exact characters'],
  ['1–4', '标注或改标签 Tag or relabel'],
  ['点击 Click', '选中标注；再点选外层 Select a span; again for the outer one'],
  ['Tab / Shift+Tab', '下一个/上一个标注 Next / previous span'],
  ['] / [', '选中下一句/上一句 Select the next / previous sentence'],
  ['/ 或 Ctrl+Shift+F', '查找 Find'],
  ['Shift + ←/→', '移动结尾一个词 Move the end by a word'],
  ['Ctrl + Shift + ←/→', '移动开头一个词 Move the start by a word'],
  ['+ Alt', '按一个字移动 …by one character'],
  ['Delete', '删除标注 Delete the span'],
  ['L', '从选中标注建立关系：Tab 选另一端，Enter 确认（已有则删除），Esc 取消 Link the selected span: Tab picks the other end, Enter links (or unlinks), Esc cancels'],
  ['A', '设置属性（数字键选值）Set attributes (digits pick a value)'],
  ['N / Shift+N', '下一个/上一个建议 Next / previous suggestion'],
  ['Enter', '接受建议 Accept the suggestion'],
  ['X / Backspace', '拒绝建议 Reject the suggestion'],
  ['Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y', '撤销 / 重做 Undo / redo'],
  ['Esc', '取消选择 Clear the selection'],
];
