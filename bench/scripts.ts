import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One user message and a fragment of the last reply that must come back in the same turn. */
export interface ScriptStep {
  name: string;
  /** What the user types; a function when every conversation needs its own value (n = conversation number). */
  text: string | ((n: number) => string);
  /** A fragment of the expected reply. */
  expect: string;
}

/** A conversation, from the first message to the last; the driver replays it from the start. */
export interface Script {
  name: string;
  steps: ScriptStep[];
}

type LocaleTree = { [key: string]: string | LocaleTree };

/**
 * Reads expected replies from locales/nl.json by key, so the script follows wording changes:
 * the fragment is the template's text before its first placeholder.
 */
export class ReplyFragments {
  private readonly tree: LocaleTree;

  constructor(root: string) {
    this.tree = JSON.parse(readFileSync(join(root, 'locales', 'nl.json'), 'utf8')) as LocaleTree;
  }

  has(key: string): boolean {
    return typeof this.lookup(key) === 'string';
  }

  of(key: string): string {
    const value = this.lookup(key);
    if (typeof value !== 'string') throw new Error(`ReplyFragments.of(): no text at locales/nl.json ${key}`);
    const fragment = value.split('{{')[0]!.trim().slice(0, 40);
    if (fragment.length < 5) throw new Error(`ReplyFragments.of(): ${key} starts with a placeholder`);
    return fragment;
  }

  private lookup(key: string): string | LocaleTree | undefined {
    let node: string | LocaleTree | undefined = this.tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return node;
  }
}

/**
 * Our bot's conversation: greeting, back to the menu, the laptop form when it exists, and a
 * status question. Each step's text is what a parent types; the fragment is the turn's last reply.
 */
export function helplineScript(replies: ReplyFragments): Script {
  const steps: ScriptStep[] = [
    { name: 'greeting', text: 'hallo', expect: replies.of('menu.prompt') },
    { name: 'menu', text: 'menu', expect: replies.of('menu.prompt') },
    ...laptopSteps(replies),
    { name: 'status', text: '6', expect: replies.of('status.askReference') },
    { name: 'statusAnswer', text: 'LAP-7K3Q9', expect: replies.of('status.notFound') },
  ];
  return { name: 'helpline', steps };
}

/**
 * The laptop request (dialogs/laptopRequest, questions under `laptopRequest.*` in nl.json).
 * @remarks Empty for now: the form landed while the benchmark was being written, and its walk
 * (requester, school, eligibility, address, consent) still has to be written here, with a
 * different phone and address per conversation (`text: (n) => …`) so the duplicate check does
 * not end the form early.
 */
export function laptopSteps(_replies: ReplyFragments): ScriptStep[] {
  return [];
}

/** The echo floor: plain messages, as many per conversation as ours has. */
export function echoScript(length: number): Script {
  const steps = Array.from({ length }, (_, i) => ({ name: `echo${i + 1}`, text: `hallo ${i + 1}`, expect: `echo: hallo ${i + 1}` }));
  return { name: 'echo', steps };
}
