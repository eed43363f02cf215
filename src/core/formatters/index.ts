import type { Formatter } from './types.js';

export type { Formatter, FormatOptions } from './types.js';

/** The `--format` names. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'unix'] as const;

/** A `--format` name. */
export type FormatName = (typeof FORMAT_NAMES)[number];

// loaded when chosen: stylish alone pulls in chalk and string-width (~0.1 s), which CI formats never use
const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  unix: async () => (await import('./unix.js')).unix,
};

/** Whether `name` is a `--format` name. */
export const isFormatName = (name: string): name is FormatName => (FORMAT_NAMES as readonly string[]).includes(name);

/** The formatter of a `--format` name. */
export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}
