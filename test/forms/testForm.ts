import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { caseOriginOf } from '../../dialogs/shared/caseOrigin';
import { defineForm } from '../../dialogs/shared/formDialog';
import { LOCALES_DIR } from '../helpers/testDeps';

/**
 * A form declared only here, to prove that one declaration is all a new form needs (issue #17):
 * the menu, the reference prefix, the console's forms API and follow-up pick it up.
 */
export const PetSchema = z.object({ pet: z.string().min(1).max(40), likesSchool: z.enum(['yes', 'no']) });

export const TEST_FORM = defineForm<z.infer<typeof PetSchema>>({
  name: 'petQuestion',
  version: 1,
  menuOrder: 10,
  menuLabelKey: 'forms.petQuestion.menu',
  topic: 'general',
  helpKey: 'forms.petQuestion.help',
  case: { kind: 'petQuestion', prefix: 'PET' },
  schema: PetSchema,
  fields: [
    { name: 'pet', labelKey: 'forms.petQuestion.fields.pet' },
    { name: 'likesSchool', labelKey: 'forms.petQuestion.fields.likesSchool' },
  ],
  steps: [
    { field: 'pet', ask: () => ({ kind: 'text', max: 40 }) },
    { field: 'likesSchool', ask: () => ({ kind: 'yesNo' }) },
  ],
  summary: (answers, turn) => turn.t('summary', { pet: answers.pet }),
  complete: async (data, turn) => {
    const result = await turn.deps.services.cases.submit({ kind: 'petQuestion', data, origin: caseOriginOf(turn.context, turn.deps.messages) });
    await turn.context.sendActivity(turn.t('done', { reference: result.reference }));
    return { outcome: 'completed', reference: result.reference };
  },
});

const TEXTS = {
  menu: 'Een vraag over uw huisdier',
  help: 'Dit is een testformulier.',
  ask: { pet: 'Welk huisdier heeft u?', likesSchool: 'Gaat uw kind graag naar school?' },
  fields: { pet: 'Huisdier', likesSchool: 'Graag naar school' },
  summary: 'Huisdier: {{pet}}',
  askSend: 'Versturen?',
  notSent: 'Niet verstuurd.',
  done: 'Verstuurd: {{reference}}.',
};

/** The real locale files plus the test form's Dutch texts, in a temporary folder. */
export function localesWithTestForm(): string {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  cpSync(LOCALES_DIR, dir, { recursive: true });
  const nl = JSON.parse(readFileSync(join(dir, 'nl.json'), 'utf8')) as { forms: Record<string, unknown> };
  nl.forms.petQuestion = TEXTS;
  writeFileSync(join(dir, 'nl.json'), JSON.stringify(nl));
  return dir;
}
