import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { AppError } from '../errors';
import { normalizeText, stripInvisible } from './normalize';

/** A locale's self-description (`_meta` in every locale file). */
export interface LocaleMeta {
  name: string;
  direction: 'ltr' | 'rtl';
  reviewedByNativeSpeaker: boolean;
}

type Template = (vars: Record<string, unknown>) => string;

interface CompiledLocale {
  meta: LocaleMeta;
  templates: Map<string, Template>;
  sources: Map<string, string>;
  words: Map<string, string[]>;
}

/** Flattens nested locale JSON into dotted keys; strings are templates, arrays word lists. */
export function flattenLocale(
  obj: Record<string, unknown>,
  prefix = '',
  out: Map<string, string | string[]> = new Map(),
): Map<string, string | string[]> {
  for (const [key, value] of Object.entries(obj)) {
    if (key === '_meta') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (Array.isArray(value)) out.set(path, value.map(String));
    else if (value && typeof value === 'object') flattenLocale(value as Record<string, unknown>, path, out);
  }
  return out;
}

const LRM = '\u200e';
const RLM = '\u200f';
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Every user-visible sentence, compiled once per locale.
 * @remarks Templates use handlebars in strict mode: a missing variable throws (tests catch it)
 * instead of silently showing an empty gap to a parent.
 */
export class Messages {
  private readonly locales = new Map<string, CompiledLocale>();
  /** Rendered texts without variables, by locale and key (bounded by the number of keys). */
  private readonly constants = new Map<string, string>();

  constructor(
    raw: Record<string, Record<string, unknown>>,
    readonly defaultLocale: string,
    readonly timeZone = 'Europe/Brussels',
  ) {
    for (const [locale, json] of Object.entries(raw)) this.locales.set(locale, compileLocale(locale, json, timeZone));
    if (!this.locales.has(defaultLocale)) {
      throw new AppError('LOCALE_MISSING_KEY', `Messages: default locale "${defaultLocale}" has no file`);
    }
  }

  /** Loads `<dir>/<lang>.json` for the given languages (all files when `only` is omitted). */
  /**
   * Loads `<dir>/<lang>.json`. With `only`, just those languages, in that order (the language
   * menu shows them so); without, every file, in alphabetical order.
   */
  static load(dir: string, defaultLocale: string, only?: readonly string[], timeZone?: string): Messages {
    const available = readdirSync(dir)
      .filter((f) => /^[a-z]{2,3}\.json$/.test(f))
      .map((f) => f.replace('.json', ''))
      .sort();
    const order = only ? only.filter((l) => available.includes(l)) : available;
    const raw: Record<string, Record<string, unknown>> = {};
    for (const locale of order) {
      raw[locale] = JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Record<string, unknown>;
    }
    return new Messages(raw, defaultLocale, timeZone);
  }

  /** Supported locales, default first. */
  supported(): string[] {
    return [this.defaultLocale, ...[...this.locales.keys()].filter((l) => l !== this.defaultLocale)];
  }

  has(locale: string): boolean {
    return this.locales.has(locale);
  }

  meta(locale: string): LocaleMeta {
    return this.get(locale).meta;
  }

  /**
   * Renders `key` in `locale` (falling back to the default locale when the key is missing there).
   * In right-to-left locales the result is wrapped in direction marks so that references, phone
   * numbers and dates inside Arabic text keep their order on every channel.
   */
  t(locale: string, key: string, vars: Record<string, unknown> = {}): string {
    // Most calls (labels, questions) have no variables: their text never changes, so it is
    // rendered once (handlebars' per-call setup showed in the benchmark's profile).
    const constant = Object.keys(vars).length === 0;
    const cacheKey = `${locale}\u0000${key}`;
    if (constant) {
      const cached = this.constants.get(cacheKey);
      if (cached !== undefined) return cached;
    }
    const text = this.render(locale, key, vars);
    if (constant) this.constants.set(cacheKey, text);
    return text;
  }

  private render(locale: string, key: string, vars: Record<string, unknown>): string {
    const compiled = this.get(locale);
    const template = compiled.templates.get(key) ?? this.get(this.defaultLocale).templates.get(key);
    if (!template) throw new AppError('LOCALE_MISSING_KEY', `Messages.t(): unknown key "${key}"`);
    const text = template(compiled.meta.direction === 'rtl' ? isolateValues(vars) : vars);
    return compiled.meta.direction === 'rtl' ? `${RLM}${text}` : text;
  }

  /** A word list (normalised), e.g. `words.yes`; the default locale's list is never mixed in. */
  words(locale: string, key: string): string[] {
    return this.get(locale).words.get(key) ?? [];
  }

  /** True when the locale file defines this key (tests and optional texts). */
  hasKey(locale: string, key: string): boolean {
    const compiled = this.get(locale);
    return compiled.templates.has(key) || compiled.words.has(key);
  }

  /** The raw template source (the console shows staff the Dutch text of a canned reply). */
  source(locale: string, key: string): string | undefined {
    return this.get(locale).sources.get(key);
  }

  private get(locale: string): CompiledLocale {
    const compiled = this.locales.get(locale) ?? this.locales.get(this.defaultLocale);
    if (!compiled) throw new AppError('LOCALE_MISSING_KEY', `Messages.get(): no locale "${locale}"`);
    return compiled;
  }
}

/** Wraps inserted values in first-strong isolates so "LAP-7K3Q9" or "0474…" read left-to-right. */
function isolateValues(vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars)) {
    out[k] = typeof v === 'string' || typeof v === 'number' ? `${FSI}${LRM}${String(v)}${PDI}` : v;
  }
  return out;
}

/**
 * A handlebars environment per locale with `{{date x}}`, `{{dateTime x}}` and `{{time x}}`
 * helpers that format ISO dates the way that language writes them, in the helpline's time zone.
 */
function handlebarsFor(locale: string, timeZone: string): typeof Handlebars {
  const env = Handlebars.create();
  const formatter = (options: Intl.DateTimeFormatOptions) => {
    const format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    return (value: unknown): string => {
      // Values may arrive wrapped in direction isolates (rtl locales): strip them before parsing.
      const date = value instanceof Date ? value : new Date(stripInvisible(String(value)));
      return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
    };
  };
  env.registerHelper('date', formatter({ day: 'numeric', month: 'long', year: 'numeric' }));
  env.registerHelper('dateTime', formatter({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
  env.registerHelper('time', formatter({ hour: '2-digit', minute: '2-digit' }));
  return env;
}

function compileLocale(locale: string, json: Record<string, unknown>, timeZone: string): CompiledLocale {
  const handlebars = handlebarsFor(locale, timeZone);
  const metaRaw = (json._meta ?? {}) as Partial<LocaleMeta>;
  const meta: LocaleMeta = {
    name: metaRaw.name ?? '?',
    direction: metaRaw.direction === 'rtl' ? 'rtl' : 'ltr',
    reviewedByNativeSpeaker: metaRaw.reviewedByNativeSpeaker === true,
  };
  const templates = new Map<string, Template>();
  const sources = new Map<string, string>();
  const words = new Map<string, string[]>();
  for (const [key, value] of flattenLocale(json)) {
    if (Array.isArray(value)) {
      words.set(key, value.map(normalizeText).filter((w) => w.length > 0));
    } else {
      sources.set(key, value);
      templates.set(key, handlebars.compile(value, { strict: true, noEscape: true, knownHelpers: { date: true, dateTime: true, time: true } }));
    }
  }
  return { meta, templates, sources, words };
}
