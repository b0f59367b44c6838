import { z } from 'zod';
import { caseOriginOf } from '../shared/caseOrigin';
import type { FormTurn } from '../shared/defineForm';
import { defineForm } from '../shared/formDialog';

/** How many opening days are offered for the call (the next ones in the data file). */
const DAYS_OFFERED = 3;

export const CallbackSchema = z.object({
  name: z.string().min(1).max(80),
  /** E.164 */
  phone: z.string().regex(/^\+\d{8,15}$/),
  language: z.string().min(2),
  /** Start of the opening hours of the day the call is planned (ISO), never outside them. */
  slot: z.iso.datetime({ offset: true }),
  /** Which team calls back (hand-off topic): registration help, wellbeing… */
  topic: z.string().min(1),
  situation: z.string().optional(),
});
export type Callback = z.infer<typeof CallbackSchema>;

/** The next opening days: only moments staff are really there (issue #23: no slots outside 9–12). */
function openingDays(turn: FormTurn): Date[] {
  const { hours, clock } = turn.deps.services;
  const days: Date[] = [];
  let after = clock.now();
  while (days.length < DAYS_OFFERED) {
    const opening = hours.nextOpening(after);
    if (!opening) break;
    days.push(opening);
    // Past this day's hours: the next opening found is another day's.
    after = new Date(opening.getTime() + 20 * 3600 * 1000);
  }
  return days;
}

const slotLabel = (turn: FormTurn, iso: string): string => turn.t('slot', { day: iso, hours: turn.deps.services.hours.summary() });

/**
 * "Call me back": name, phone, language and one of the next opening days; a `callback` case
 * (CBK-…) the user can quote, and a call-back item in the staff queue of the right team.
 */
export const CALLBACK_FORM = defineForm<Callback>({
  name: 'callback',
  version: 1,
  topic: 'general',
  helpKey: 'forms.callback.help',
  case: { kind: 'callback', prefix: 'CBK' },
  schema: CallbackSchema,
  fields: ['name', 'phone', 'language', 'slot'].map((name) => ({ name, labelKey: `forms.callback.fields.${name}` })),
  initial: (options) => ({
    topic: typeof options?.topic === 'string' ? options.topic : 'general',
    ...(typeof options?.situation === 'string' ? { situation: options.situation } : {}),
  }),
  steps: [
    { field: 'name', ask: () => ({ kind: 'text', max: 80 }) },
    { field: 'phone', ask: () => ({ kind: 'phone' }) },
    {
      field: 'language',
      ask: (_answers, turn) => ({
        kind: 'choice',
        choices: [...turn.deps.services.data.registration.callbackLanguages, 'other'].map((code) => ({
          value: code,
          labelKey: `callback.languages.${code}`,
        })),
      }),
    },
    {
      field: 'slot',
      ask: (_answers, turn) => ({
        kind: 'choice',
        choices: openingDays(turn).map((day) => ({ value: day.toISOString(), label: slotLabel(turn, day.toISOString()) })),
      }),
    },
  ],
  summary: (answers, turn) =>
    turn.t('summary', {
      name: answers.name,
      phone: answers.phone,
      language: turn.text(`callback.languages.${String(answers.language)}`),
      moment: slotLabel(turn, String(answers.slot)),
    }),
  complete: async (data, turn) => {
    const { cases, handoff } = turn.deps.services;
    const result = await cases.submit({
      kind: 'callback',
      data,
      origin: caseOriginOf(turn.context, turn.deps.messages),
      // One open call-back per phone number: a second "call me" must not book a second call.
      duplicateKey: `phone:${data.phone}`,
    });
    const vars = { reference: result.reference, moment: slotLabel(turn, data.slot) };
    await turn.context.sendActivity(turn.t(result.duplicate ? 'alreadyBooked' : 'booked', vars));
    if (!result.duplicate) {
      await handoff.request(turn.context, {
        topic: data.topic,
        priority: 'normal',
        reason: 'callback',
        formData: { ...data, reference: result.reference },
      });
    }
    return { outcome: 'completed', reference: result.reference };
  },
});
