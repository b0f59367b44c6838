/**
 * The Bot Framework SDK packages whose compiled files src/perf/nativeAsync.ts rewrites, with the
 * versions the rewrite was verified on (every async function rewritten, the suite green, the
 * benchmark run). A test compares them with what is installed: an SDK upgrade must be checked
 * again before the rewrite applies to it.
 */
export const VERIFIED_SDK_PACKAGES: Readonly<Record<string, string>> = {
  botbuilder: '4.23.3',
  'botbuilder-core': '4.23.3',
  'botbuilder-dialogs': '4.23.3',
  'botbuilder-dialogs-adaptive-runtime-core': '4.23.3-preview',
  'botbuilder-stdlib': '4.23.3-internal',
  'botbuilder-testing': '4.23.3',
  'botframework-connector': '4.23.3',
  'botframework-schema': '4.23.3',
  'botframework-streaming': '4.23.3',
};

/**
 * A `.js` file of one of those packages as installed at the top of the project's `node_modules`:
 * not a copy nested in another package (`botframework-directlinejs/node_modules/
 * botframework-streaming`), not Web Chat's packages, which share the prefixes (issue 20).
 */
export function isPinnedSdkFile(filename: string): boolean {
  const parts = filename.split(/[\\/]/);
  const at = parts.indexOf('node_modules');
  // Exactly one node_modules on the path: the project's own, not one inside a package.
  if (at < 0 || parts.indexOf('node_modules', at + 1) >= 0) return false;
  const name = parts[at + 1] ?? '';
  return Object.hasOwn(VERIFIED_SDK_PACKAGES, name) && parts.length > at + 2 && filename.endsWith('.js');
}

/**
 * The directory of the package a pinned file belongs to, and whether the version installed there
 * (`readVersion` reads its package.json) is the verified one. Another version loads as shipped.
 */
export function verifiedPackageOf(filename: string, readVersion: (packageDir: string) => string | undefined): { dir: string; verified: boolean } | undefined {
  if (!isPinnedSdkFile(filename)) return undefined;
  const parts = filename.split(/[\\/]/);
  const at = parts.indexOf('node_modules');
  const name = parts[at + 1] ?? '';
  const dir = parts.slice(0, at + 2).join('/');
  return { dir, verified: readVersion(dir) === VERIFIED_SDK_PACKAGES[name] };
}
