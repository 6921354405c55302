/**
 * AWS list prices assumed for the cost estimate, in USD, for eu-central-1 (Frankfurt). They were
 * not fetched (the benchmark has no network): they are the author's reading of the public pricing
 * pages as last known, without free tiers or volume tiers. Check them against
 * https://aws.amazon.com/pricing/ before quoting a figure, and update them here.
 */
export const PRICES_AS_OF =
  'written down on 2026-12-04 from the last known list prices, not fetched';

export const PRICES = {
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  expressPerRequest: 1.0 / 1e6,
  expressPerGbSecond: 0.00001667,
  standardPerTransition: 0.025 / 1000,
  dynamoPerWriteUnit: 0.7625 / 1e6,
  dynamoPerReadUnit: 0.1525 / 1e6,
  apiGatewayRestPerRequest: 3.7 / 1e6,
  sesPerEmail: 0.1 / 1000,
  /** SMS to German mobile numbers; the SNS price varies by country and carrier. */
  snsSmsGermany: 0.09,
  logsPerGbIngested: 0.63,
} as const;

/** The same prices in the units the pricing pages use, for the report. */
export const PRICE_LABELS: Record<keyof typeof PRICES, string> = {
  lambdaArmPerGbSecond: 'Lambda arm64: 0.0000133334 per GB-second',
  lambdaPerRequest: 'Lambda: 0.20 per million requests',
  expressPerRequest: 'Step Functions Express: 1.00 per million requests',
  expressPerGbSecond: 'Step Functions Express: 0.00001667 per GB-second',
  standardPerTransition: 'Step Functions Standard: 0.025 per 1,000 state transitions',
  dynamoPerWriteUnit: 'DynamoDB on demand: 0.7625 per million write request units',
  dynamoPerReadUnit: 'DynamoDB on demand: 0.1525 per million read request units',
  apiGatewayRestPerRequest: 'API Gateway REST: 3.70 per million requests',
  sesPerEmail: 'SES: 0.10 per 1,000 e-mails',
  snsSmsGermany: 'SNS SMS to a German mobile number: 0.09 per message (assumed; varies by country)',
  logsPerGbIngested: 'CloudWatch Logs: 0.63 per GB ingested',
};

/** Other assumptions the estimate rests on, printed with it. */
export const ASSUMPTIONS = [
  'Lambda on arm64 with the memory of lib/ (intake 512 MB, tasks 256 MB), billed per 1 ms.',
  'The intake is billed for the whole synchronous run (StartSyncExecution): its duration is the measured response time with 200 ms per outside call.',
  'Task durations are the medians measured per state in the end-to-end runs (200 ms per outside call); states not run there take the median of their function, else of all tasks.',
  'Express executions billed at 64 MB, duration rounded up to 100 ms; Standard per state transition (every state entered, also inside Parallel and Map).',
  'DynamoDB on demand: write units from the measured request sizes (1 KB each), reads 4 KB strongly consistent; the approvals table of the high-value path adds an assumed 3 write units and 1 read unit.',
  'CloudWatch Logs: the state machines log ALL events (lib/workflows.ts): the measured history size per transition; Lambda: 0.6 KB per invocation (platform lines and one JSON line).',
  'SMS: one per critical lead to a German number. Data transfer, KMS, X-Ray, alarms and free tiers are left out.',
  'E-mails and SMS counted from the ASL path (tasks of SendEmail, SendSupportEmail, RequestApproval, SendSms).',
];
