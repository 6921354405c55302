/** A status as a coloured word: green when it went well, amber when partly, red when not. */
import { type Html, html } from './html';

const TONES: Record<string, string> = {
  SUCCEEDED: 'good',
  completed: 'good',
  succeeded: 'good',
  RUNNING: 'busy',
  running: 'busy',
  pending_approval: 'busy',
  accepted: 'busy',
  partial: 'warn',
  caught: 'warn',
  FAILED: 'bad',
  failed: 'bad',
  TIMED_OUT: 'bad',
  ABORTED: 'bad',
  stopped: 'bad',
};

export function statusBadge(status: string): Html {
  const tone = TONES[status] ?? 'plain';
  return html`<span class="badge ${tone}">${status.toLowerCase().replace('_', ' ')}</span>`;
}
