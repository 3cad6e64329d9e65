/**
 * Who is annotating in this browser. A person, not a project setting: it lives in localStorage (per
 * browser profile, shared by tabs), and every span and relation made here records it (core/layers.ts).
 */
const KEY = 'zhengbiao:annotator';

export const annotatorName = {
  read(): string | null {
    try {
      const v = globalThis.localStorage?.getItem(KEY);
      return v && v.trim() !== '' ? v : null;
    } catch {
      return null;
    }
  },
  write(name: string): void {
    try {
      globalThis.localStorage?.setItem(KEY, name);
    } catch {
      // Storage disabled: the name holds for this page only and is asked again next time.
    }
  },
};
