import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { FINAL_STATUSES, schoolYearOf } from '../cases/caseRecord';
import type { CaseStore } from '../cases/caseStore';
import type { Clock } from '../clock';
import { CONSOLE_CSP } from '../console/consolePage';
import { DeskError } from '../handoff/staffDesk';
import type { HelplineData } from '../helplineData';
import { CaseQuerySchema, queryCases } from './caseQuery';
import { stateMachineFor } from './caseStateMachines';
import type { CaseWorkflow } from './caseWorkflow';
import { guarded, refOf, requireCoordinator, sendRaw, type FollowUpAuth } from './followUpHttp';
import { computeFigures, schoolYearsOf, type WellbeingFact } from './followUpStats';
import { openCasesPerPartner, suggestPartners } from './partnerMatching';
import { registerPartnerRoutes } from './partnerRoutes';
import type { PartnerStore } from './partnerStore';
import { figuresToCsv } from './statsCsv';

/** Everything the follow-up routes use; the composition root builds it (see createFollowUp). */
export interface FollowUpRouteDeps {
  auth: FollowUpAuth;
  cases: CaseStore;
  partners: PartnerStore;
  workflow: Pick<CaseWorkflow, 'changeStatus' | 'addNote'>;
  /** Wellbeing check-ins (anonymous records) for the figures; absent = none counted. */
  wellbeing?: { list(kind: 'wellbeing-checkin'): Promise<readonly WellbeingFact[]> };
  clock: Clock;
  data: Pick<HelplineData, 'laptop' | 'wellbeing'>;
}

const StatusBodySchema = z.object({
  status: z.string().min(1).max(40),
  note: z.string().max(2000).optional(),
  partnerIds: z.array(z.string().regex(/^[a-z0-9-]{1,60}$/)).max(5).optional(),
  expectedUpdatedAt: z.string().max(40).optional(),
});
const NoteBodySchema = z.object({ text: z.string().trim().min(1).max(4000) });
const StatsQuerySchema = z.object({ schoolYear: z.string().regex(/^\d{4}-\d{4}$/).optional() });

/**
 * The follow-up part of the staff API (CONTRACT.md): cases (list, page, status change with the
 * reporter notified), the partner directory and the figures with their CSV export. Every route
 * goes through the console's session guard; state changes need the CSRF header.
 */
export function registerFollowUpRoutes(server: Server, deps: FollowUpRouteDeps): void {
  const { auth, cases, partners, workflow, clock } = deps;

  server.get(
    '/api/helpdesk/cases',
    guarded(auth, false, async (req, res, who) => {
      const query = CaseQuerySchema.parse(req.query ?? {});
      const all = await cases.list();
      // Team walls: an agent lists only the cases of their teams (issue 20).
      const mine = all.filter((record) => auth.maySeeCase(who, record.kind));
      res.send(200, { cases: queryCases(mine, query), schoolYears: schoolYearsOf(all, schoolYearOf(clock.now())) });
    }),
  );

  server.get(
    '/api/helpdesk/cases/:ref',
    guarded(auth, false, async (req, res, who) => {
      const record = await cases.get(refOf(req.params));
      if (!record) throw new DeskError(404, 'no such case');
      auth.requireCase(who, record.kind);
      const machine = stateMachineFor(record.kind);
      const [directory, all] = await Promise.all([partners.list(), cases.list()]);
      const suggestions = machine.partnerStatuses.length
        ? suggestPartners(record, directory, {
            cityPostcodes: deps.data.laptop.mechelenPostcodes,
            openCases: openCasesPerPartner(all, FINAL_STATUSES),
          }).slice(0, 8)
        : [];
      // The conversation reference is transport detail, and the owner key identifies a user:
      // neither is needed to follow a case up.
      const { conversationRef: _ref, ownerKey: _owner, ...shown } = record;
      res.send(200, {
        case: shown,
        next: machine.next(record),
        partnerStatuses: machine.partnerStatuses,
        outcomeStatuses: machine.outcomeStatuses,
        assigned: directory.filter((p) => record.partnerIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name, contacts: p.contacts })),
        suggestions: suggestions.map((s) => ({ ...s, partner: { id: s.partner.id, name: s.partner.name, kind: s.partner.kind } })),
        canNotify: Boolean(record.conversationRef) && !record.personalDataRemovedAt,
      });
    }),
  );

  server.post(
    '/api/helpdesk/cases/:ref/status',
    guarded(auth, true, async (req, res, who) => {
      const reference = refOf(req.params);
      const body = StatusBodySchema.parse(req.body ?? {});
      const current = await cases.get(reference);
      if (!current) throw new DeskError(404, 'no such case');
      auth.requireCase(who, current.kind);
      // Dispatch is the coordinator's: choosing the partner is what prevents a double approach.
      if (stateMachineFor(current.kind).partnerStatuses.includes(body.status)) requireCoordinator(who);
      const result = await workflow.changeStatus(reference, { ...body, by: who.staff.username });
      res.send(200, { status: result.record.status, updatedAt: result.record.updatedAt, notification: result.notification });
    }),
  );

  server.post(
    '/api/helpdesk/cases/:ref/notes',
    guarded(auth, true, async (req, res, who) => {
      const reference = refOf(req.params);
      const current = await cases.get(reference);
      if (!current) throw new DeskError(404, 'no such case');
      auth.requireCase(who, current.kind);
      const record = await workflow.addNote(reference, who.staff.username, NoteBodySchema.parse(req.body ?? {}).text);
      res.send(200, { notes: record.notes, updatedAt: record.updatedAt });
    }),
  );

  const figuresFor = async (req: Request) => {
    const schoolYear = StatsQuerySchema.parse(req.query ?? {}).schoolYear ?? schoolYearOf(clock.now());
    const [all, directory, wellbeing] = await Promise.all([cases.list(), partners.list(), deps.wellbeing?.list('wellbeing-checkin') ?? []]);
    const figures = computeFigures({ schoolYear, cases: all, partners: directory, wellbeing, lowMetricThreshold: deps.data.wellbeing.lowMetricThreshold });
    return { figures, schoolYears: schoolYearsOf(all, schoolYearOf(clock.now())) };
  };

  server.get(
    '/api/helpdesk/stats',
    guarded(auth, false, async (req, res, who) => {
      requireCoordinator(who);
      const { figures, schoolYears } = await figuresFor(req);
      res.send(200, { ...figures, schoolYears });
    }),
  );

  server.get(
    '/api/helpdesk/stats.csv',
    guarded(auth, false, async (req, res, who) => {
      requireCoordinator(who);
      const { figures } = await figuresFor(req);
      sendRaw(res, 200, 'text/csv; charset=utf-8', figuresToCsv(figures), {
        'Content-Disposition': `attachment; filename="helpline-figures-${figures.schoolYear}.csv"`,
      });
    }),
  );

  registerPartnerRoutes(server, auth, { partners, cases });
  registerFollowUpAssets(server);
}

/** Serves `followUp.js` and `followUp.css` from src/console/public beside the console's own. */
function registerFollowUpAssets(server: Server): void {
  const dir = publicDir();
  if (!dir) return;
  const assets: [string, string][] = [
    ['followUp.js', 'application/javascript; charset=utf-8'],
    ['followUp.css', 'text/css; charset=utf-8'],
  ];
  for (const [file, type] of assets) {
    const body = readFileSync(path.join(dir, file));
    server.get(`/helpdesk/${file}`, async (_req: Request, res: Response) =>
      sendRaw(res, 200, type, body, { 'Content-Security-Policy': CONSOLE_CSP, 'Cache-Control': 'no-cache' }),
    );
  }
}

/** src/console/public from ts-jest and from the build (dist/src/followUp → src/console/public). */
function publicDir(): string | undefined {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'console', 'public');
    if (existsSync(path.join(candidate, 'followUp.js'))) return candidate;
  }
  return undefined;
}
