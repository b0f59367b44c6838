import Module from 'node:module';
import { toNativeAsync } from './nativeAsync';

/** The Bot Framework SDK's packages: compiled with TypeScript's down-levelled async. */
const SDK_FILE = /[\\/]node_modules[\\/](?:botbuilder[^\\/]*|botframework-[^\\/]*)[\\/].*\.js$/;

type Compile = (this: Module, content: string, filename: string) => unknown;

/**
 * Imported first by the entry points (`src/index.ts`, the benchmark's bot): from then on, every
 * SDK file is loaded with native async functions (see toNativeAsync). A file the rewrite cannot
 * read is loaded as shipped.
 */
function install(): void {
  const proto = Module.prototype as unknown as { _compile: Compile; __nativeAsync?: true };
  if (proto.__nativeAsync) return;
  proto.__nativeAsync = true;
  const compile = proto._compile;
  proto._compile = function compileNativeAsync(this: Module, content: string, filename: string): unknown {
    if (!SDK_FILE.test(filename)) return compile.call(this, content, filename);
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
