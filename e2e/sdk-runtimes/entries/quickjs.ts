// QuickJS: no fetch, TextEncoder, crypto or timers. The platform is injected: fetch bridged to the host
// (`__hostFetch`, text bodies as JSON both ways), storage in memory; SHA-256 and UTF-8 are the SDK's
// own fallbacks.
import * as sdk from '@airlock/sdk';
import { runtimeCheck } from '../../../packages/sdk/src/testing/index.ts';

declare const __hostFetch: (url: string, init: string) => Promise<string>;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const bridgedFetch: sdk.FetchLike = async (url, init) => {
  if (init?.body !== undefined && typeof init.body !== 'string') throw new Error('bytes are not bridged');
  const request = { method: init?.method ?? 'GET', headers: init?.headers ?? {}, body: init?.body ?? null };
  const a = JSON.parse(await __hostFetch(url, JSON.stringify(request))) as Answer;
  return {
    ok: a.status >= 200 && a.status < 300,
    status: a.status,
    headers: {
      get: (name: string) => a.headers[name.toLowerCase()] ?? null,
      forEach: (fn: (value: string, name: string) => void) => {
        for (const [name, value] of Object.entries(a.headers)) fn(value, name);
      },
    },
    text: async () => a.body,
  };
};

export async function run(serverUrl: string): Promise<string> {
  return JSON.stringify(await runtimeCheck(sdk, { serverUrl, fetch: bridgedFetch }));
}
