import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import ts from 'typescript';
import { toNativeAsync } from '../../src/perf/nativeAsync';
import { buildBotIfStale } from '../faults/botProcess';

const ROOT = join(__dirname, '..', '..');

/** Compiles TypeScript as the SDK's packages are compiled (down-levelled async) into a CommonJS module. */
function compileDownlevelled(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2015 } }).outputText;
}

const scratch = mkdtempSync(join(tmpdir(), 'native-async-'));
let loaded = 0;

/** Loads compiled JavaScript as a module of its own. */
function load(js: string): Record<string, unknown> {
  const path = join(scratch, `module${++loaded}.js`);
  writeFileSync(path, js);
  return require(path) as Record<string, unknown>;
}

const SAMPLE = `
  export class Counter {
    constructor(private total = 0) {}
    async add(...values: number[]): Promise<number> {
      for (const v of values) this.total += await Promise.resolve(v);
      return this.total;
    }
    async addBoth(a: Promise<number>, b: Promise<number>): Promise<number> {
      const sum = (await a) + (await b);
      const arrow = async (x: number) => (await Promise.resolve(x)) * 2;
      return this.add(await arrow(sum));
    }
    async failsThenRecovers(): Promise<string> {
      try {
        await Promise.reject(new Error('no'));
        return 'not reached';
      } catch (error) {
        return \`caught \${(error as Error).message}\`;
      } finally {
        this.total = -1;
      }
    }
  }
  export async function usesArguments(a: number, b: number): Promise<number> {
    const args = arguments;
    await null;
    return args.length + a + b;
  }
`;

describe('toNativeAsync (the SDK with native async functions)', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const downlevelled = compileDownlevelled(SAMPLE);
  const rewritten = toNativeAsync(downlevelled);

  it('turns every __awaiter generator into an async function and the helper into a plain call', () => {
    expect(downlevelled).toContain('function* ()');
    expect(rewritten?.functions).toBe(5);
    expect(rewritten?.source).not.toContain('function*');
    expect(rewritten?.source).not.toMatch(/\byield\b/);
    expect(rewritten?.source).toContain('async function ()');
    expect(rewritten?.source).toContain('return body.apply(thisArg, _arguments || [])');
  });

  it('behaves as the down-levelled code does: this, arguments, await inside expressions, try/catch/finally', async () => {
    for (const js of [downlevelled, rewritten!.source]) {
      const { Counter, usesArguments } = load(js) as {
        Counter: new () => { add(...v: number[]): Promise<number>; addBoth(a: Promise<number>, b: Promise<number>): Promise<number>; failsThenRecovers(): Promise<string>; total: number };
        usesArguments: (a: number, b: number) => Promise<number>;
      };
      const counter = new Counter();
      expect(await counter.add(1, 2, 3)).toBe(6);
      expect(await counter.addBoth(Promise.resolve(4), Promise.resolve(5))).toBe(24);
      expect(await counter.failsThenRecovers()).toBe('caught no');
      expect(counter.total).toBe(-1);
      expect(await usesArguments(1, 2)).toBe(5);
    }
  });

  it('leaves a file alone when a body delegates with yield*, or when it has nothing to rewrite', () => {
    const delegating = downlevelled.replace('yield Promise.resolve(v)', 'yield* [Promise.resolve(v)]');
    expect(toNativeAsync(delegating)).toBeUndefined();
    expect(toNativeAsync('module.exports = 1;')).toBeUndefined();
  });

  it('rewrites every async function of the pinned SDK packages, and the result parses', () => {
    let files = 0;
    let functions = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
          if (entry !== 'node_modules') walk(path);
          continue;
        }
        if (!path.endsWith('.js')) continue;
        const source = readFileSync(path, 'utf8');
        if (!/__awaiter\(this, [^,]+, [^,]+, function\*/.test(source)) continue;
        const result = toNativeAsync(source);
        expect({ path, rewritten: result !== undefined }).toEqual({ path, rewritten: true });
        expect(result!.source).not.toMatch(/__awaiter\(this, [^,]+, [^,]+, function\*/);
        expect(() => parse(result!.source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true })).not.toThrow();
        files += 1;
        functions += result!.functions;
      }
    };
    for (const pkg of ['botbuilder', 'botbuilder-core', 'botbuilder-dialogs', 'botframework-connector']) walk(join(ROOT, 'node_modules', pkg, 'lib'));
    expect(files).toBeGreaterThan(50);
    expect(functions).toBeGreaterThan(300);
  });

  it('is installed by the compiled entry points before the SDK loads', () => {
    buildBotIfStale();
    const probe = `require(${JSON.stringify(join(ROOT, 'dist', 'src', 'perf', 'nativeAsyncHook.js'))});
      const { DialogContext } = require('botbuilder-dialogs');
      process.stdout.write(DialogContext.prototype.beginDialog.toString());`;
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('async function ()');
    expect(result.stdout).not.toContain('function*');
    expect(readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8')).toMatch(/^(?:\/\/.*\n)*import '\.\/perf\/nativeAsyncHook';/);
  });
});
