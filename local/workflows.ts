/**
 * The local Step Functions service: every ASL file of functions/catalog.ts registered with its
 * Task resources substituted as the CDK app does, each mapped to the same handler file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPERATIONS_FUNCTIONS, STATE_MACHINES, TASK_FUNCTIONS } from '../functions/catalog';
import { logger } from '../functions/core/logger';
import { listenOnLoopback } from './api-gateway';
import { loadHandler, PROJECT_ROOT } from './handlers';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-env';
import { type Execution, LocalStepFunctions } from './stepfunctions/engine';
import { stepFunctionsHandler } from './stepfunctions/server';
import type { TaskHandler } from './stepfunctions/task-map';

export interface LocalWorkflows {
  engine: LocalStepFunctions;
  url: string;
  machineArns: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorkflows(port: number, timeScale: number): Promise<LocalWorkflows> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [name, entry] of Object.entries(TASK_FUNCTIONS)) {
    handlers[name] = await loadHandler(entry);
  }
  const queueFailedExecution = await loadHandler<(event: unknown) => Promise<unknown>>(
    OPERATIONS_FUNCTIONS.QueueFailedExecution,
  );
  const engine = new LocalStepFunctions({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    handlers,
    timeScale,
    // As the task functions' Lambda timeout in the CDK app.
    taskTimeoutMs: 44_000,
    onExecutionEnded: (execution) => {
      queueFailedExecution(executionStatusChange(execution)).catch((error: unknown) =>
        logger.error('Ended execution not handed over', { execution: execution.arn, error }),
      );
    },
  });

  const substitutions = Object.fromEntries(
    Object.keys(TASK_FUNCTIONS).map((name) => [`${name}Arn`, engine.functionArn(name)]),
  );
  const machineArns: Record<string, string> = {};
  for (const [workflow, machine] of Object.entries(STATE_MACHINES)) {
    const text = await readFile(join(PROJECT_ROOT, machine.file), 'utf8');
    const definition = JSON.parse(
      text.replace(/\$\{(\w+)\}/g, (whole, name: string) => substitutions[name] ?? whole),
    );
    machineArns[workflow] = engine.register(`${workflow}-workflow`, definition, machine.type).arn;
  }

  const { server, url } = await listenOnLoopback(stepFunctionsHandler(engine), port);
  return {
    engine,
    url,
    machineArns,
    close: async () => {
      for (const execution of engine.executions.values()) {
        if (execution.status === 'RUNNING') execution.discard();
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The EventBridge event AWS sends for an execution that ended, with the fields we read. */
function executionStatusChange(execution: Execution) {
  return {
    source: 'aws.states',
    'detail-type': 'Step Functions Execution Status Change',
    detail: {
      executionArn: execution.arn,
      stateMachineArn: execution.machine.arn,
      name: execution.name,
      status: execution.status,
      input: execution.input,
      error: execution.error ?? null,
      cause: execution.cause ?? null,
    },
  };
}
