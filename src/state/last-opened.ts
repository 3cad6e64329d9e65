/**
 * Which document was open last, so that a reload reopens it. A view preference, not annotation data:
 * it lives in localStorage (per browser profile, shared by tabs) and losing it only costs a click.
 */
const KEY = 'zhengbiao:last-opened';

export const lastOpened = {
  read(): { docId: string } | null {
    try {
      const v: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
      return v && typeof v === 'object' && typeof (v as { docId?: unknown }).docId === 'string' ? { docId: (v as { docId: string }).docId } : null;
    } catch {
      return null;
    }
  },
  write(v: { docId: string }): void {
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify(v));
    } catch {
      // Storage full or disabled: reopening the first document instead is fine.
    }
  },
};
