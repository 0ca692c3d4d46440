// Types for build-state.js, which stays plain JavaScript because the bin loads it before tsx or a build.
export interface BuildManifest {
  /** The folder under dist/ holding the build. */
  dir: string;
  /** Source path relative to dist/ → [mtimeMs, size] as read by the build. */
  inputs: Record<string, [number, number]>;
}
export const DIST_DIR: URL;
export function currentBuild(distDir?: URL):
  | { main: URL; reason?: undefined; changed?: undefined }
  /** changed: the source that changed since the build, when there is one. */
  | { main?: undefined; reason: string; changed?: string };
export function changedInput(manifest: BuildManifest, distDir?: URL): string | null;
