import type { Server } from 'restify';
import { z } from 'zod';
import type { ConversationRefStore } from '../handoff/conversationRefStore';
import { OUTCOMES, priorityRank, type HandoffQueue, type QueueItem } from '../handoff/handoffQueue';
import type { ProactiveSender } from '../handoff/proactive';
import { DeskError, type StaffDesk, type StaffMember } from '../handoff/staffDesk';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';
import type { HelpdeskAuth } from './helpdeskAuth';
import type { TeamWall } from './teamWall';

const MessageSchema = z.union([
  z.object({ text: z.string().min(1).max(4000) }),
  z.object({ cannedKey: z.string().regex(/^[A-Za-z]{1,40}$/) }),
]);
const NoteSchema = z.object({ text: z.string().min(1).max(4000) });
const TransferSchema = z.object({ to: z.string().min(1).max(60) });
const CloseSchema = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().min(1).max(4000).optional() });

/** What the conversation routes use; the helpdesk module hands them over. */
export interface ConversationRouteDeps {
  queue: HandoffQueue;
  desk: StaffDesk;
  wall: TeamWall;
  refs: ConversationRefStore;
  sender: ProactiveSender;
  messages: Messages;
  logger: Logger;
  /** Another staff member by username (transfer targets). */
  staff: (username: string) => StaffMember | undefined;
}

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
  deps: ConversationRouteDeps,
): void {
  const { queue, desk, wall } = deps;
  const base = '/api/helpdesk/conversations/:id';
  const idOf = (params: unknown): string => z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).parse(params).id;
  /** The item, when it exists for staff and is of the staff member's teams (404, 403). */
  const visible = async (id: string, staff: StaffMember): Promise<QueueItem> => {
    const item = await queue.get(id);
    if (!item || (item.state === 'bot' && !item.queuedAt)) throw new DeskError(404, 'no such conversation');
    wall.require(staff, item.team);
    return item;
  };

  server.get(
    '/api/helpdesk/queue',
    auth.guard(false, async (_req, res, { staff }) => {
      const mine = (await queue.list()).filter((item) => wall.maySee(staff, item.team));
      res.send(200, sortForStaff(mine.map((item) => queueRow(item, staff))));
    }),
  );

  server.get(
    base,
    auth.guard(false, async (req, res, { staff }) => {
      const id = idOf(req.params);
      const item = await visible(id, staff);
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

  const action = (path: string, run: (id: string, body: unknown, staff: StaffMember, item: QueueItem) => Promise<unknown>): void => {
    server.post(
      `${base}/${path}`,
      auth.guard(true, async (req, res, { staff }) => {
        const id = idOf(req.params);
        const result = await run(id, req.body ?? {}, staff, await visible(id, staff));
        res.send(200, result ?? { ok: true });
      }),
    );
  };
  action('claim', async (id, _b, staff) => desk.claim(id, staff).then(() => ({ ok: true })));
  action('messages', async (id, body, staff) => desk.send(id, staff, MessageSchema.parse(body)));
  action('notes', async (id, body, staff) => desk.note(id, staff, NoteSchema.parse(body).text));
  action('transfer', async (id, body, staff, item) => {
    const { to } = TransferSchema.parse(body);
    const target = deps.staff(to);
    // A colleague outside the team could not even open it.
    if (target && !wall.maySee(target, item.team)) throw new DeskError(400, `${to} is not in team ${item.team ?? ''}`);
    return desk.transfer(id, staff, to);
  });
  action('release', async (id, _b, staff) => desk.release(id, staff));
  action('close', async (id, body, staff, item) => closeConversation(deps, id, staff, item, CloseSchema.parse(body)));
  action('consent', async (id, _b, staff) => desk.askConsent(id, staff));
}

/**
 * Closes; a crisis conversation closed as abusive needs a note saying why, and its user is told
 * the chat ended (an abusive close says nothing otherwise: a person in crisis must not be left
 * waiting in silence, issue 20).
 */
async function closeConversation(
  deps: ConversationRouteDeps,
  id: string,
  staff: StaffMember,
  item: QueueItem,
  body: z.infer<typeof CloseSchema>,
): Promise<void> {
  const crisisAbusive = body.outcome === 'abusive' && item.priority === 'crisis';
  if (crisisAbusive && !body.note) throw new DeskError(400, 'closing a crisis conversation as abusive needs a note');
  if (body.note) await deps.desk.note(id, staff, body.note);
  await deps.desk.close(id, staff, body.outcome);
  if (!crisisAbusive) return;
  try {
    const ref = await deps.refs.get(id);
    if (!ref) throw new Error('no conversation reference');
    const text = deps.messages.t(item.language ?? deps.messages.defaultLocale, 'handoff.closed');
    await deps.sender.send(ref, [{ type: 'message', text }]);
  } catch (error) {
    // The close stands; the log says the user was not told.
    deps.logger.warn({ id, err: (error as Error).message }, 'crisis close: user not told');
  }
}
