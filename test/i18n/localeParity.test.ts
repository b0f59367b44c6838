import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { flattenLocale } from '../../src/i18n/messages';
import { LOCALES_DIR } from '../helpers/testDeps';

type Flat = Map<string, string | string[]>;

const files = readdirSync(LOCALES_DIR).filter((f) => /^[a-z]{2,3}\.json$/.test(f));
const load = (file: string): { json: Record<string, unknown>; flat: Flat } => {
  const json = JSON.parse(readFileSync(join(LOCALES_DIR, file), 'utf8')) as Record<string, unknown>;
  return { json, flat: flattenLocale(json) };
};
const reference = load('nl.json');

/** Variables a handlebars template uses ({{phone}}, {{#if x}} …). */
function variablesOf(template: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; original?: string; parts?: string[] };
    if (n.type === 'PathExpression' && n.original && !['if', 'unless', 'each', 'with', 'else', 'date', 'dateTime', 'time'].includes(n.original)) {
      names.add(n.original);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(Handlebars.parse(template));
  return names;
}

describe.each(files)('locale %s', (file) => {
  const { json, flat } = load(file);

  it('has every key that nl has, of the same kind (text or word list)', () => {
    const missing = [...reference.flat.keys()].filter((k) => !flat.has(k));
    expect(missing).toEqual([]);
    const wrongKind = [...reference.flat].filter(([k, v]) => flat.has(k) && Array.isArray(v) !== Array.isArray(flat.get(k)));
    expect(wrongKind.map(([k]) => k)).toEqual([]);
  });

  it('uses only the variables of the nl template, and compiles', () => {
    for (const [key, value] of flat) {
      if (Array.isArray(value)) continue;
      const ref = reference.flat.get(key);
      if (typeof ref !== 'string') continue;
      const extra = [...variablesOf(value)].filter((v) => !variablesOf(ref).has(v));
      expect({ key, extra }).toEqual({ key, extra: [] });
    }
  });

  it('has no empty texts or word lists', () => {
    const empty = [...flat].filter(([, v]) => (Array.isArray(v) ? v.length === 0 : v.trim() === ''));
    expect(empty.map(([k]) => k)).toEqual([]);
  });

  it('has a complete _meta block', () => {
    const meta = json._meta as Record<string, unknown>;
    expect(typeof meta.name).toBe('string');
    expect(['ltr', 'rtl']).toContain(meta.direction);
    expect(typeof meta.reviewedByNativeSpeaker).toBe('boolean');
  });
});

it('the parity check catches a missing key and an unknown variable', () => {
  const broken = flattenLocale({ menu: { prompt: 'x {{unknown}}' } });
  expect(broken.has('menu.help')).toBe(false);
  expect(variablesOf('x {{unknown}} {{#if a}}b{{/if}}')).toEqual(new Set(['unknown', 'a']));
});
