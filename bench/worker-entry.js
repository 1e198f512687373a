// Entry of a benchmark's worker thread: the TypeScript loader (as bin/run-ts.js), then the module named.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
