import type { TurnContext } from 'botbuilder';
import type { CaseService } from '../cases/caseService';
import type { CaseStore } from '../cases/caseStore';
import type { Clock } from '../clock';
import { ownerKeyOf, type PersonalDataEraser } from '../forms/formServices';
import { releaseDuplicateKeys, stripPersonalFields } from './personalFields';

const ERASED = Symbol('erasedThisTurn');

/** Something else that holds a user's personal data (hand-off transcripts…), erased alongside. */
export interface ErasureParticipant {
  erase(ownerKey: string, conversationId: string): Promise<void>;
}

/** Direct access to the user's cases, for what `CaseService.erasePersonalData` leaves behind. */
export interface EraserCaseAccess {
  store: Pick<CaseStore, 'listByOwner' | 'save' | 'findByDuplicateKey' | 'releaseDuplicateKey'>;
  clock: Clock;
}

/**
 * "erase my data": strips the personal fields of the user's cases, lets each participant remove
 * what it holds, and tells the turn pipeline to delete (not save) the conversation and user
 * state at the end of this turn.
 * @remarks With `caseAccess`, the duplicate keys of the user's cases are released and cleared
 * first: they are built from phone numbers and addresses, so they are personal data too.
 */
export class UserDataEraser implements PersonalDataEraser {
  constructor(
    private readonly cases: Pick<CaseService, 'erasePersonalData'>,
    private readonly participants: ErasureParticipant[] = [],
    private readonly caseAccess?: EraserCaseAccess,
  ) {}

  async eraseUser(context: TurnContext): Promise<void> {
    await this.eraseOwner(ownerKeyOf(context), [context.activity.conversation.id]);
    context.turnState.set(ERASED, true);
  }

  /**
   * The same erasure outside a turn (a coordinator's `POST /api/helpdesk/erase`): the caller
   * names the owner and the conversations whose traces go, and deletes the bot state itself.
   */
  async eraseOwner(ownerKey: string, conversationIds: readonly string[]): Promise<void> {
    if (this.caseAccess) {
      const { store, clock } = this.caseAccess;
      for (const record of await store.listByOwner(ownerKey)) {
        await releaseDuplicateKeys(store, record);
        await store.save(stripPersonalFields(record, clock.now().toISOString()));
      }
    }
    // Still needed with caseAccess: it also removes the user's reports linked into others' cases.
    await this.cases.erasePersonalData(ownerKey);
    for (const conversationId of new Set(conversationIds)) {
      for (const participant of this.participants) await participant.erase(ownerKey, conversationId);
    }
  }
}

/** True when this turn erased the user's data: state must be deleted, not saved. */
export function wasErasedThisTurn(context: TurnContext): boolean {
  return context.turnState.get(ERASED) === true;
}
