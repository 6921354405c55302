/**
 * The one structured logger: JSON lines, constant messages, data as fields, and personal data
 * redacted from every line (functions/core/redaction.ts) before it is written.
 */
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redactValue } from './redaction';

class RedactingLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    const base = {
      level: attributes.logLevel,
      message: redactValue(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: context?.coldStart,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: base }).addAttributes(
      redactValue(additional) as LogAttributes,
    );
  }
}

export const logger = new Logger({
  serviceName: 'voice-call-automation',
  logFormatter: new RedactingLogFormatter(),
});
