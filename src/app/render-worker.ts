import { parentPort, workerData } from 'node:worker_threads';
import { jobError, memberRenderer, type MemberSetup } from './build-members.js';
import type { MemberJob } from './build-plan.js';

const ready = memberRenderer(workerData as MemberSetup);

// one member at a time, in the order they come: the pool keeps a second one queued
let chain: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (msg: { id: number; job: MemberJob }) => {
  chain = chain.then(async () => {
    try {
      const run = await ready;
      parentPort!.postMessage({ id: msg.id, ...(await run(msg.job)) });
    } catch (err) {
      // the templates or the output folder failed in this thread's set-up
      parentPort!.postMessage({ id: msg.id, error: jobError(err) });
    }
  });
});
