import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors';

/** One staff account of `HELPDESK_USERS_FILE` (CONTRACT.md). Languages may include Berber (`ber`). */
export const StaffUserSchema = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,40}$/, 'must be 2–40 of a-z 0-9 . _ -'),
  name: z.string().min(1).max(60),
  passwordHash: z.string().startsWith('$argon2id$', 'must be an argon2id hash (npm run hash-password)'),
  role: z.enum(['agent', 'coordinator']),
  teams: z.array(z.string().min(1)).min(1),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const StaffUsersFileSchema = z
  .array(StaffUserSchema)
  .refine((users) => new Set(users.map((u) => u.username)).size === users.length, 'usernames must be unique');

/** Reads and validates the staff file; throws one ConfigError naming the problems (never a hash). */
export function loadStaffUsers(path: string): StaffUser[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `HELPDESK_USERS_FILE ${path}: ${(error as Error).message}`);
  }
  const parsed = StaffUsersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError('CONFIG_INVALID', `HELPDESK_USERS_FILE ${path}: ${issues}`);
  }
  return parsed.data;
}

/**
 * The staff accounts as they are now: the file is read again when it changes (polled), so
 * that removing or demoting a staff member takes effect without a restart (issue 20); whoever
 * is gone from the file is handed to `onRemoved` (which ends their sessions).
 */
export class StaffDirectory {
  private users: readonly StaffUser[];
  private watching?: string;

  constructor(
    initial: readonly StaffUser[] | undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.users = initial ?? [];
  }

  list(): readonly StaffUser[] {
    return this.users;
  }

  find(username: string): StaffUser | undefined {
    return this.users.find((u) => u.username === username);
  }

  /** Replaces the accounts; resolves once the removed ones have been handed to `onRemoved`. */
  async replace(next: readonly StaffUser[], onRemoved: (username: string) => Promise<void>): Promise<void> {
    const removed = this.users.filter((u) => !next.some((n) => n.username === u.username)).map((u) => u.username);
    this.users = next;
    for (const username of removed) await onRemoved(username);
  }

  /** Polls `path` (every `intervalMs`); a file that no longer parses keeps the accounts as they were. */
  watch(path: string, onRemoved: (username: string) => Promise<void>, intervalMs = 2_000): void {
    if (this.watching) return;
    this.watching = path;
    watchFile(path, { interval: intervalMs, persistent: false }, () => {
      let next: StaffUser[];
      try {
        next = loadStaffUsers(path);
      } catch (error) {
        this.onError((error as Error).message);
        return;
      }
      void this.replace(next, onRemoved).catch((error: Error) => this.onError(error.message));
    });
  }

  stop(): void {
    if (this.watching) unwatchFile(this.watching);
    this.watching = undefined;
  }
}
