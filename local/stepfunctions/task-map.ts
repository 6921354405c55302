/**
 * Maps every Task state of a definition to the local handler its resource names, and refuses a
 * definition with a Task it cannot map, so that nothing silently calls out of the machine.
 */

export type LocalTask = (input: unknown) => Promise<unknown>;
export type TaskHandler = (event: unknown, context: LambdaContextLike) => unknown;

export interface LambdaContextLike {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

export interface TaskState {
  name: string;
  resource: string;
  parameters: unknown;
}

type StatesObject = Record<string, Record<string, unknown>>;

/** All Task states, including those inside Parallel branches and Map iterators. */
export function taskStates(definition: { States: StatesObject }): TaskState[] {
  const found: TaskState[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      found.push({ name, resource: String(state.Resource), parameters: state.Parameters });
    }
    for (const branch of (state.Branches as Array<{ States: StatesObject }> | undefined) ?? []) {
      found.push(...taskStates(branch));
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as
      | { States: StatesObject }
      | undefined;
    if (processor) found.push(...taskStates(processor));
  }
  return found;
}

const LAMBDA_ARN = /^arn:aws:lambda:[^:]+:\d{12}:function:([A-Za-z0-9_-]+)$/;

/** The function name a Task calls, for direct Lambda ARNs and the `lambda:invoke` integration. */
export function functionNameOf(task: TaskState): string | undefined {
  const direct = LAMBDA_ARN.exec(task.resource)?.[1];
  if (direct) return direct;
  if (task.resource.startsWith('arn:aws:states:::lambda:invoke')) {
    const target = (task.parameters as { FunctionName?: string } | undefined)?.FunctionName ?? '';
    return LAMBDA_ARN.exec(target)?.[1] ?? (/^[A-Za-z0-9_-]+$/.test(target) ? target : undefined);
  }
  return undefined;
}

export class UnmappedTaskError extends Error {
  constructor(stateMachine: string, unmapped: TaskState[]) {
    const list = unmapped.map((task) => `${task.name} (${task.resource})`).join(', ');
    super(`State machine ${stateMachine} has Task states the local stack cannot run: ${list}`);
    this.name = 'UnmappedTaskError';
  }
}
