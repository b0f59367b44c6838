import type { Server } from 'restify';
import { z } from 'zod';
import { OUTCOMES, priorityRank, type HandoffQueue, type QueueItem } from '../handoff/handoffQueue';
import type { StaffDesk, StaffMember } from '../handoff/staffDesk';
import type { HelpdeskAuth } from './helpdeskAuth';

const MessageSchema = z.union([
  z.object({ text: z.string().min(1).max(4000) }),
  z.object({ cannedKey: z.string().regex(/^[A-Za-z]{1,40}$/) }),
]);
const NoteSchema = z.object({ text: z.string().min(1).max(4000) });
const TransferSchema = z.object({ to: z.string().min(1).max(60) });
const CloseSchema = z.object({ outcome: z.enum(OUTCOMES) });

/** A queue row for one staff member: their teams first (after priority), languages they speak marked. */
export function queueRow(item: QueueItem, staff: StaffMember) {
  return {
    id: item.id,
    state: item.state,
    kind: item.kind ?? 'chat',
    topic: item.topic ?? 'general',
    team: item.team ?? '',
    language: item.language ?? '',
    priority: item.priority ?? 'normal',
    waitingSince: item.queuedAt ?? '',
    preview: (item.preview ?? '').slice(0, 120),
    ownTeam: staff.teams.includes(item.team ?? ''),
    speaksLanguage: staff.languages.includes(item.language ?? ''),
  };
}

/** Best first for this staff member: priority, then own team, then longest waiting. */
export function sortForStaff(rows: ReturnType<typeof queueRow>[]): ReturnType<typeof queueRow>[] {
  return [...rows].sort(
    (a, b) =>
      priorityRank(a.priority) - priorityRank(b.priority) ||
      Number(b.ownTeam) - Number(a.ownTeam) ||
      a.waitingSince.localeCompare(b.waitingSince),
  );
}

/** The `/api/helpdesk/queue` and `/api/helpdesk/conversations/:id…` routes (CONTRACT.md). */
export function registerConversationRoutes(
  server: Server,
  auth: HelpdeskAuth,
  deps: { queue: HandoffQueue; desk: StaffDesk },
): void {
  const { queue, desk } = deps;
  const base = '/api/helpdesk/conversations/:id';
  const idOf = (params: unknown): string => z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).parse(params).id;

  server.get(
    '/api/helpdesk/queue',
    auth.guard(false, async (_req, res, { staff }) => {
      res.send(200, sortForStaff((await queue.list()).map((item) => queueRow(item, staff))));
    }),
  );

  server.get(
    base,
    auth.guard(false, async (req, res) => {
      const id = idOf(req.params);
      const item = await queue.get(id);
      if (!item || (item.state === 'bot' && !item.queuedAt)) {
        res.send(404, { error: 'no such conversation' });
        return;
      }
      res.send(200, {
        id,
        state: item.state,
        kind: item.kind ?? 'chat',
        assignee: item.assignee ?? null,
        assigneeName: item.assigneeName ?? null,
        topic: item.topic,
        team: item.team,
        language: item.language,
        priority: item.priority,
        waitingSince: item.queuedAt,
        formData: item.formData ?? {},
        callback: item.callback ?? null,
        consent: item.consent ?? null,
        outcome: item.outcome ?? null,
        transcript: await queue.transcript(id),
      });
    }),
  );

  const action = (path: string, run: (id: string, body: unknown, staff: StaffMember) => Promise<unknown>): void => {
    server.post(
      `${base}/${path}`,
      auth.guard(true, async (req, res, { staff }) => {
        const result = await run(idOf(req.params), req.body ?? {}, staff);
        res.send(200, result ?? { ok: true });
      }),
    );
  };
  action('claim', async (id, _b, staff) => desk.claim(id, staff).then(() => ({ ok: true })));
  action('messages', async (id, body, staff) => desk.send(id, staff, MessageSchema.parse(body)));
  action('notes', async (id, body, staff) => desk.note(id, staff, NoteSchema.parse(body).text));
  action('transfer', async (id, body, staff) => desk.transfer(id, staff, TransferSchema.parse(body).to));
  action('release', async (id, _b, staff) => desk.release(id, staff));
  action('close', async (id, body, staff) => desk.close(id, staff, CloseSchema.parse(body).outcome));
  action('consent', async (id, _b, staff) => desk.askConsent(id, staff));
}
