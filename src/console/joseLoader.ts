import type * as NodeModule from 'node:module';

type Jose = typeof import('jose');
let cached: Jose | undefined;

/**
 * jose 6 ships only ES modules. Node ≥ 20.19 `require()`s them, but jest's module registry cannot
 * (the suite runs CommonJS through ts-jest), so jose is loaded with Node's own `require`, lazily:
 * modules that never sign or check a session never load it.
 */
export function jose(): Jose {
  // process.getBuiltinModule hands out Node's real `module`, whose require jest does not replace.
  const { createRequire } = process.getBuiltinModule('node:module') as unknown as typeof NodeModule;
  cached ??= createRequire(__filename)('jose') as Jose;
  return cached;
}
