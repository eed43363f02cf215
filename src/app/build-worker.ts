import { parentPort, workerData } from 'node:worker_threads';
import { authorRunner, jobError, type AuthorJob, type AuthorSetup } from './author-job.js';

const ready = authorRunner(workerData as AuthorSetup);

// one author at a time, in the order they come: the dispatcher keeps the next one queued
let chain: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (msg: { id: number; job: AuthorJob }) => {
  chain = chain.then(async () => {
    try {
      const run = await ready;
      parentPort!.postMessage({ id: msg.id, result: await run(msg.job) });
    } catch (err) {
      // the templates failed in this thread's set-up
      parentPort!.postMessage({ id: msg.id, result: { author: msg.job.author, stage: { hashes: {}, staged: [], unchanged: [], blocked: [] }, error: jobError(err), linted: [], failures: [], unplaced: [], placed: [], json: '', csv: '', part: null, pages: [], skipped: [], unknown: [] } });
    }
  });
});
