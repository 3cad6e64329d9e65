/**
 * All suggesters together: METRIC, TARGET, ORG and PROJECT rules, plus the project's gazetteer (its
 * dictionary and what was learned from its spans), resolved into one set that obeys the annotation scheme.
 *
 * Resolution: candidates are taken best first — gazetteer/learned terms (the user's own word) first, then
 * longer before shorter, then by a fixed label priority (ORG, PROJECT, METRIC, TARGET: the more specific
 * name first), then leftmost — and a candidate is kept unless it overlaps a kept one against the nesting
 * rules: a METRIC may sit inside a TARGET (both kept), every other overlap, crossing overlap and exact
 * duplicate is refused. The result is sorted by start, outer span first.
 *
 * withoutExisting() filters suggestions against the spans a user made (never overwrite or duplicate them)
 * and the label+text pairs the user rejected (a rejected suggestion does not come back for the same text).
 */
import { DEFAULT_LABELS, type LabelSet } from '../core/labels.ts';
import { OffsetMap } from '../core/offsets.ts';
import type { Gazetteer } from './gazetteer.ts';
import { metricRaws } from './metric.ts';
import { orgRaws } from './org.ts';
import { projectRaws } from './project.ts';
import { targetRaws } from './target.ts';
import { toRaws, toSuggestions, type Raw } from './text.ts';
import type { Suggestion } from './types.ts';
import { mayOverlap } from './filter.ts';

export type { Suggestion } from './types.ts';
export { withoutExisting, type Placed } from './filter.ts';
export { Gazetteer } from './gazetteer.ts';
export { learnFrom, type Conflict } from './learned.ts';
export { suggestMetrics } from './metric.ts';
export { suggestTargets } from './target.ts';
export { suggestOrgs } from './org.ts';
export { suggestProjects } from './project.ts';

const LABEL_PRIORITY = ['ORG', 'PROJECT', 'METRIC', 'TARGET'];

export interface SuggestOptions {
  /** Dictionary and learned terms; their suggestions win over the rules'. */
  gazetteer?: Gazetteer;
  /** Only these labels are suggested (default: the four of the scheme and every gazetteer label). */
  labels?: readonly string[];
}

function priority(label: string): number {
  const i = LABEL_PRIORITY.indexOf(label);
  return i < 0 ? LABEL_PRIORITY.length : i;
}

/** May spans a and b overlap as they are (one nested in the other by the label rules)? */

const BUCKET = 64;

/** Kept spans, found by position through fixed-size buckets (spans are short next to the text). */
class Kept {
  readonly #buckets = new Map<number, Raw[]>();
  readonly all: Raw[] = [];

  conflicts(c: Raw, labels: LabelSet): boolean {
    for (let b = Math.floor(c.start / BUCKET); b <= Math.floor((c.end - 1) / BUCKET); b++) {
      for (const k of this.#buckets.get(b) ?? []) {
        if (k.start < c.end && c.start < k.end && !mayOverlap(labels, c, k)) return true;
      }
    }
    return false;
  }

  add(c: Raw): void {
    this.all.push(c);
    for (let b = Math.floor(c.start / BUCKET); b <= Math.floor((c.end - 1) / BUCKET); b++) {
      let list = this.#buckets.get(b);
      if (!list) this.#buckets.set(b, (list = []));
      list.push(c);
    }
  }
}

function resolve(candidates: readonly (Raw & { fromTerms: boolean })[], labels: LabelSet): Raw[] {
  const order = [...candidates].sort(
    (a, b) =>
      Number(b.fromTerms) - Number(a.fromTerms) ||
      b.end - b.start - (a.end - a.start) ||
      priority(a.label) - priority(b.label) ||
      a.start - b.start,
  );
  const kept = new Kept();
  for (const c of order) {
    if (c.end <= c.start) continue;
    if (!kept.conflicts(c, labels)) kept.add(c);
  }
  return kept.all.sort((a, b) => a.start - b.start || b.end - a.end || priority(a.label) - priority(b.label));
}

export function suggest(text: string, options: SuggestOptions = {}): Suggestion[] {
  const only = options.labels ? new Set(options.labels) : null;
  const want = (label: string) => only === null || only.has(label);
  const map = new OffsetMap(text);
  const metrics = metricRaws(text);
  const candidates: (Raw & { fromTerms: boolean })[] = [];
  const push = (raws: readonly Raw[], fromTerms: boolean) => {
    for (const r of raws) if (want(r.label)) candidates.push({ ...r, fromTerms });
  };
  push(metrics, false);
  if (want('TARGET')) push(targetRaws(text, metrics), false);
  if (want('ORG')) push(orgRaws(text), false);
  if (want('PROJECT')) push(projectRaws(text, metrics), false);
  if (options.gazetteer && options.gazetteer.size > 0) push(toRaws(options.gazetteer.match(text), map), true);
  const kept = resolve(candidates, DEFAULT_LABELS);
  return toSuggestions(text, kept, map);
}

