import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { run } from '../../src/cli.js';
import { decode, guessLegacyEncoding } from '../../src/core/parse/decode.js';
import { shownBytes } from '../../src/io/read.js';
import { FUZZ_RUNS, params, runs, TIMEOUT } from './arbitraries.js';

// Reading under fuzzing (issue 17): arbitrary bytes decode to text or to one reason, never to text with bytes
// dropped; arbitrary names that are not UTF-8 are each reported as a note that cannot be read, never skipped.

/** Byte strings weekly is handed: any bytes, and bytes after each byte-order mark. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]), fc.uint8Array({ maxLength: 64 })).map(([bom, rest]) => Uint8Array.from([...bom, ...rest])),
  // runs of the high bytes legacy encodings pair up, with ASCII between
  fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0x0a, 0x20, 0x23, 0x35)), { maxLength: 64 }).map((a) => Uint8Array.from(a)),
);

describe(`decode under fuzzing (${FUZZ_RUNS ?? 'a few hundred'} cases)`, () => {
  it('never throws; text or a reason, never both; UTF-8 text is the bytes as they are; GBK only when asked and only for bytes that are not UTF-8', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom('utf8' as const, 'gbk' as const), (b, encoding) => {
        const d = decode(b, encoding);
        expect((d.text === null) !== (d.error === null)).toBe(true);
        if (d.error !== null) expect(d.error).not.toContain('\n');
        if (d.encoding === 'utf8') {
          const body = d.bom ? b.subarray(3) : b;
          expect(Buffer.from(d.text!, 'utf8').equals(Buffer.from(body))).toBe(true);
        }
        if (d.encoding === 'gbk') {
          expect(encoding).toBe('gbk');
          const body = d.bom ? b.subarray(3) : b;
          expect(isUtf8(body)).toBe(false);
          // no byte read as what it is not: 0xFF is in no GBK character (Node's decoder makes U+F8F5 of it)
          expect(body.includes(0xff)).toBe(false);
        }
        // what is called GBK (and told to rerun with --encoding gbk) is what guessLegacyEncoding takes for GBK, which then reads it
        if (d.error?.includes('rerun with `--encoding gbk`')) {
          expect(guessLegacyEncoding(d.bom ? b.subarray(3) : b)).toBe('gbk');
          expect(decode(b, 'gbk').text).not.toBeNull();
        }
      }),
      params(runs(400)),
    );
  }, TIMEOUT);
});

/**
 * A name of bytes that is not UTF-8: never `/` or NUL, which no name holds, nor a control or format character once
 * listed (the terminal formats show those escaped, tested apart), nor a leading dot, which the search skips.
 */
const badName = fc
  .uint8Array({ minLength: 1, maxLength: 10 })
  .map((a) => Buffer.from(a.map((x) => (x === 0x2f || x < 0x20 || x === 0x7f ? x | 0x80 : x))))
  .filter((b) => !isUtf8(b) && b[0] !== 0x2e && !/[\p{Cc}\p{Cf}]/u.test(b.toString('utf8')));

/** Folder listings as Node gives them: each bad byte sequence as U+FFFD. */
const listed = (b: Buffer) => b.toString('utf8');

describe(`names that are not UTF-8, under fuzzing (${FUZZ_RUNS ? Math.max(100, Math.ceil(FUZZ_RUNS / 100)) : 8} runs)`, () => {
  let root: string;
  let n = 0;
  let supported = true;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'weekly-fuzz-names-'));
    try {
      writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0xff])]), '');
    } catch {
      supported = false;
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a folder or a note named in bytes that are not UTF-8 is one lint error naming it, with its bytes; the good note is not', async (ctx) => {
    if (!supported) return ctx.skip('this file system refuses names that are not UTF-8');
    const note = readFileSync(new URL('../bad-inputs/files/note.md', import.meta.url), 'utf8');
    await fc.assert(
      fc.asyncProperty(badName, fc.boolean(), async (name, asFolder) => {
        const ws = path.join(root, String(n++));
        mkdirSync(path.join(ws, 'team/good'), { recursive: true });
        writeFileSync(path.join(ws, 'team/good/第51周.md'), note);
        const at = Buffer.concat([Buffer.from(`${ws}/team/`), name]);
        let shown: string;
        if (asFolder) {
          mkdirSync(at);
          writeFileSync(Buffer.concat([at, Buffer.from('/第51周.md')]), note);
          shown = `team/${listed(name)}/第51周.md`;
        } else {
          writeFileSync(Buffer.concat([at, Buffer.from('.md')]), note);
          shown = `team/${listed(name)}.md`;
        }
        let stdout = '';
        const code = await run(['node', 'weekly', 'lint', 'team', '--format', 'unix'], { cwd: ws, stdout: (s) => (stdout += s), stderr: () => {}, isTTY: false });
        try {
          expect(code).toBe(1);
          const lines = stdout.split('\n').filter((l) => l.includes('cannot be read'));
          expect(lines).toHaveLength(1);
          expect(lines[0].startsWith(`${shown}:1:1: Unexpected file that cannot be read as a note: `)).toBe(true);
          expect(lines[0]).toContain(`\`${shownBytes(asFolder ? name : Buffer.concat([name, Buffer.from('.md')]))}\` is not UTF-8`);
          expect(stdout).not.toContain('team/good/');
        } finally {
          rmSync(ws, { recursive: true, force: true });
        }
      }),
      params(FUZZ_RUNS ? Math.max(100, Math.ceil(FUZZ_RUNS / 100)) : 8),
    );
  }, TIMEOUT);
});
