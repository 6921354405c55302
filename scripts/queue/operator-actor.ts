/** Who works the queue from this shell, for the audit trail: `operator:<user name>`. */
import { userInfo } from 'node:os';

export function operatorActor(): string {
  const name = (process.env.QUEUE_OPERATOR ?? userInfo().username).replace(/[^\w.@-]/g, '');
  return `operator:${name.slice(0, 64) || 'unnamed'}`;
}
