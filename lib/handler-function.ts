/**
 * One Lambda function built from a handler file of `functions/`: bundled locally with esbuild (no
 * Docker), arm64 on Node.js 22, traced with X-Ray, with its own log group so that retention is
 * ours to choose, and a role of its own that may write to that log group and nowhere else.
 */
import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** The repository root: the catalog's handler paths are relative to it. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The handlers are ES modules, but some bundled CommonJS dependencies still call `require`,
 * which an ES module does not have: the banner defines it before any bundled code runs.
 */
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface HandlerFunctionProps {
  /** Path of the handler file relative to the repository root, as in functions/catalog.ts. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize: number;
  logRetention: RetentionDays;
  /**
   * For a function invoked asynchronously (by EventBridge): how often Lambda tries an event
   * again after an error, and where the event goes once it has given up.
   */
  asyncInvoke?: { retryAttempts: number; deadLetterQueue: IQueue };
}

export class HandlerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    // Instead of the managed basic execution policy, which may write to every log group.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function`,
    });
    logGroup.grantWrite(role);
    const tracing = tracingPolicy(scope, `${id}Tracing`, role);

    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      // Minified bundles are only readable in stack traces with their source maps applied.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup,
      role,
      ...props.asyncInvoke,
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_BANNER,
        // The AWS SDK is bundled too, so the code runs against the version it was tested with.
        externalModules: [],
        // esbuild's size report for each of the functions would drown the synth's own output.
        logLevel: LogLevel.WARNING,
      },
    });

    // Active tracing, set here rather than with the `tracing` property, so that the X-Ray
    // permission stays in a policy of its own; Lambda checks for it when the function is created.
    (this.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
    this.node.addDependency(tracing);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: the bundles are built for node22 and tested on it; moving to a ' +
        'newer runtime is a change of its own, made together with the esbuild target.',
    });
  }
}

/** What X-Ray needs of a function's role; it has no resource-level permissions to scope. */
function tracingPolicy(scope: Construct, id: string, role: Role): Policy {
  const policy = new Policy(scope, id, {
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray trace segments and telemetry are not resources: AWS offers no narrower resource ' +
      'for xray:PutTraceSegments and xray:PutTelemetryRecords, and this policy holds nothing else.',
  });
  return policy;
}

/**
 * Task functions end a slow step just before the ASL's 45 s task timeout would (long enough to
 * wait out a 429's Retry-After inside the task), so that the state never moves on while the
 * function still runs.
 */
export const TASK_TIMEOUT = Duration.seconds(44);
