/**
 * Generates hostile request bodies for /api/messages from a seed, so that a failing case can be
 * replayed. Each body is a Buffer plus the content type it is sent with.
 */
export interface FuzzCase {
  body: Buffer;
  contentType: string;
}

/** mulberry32: tiny, seedable, good enough to pick cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'hallo\u0000wereld',
  '\u200f\u202eمرحبا\u202c',
  '\u202e!dlrow olleh',
  '👨‍👩‍👧‍👦🏳️‍🌈🇧🇪',
  '\ud800',
  '\udfff\ud800',
  'e\u0301\u0301\u0301\u0301',
  '\ufeff\ufffe\uffff',
  'menu',
  '6',
  'wis mijn gegevens',
  'ja',
  'LAP-7K3Q9',
  '٦',
  '{{constructor.constructor}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%ff',
  '\r\n\r\n',
];

const WEIRD_VALUES: unknown[] = [null, true, false, 0, -1, 1e308, NaN, [], {}, [[[]]], 'x', { id: null }, { id: 42 }];

/** The generator; `connectorUrl` is where well-formed activities point their replies. */
export class ActivityFuzzer {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly connectorUrl: string,
    private readonly conversations = 150,
  ) {
    this.random = seededRandom(seed);
  }

  next(index: number): FuzzCase {
    const r = this.random();
    if (r < 0.08) return this.raw(this.garbage());
    if (r < 0.12) return this.raw(this.truncatedJson(index));
    if (r < 0.14) return { body: Buffer.from(this.json(this.activity(index))), contentType: 'text/plain' };
    if (r < 0.16) return this.raw(JSON.stringify(this.pick(WEIRD_VALUES)) ?? 'null');
    if (r < 0.18) return this.raw('['.repeat(5_000) + ']'.repeat(5_000));
    return this.raw(this.json(this.mutate(this.activity(index))));
  }

  private raw(text: string): FuzzCase {
    return { body: Buffer.from(text), contentType: 'application/json' };
  }

  private json(value: unknown): string {
    return JSON.stringify(value) ?? 'null';
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private garbage(): string {
    const length = this.int(300);
    let out = '';
    for (let i = 0; i < length; i += 1) out += String.fromCharCode(this.int(0x10000));
    return out;
  }

  private truncatedJson(index: number): string {
    const text = this.json(this.activity(index));
    return text.slice(0, this.int(text.length));
  }

  private text(): string {
    const r = this.random();
    if (r < 0.6) return this.pick(EDGE_STRINGS);
    if (r < 0.8) return this.garbage();
    if (r < 0.97) return this.pick(EDGE_STRINGS).repeat(1 + this.int(3_000));
    // Near and over the body limit: must give 413, never a crash.
    return 'x'.repeat(200_000 + this.int(100_000));
  }

  /** A well-formed activity (message or conversationUpdate) on one of a pool of conversations. */
  activity(index: number): Record<string, unknown> {
    const conversation = `fuzz-${this.int(this.conversations)}`;
    const base = {
      id: `fz-${index}`,
      channelId: 'test',
      serviceUrl: this.connectorUrl,
      conversation: { id: conversation },
      from: { id: `u-${conversation}`, name: this.pick(EDGE_STRINGS) },
      recipient: { id: 'bot', name: 'Bot' },
      locale: this.pick(['nl-BE', 'en', 'ar', 'xx', '', '\u0000']),
    };
    if (this.random() < 0.15) return { ...base, type: 'conversationUpdate', membersAdded: [{ id: base.from.id }] };
    return { ...base, type: 'message', text: this.text() };
  }

  /** Breaks one or two things: wrong types, missing ids, unknown types, huge or odd fields. */
  private mutate(activity: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...activity };
    const mutations = this.int(3);
    for (let i = 0; i < mutations; i += 1) {
      const field = this.pick(['type', 'conversation', 'from', 'text', 'id', 'locale', 'channelId', 'attachments', 'value', 'entities', 'channelData']);
      const r = this.random();
      if (r < 0.25) delete out[field];
      else if (r < 0.5) out[field] = this.pick(WEIRD_VALUES);
      else if (r < 0.6 && field === 'type') out.type = this.pick(['event', 'invoke', 'typing', 'fooBar', 'messageUpdate', 'x'.repeat(65)]);
      else if (r < 0.7 && field === 'conversation') out.conversation = { id: this.pick(EDGE_STRINGS) };
      else if (r < 0.8) out.attachments = [{ contentType: this.pick(['image/png', 'audio/ogg', '']), contentUrl: this.pick(EDGE_STRINGS) }];
      else out[field] = this.pick(EDGE_STRINGS);
    }
    return out;
  }
}
