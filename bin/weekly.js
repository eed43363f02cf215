#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI. Exit codes: 0 clean, 1 problems found, 2 the tool could not do its job.
import { run } from '../lib/cli.js';

process.exitCode = await run(process.argv);
