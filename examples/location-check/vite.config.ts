// The Airlock server sends no CORS headers, so a browser app reaches it from its own origin: here
// Vite's proxy sends /v1 to the server (AIRLOCK_URL, default a local `npm start`), in `vite` and in
// `vite preview`; in production the app's reverse proxy does the same. The SDK is then given the
// page's own origin as its server URL.
import { defineConfig } from 'vite';

const target = process.env.AIRLOCK_URL ?? 'http://127.0.0.1:8080';
// No Host rewrite (changeOrigin): the request reaches the server as the browser sent it.
const proxy = { '/v1': { target } };

export default defineConfig({
  server: { proxy },
  preview: { proxy },
  build: { target: 'es2022' },
});
