/** What every suggester returns. Offsets are code points, end exclusive, like every span in Zhengbiao. */
export interface Suggestion {
  start: number;
  end: number;
  label: string;
  /** The document text between start and end. */
  text: string;
  /** Which rule proposed it, e.g. `metric:number-unit`, `target:commitment`, `gazetteer`. */
  rule: string;
}
