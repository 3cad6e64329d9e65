/**
 * Learning from what is done: once a string is tagged, its other occurrences are suggested with that
 * label. A string tagged with one label everywhere becomes a term of a gazetteer (rule `learned`); a string
 * tagged with different labels in different places is a conflict, listed for the user to settle, and is
 * not suggested at all (a guess between the labels would be wrong somewhere).
 *
 * Blank strings are ignored; strings are taken as they are (a span's text is already trimmed by the editor).
 */
import { Gazetteer } from './gazetteer.ts';

export interface Conflict {
  text: string;
  /** The labels the string was tagged with, sorted. */
  labels: string[];
}

export function learnFrom(spans: readonly { text: string; label: string }[]): { gazetteer: Gazetteer; conflicts: Conflict[] } {
  const labelsOf = new Map<string, Set<string>>();
  for (const s of spans) {
    if (s.text.trim() === '') continue;
    let set = labelsOf.get(s.text);
    if (!set) labelsOf.set(s.text, (set = new Set()));
    set.add(s.label);
  }
  const gazetteer = new Gazetteer('learned');
  const conflicts: Conflict[] = [];
  for (const [text, labels] of labelsOf) {
    if (labels.size === 1) gazetteer.add(text, [...labels][0]!);
    else conflicts.push({ text, labels: [...labels].sort() });
  }
  conflicts.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { gazetteer, conflicts };
}
