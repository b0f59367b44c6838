import type { TurnContext } from 'botbuilder';
import type { CaseService } from '../cases/caseService';
import { ownerKeyOf, type PersonalDataEraser } from '../forms/formServices';

const ERASED = Symbol('erasedThisTurn');

/** Something else that holds a user's personal data (hand-off transcripts…), erased alongside. */
export interface ErasureParticipant {
  erase(ownerKey: string, conversationId: string): Promise<void>;
}

/**
 * "erase my data": strips the personal fields of the user's cases and tells the turn pipeline
 * to delete (not save) the conversation and user state at the end of this turn.
 */
export class UserDataEraser implements PersonalDataEraser {
  constructor(
    private readonly cases: Pick<CaseService, 'erasePersonalData'>,
    private readonly participants: ErasureParticipant[] = [],
  ) {}

  async eraseUser(context: TurnContext): Promise<void> {
    const ownerKey = ownerKeyOf(context);
    await this.cases.erasePersonalData(ownerKey);
    for (const participant of this.participants) {
      await participant.erase(ownerKey, context.activity.conversation.id);
    }
    context.turnState.set(ERASED, true);
  }
}

/** True when this turn erased the user's data: state must be deleted, not saved. */
export function wasErasedThisTurn(context: TurnContext): boolean {
  return context.turnState.get(ERASED) === true;
}
