import type { Server } from 'restify';
import { FINAL_STATUSES } from '../cases/caseRecord';
import type { CaseStore } from '../cases/caseStore';
import { DeskError } from '../handoff/staffDesk';
import { guarded, partnerIdOf, requireCoordinator, type FollowUpAuth } from './followUpHttp';
import { openCasesPerPartner } from './partnerMatching';
import { partnerIdFromName, PartnerInputSchema, type PartnerStore } from './partnerStore';

/** Body of POST (id optional: made from the name) and PUT (id from the path). */
const NewPartnerSchema = PartnerInputSchema.extend({ id: PartnerInputSchema.shape.id.optional() });

/**
 * `GET/POST/PUT/DELETE /api/helpdesk/partners[/:id]`: every staff member reads the directory
 * (with each partner's open cases, to see who is busy); only coordinators change it.
 */
export function registerPartnerRoutes(server: Server, auth: FollowUpAuth, deps: { partners: PartnerStore; cases: CaseStore }): void {
  const { partners, cases } = deps;
  const base = '/api/helpdesk/partners';

  server.get(
    base,
    guarded(auth, false, async (_req, res) => {
      const open = openCasesPerPartner(await cases.list(), FINAL_STATUSES);
      res.send(200, (await partners.list()).map((p) => ({ ...p, openCases: open.get(p.id) ?? 0 })));
    }),
  );

  server.get(
    `${base}/:id`,
    guarded(auth, false, async (req, res) => {
      const partner = await partners.get(partnerIdOf(req.params));
      if (!partner) throw new DeskError(404, 'no such partner');
      res.send(200, partner);
    }),
  );

  server.post(
    base,
    guarded(auth, true, async (req, res, who) => {
      requireCoordinator(who);
      const input = NewPartnerSchema.parse(req.body ?? {});
      const partner = { ...input, id: input.id ?? partnerIdFromName(input.name) };
      if (!(await partners.create(partner))) throw new DeskError(409, `a partner with id "${partner.id}" exists`);
      res.send(201, partner);
    }),
  );

  server.put(
    `${base}/:id`,
    guarded(auth, true, async (req, res, who) => {
      requireCoordinator(who);
      const partner = PartnerInputSchema.parse({ ...(req.body as object | undefined), id: partnerIdOf(req.params) });
      if (!(await partners.update(partner))) throw new DeskError(404, 'no such partner');
      res.send(200, partner);
    }),
  );

  server.del(
    `${base}/:id`,
    guarded(auth, true, async (req, res, who) => {
      requireCoordinator(who);
      const id = partnerIdOf(req.params);
      // A partner who still has open cases cannot disappear: those families would lose their
      // contact and the "who has it" check against a double approach would go blind.
      const open = openCasesPerPartner(await cases.list(), FINAL_STATUSES).get(id) ?? 0;
      if (open > 0) throw new DeskError(409, `this partner still has ${open} open case(s)`);
      if (!(await partners.remove(id))) throw new DeskError(404, 'no such partner');
      res.send(204);
    }),
  );
}
