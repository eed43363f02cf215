import type { Formatter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { unix } from './unix.js';

export type { Formatter, FormatOptions } from './types.js';

/** Formatters by `--format` name. */
export const FORMATTERS = { stylish, json, sarif, github, unix } as const satisfies Record<string, Formatter>;

/** A `--format` name. */
export type FormatName = keyof typeof FORMATTERS;
