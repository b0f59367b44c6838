import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { toNativeAsync } from './nativeAsync';
import { isPinnedSdkFile, verifiedPackageOf } from './sdkPackages';

/** Per package directory: is the installed version the one the rewrite was verified on? */
const verified = new Map<string, boolean>();

function readVersion(dir: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Only files of the pinned SDK packages, at the versions verified (src/perf/sdkPackages.ts). */
function shouldRewrite(filename: string): boolean {
  const parts = filename.split(/[\\/]/);
  const at = parts.indexOf('node_modules');
  const key = parts.slice(0, at + 2).join('/');
  const known = verified.get(key);
  if (known !== undefined && isPinnedSdkFile(filename)) return known;
  const pkg = verifiedPackageOf(filename, readVersion);
  if (!pkg) return false;
  verified.set(pkg.dir, pkg.verified);
  return pkg.verified;
}

type Compile = (this: Module, content: string, filename: string) => unknown;

/**
 * Imported first by the entry points (`src/index.ts`, the benchmark's bot): from then on, every
 * file of the pinned SDK packages is loaded with native async functions (see toNativeAsync). A
 * file the rewrite cannot read, or of another version than the one verified, loads as shipped.
 */
function install(): void {
  const proto = Module.prototype as unknown as { _compile: Compile; __nativeAsync?: true };
  if (proto.__nativeAsync) return;
  proto.__nativeAsync = true;
  const compile = proto._compile;
  proto._compile = function compileNativeAsync(this: Module, content: string, filename: string): unknown {
    if (!shouldRewrite(filename)) return compile.call(this, content, filename);
    let rewritten: string | undefined;
    try {
      rewritten = toNativeAsync(content)?.source;
    } catch {
      rewritten = undefined;
    }
    return compile.call(this, rewritten ?? content, filename);
  };
}

install();
