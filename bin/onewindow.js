#!/usr/bin/env node
// Entry point of the `onewindow` command. The sources are TypeScript; tsx compiles them on load,
// so a clone needs no build step before `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
