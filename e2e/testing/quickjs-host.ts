// QuickJS compiled to WebAssembly (quickjs-emscripten, release build, synchronous variant): a bare
// engine with no fetch, TextEncoder, crypto or timers. The host gives it one function, `__hostFetch`,
// which does the request with Node's fetch and settles a QuickJS promise; pending jobs are run after
// each settlement, as the engine has no event loop of its own.
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';

export interface HostRequest {
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Evaluates `script`, then `call` (an expression giving a promise of a string); resolves with it. */
export async function runInQuickJS(script: string, call: string): Promise<string> {
  const QuickJS = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(256 * 1024 * 1024);
  const vm = runtime.newContext();
  try {
    const hostFetch = vm.newFunction('__hostFetch', (urlHandle, initHandle) => {
      const url = vm.getString(urlHandle);
      const init = JSON.parse(vm.getString(initHandle)) as HostRequest;
      const deferred = vm.newPromise();
      deferred.settled.then(() => runtime.executePendingJobs());
      answer(url, init).then(
        (text) => vm.newString(text).consume((h) => deferred.resolve(h)),
        (error) => vm.newError(String(error)).consume((h) => deferred.reject(h)),
      );
      return deferred.handle;
    });
    vm.setProp(vm.global, '__hostFetch', hostFetch);
    hostFetch.dispose();
    vm.unwrapResult(vm.evalCode(script, 'sdk-bundle.js')).dispose();
    const promise = vm.unwrapResult(vm.evalCode(call, 'call.js'));
    const settled = vm.resolvePromise(promise);
    promise.dispose();
    runtime.executePendingJobs();
    const result = vm.unwrapResult(await settled);
    const text = vm.getString(result);
    result.dispose();
    return text;
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}

async function answer(url: string, init: HostRequest): Promise<string> {
  const res = await fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body === null ? {} : { body: init.body }),
    redirect: 'error',
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return JSON.stringify({ status: res.status, headers, body: await res.text() });
}
