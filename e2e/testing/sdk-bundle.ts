// esbuild bundles of a runtime entry whose `@airlock/*` imports come from an app's node_modules (the
// installed tarballs), never from this repository's sources (tsconfig `paths`) or workspace links.
import esbuild from 'esbuild';

export async function bundleFromApp(
  entry: string,
  app: string,
  options: Pick<
    esbuild.BuildOptions,
    'platform' | 'format' | 'target' | 'globalName' | 'external' | 'mainFields'
  >,
): Promise<string> {
  const external = new Set(options.external ?? []);
  const fromApp: esbuild.Plugin = {
    name: 'airlock-from-app',
    setup(build) {
      build.onResolve({ filter: /^@airlock\// }, async (args) => {
        if (args.pluginData === 'from-app') return undefined;
        if (external.has(args.path.split('/').slice(0, 2).join('/')))
          return { path: args.path, external: true };
        const r = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: app,
          pluginData: 'from-app',
        });
        if (!r.path.startsWith(app)) throw new Error(`${args.path} resolved outside the app: ${r.path}`);
        return { path: r.path };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    logLevel: 'silent',
    ...options,
    external: [],
    plugins: [fromApp],
  });
  return result.outputFiles[0].text;
}
