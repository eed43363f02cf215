import { parentPort, workerData } from 'node:worker_threads';
import { createRunner, type TaskInput, type TaskOutput, type TaskSetup } from './tasks.js';

const run = createRunner(workerData as TaskSetup);

// one batch at a time, notes in order: the pool keeps a second batch queued so this thread never waits
parentPort!.on('message', async (msg: { id: number; tasks: TaskInput[] }) => {
  const out: TaskOutput[] = [];
  for (const t of msg.tasks) out.push(await run(t));
  parentPort!.postMessage({ id: msg.id, out });
});
