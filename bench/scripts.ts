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
 * The laptop request (dialogs/laptopRequest) as a parent answers it, menu to reference. Street,
 * house number and phone differ per conversation (n), so the duplicate check (same phone or
 * same address → existing reference) does not end the form early.
 */
export function laptopSteps(replies: ReplyFragments): ScriptStep[] {
  const phone = (n: number): string => `0470 ${String(100000 + (n % 900000)).padStart(6, '0')}`;
  return [
    { name: 'laptop', text: '2', expect: replies.of('laptopRequest.askRequester') },
    { name: 'requester', text: '1', expect: replies.of('laptopRequest.askPostcode') },
    { name: 'postcode', text: '2800', expect: replies.of('laptopRequest.askPupils') },
    { name: 'pupils', text: '2', expect: replies.of('laptopRequest.askLevels') },
    { name: 'levels', text: '2, 3', expect: replies.of('laptopRequest.askSchoolDevice') },
    { name: 'schoolDevice', text: '2', expect: replies.of('laptopRequest.askComputer') },
    { name: 'computer', text: '2', expect: replies.of('laptopRequest.askInternet') },
    { name: 'internet', text: '1', expect: replies.of('laptopRequest.askHadBefore') },
    { name: 'hadBefore', text: '2', expect: replies.of('laptopRequest.askResidence') },
    { name: 'residence', text: '1', expect: replies.of('laptopRequest.askKnownBy') },
    { name: 'knownBy', text: 'Basisschool De Regenboog', expect: replies.of('laptopRequest.askStreet') },
    { name: 'street', text: (n) => `Benchstraat ${n % 997}`, expect: replies.of('laptopRequest.askHouseNumber') },
    { name: 'houseNumber', text: (n) => String(1 + (n % 500)), expect: replies.of('laptopRequest.askPhone') },
    { name: 'phone', text: phone, expect: replies.of('laptopRequest.askIctLanguage') },
    { name: 'ictLanguage', text: '1', expect: replies.of('laptopRequest.askConsent') },
    { name: 'consent', text: 'ja', expect: replies.of('menu.again') },
  ];
}

/** The echo floor: plain messages, as many per conversation as ours has. */
export function echoScript(length: number): Script {
  const steps = Array.from({ length }, (_, i) => ({ name: `echo${i + 1}`, text: `hallo ${i + 1}`, expect: `echo: hallo ${i + 1}` }));
  return { name: 'echo', steps };
}
