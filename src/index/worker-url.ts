/**
 * Where a worker thread starts. Compiled to JavaScript (`npm start` runs dist/ with plain node), the worker is the
 * compiled module beside the caller. From TypeScript sources (tsx: tests, command line), worker threads do not
 * inherit the loader, so they start from a small `.mjs` boot file that registers tsx and then imports the module.
 */
export function workerUrl(callerUrl: string, name: string): URL {
  return callerUrl.endsWith('.ts') ? new URL(`./${name}-boot.mjs`, callerUrl) : new URL(`./${name}.js`, callerUrl);
}
