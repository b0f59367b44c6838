// Jest transformer: the tests load the Bot Framework SDK's files as production does
// (src/perf/nativeAsyncHook.ts rewrites them at require time; Jest's module loader bypasses that hook).
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const sourcePath = join(__dirname, '..', '..', 'src', 'perf', 'nativeAsync.ts');
const source = readFileSync(sourcePath, 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
const compiled = { exports: {} };
new Function('exports', 'require', 'module', outputText)(compiled.exports, require, compiled);

module.exports = {
  process(code) {
    return { code: compiled.exports.toNativeAsync(code)?.source ?? code };
  },
  getCacheKey(code, filename) {
    return createHash('sha256').update(source).update(filename).update(code).digest('hex');
  },
};
