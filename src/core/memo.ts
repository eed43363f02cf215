import type { Aggregate } from './aggregate/types.js';

const TABLES: { clear(): void }[] = [];

/**
 * A memo table keyed by an object. Every table core keeps is one of these, declared in this module (markdownlint's
 * lib/cache.mjs: one place to look, one place that resets). It is filled on first use; an entry lives as long as
 * its key, or until `clearMemos`. Each table says what it saves, and stays only while it is measured to pay.
 */
export class ObjectMemo<K extends object, V> {
  #map = new WeakMap<K, V>();

  constructor() {
    TABLES.push(this);
  }

  /** The value memoised for `key`, if any. */
  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** Memoises `value` for `key` and returns it. */
  set(key: K, value: V): V {
    this.#map.set(key, value);
    return value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.#map = new WeakMap();
  }
}

/** A memo table keyed by a string or number, holding at most `limit` entries (when full, it starts again empty). */
export class ValueMemo<K extends string | number, V> {
  #map = new Map<K, V>();

  constructor(private readonly limit: number) {
    TABLES.push(this);
  }

  /** Whether `key` is memoised (its value may be null). */
  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** The value memoised for `key`, if any. */
  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** Memoises `value` for `key` and returns it. */
  set(key: K, value: V): V {
    if (this.#map.size >= this.limit) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.#map.clear();
  }
}

/**
 * Monday of a week (`weekStart`) by numbering, year and number, as a time value (null: no such week): date-fns
 * builds and rebuilds Dates for each of the ~10,000 calls a lint of 10,000 notes makes on its warm path (100 ms
 * of a 1.1 s `lint --cache`); the weeks asked for are few.
 */
export const WEEK_STARTS = new ValueMemo<string, number | null>(4096);

/** The week holding a day (`weekOf`), by numbering and the day's time value: the days asked for are few too. */
export const WEEKS_OF = new ValueMemo<string, { year: number; number: number }>(8192);

/**
 * Each note's author within the set of notes read together (`authorResolver`), by that set: the three rules across
 * notes ask for the same 10,000 notes' authors, each once per note (20 ms of a 0.9 s warm lint without it, 7 with).
 */
export const AUTHOR_RESOLVERS = new ObjectMemo<readonly object[], { root: string; resolve: (report: { author: string | null; file: string }) => string | null }>();

/** Empties every memo table: for a caller that starts a run with objects it kept from the last one. */
export function clearMemos(): void {
  for (const t of TABLES) t.clear();
}

/**
 * A team aggregation's entries grouped by author (`authorAggregate`): build cuts each member's aggregation from
 * the team's, and grouping again for each member grows with authors x entries. Cutting 100 authors' aggregations
 * from a team of 100 x 20 notes: 0.57-0.69 s of CPU with it, 1.29-1.72 s without; 20 x 100: 0.55-0.79 s, 0.72-0.87 s.
 */
export const AUTHOR_GROUPS = new ObjectMemo<Aggregate, Map<string | null, Partial<Record<string, unknown[]>>>>();
