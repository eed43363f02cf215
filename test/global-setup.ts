import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The suite compiles once, before any test file runs: tests that spawn `bin/weekly.js` or start worker threads use lib/. */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', REPO], { stdio: 'inherit' });
}
