import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors';
import { HelplineDataSchema, type HelplineData } from './helplineData';

const optionalString = z.string().min(1).optional();

/** `host:port,host:port,…` (Sentinels, Cluster seed nodes): parsed into a list, or one clear message. */
const hostPortList = z
  .string()
  .transform((value, ctx) => {
    const nodes = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
    const parsed = nodes.map((node) => /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(node));
    if (nodes.length === 0 || parsed.some((m) => !m || Number(m[2]) < 1 || Number(m[2]) > 65535)) {
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of host:port' });
      return z.NEVER;
    }
    return parsed.map((m) => ({ host: m![1]!.replace(/^\[|\]$/g, ''), port: Number(m![2]) }));
  });

/** The process environment the bot reads (CONTRACT.md); nothing else reads `process.env`. */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    REDIS_SENTINELS: hostPortList.optional(),
    REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a Sentinel master group name').optional(),
    REDIS_CLUSTER_NODES: hostPortList.optional(),
    PII_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: optionalString,
    DEFAULT_LOCALE: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as nl')
      .default('nl'),
    HELPDESK_USERS_FILE: optionalString,
    HELPDESK_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Local mode listens on loopback only unless HOST says otherwise (src/index.ts).
    HOST: z.string().regex(/^[0-9A-Za-z.:-]{1,253}$/, 'must be an address or host name such as 127.0.0.1').optional(),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://chat.example.be' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    // Addresses of reverse proxies whose X-Forwarded-For is believed (login throttling).
    TRUST_PROXY: z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part !== ''))
      .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'must be a comma-separated list of IP addresses' })))
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .superRefine((env, ctx) => {
    // Several instances share Redis: each signing with its own random secret made a session of
    // one instance invalid on the next (issue 20). NODE_ENV=test: the fault tests' single bot
    // process (test/faults/botProcess.ts) runs on Redis without one.
    if (env.REDIS_URL && !env.HELPDESK_SESSION_SECRET && env.NODE_ENV !== 'test') {
      ctx.addIssue({ code: 'custom', path: ['HELPDESK_SESSION_SECRET'], message: 'is required when REDIS_URL is set' });
    }
    if (env.NODE_ENV === 'production' && !env.HELPDESK_SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['HELPDESK_SESSION_SECRET'],
        message: 'is required when NODE_ENV=production',
      });
    }
    // One topology at a time: a Sentinel or Cluster setting beside REDIS_URL would be ambiguous.
    const topologies = [env.REDIS_URL, env.REDIS_SENTINELS, env.REDIS_CLUSTER_NODES].filter((v) => v !== undefined);
    if (topologies.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES' });
    }
    if ((env.REDIS_SENTINELS === undefined) !== (env.REDIS_SENTINEL_NAME === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'REDIS_SENTINELS and REDIS_SENTINEL_NAME go together' });
    }
    // The secret keys the hashes that replace phone numbers and addresses in key names: a known
    // default would let anyone with a key list test guesses.
    if (topologies.length > 0 && !env.PII_KEY_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PII_KEY_SECRET'], message: 'is required when Redis is configured' });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set',
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  // Only paths and messages: values may be secrets.
  return issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Parses the environment once at start-up. Works on a copy and treats '' as unset, so that an
 * empty line in `.env` means "default" rather than "invalid".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const copy: Record<string, string | undefined> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    copy[key] = value === '' ? undefined : value;
  }
  const parsed = ConfigSchema.safeParse(copy);
  if (!parsed.success) {
    throw new ConfigError('CONFIG_INVALID', `Invalid environment: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** Reads and validates the helpline data file (opening hours, periods, partners, …). */
export function loadHelplineData(path: string): HelplineData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('DATA_FILE_INVALID', `Helpline data file ${path}: ${(error as Error).message}`);
  }
  const parsed = HelplineDataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError('DATA_FILE_INVALID', `Helpline data file ${path}: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}
