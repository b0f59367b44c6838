import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { AuthedHandler, HelpdeskAuth, StaffRequest } from '../console/helpdeskAuth';
import { AppError } from '../errors';
import { DeskError } from '../handoff/staffDesk';

/** What the follow-up routes need of the console's auth: its session + CSRF guard and team walls. */
export type FollowUpAuth = Pick<HelpdeskAuth, 'guard' | 'maySeeCase' | 'requireCase'>;

/** Coordinators edit partners, assign cases and see the figures; agents read and move cases on. */
export function requireCoordinator(who: StaffRequest): void {
  if (who.staff.role !== 'coordinator') throw new DeskError(403, 'only a coordinator may do this');
}

/**
 * The workflow's typed errors as HTTP answers the console can show; anything else is left to
 * the console's `sendError` (400 for a bad body, 500 logged without details).
 */
function toDeskError(error: unknown): unknown {
  if (!(error instanceof AppError) || error instanceof DeskError) return error;
  switch (error.code) {
    case 'CASE_NOT_FOUND':
      return new DeskError(404, 'no such case');
    case 'CASE_INVALID':
      return new DeskError(400, error.message.replace(/^[^:]+: /, ''));
    case 'INVALID_TRANSITION':
      return new DeskError(409, `status change refused: ${typeof error.context.problem === 'string' ? error.context.problem : 'notAllowed'}`);
    case 'CONFLICT':
      return new DeskError(409, 'the case changed since you opened it; reload it');
    default:
      return error;
  }
}

/** The console's guard, with the workflow's errors mapped to 4xx answers. */
export function guarded(auth: FollowUpAuth, changes: boolean, handler: AuthedHandler): (req: Request, res: Response) => Promise<void> {
  return auth.guard(changes, async (req, res, who) => {
    try {
      await handler(req, res, who);
    } catch (error) {
      throw toDeskError(error);
    }
  });
}

/** Route parameter `:ref`: a case reference such as ZRG-7K3Q9 (any case). */
export function refOf(params: unknown): string {
  return z.object({ ref: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z]{3}-[0-9A-Z]{5}$/)) }).parse(params).ref;
}

/** Route parameter `:id`: a partner id. */
export function partnerIdOf(params: unknown): string {
  return z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/) }).parse(params).id;
}

/** Sends a body that is not JSON (CSV, a script) with the given type. */
export function sendRaw(res: Response, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buffer.length, 'Cache-Control': 'no-store', ...extra });
  res.end(buffer);
}
