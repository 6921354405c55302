/** The one structured logger: JSON lines, constant messages, data as fields. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'voice-call-automation' });
