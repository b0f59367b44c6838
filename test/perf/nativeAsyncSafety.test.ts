import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { join } from 'node:path';
import ts from 'typescript';
import { toNativeAsync } from '../../src/perf/nativeAsync';
import { isPinnedSdkFile, verifiedPackageOf, VERIFIED_SDK_PACKAGES } from '../../src/perf/sdkPackages';

const ROOT = join(__dirname, '..', '..');

/** Down-levelled as the SDK ships (TypeScript's own __awaiter and generators). */
const compile = (source: string): string =>
  ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2015 } }).outputText;

const SAMPLE = compile(`export async function twice(x: Promise<number>): Promise<number> { return (await x) * 2; }`);

describe('toNativeAsync fails safe (issue 20)', () => {
  it('rewrites TypeScript\'s own output', () => {
    expect(toNativeAsync(SAMPLE)?.functions).toBe(1);
  });

  it('loads a file as shipped when the rewritten text would not parse', () => {
    // `await` is an identifier in a sloppy-mode generator but reserved in an async function.
    const trap = SAMPLE.replace('return (yield x) * 2;', 'var await = 1; return (yield x) * 2 + await;');
    expect(trap).not.toBe(SAMPLE);
    expect(() => new Script(trap)).not.toThrow();
    expect(toNativeAsync(trap)).toBeUndefined();
  });

  it('loads a file as shipped when its __awaiter helper is not the expected shape, or missing', () => {
    const foreign = SAMPLE.replace(/var __awaiter = [\s\S]*?\n};\n/, 'var __awaiter = (this && this.__awaiter) || function (a, b, c, gen) { return runElsewhere(gen); };\n');
    expect(foreign).not.toBe(SAMPLE);
    expect(toNativeAsync(foreign)).toBeUndefined();
    const imported = SAMPLE.replace(/var __awaiter = [\s\S]*?\n};\n/, 'const { __awaiter } = require("tslib");\n');
    expect(imported).not.toBe(SAMPLE);
    expect(toNativeAsync(imported)).toBeUndefined();
  });

  it('applies only to files of the pinned SDK packages at the top of node_modules', () => {
    for (const yes of ['/app/node_modules/botbuilder/lib/index.js', '/app/node_modules/botframework-connector/lib/auth/a.js', 'C:\\app\\node_modules\\botbuilder-dialogs\\lib\\x.js']) {
      expect(isPinnedSdkFile(yes)).toBe(true);
    }
    for (const no of [
      '/app/node_modules/botframework-webchat/lib/index.js',
      '/app/node_modules/botframework-directlinejs/node_modules/botframework-streaming/lib/x.js',
      '/app/node_modules/botbuilder-evil/lib/x.js',
      '/app/node_modules/botbuilder/node_modules/other/x.js',
      '/app/src/botbuilder/lib/x.js',
    ]) {
      expect(isPinnedSdkFile(no)).toBe(false);
    }
  });

  it('loads another version than the verified one as shipped', () => {
    const file = '/app/node_modules/botbuilder/lib/index.js';
    expect(verifiedPackageOf(file, () => VERIFIED_SDK_PACKAGES.botbuilder)).toEqual({ dir: '/app/node_modules/botbuilder', verified: true });
    expect(verifiedPackageOf(file, () => '4.24.0')?.verified).toBe(false);
    expect(verifiedPackageOf(file, () => undefined)?.verified).toBe(false);
  });

  it('has the installed SDK at exactly the versions the rewrite was verified on', () => {
    const installed = Object.fromEntries(
      Object.keys(VERIFIED_SDK_PACKAGES).map((name) => [name, (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version]),
    );
    expect(installed).toEqual(VERIFIED_SDK_PACKAGES);
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    for (const name of ['botbuilder', 'botbuilder-dialogs', 'botframework-connector']) expect(pinned[name]).toBe(VERIFIED_SDK_PACKAGES[name]);
  });
});
