import type { Server } from 'restify';
import type { FormRegistration } from '../forms/formRegistration';
import type { Messages } from '../i18n/messages';
import type { HelpdeskAuth } from './helpdeskAuth';

/** Staff read labels in Dutch (the console's language). */
const CONSOLE_LOCALE = 'nl';

export interface FormsRouteDeps {
  forms: readonly FormRegistration[];
  messages: Pick<Messages, 't' | 'hasKey'>;
  /** Statuses of a case kind, in the console's order (the follow-up state machines). */
  statusesOf: (kind: string) => readonly string[];
}

/**
 * `GET /api/helpdesk/forms`: every form of the registry with its menu label, team, case kind and
 * prefix, fields and statuses, labelled in Dutch, so the console lists what the bot really has
 * instead of lists written into its scripts.
 */
export function registerFormsRoute(server: Server, auth: Pick<HelpdeskAuth, 'guard'>, deps: FormsRouteDeps): void {
  const label = (key: string, fallback: string): string => (deps.messages.hasKey(CONSOLE_LOCALE, key) ? deps.messages.t(CONSOLE_LOCALE, key) : fallback);
  server.get(
    '/api/helpdesk/forms',
    auth.guard(false, async (_req, res) => {
      res.send(
        200,
        deps.forms.map((form) => ({
          name: form.name,
          version: form.version,
          label: label(form.menuLabelKey ?? `menu.options.${form.name}`, form.name),
          topic: form.topic,
          case: form.case ? { ...form.case, statuses: deps.statusesOf(form.case.kind) } : undefined,
          fields: form.fields.map((f) => ({ name: f.name, label: label(f.labelKey, f.name) })),
        })),
      );
    }),
  );
}
