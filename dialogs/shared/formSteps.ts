import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { ASK_DIALOG, type AskOptions, type ChoiceSpec } from './askDialog';
import { formNamespace, type Answers, type FormDeclaration, type FormStep, type FormTurn } from './defineForm';
import type { DialogDeps } from './dialogDeps';

/** What a declared form keeps between turns: plain data, so a draft survives a deploy. */
export interface FormStepsState {
  form: string;
  version: number;
  answers: Answers;
  /** Asking a step, asking "send?", or asking which answer to change. */
  phase: 'ask' | 'confirm' | 'pick';
  /** The field being asked (phase `ask`). */
  field?: string;
  /** Fields the user chose to answer again: asked even though they have an answer. */
  redo: string[];
}

/** How a declared form is started: fresh (with carried answers) or from a draft. */
export interface FormStepsOptions {
  answers?: Answers;
  /** The version the answers were given under; another version re-checks every answer. */
  version?: number;
  initialOptions?: Record<string, unknown>;
}

const CONFIRM_CHOICES: ChoiceSpec[] = [
  { value: 'send', labelKey: 'forms.confirm.send', means: 'yes' },
  { value: 'change', labelKey: 'forms.confirm.change' },
  { value: 'cancel', labelKey: 'forms.confirm.cancel', means: 'no' },
];

/**
 * Interprets a form declaration: asks each step in order (skipping those whose `when` fails and
 * those already answered), stores each answer under its field, shows the summary with "send /
 * change one answer / cancel", validates with the schema and hands the result to `complete`.
 */
export class FormStepsDialog<T extends Answers> extends Dialog<FormStepsOptions> {
  constructor(
    id: string,
    private readonly form: FormDeclaration<T>,
    private readonly deps: DialogDeps,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options: FormStepsOptions = {}): Promise<DialogTurnResult> {
    const fresh = { ...this.form.initial?.(options.initialOptions), ...options.answers };
    // A draft of another version: keep only answers the current schema still accepts.
    const answers = options.version !== undefined && options.version !== this.form.version ? this.stillValid(fresh) : fresh;
    const state: FormStepsState = { form: this.form.name, version: this.form.version, answers, phase: 'ask', redo: [] };
    dc.activeDialog!.state = state;
    return this.next(dc, state);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as FormStepsState;
    if (state.phase === 'ask' && state.field) {
      const step = this.form.steps.find((s) => s.field === state.field)!;
      state.answers[state.field] = step.store ? step.store(result, state.answers) : result;
      state.redo = state.redo.filter((f) => f !== state.field);
      return this.next(dc, state);
    }
    if (state.phase === 'confirm') {
      if (result === 'send') return this.complete(dc, state);
      if (result === 'change') return this.pick(dc, state);
      const turn = this.turn(dc);
      await dc.context.sendActivity(turn.t('notSent'));
      return dc.endDialog({ outcome: 'cancelled' });
    }
    if (state.phase === 'pick' && typeof result === 'string') state.redo.push(result);
    return this.next(dc, state);
  }

  /** The first step still to ask, or the summary when every step is answered. */
  private async next(dc: DialogContext, state: FormStepsState): Promise<DialogTurnResult> {
    const turn = this.turn(dc);
    for (const step of this.form.steps) {
      if (step.when && !step.when(state.answers, turn)) {
        delete state.answers[step.field];
        continue;
      }
      if (state.answers[step.field] !== undefined && !state.redo.includes(step.field)) continue;
      return this.ask(dc, state, step, turn);
    }
    state.phase = 'confirm';
    state.field = undefined;
    await dc.context.sendActivity(this.form.summary(state.answers, turn));
    return dc.beginDialog(ASK_DIALOG, {
      kind: 'choice',
      textKey: `${formNamespace(this.form.name)}.askSend`,
      choices: CONFIRM_CHOICES,
      confirm: true,
    } satisfies AskOptions);
  }

  private async ask(dc: DialogContext, state: FormStepsState, step: FormStep, turn: FormTurn): Promise<DialogTurnResult> {
    state.phase = 'ask';
    state.field = step.field;
    for (const text of step.before?.(state.answers, turn) ?? []) await dc.context.sendActivity(text);
    const { textKey, ...rest } = step.ask(state.answers, turn);
    const options = { ...rest, textKey: textKey ?? `${formNamespace(this.form.name)}.ask.${step.field}` } as AskOptions;
    return dc.beginDialog(ASK_DIALOG, options);
  }

  /** "Which answer do you want to change?": the fields answered so far. */
  private async pick(dc: DialogContext, state: FormStepsState): Promise<DialogTurnResult> {
    state.phase = 'pick';
    const namespace = formNamespace(this.form.name);
    const choices = this.form.steps
      .filter((s) => state.answers[s.field] !== undefined)
      .map((s) => ({ value: s.field, labelKey: this.form.fields.find((f) => f.name === s.field)?.labelKey ?? `${namespace}.fields.${s.field}` }));
    return dc.beginDialog(ASK_DIALOG, { kind: 'choice', textKey: 'forms.changeWhich', choices } satisfies AskOptions);
  }

  private async complete(dc: DialogContext, state: FormStepsState): Promise<DialogTurnResult> {
    const data = this.form.schema.parse(state.answers);
    return dc.endDialog(await this.form.complete(data, this.turn(dc)));
  }

  /** Answers that still fit the field's schema after a change of the form. */
  private stillValid(answers: Answers): Answers {
    const shape = (this.form.schema as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
    if (!shape) return {};
    return Object.fromEntries(Object.entries(answers).filter(([field, value]) => shape[field]?.safeParse(value).success === true));
  }

  private turn(dc: DialogContext): FormTurn {
    const { messages } = this.deps;
    const locale = getTurnLocale(dc.context, messages.defaultLocale);
    const namespace = formNamespace(this.form.name);
    return {
      context: dc.context,
      deps: this.deps,
      locale,
      t: (key, vars = {}) => messages.t(locale, `${namespace}.${key}`, vars),
      text: (key, vars = {}) => messages.t(locale, key, vars),
    };
  }
}
