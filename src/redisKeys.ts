/**
 * Every Redis key the bot uses, built in one place so that prefixes never collide and the
 * retention and erasure jobs know what exists. One prefix per kind of data.
 * @remarks Keys marked "personal" hold personal data and carry a TTL or are removed by retention.
 */
export class RedisKeys {
  constructor(private readonly prefix = 'hb:') {}

  /** Bot state (conversation/user state documents): personal, TTL = idle-conversation days. */
  state(storageKey: string): string {
    return `${this.prefix}state:${storageKey}`;
  }
  /** Marker that an activity id was handled (channel retries): not personal, short TTL. */
  handledActivity(activityKey: string): string {
    return `${this.prefix}seen:${activityKey}`;
  }
  /** A stored case: personal until retention strips it. */
  case(reference: string): string {
    return `${this.prefix}case:${reference}`;
  }
  /** Index of all case references (sorted set by creation time). */
  caseIndex(): string {
    return `${this.prefix}cases`;
  }
  /** Open case reference by duplicate key (per kind). */
  caseDuplicate(kind: string, duplicateKey: string): string {
    return `${this.prefix}casedup:${kind}:${duplicateKey}`;
  }
  /** Case references created from one user (for status checks and erasure). */
  casesOfUser(userKey: string): string {
    return `${this.prefix}usercases:${userKey}`;
  }
  /** Anonymous records (e.g. wellbeing check-ins): no personal data. */
  anonymous(kind: string): string {
    return `${this.prefix}anon:${kind}`;
  }
  /** Per-conversation turn lock, so two instances never interleave one conversation. */
  turnLock(conversationKey: string): string {
    return `${this.prefix}lock:${conversationKey}`;
  }
  /** Everything of the hand-off module lives under this sub-prefix. */
  handoff(part: string): string {
    return `${this.prefix}handoff:${part}`;
  }
  /** Helpdesk console (sessions, presence, rate limits). */
  console(part: string): string {
    return `${this.prefix}console:${part}`;
  }
  /** Pattern that matches every key of this prefix (tests and erasure scans). */
  all(): string {
    return `${this.prefix}*`;
  }
}
