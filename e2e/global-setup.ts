// Builds the web app once before the journeys, so they always run against the current source
// (E2E_SKIP_BUILD=1 reuses an existing web/dist).
import { buildWebApp } from '../src/server/static.ts';

export default async function setup() {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await buildWebApp((line) => console.log(`[e2e] ${line}`));
}
