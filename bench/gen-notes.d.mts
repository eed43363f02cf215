/** A planted defect: where `weekly lint` must report it, with which rule, and what was done. */
export interface PlantedDefect {
  file: string;
  line: number;
  rule: string;
  kind: string;
  detail: string;
}

/** Options of `generate`, as the command line takes them. */
export interface GenerateOptions {
  out: string;
  people: number;
  weeks: number;
  seed: string | number;
  /** Chance (0..1) that a note gets a planted defect; default 0. */
  defects?: number;
  /** A day of the first week, YYYY-MM-DD; default 2023-01-02. */
  start?: string;
  /** Write into a folder that is not empty. */
  force?: boolean;
}

/** Each kind of planted defect, with the rule of `weekly lint` that reports it. */
export const DEFECT_RULES: Record<string, string>;

/** Write a corpus into `out` (and `out/defects.json`); returns how many notes and bytes, and the defects planted. */
export function generate(opts: GenerateOptions): { files: number; bytes: number; defects: PlantedDefect[] };

/** The week holding a date, under ISO or jan1 numbering. */
export function weekOfDate(d: Date, numbering: 'iso' | 'jan1'): { year: number; number: number };

/** A seeded stream of random numbers. */
export class Random {
  constructor(...parts: unknown[]);
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(pairs: readonly [number, T][]): T;
  sample<T>(xs: readonly T[], k: number): T[];
  gauss(): number;
}
