import { describe, expect, it } from 'vitest';
import { createProgress, isCI, progressLine } from '../src/cli/progress.js';
import { cli, withExamples } from './everyday-helpers.js';

/** A fake terminal stream that records what is written to it. */
function fakeTTY(isTTY = true) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 60, write: (s: string) => void writes.push(s) }, writes };
}

describe('progress bar', () => {
  it('appears only after the delay, redraws at most every interval, and clears itself at the end', () => {
    const { stream, writes } = fakeTTY();
    let t = 0;
    const p = createProgress({ stream, env: {}, label: 'reading notes', delayMs: 1000, intervalMs: 100, now: () => t });
    expect(p.enabled).toBe(true);
    p.update(1, 10);
    t = 500;
    p.update(2, 10);
    expect(writes).toEqual([]);
    t = 1000;
    p.update(3, 10);
    t = 1050;
    p.update(4, 10);
    t = 1200;
    p.update(5, 10);
    expect(writes).toEqual([`\r${progressLine('reading notes', 3, 10, 60)}\x1b[K`, `\r${progressLine('reading notes', 5, 10, 60)}\x1b[K`]);
    // eslint-disable-next-line no-control-regex -- the bar's erase-line sequence is what is checked
    expect(writes[1]).toMatch(/^\rreading notes █+░+ 5\/10\x1b\[K$/);
    p.update(10, 10);
    expect(writes[writes.length - 1]).toBe('\r\x1b[K');
  });

  it('draws nothing when the run is short, in CI, with --quiet, when not a TTY, or on a dumb terminal', () => {
    const cases = [
      { env: {}, quiet: false, tty: true, late: false },
      { env: { CI: 'true' }, quiet: false, tty: true, late: true },
      { env: {}, quiet: true, tty: true, late: true },
      { env: {}, quiet: false, tty: false, late: true },
      { env: { TERM: 'dumb' }, quiet: false, tty: true, late: true },
    ];
    for (const c of cases) {
      const { stream, writes } = fakeTTY(c.tty);
      let t = 0;
      const p = createProgress({ stream, env: c.env, quiet: c.quiet, label: 'x', now: () => t });
      t = c.late ? 5000 : 10;
      p.update(1, 2);
      p.update(2, 2);
      p.clear();
      expect(writes).toEqual([]);
    }
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '1' })).toBe(true);
  });

  it('fits the terminal width', () => {
    expect(progressLine('reading notes', 50, 100, 40).length).toBeLessThanOrEqual(40);
    expect(progressLine('a', 1, 4, 200)).toBe(`a ${'█'.repeat(10)}${'░'.repeat(30)} 1/4`);
  });

  it('is drawn on the progress stream by lint, build and metrics, and cleared before their output', async () => {
    for (const args of [['lint', 'notes'], ['build', 'notes', '-o', 'out'], ['metrics', 'notes']]) {
      const { stream, writes } = fakeTTY();
      const d = withExamples();
      const r = await cli(d, args, { progress: stream, env: {}, progressDelayMs: 0 });
      expect(r.code).not.toBe(2);
      // eslint-disable-next-line no-control-regex -- the bar's erase-line sequence is what is checked
      expect(writes.some((w) => /^\rreading notes [█░]+ \d+\/17\x1b\[K$/.test(w))).toBe(true);
      expect(writes[writes.length - 1]).toBe('\r\x1b[K');
      const quiet = fakeTTY();
      await cli(d, args, { progress: quiet.stream, env: { CI: 'true' }, progressDelayMs: 0 });
      expect(quiet.writes).toEqual([]);
    }
  });
});
