/**
 * Work that may wait until the end of a turn (e.g. recording chat lines for staff), so it is sent
 * to Redis together with the state save instead of costing a round trip before each reply.
 */
const TASKS = Symbol('turnEndTasks');

interface HasTurnState {
  turnState: Map<unknown, unknown>;
}

/** Schedules `task` for the end of this turn (run beside the state save). */
export function atTurnEnd(context: HasTurnState, task: () => Promise<void>): void {
  const tasks = (context.turnState.get(TASKS) as (() => Promise<void>)[] | undefined) ?? [];
  tasks.push(task);
  context.turnState.set(TASKS, tasks);
}

/** Runs and clears the scheduled tasks, all at once. */
export async function runTurnEndTasks(context: HasTurnState): Promise<void> {
  const tasks = (context.turnState.get(TASKS) as (() => Promise<void>)[] | undefined) ?? [];
  context.turnState.delete(TASKS);
  await Promise.all(tasks.map((task) => task()));
}
