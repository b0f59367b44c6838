import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { HelplineAdapter } from './adapter';

/**
 * Runs one Bot Framework request through the adapter: what `CloudAdapter.process` does, without
 * its per-request zod checks.
 *
 * @remarks
 * `CloudAdapter.process` builds new zod schemas on every request to check the response object,
 * the body and the Authorization header: about a twentieth of a turn's allocations in the
 * benchmark's heap profile. src/server.ts has already parsed and checked the body, so this calls
 * `processActivity` directly, as the SDK's own `process` does after its checks: a refused token
 * answers 401, anything else is thrown to the server (500, logged without the message text; the
 * SDK answered with the error message).
 */
export async function processActivityRequest(
  adapter: HelplineAdapter,
  logic: (context: TurnContext) => Promise<void>,
  req: Request,
  res: Response,
): Promise<void> {
  const authorization = req.header('authorization', '');
  let invokeResponse;
  try {
    invokeResponse = await adapter.runActivity(authorization, withDates(req.body as Activity), logic);
  } catch (error) {
    if (error instanceof AuthenticationError || (AuthenticationError.isStatusCodeError(error) && error.statusCode === 401)) {
      res.send(401);
      return;
    }
    throw error;
  }
  if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
  else res.send(invokeResponse?.status ?? 200);
}

/** As the SDK's `validateAndFixActivity`: its timestamps as dates, the received text kept beside. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value) as never;
    }
  }
  return activity;
}
