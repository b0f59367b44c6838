import { z } from 'zod';

// Request bodies of the Direct Line emulator: validated at the edge, passed through otherwise
// (`looseObject`), because Web Chat and the bot add fields (channelData, entities…) we must keep.

/** A client-side mistake, answered with `status` and a Direct Line–style error body. */
export class DirectLineRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'DirectLineRequestError';
  }
}

export const MAX_USER_ACTIVITY_CHARS = 16_000;
export const MAX_BOT_ACTIVITY_CHARS = 256_000;

export const CreateConversationSchema = z.looseObject({
  locale: z.string().min(2).max(35).optional(),
});
/**
 * What a browser may post: what Web Chat sends. A client-made `conversationUpdate`, `invoke` or
 * `endOfConversation` would speak for the channel, not the user.
 */
export const USER_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;
export const UserActivitySchema = z.looseObject({
  type: z.enum(USER_ACTIVITY_TYPES),
  text: z.string().max(5_000).optional(),
  locale: z.string().min(2).max(35).optional(),
  from: z.looseObject({ name: z.string().max(128).optional() }).optional(),
});
export const BotActivitySchema = z.looseObject({ type: z.string().min(1).max(64) });
export const WatermarkSchema = z.union([z.literal(''), z.string().regex(/^\d{1,12}$/)]);

/** The size an activity is counted with against a conversation's memory budget. */
export const sizeOf = (value: unknown): number => JSON.stringify(value ?? {}).length;

/** Validates a request body (size first, then shape); throws a 413 or 400 error. */
export function parse<T>(schema: z.ZodType<T>, body: unknown, maxChars: number, what: string): T {
  if (sizeOf(body) > maxChars) {
    throw new DirectLineRequestError(413, `${what}: body too large`);
  }
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new DirectLineRequestError(400, `${what}: ${issues.join('; ')}`);
  }
  return result.data;
}
