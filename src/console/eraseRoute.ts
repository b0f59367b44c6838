import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import type { CaseStore } from '../cases/caseStore';
import { DeskError } from '../handoff/staffDesk';
import { ERASED } from '../privacy/personalFields';
import type { UserDataEraser } from '../privacy/userDataEraser';
import type { HelpdeskAuth } from './helpdeskAuth';

const EraseBodySchema = z.object({
  reference: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z]{3}-[0-9A-Z]{5}$/)),
});

export interface EraseRouteDeps {
  cases: Pick<CaseStore, 'get' | 'listByOwner'>;
  eraser: Pick<UserDataEraser, 'eraseOwner'>;
  /** The bot's state store: the owner's conversation and user state are deleted too. */
  storage: Pick<Storage, 'delete'>;
}

/**
 * `POST /api/helpdesk/erase {reference}` (CONTRACT.md): a coordinator erases the personal data of
 * the user who made that case, for a request that came by phone or mail rather than through
 * "erase my data" in the chat. Same erasure as the chat's; coordinator only, CSRF-protected.
 */
export function registerEraseRoute(server: Server, auth: Pick<HelpdeskAuth, 'guard'>, deps: EraseRouteDeps): void {
  server.post(
    '/api/helpdesk/erase',
    auth.guard(true, async (req, res, { staff }) => {
      // Erasure cannot be undone: an agent asks a coordinator (who checks the requester's identity).
      if (staff.role !== 'coordinator') throw new DeskError(403, 'only a coordinator may do this');
      const { reference } = EraseBodySchema.parse(req.body ?? {});
      const record = await deps.cases.get(reference);
      if (!record) throw new DeskError(404, 'no such case');
      const ownerKey = record.ownerKey;
      if (ownerKey === ERASED) {
        // Already erased (by the user, the retention job or an earlier request): nothing is left.
        res.send(200, { reference, erased: false, alreadyErased: true });
        return;
      }
      // Every conversation the owner made a case in, not only this case's, carries their traces.
      const owned = await deps.cases.listByOwner(ownerKey);
      const conversationIds = [...new Set([record, ...owned].map((c) => c.conversationId).filter((id) => id !== ERASED))];
      await deps.eraser.eraseOwner(ownerKey, conversationIds);
      const separator = ownerKey.indexOf(':');
      const channelId = ownerKey.slice(0, separator);
      const userId = ownerKey.slice(separator + 1);
      // The keys ConversationState and UserState use (default namespace ''): the form the user was
      // in and their profile (language) go, as when the user erases from the chat.
      await deps.storage.delete([`${channelId}/users/${userId}/`, ...conversationIds.map((id) => `${channelId}/conversations/${id}/`)]);
      res.send(200, { reference, erased: true, cases: owned.length });
    }),
  );
}
