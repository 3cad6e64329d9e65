/**
 * The measures behind agreement.ts, on plain span lists and tables: how many spans of two annotators
 * match (exactly, or by a maximum matching of overlapping spans), and chance-corrected agreement over
 * tables of ratings: Cohen's kappa (two raters, a confusion table), Fleiss' kappa (a fixed number of
 * raters per unit) and Krippendorff's alpha, nominal (any number of values per unit). Pure arithmetic,
 * no DOM; agreement.ts builds the lists and tables from annotation layers.
 *
 * The chance-corrected measures return the figure with the observed and expected agreement behind it, so that
 * figure = (observed − expected) / (1 − expected). The figure is null when it is undefined: no units at
 * all, or expected = 1, which happens exactly when every rating falls in one and the same category
 * (then observed = 1 too and the formula is 0/0). JSON cannot hold NaN; null says "no evidence".
 *
 * Rows may carry weights: a weight w counts its row w times (agreement.ts passes a run of w characters
 * that all look alike as one row). Sums are kept in whole numbers as long as the counts are whole, so
 * the degenerate case is found exactly, not by a floating-point comparison.
 */

export interface Chance {
  /** Cohen's or Fleiss' kappa, or Krippendorff's alpha; null when undefined (see the module header). */
  value: number | null;
  /** Observed agreement: the share of agreeing pairs of ratings (for alpha: 1 − observed disagreement). */
  observed: number | null;
  /** Agreement expected by chance (for alpha: 1 − expected disagreement). */
  expected: number | null;
}

export interface LayerSpan {
  start: number;
  end: number;
  label: string;
}

// ---------------------------------------------------------------------------------------------------
// Span matching (the spans given are those of one label in one document)

/** Exact matches: the size of the multiset intersection of (start, end) of one label's spans. */
export function exactMatches(a: readonly LayerSpan[], b: readonly LayerSpan[]): number {
  const left = new Map<string, number>();
  for (const s of a) left.set(`${s.start}:${s.end}`, (left.get(`${s.start}:${s.end}`) ?? 0) + 1);
  let matched = 0;
  for (const s of b) {
    const n = left.get(`${s.start}:${s.end}`) ?? 0;
    if (n > 0) {
      left.set(`${s.start}:${s.end}`, n - 1);
      matched++;
    }
  }
  return matched;
}

/**
 * The size of a maximum matching between one label's spans of A and of B, an edge joining two spans
 * that share a character: Kuhn's augmenting paths, depth-first without recursion.
 */
export function overlapMatches(a: readonly LayerSpan[], b: readonly LayerSpan[]): number {
  const bs = [...b].sort((x, y) => x.start - y.start);
  const maxEnd: number[] = []; // maxEnd[j] = the largest end of bs[0..j]
  bs.forEach((s, j) => maxEnd.push(Math.max(s.end, j > 0 ? maxEnd[j - 1]! : 0)));
  const adjacent = a.map((s) => {
    let hi = bs.length; // the first of bs starting at or after s.end
    for (let lo = 0; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (bs[mid]!.start < s.end) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let j = hi - 1; j >= 0 && maxEnd[j]! > s.start; j--) if (bs[j]!.end > s.start) out.push(j);
    return out;
  });
  const ofB = new Array<number>(bs.length).fill(-1);
  const seen = new Array<number>(bs.length).fill(-1);
  let matched = 0;
  for (let root = 0; root < a.length; root++) {
    const path = [root]; // spans of A on the path
    const next = [0]; // the next edge to try from each
    const via: number[] = []; // via[k]: the span of B leading from path[k] to path[k + 1]
    while (path.length > 0) {
      const top = path.length - 1;
      const edges = adjacent[path[top]!]!;
      if (next[top]! >= edges.length) {
        path.pop();
        next.pop();
        via.pop();
        continue;
      }
      const j = edges[next[top]!++]!;
      if (seen[j] === root) continue;
      seen[j] = root;
      via.push(j);
      if (ofB[j] === -1) {
        path.forEach((i, k) => (ofB[via[k]!] = i));
        matched++;
        break;
      }
      path.push(ofB[j]!);
      next.push(0);
    }
  }
  return matched;
}

// ---------------------------------------------------------------------------------------------------
// Chance-corrected agreement

const NONE: Chance = { value: null, observed: null, expected: null };

/**
 * Cohen's kappa from a square confusion table: `confusion[i][j]` = units rater A put in category i and
 * rater B in category j. po = Σ confusion[i][i] / n; pe = Σ rowᵢ·colᵢ / n²; kappa = (po − pe)/(1 − pe).
 */
export function cohenKappa(confusion: readonly (readonly number[])[]): Chance {
  const k = confusion.length;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let n = 0;
  let diagonal = 0;
  for (let i = 0; i < k; i++) {
    const row = confusion[i]!;
    if (row.length !== k) throw new Error(`cohenKappa: the table must be square (${k} rows, row ${i} has ${row.length} cells)`);
    for (let j = 0; j < k; j++) {
      const c = row[j]!;
      rows[i]! += c;
      cols[j]! += c;
      n += c;
      if (i === j) diagonal += c;
    }
  }
  if (n === 0) return NONE;
  let chance = 0; // Σ rowᵢ·colᵢ = pe·n²
  for (let i = 0; i < k; i++) chance += rows[i]! * cols[i]!;
  const observed = diagonal / n;
  const expected = chance / (n * n);
  // kappa = (n·diagonal − chance) / (n² − chance): in whole numbers, so pe = 1 is seen exactly.
  const denominator = n * n - chance;
  return { value: denominator === 0 ? null : (n * diagonal - chance) / denominator, observed, expected };
}

function checkWeights(rows: number, weights: readonly number[] | undefined, who: string): void {
  if (weights && weights.length !== rows) throw new Error(`${who}: ${rows} rows but ${weights.length} weights`);
}

/**
 * Fleiss' kappa (Fleiss 1971): `counts[u][j]` = how many raters put unit u in category j; every unit
 * has the same number n ≥ 2 of ratings. Pᵤ = (Σⱼ counts[u][j]² − n) / (n(n − 1)), observed = mean Pᵤ;
 * pⱼ = share of all ratings in category j, expected = Σⱼ pⱼ²; kappa = (observed − expected)/(1 − expected).
 */
export function fleissKappa(counts: readonly (readonly number[])[], weights?: readonly number[]): Chance {
  checkWeights(counts.length, weights, 'fleissKappa');
  let raters = -1;
  let units = 0; // N, weighted
  let squares = 0; // Σᵤ wᵤ Σⱼ counts[u][j]²
  const totals: number[] = []; // Σᵤ wᵤ counts[u][j]
  counts.forEach((row, u) => {
    const w = weights?.[u] ?? 1;
    const n = row.reduce((s, c) => s + c, 0);
    if (raters === -1) raters = n;
    else if (n !== raters) throw new Error(`fleissKappa: unit ${u} has ${n} ratings, unit 0 has ${raters}; every unit needs the same number`);
    units += w;
    row.forEach((c, j) => {
      squares += w * c * c;
      totals[j] = (totals[j] ?? 0) + w * c;
    });
  });
  if (units === 0) return NONE;
  if (raters < 2) throw new Error(`fleissKappa: every unit needs at least 2 ratings, not ${raters}`);
  const all = units * raters;
  const observed = (squares - all) / (all * (raters - 1));
  const chanceSquares = totals.reduce((s, t) => s + t * t, 0); // Σⱼ (pⱼ·all)²
  const expected = chanceSquares / (all * all);
  if (chanceSquares === all * all) return { value: null, observed, expected };
  return { value: (observed - expected) / (1 - expected), observed, expected };
}

/**
 * Krippendorff's alpha for nominal values (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"): `counts[u][c]` = how many values c unit u received; units may have different
 * numbers mᵤ of values (missing ratings), units with fewer than 2 are not pairable and left out.
 * Coincidences: o_ck = Σᵤ counts[u][c]·counts[u][k]/(mᵤ − 1) (c ≠ k), n_c = Σₖ o_ck, n = Σ n_c.
 * Observed disagreement Do = Σ_{c≠k} o_ck / n; expected De = Σ_{c≠k} n_c·n_k / (n(n − 1));
 * alpha = 1 − Do/De. Returned as observed = 1 − Do and expected = 1 − De, so that
 * alpha = (observed − expected)/(1 − expected) like the kappas.
 */
export function krippendorffAlpha(counts: readonly (readonly number[])[], weights?: readonly number[]): Chance {
  checkWeights(counts.length, weights, 'krippendorffAlpha');
  let disagreeing = 0; // Σ_{c≠k} o_ck
  const values: number[] = []; // n_c
  counts.forEach((row, u) => {
    const w = weights?.[u] ?? 1;
    const m = row.reduce((s, c) => s + c, 0);
    if (m < 2) return;
    const same = row.reduce((s, c) => s + c * c, 0);
    disagreeing += (w * (m * m - same)) / (m - 1);
    row.forEach((c, j) => (values[j] = (values[j] ?? 0) + w * c));
  });
  const n = values.reduce((s, c) => s + (c ?? 0), 0);
  if (n === 0) return NONE;
  const chancePairs = n * n - values.reduce((s, c) => s + (c ?? 0) * (c ?? 0), 0); // Σ_{c≠k} n_c·n_k
  const observed = 1 - disagreeing / n;
  const expected = 1 - chancePairs / (n * (n - 1));
  if (chancePairs === 0) return { value: null, observed, expected };
  return { value: 1 - ((n - 1) * disagreeing) / chancePairs, observed, expected };
}
