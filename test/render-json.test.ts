import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../src/core/render/index.js';

describe('jsonPieces', () => {
  it('joins to JSON.stringify of the whole, at any depth', () => {
    const value = {
      a: [1, 'два', null, undefined, { b: undefined, c: [true, [2, 3]], d: () => 1 }],
      e: undefined,
      f: new Date(Date.UTC(2024, 0, 2)),
      g: { h: '"quoted"\n', i: [] as unknown[], j: {} },
      'k"ey': 0.1 + 0.2,
    };
    for (const depth of [0, 1, 2, 3, 5]) expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
    expect([...jsonPieces([undefined, Symbol('s')], 2)].join('')).toBe(JSON.stringify([undefined, Symbol('s')]));
  });

  it('gives one piece per element of the arrays it opens', () => {
    expect([...jsonPieces({ list: [{ a: 1 }, { a: 2 }] }, 2)]).toEqual(['{', '"list":', '[', '{"a":1}', ',', '{"a":2}', ']', '}']);
  });
});
