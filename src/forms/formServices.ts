import type { TurnContext } from 'botbuilder';
import type { CaseService } from '../cases/caseService';
import type { Clock } from '../clock';
import type { OpeningHoursCalendar } from '../handoff/openingHours';
import type { HelplineData } from '../helplineData';
import type { AnonymousRecordStore } from '../wellbeing/anonymousRecordStore';

/** Why and how urgently a conversation should go to a person. */
export interface HandoffRequest {
  /** Topic decides the team (data file `teams`): registration-help, laptop-request, pupil-concern… */
  topic: string;
  priority: 'crisis' | 'urgent' | 'normal';
  reason: 'asked' | 'too-many-invalid' | 'form' | 'crisis' | 'callback';
  /** What the form collected so far, shown to staff. */
  formData?: Record<string, unknown>;
}

/** Puts a conversation in front of a person and tells the user what happens next. */
export interface HandoffRequester {
  request(context: TurnContext, request: HandoffRequest): Promise<void>;
}

/** Removes everything the bot holds about the user of this turn ("erase my data"). */
export interface PersonalDataEraser {
  eraseUser(context: TurnContext): Promise<void>;
}

/**
 * Everything dialogs may call. Dialogs never import Redis, restify or the environment: they
 * receive this object, whose implementations the composition root chooses.
 */
export interface FormServices {
  readonly data: HelplineData;
  readonly clock: Clock;
  readonly hours: OpeningHoursCalendar;
  readonly cases: Pick<CaseService, 'submit' | 'status'>;
  readonly handoff: HandoffRequester;
  readonly eraser: PersonalDataEraser;
  /** Anonymous records (wellbeing check-ins kept with consent); absent = nothing is kept. */
  readonly anonymous?: AnonymousRecordStore;
}

/** The key under which a user's cases are filed: channel and user id. */
export function ownerKeyOf(context: TurnContext): string {
  return `${context.activity.channelId}:${context.activity.from?.id ?? 'unknown'}`;
}
