import { createHmac } from 'node:crypto';

/**
 * Keys the HMAC of personal values in key names in memory mode and in tests only: with Redis the
 * configuration requires `PII_KEY_SECRET` (src/config.ts).
 */
export const DEV_PII_KEY_SECRET = 'dev-only-pii-key-secret-not-for-redis-deployments';

/**
 * Every Redis key the bot uses, built in one place so that prefixes never collide and the
 * retention and erasure jobs know what exists. One prefix per kind of data.
 * @remarks
 * - Keys marked "personal" hold personal data and carry a TTL or are removed by retention.
 * - Hash slots (Redis Cluster): the keys one command or script touches together share a `{…}`
 *   tag, so they live on one master: a conversation's state, lock and "handled" marks share
 *   `{c:<channel>:<conversation>}`; the hand-off queue, its items and lists share `{handoff}`.
 *   Everything else is touched one key per command (cases, indexes, console), so needs no tag.
 * - No personal value appears in a key name: duplicate indexes use an HMAC of the value.
 */
export class RedisKeys {
  /**
   * @param prefix Prefix of every key (tests use one per run).
   * @param piiSecret Keys the HMAC of personal values in key names (`PII_KEY_SECRET`).
   */
  constructor(
    private readonly prefix = 'hb:',
    private readonly piiSecret = DEV_PII_KEY_SECRET,
  ) {}

  /**
   * Bot state (conversation/user state documents): personal, TTL = idle-conversation days.
   * A conversation's document shares its conversation's tag (lock, marks); a user's has its own.
   */
  state(storageKey: string): string {
    // botbuilder's keys: `<channel>/conversations/<id>/` and `<channel>/users/<id>/`.
    const conversation = /^([^/]*)\/conversations\/(.*)\/$/.exec(storageKey);
    if (conversation) return `${this.conversation(`${conversation[1]}:${conversation[2]}`)}:state`;
    const user = /^([^/]*)\/users\/(.*)\/$/.exec(storageKey);
    if (user) return `${this.prefix}{u:${user[1]}:${user[2]}}:state`;
    return `${this.prefix}state:{${storageKey}}`;
  }
  /**
   * Activity ids of a conversation already handled (channel retries): a sorted set by time,
   * written with the state at the end of a turn. Not personal, short TTL.
   * @param conversationKey `<channel>:<conversation id>`, as the turn lock's.
   */
  handledActivities(conversationKey: string): string {
    return `${this.conversation(conversationKey)}:seen`;
  }
  /** Per-conversation turn lock (its value is the holder's fencing token). */
  turnLock(conversationKey: string): string {
    return `${this.conversation(conversationKey)}:lock`;
  }
  /** A stored case: personal until retention strips it. */
  case(reference: string): string {
    return `${this.prefix}case:${reference}`;
  }
  /** Index of all case references (sorted set by creation time). */
  caseIndex(): string {
    return `${this.prefix}cases`;
  }
  /** Index of case references per kind (sorted set by creation time), so a filtered list reads only its kind. */
  caseKindIndex(kind: string): string {
    return `${this.prefix}cases:kind:${kind}`;
  }
  /** Cases not yet stripped of personal fields (sorted set by last update): retention reads only these. */
  casesWithPersonalData(): string {
    return `${this.prefix}cases:personal`;
  }
  /**
   * Open case reference by duplicate key (per kind). The key (a phone number, an address) is
   * personal, so the name holds its HMAC; the value is a reference only.
   */
  caseDuplicate(kind: string, duplicateKey: string): string {
    return `${this.prefix}casedup:${kind}:${this.pseudonym(duplicateKey)}`;
  }
  /** Case references created from one user (for status checks and erasure). */
  casesOfUser(userKey: string): string {
    return `${this.prefix}usercases:${userKey}`;
  }
  /** Anonymous records (e.g. wellbeing check-ins): no personal data. */
  anonymous(kind: string): string {
    return `${this.prefix}anon:${kind}`;
  }
  /** Everything of the hand-off module lives under this sub-prefix, in one hash slot (its scripts span keys). */
  handoff(part: string): string {
    return `${this.prefix}{handoff}:${part}`;
  }
  /** Helpdesk console (sessions, presence, rate limits). */
  console(part: string): string {
    return `${this.prefix}console:${part}`;
  }
  /** Probe key written by `/healthz` (not personal, expires in seconds). */
  health(): string {
    return `${this.prefix}health`;
  }
  /** Lock of a job that must run on one instance at a time (retention). */
  jobLock(job: string): string {
    return `${this.prefix}joblock:${job}`;
  }
  /** Pattern that matches every key of this prefix (tests and erasure scans). */
  all(): string {
    return `${this.prefix}*`;
  }

  /** HMAC-SHA-256 of the normalised value: the same value always gives the same name, and the name says nothing. */
  pseudonym(value: string): string {
    const normalised = value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
    return createHmac('sha256', this.piiSecret).update(normalised).digest('base64url');
  }

  private conversation(conversationKey: string): string {
    return `${this.prefix}{c:${conversationKey}}`;
  }
}
