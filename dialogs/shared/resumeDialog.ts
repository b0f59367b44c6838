import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { ASK_DIALOG } from './askDialog';

export const RESUME_DIALOG = 'resumeDialog';

export interface ResumeOptions {
  stack: DialogInstance[];
  startDialogId: string;
  startOptions?: object;
  /** Declared forms: the start dialog begins again with these (the draft's answers). */
  continueOptions?: object;
}

/**
 * Asks "continue where you were, or start over?" and then either puts the saved inner stack of
 * the form back in place (and re-asks its last question) or starts the form afresh.
 */
export class ResumeDialog extends Dialog<ResumeOptions> {
  constructor() {
    super(RESUME_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ResumeOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { ...options, asked: true };
    return dc.beginDialog(ASK_DIALOG, {
      kind: 'choice',
      textKey: 'drafts.resume',
      choices: [
        { value: 'continue', labelKey: 'common.continue' },
        { value: 'startOver', labelKey: 'common.startOver' },
      ],
    });
  }

  override async resumeDialog(dc: DialogContext, _reason: unknown, result?: unknown): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ResumeOptions;
    if (result === 'continue' && state.stack.length > 0) {
      // Replace this dialog by the saved stack, then re-ask the question the user left at.
      dc.stack.splice(0, dc.stack.length, ...structuredClone(state.stack));
      await dc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    if (result === 'continue' && state.continueOptions) return dc.replaceDialog(state.startDialogId, state.continueOptions);
    return dc.replaceDialog(state.startDialogId, state.startOptions);
  }
}
