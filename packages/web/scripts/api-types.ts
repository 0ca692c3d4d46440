import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = new URL('../src/api/openapi.gen.ts', import.meta.url);
const SOURCES = new URL('../src/', import.meta.url);

const HEADER = `// Generated from the server's /openapi.json by \`npm run api -w @airlock/web\`: do not edit.
// Only the routes the console names are here; a browser test (e2e/console) fails when they change.
`;

interface Doc {
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The TypeScript types (for openapi-fetch) of the routes the console's sources name, with the schemas
 * those routes use. Routes the console does not call are left out, so adding or changing one needs no
 * new file here; changing one it calls does, and `npm run typecheck` then names what broke.
 */
export async function apiTypes(doc: Doc, used = usedPaths(doc)): Promise<string> {
  const paths = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => used.has(p)));
  const schemas = doc.components?.schemas ?? {};
  const keep = new Set<string>();
  const visit = (node: unknown) => {
    for (const [, name] of JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g))
      if (!keep.has(name)) {
        keep.add(name);
        visit(schemas[name]);
      }
  };
  visit(paths);
  const filtered = withoutProse({
    ...doc,
    paths,
    components: { schemas: Object.fromEntries([...keep].sort().map((k) => [k, schemas[k]])) },
  });
  const ast = await openapiTS(filtered as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}

const PROSE = new Set(['description', 'summary', 'example', 'examples']);

/**
 * The document without its prose: rewording a route's description changes no type, so it must not
 * make this file stale. A schema property that happens to be named "description" is kept.
 */
function withoutProse<T>(node: T, inProperties = false): T {
  if (Array.isArray(node)) return node.map((n) => withoutProse(n)) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!inProperties && PROSE.has(k)) continue;
    out[k] = withoutProse(v, k === 'properties' && !inProperties);
  }
  return out as T;
}

/** Every route of the document that a console source names as a string literal ('/v1/…'). */
function usedPaths(doc: Doc): Set<string> {
  const text = sourceFiles(SOURCES.pathname)
    .filter((f) => !f.endsWith('.gen.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const named = new Set([...text.matchAll(/['`](\/v1\/[^'`$]*)/g)].map((m) => m[1]));
  // Template literals name a family: `/v1/flightlogs/{id}/export.${ext}` stands for each export.
  const prefixes = [...text.matchAll(/`(\/v1\/[^`$]*)\$\{/g)].map((m) => m[1]);
  return new Set(Object.keys(doc.paths).filter((p) => named.has(p) || prefixes.some((x) => p.startsWith(x))));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}
