import type { TurnContext } from 'botbuilder';
import type { HandoffRequest, HandoffRequester } from '../../src/forms/formServices';

/** Records hand-off requests instead of queueing them, and says so in the chat. */
export class RecordingHandoff implements HandoffRequester {
  readonly requests: HandoffRequest[] = [];
  async request(context: TurnContext, request: HandoffRequest): Promise<void> {
    this.requests.push(request);
    await context.sendActivity(`[handoff ${request.topic} ${request.priority} ${request.reason}]`);
  }
}
