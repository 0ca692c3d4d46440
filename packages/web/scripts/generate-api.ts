// Writes src/api/openapi.gen.ts from the /openapi.json of a server started here (in memory), or of
// the one at AIRLOCK_URL. Run after changing a route the console uses; then `npm run typecheck` names
// every place in the console the change breaks.
import { writeFileSync } from 'node:fs';
import { startTestServer } from '../../server/src/testing/test-server.ts';
import { API_TYPES_FILE, apiTypes } from './api-types.ts';

const given = process.env.AIRLOCK_URL;
const server = given ? null : await startTestServer();
try {
  const res = await fetch(`${given ?? server?.url}/openapi.json`);
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  writeFileSync(API_TYPES_FILE, await apiTypes(await res.json()));
  console.error(`wrote ${API_TYPES_FILE.pathname}`);
} finally {
  await server?.close();
}
