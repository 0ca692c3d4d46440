import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run dev -w @airlock/web` serves the console with hot reload and sends API calls to a server
// started separately (AIRLOCK_URL, default the `npm start` address).
const api = process.env.AIRLOCK_URL ?? 'http://127.0.0.1:8080';

// The workspace's core and SDK as TypeScript source, as the root tsconfig's paths give them to tsx and
// tsc: the Fly page runs the SDK a flight app ships, not a copy built earlier into dist/.
const packages = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@airlock\/(core|sdk)$/, replacement: `${packages}$1/src/index.ts` },
      { find: /^@airlock\/(core|sdk)\/(.+)$/, replacement: `${packages}$1/src/$2/index.ts` },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    // The page's policy allows scripts and styles from the server only: nothing inlined as data: URLs.
    assetsInlineLimit: 0,
    // Every browser the console supports knows <link rel=modulepreload>; the polyfill is dead weight.
    modulePreload: { polyfill: false },
    manifest: true,
    // MapLibre is one large module by itself, loaded only on pages that draw a map.
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: { proxy: { '/v1': api, '/openapi.json': api, '/docs': api } },
});
