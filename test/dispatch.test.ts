import { describe, expect, it } from 'vitest';
import { dispatch } from '../src/runtime/dispatch.js';

const ECHO = new URL('./fixtures/workers/echo.mjs', import.meta.url);

describe('dispatch', () => {
  it('runs every job once, in the workers or, taken, in the caller', async () => {
    const ran: Record<number, string> = {};
    const run = dispatch<{ id: number; by: string }>({
      url: ECHO,
      workerData: null,
      count: 20,
      size: 1,
      depth: 3,
      message: (id) => ({ id }),
      receive: (r) => {
        ran[r.id] = r.by;
      },
      fallback: async () => {},
    });
    run.setDepth(1);
    // the caller takes what the worker has not been sent: jobs 3.. while job 0, 1 and 2 are queued there
    const taken: number[] = [];
    for (let id = run.take(); id !== undefined; id = run.take()) {
      taken.push(id);
      ran[id] = 'caller';
      await new Promise((r) => setTimeout(r, 5));
    }
    await run.done;
    expect(Object.keys(ran).map(Number).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(taken[0]).toBe(3);
    expect(taken.length).toBeGreaterThan(5);
    expect(Object.values(ran).filter((x) => x === 'worker').length).toBe(20 - taken.length);
  });

  it('settles when nothing is left for the workers and none is under way', async () => {
    const run = dispatch<{ id: number; by: string }>({ url: ECHO, workerData: null, count: 2, size: 1, depth: 1, message: (id) => ({ id }), receive: () => undefined, fallback: async () => {} });
    expect(run.take()).toBe(1);
    expect(run.take()).toBeUndefined();
    await run.done;
    expect(run.busy()).toBe(false);
  });
});
