import type { Activity, TurnContext } from 'botbuilder';
// Not re-exported by the package index; botbuilder is pinned (package.json), and the test suite
// runs every request through it.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
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
 * `processActivity` directly, after the SDK's own activity fix-up (timestamps as dates), as its
 * `process` does after its checks: a refused token answers 401, anything else is thrown to the
 * server (500, logged without the message text; the SDK answered with the error message).
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
    invokeResponse = await adapter.runActivity(authorization, validateAndFixActivity(req.body as Activity), logic);
  } catch (error) {
    if (error instanceof AuthenticationError) {
      res.send(401);
      return;
    }
    throw error;
  }
  if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
  else res.send(invokeResponse?.status ?? 200);
}
