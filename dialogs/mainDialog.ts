import {
  Dialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnLocale } from '../src/i18n/turnLocale';
import { ASK_DIALOG, type AskOptions, type ChoiceSpec } from './shared/askDialog';
import type { DialogDeps } from './shared/dialogDeps';
import { isFormOutcome, type FormOutcome } from './shared/formOutcome';
import type { GlobalCommand } from './shared/globalCommands';
import { InterruptibleDialog } from './shared/interruptibleDialog';
import { LANGUAGE_DIALOG } from './shared/languageDialog';
import { STATUS_DIALOG } from './shared/statusDialog';
import type { FormRegistration } from '../src/forms/formRegistration';
import { FORMS } from './forms';

export const MAIN_DIALOG = 'mainDialog';
const MENU_STEPS = 'menuSteps';

/** Menu options that are not forms, with their place among the forms' `menuOrder`. */
const BUILT_IN_OPTIONS = [
  { name: 'person', menuOrder: 5 },
  { name: 'status', menuOrder: 6 },
  { name: 'language', menuOrder: 7 },
] as const;

/** The form dialogs the menu may start, by form name (absent = not built in this bot). */
export type FormDialogs = Partial<Record<string, Dialog>>;

/** The menu in the order parents see it: the registry's forms and the built-in options. */
export function menuOptions(registry: readonly Pick<FormRegistration, 'name' | 'menuOrder' | 'menuLabelKey'>[]): ChoiceSpec[] {
  const options: { name: string; menuOrder?: number; menuLabelKey?: string }[] = [...registry.filter((f) => f.menuOrder !== undefined), ...BUILT_IN_OPTIONS];
  return options
    .sort((a, b) => a.menuOrder! - b.menuOrder!)
    .map((o) => ({ value: o.name, labelKey: o.menuLabelKey ?? `menu.options.${o.name}` }));
}

export interface MainDialogOptions {
  /** Ask the language first (no saved choice, and the channel's locale is not supported). */
  askLanguage?: boolean;
  /** Shown again after a form: "anything else?" instead of the first question. */
  again?: boolean;
}

/**
 * The menu: routes to the forms, to a person, to status and language, and acts on how each
 * form ended (a hand-off request goes to the hand-off service).
 */
export class MainDialog extends InterruptibleDialog {
  protected override readonly keepsDraftOfNestedForms = false;
  protected readonly topic = 'general';
  protected readonly helpKey = 'menu.help';

  private readonly menu: ChoiceSpec[];

  constructor(
    deps: DialogDeps,
    private readonly forms: FormDialogs = {},
    registry: readonly FormRegistration[] = FORMS,
  ) {
    super(MAIN_DIALOG, deps);
    this.menu = menuOptions(registry);
    for (const form of Object.values(forms)) if (form) this.addDialog(form);
    this.addDialog(
      new WaterfallDialog(MENU_STEPS, [
        this.languageStep.bind(this),
        this.menuStep.bind(this),
        this.routeStep.bind(this),
        this.resultStep.bind(this),
      ]),
    );
    this.initialDialogId = MENU_STEPS;
  }

  /** Which language, when we do not know it yet. */
  private async languageStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    return step.options?.askLanguage ? step.beginDialog(LANGUAGE_DIALOG) : step.next();
  }

  /** The numbered menu. */
  private async menuStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const options: AskOptions = {
      kind: 'choice',
      textKey: step.options?.again ? 'menu.again' : 'menu.prompt',
      choices: this.menu,
    };
    return step.beginDialog(ASK_DIALOG, options);
  }

  /** Start what was chosen. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = String(step.result);
    const form = this.forms[choice];
    if (form) return step.beginDialog(form.id);
    switch (choice) {
      case 'person':
        return step.next({ outcome: 'handoff', request: { topic: 'general', priority: 'normal', reason: 'asked' } } satisfies FormOutcome);
      case 'status':
        return step.beginDialog(STATUS_DIALOG, {});
      case 'language':
        return step.beginDialog(LANGUAGE_DIALOG);
      default: {
        const { messages, services } = this.deps;
        const locale = getTurnLocale(step.context, messages.defaultLocale);
        await step.context.sendActivity(
          messages.t(locale, 'menu.comingSoon', { phone: services.data.helpline.phoneDisplay, email: services.data.helpline.email }),
        );
        return step.next();
      }
    }
  }

  /** Act on how the form ended, then offer the menu again. */
  private async resultStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isFormOutcome(step.result)) {
      const ended = await this.act(step.context, step.result);
      if (ended) return step.endDialog(step.result);
    }
    return step.replaceDialog(MENU_STEPS, { again: true } satisfies MainDialogOptions);
  }

  /** Performs the outcome; true when the conversation with the bot ends here (person, erased). */
  private async act(context: DialogContext['context'], outcome: FormOutcome): Promise<boolean> {
    if (outcome.outcome === 'handoff') {
      await this.deps.services.handoff.request(context, outcome.request);
      return true;
    }
    return outcome.outcome === 'erased';
  }

  protected override async onCommand(innerDc: DialogContext, command: GlobalCommand): Promise<DialogTurnResult | undefined> {
    if (command.kind === 'menu' || command.kind === 'cancel') {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_STEPS, {});
    }
    return super.onCommand(innerDc, command);
  }

  protected override async finish(innerDc: DialogContext, outcome: FormOutcome): Promise<DialogTurnResult> {
    if (await this.act(innerDc.context, outcome)) return { status: DialogTurnStatus.complete, result: outcome };
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(MENU_STEPS, { again: true } satisfies MainDialogOptions);
  }
}
