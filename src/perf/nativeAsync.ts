import { parse, type Node } from 'acorn';

/**
 * Rewrites TypeScript's down-levelled async functions in a compiled file into native ones:
 * `__awaiter(this, a, P, function* () { … yield x … })` becomes
 * `__awaiter(this, a, P, async function () { … await x … })`, and the file's `__awaiter` helper
 * becomes a plain call of its body. Everything else is left byte for byte.
 *
 * @remarks
 * botbuilder 4.23 ships compiled for ES2015-era targets: every async method is a fresh
 * generator function per call. V8 gives each fresh generator function its own prototype object
 * and hidden class, registered with the generator prototype and kept in old space, so each call
 * costs old-space garbage and a longer major collection (README, Performance). Native async
 * functions cost neither. The rewrite is safe because TypeScript emits `yield` here only for
 * `await` with the operand already at unary precedence (or parenthesised), and a generator body
 * cannot hide a `yield` in a nested arrow. It fails safe (issue 20): a file loads as shipped
 * when a body uses `yield*`, when its `__awaiter` helper is missing or not TypeScript's (an
 * async body handed to another helper would break), or when the rewritten text does not parse.
 *
 * @returns The rewritten source, or `undefined` when there is nothing (safe) to rewrite.
 */
export function toNativeAsync(source: string): { source: string; functions: number } | undefined {
  if (!source.includes('__awaiter(')) return undefined;
  const edits: Edit[] = [];
  let helper: Edit | undefined;
  let functions = 0;
  let leftAsShipped = 0;
  const program = parse(source, PARSE_OPTIONS);
  let helpers = 0;
  visit(program as unknown as AnyNode, (node) => {
    if (isHelperDeclaration(node)) {
      helpers += 1;
      if (isTypeScriptHelper(source.slice(node.init.start, node.init.end))) helper = { start: node.init.start, end: node.init.end, text: NATIVE_HELPER };
      return false;
    }
    const body = awaiterBody(node);
    if (!body) return true;
    const yields = yieldsOf(body);
    if (yields === undefined) {
      leftAsShipped += 1;
      return true;
    }
    const star = source.indexOf('*', body.start);
    edits.push({ start: body.start, end: star + 1, text: 'async function' });
    for (const y of yields) edits.push({ start: y.start, end: y.start + 'yield'.length, text: 'await' });
    functions += 1;
    return true;
  });
  if (functions === 0) return undefined;
  // A body left as a generator needs the original helper, which cannot run async bodies: then
  // the whole file loads as shipped.
  if (leftAsShipped > 0) return undefined;
  // Async bodies need the helper replaced: exactly one, and the one TypeScript emits.
  if (!helper || helpers !== 1) return undefined;
  edits.push(helper);
  let rewritten = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
  }
  try {
    parse(rewritten, PARSE_OPTIONS);
  } catch {
    return undefined;
  }
  return { source: rewritten, functions };
}

const PARSE_OPTIONS = { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true } as const;

/**
 * TypeScript's `__awaiter` (tsc 2.x to 5.x, whitespace aside): `(this && this.__awaiter) ||
 * function (thisArg, _arguments, P, generator) {…}` stepping the generator with `generator.next`.
 */
function isTypeScriptHelper(text: string): boolean {
  const compact = text.replace(/\s+/g, ' ');
  return (
    /^\(this && this\.__awaiter\) \|\| function \(thisArg, _arguments, P, generator\) \{/.test(compact) &&
    compact.includes('new (P || (P = Promise))') &&
    compact.includes('generator.apply(thisArg, _arguments || [])') &&
    compact.includes('generator.next(')
  );
}

/** The helper, for bodies that are async functions now: `this` and the arguments as TypeScript passes them. */
const NATIVE_HELPER = 'function (thisArg, _arguments, P, body) { return body.apply(thisArg, _arguments || []); }';

interface Edit {
  start: number;
  end: number;
  text: string;
}

type AnyNode = Node & Record<string, unknown>;

const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Depth-first over every node; `enter` returning false skips the node's children. */
function visit(node: AnyNode, enter: (node: AnyNode) => boolean): void {
  if (!enter(node)) return;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, enter);
    } else if (isNode(value)) {
      visit(value, enter);
    }
  }
}

/** `var __awaiter = (this && this.__awaiter) || function (…) {…}`. */
function isHelperDeclaration(node: AnyNode): node is AnyNode & { init: AnyNode } {
  return node.type === 'VariableDeclarator' && (node.id as AnyNode).type === 'Identifier' && (node.id as { name?: string }).name === '__awaiter' && isNode(node.init);
}

/** The generator passed as the fourth argument of an `__awaiter(…)` call. */
function awaiterBody(node: AnyNode): AnyNode | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as AnyNode;
  const args = node.arguments as AnyNode[];
  if (callee.type !== 'Identifier' || (callee as { name?: string }).name !== '__awaiter' || args.length !== 4) return undefined;
  const body = args[3]!;
  return body.type === 'FunctionExpression' && body.generator === true && body.async !== true ? body : undefined;
}

/** The generator's own `yield`s (not those of functions nested in it); undefined if one is a `yield*`. */
function yieldsOf(generator: AnyNode): AnyNode[] | undefined {
  const yields: AnyNode[] = [];
  let delegates = false;
  visit(generator.body as AnyNode, (node) => {
    if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') return false;
    if (node.type === 'YieldExpression') {
      if (node.delegate === true) delegates = true;
      yields.push(node);
    }
    return true;
  });
  return delegates ? undefined : yields;
}
