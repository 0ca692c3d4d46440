import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = new URL('../src/api/openapi.gen.ts', import.meta.url);

const HEADER = `// Generated from the server's /openapi.json by \`npm run api -w @airlock/web\`: do not edit.
// A browser test (e2e/console) fails when this file no longer matches the server's routes.
`;

/** The TypeScript types of an OpenAPI document, as the console's client (openapi-fetch) uses them. */
export async function apiTypes(doc: object): Promise<string> {
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}
