import { readFileSync } from 'node:fs';
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
