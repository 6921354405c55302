/**
 * Varied, real-shaped call bodies: the voice platform's template (local/sample-call.json) and the
 * fixture (test/fixtures/call-body.json) filled the many ways a language model fills them.
 * Seeded, so that every run measures the same payloads.
 */
import sample from '../local/sample-call.json';
import { seededRandom } from '../local/standins/faults';
import fixture from '../test/fixtures/call-body.json';

const FIRST = ['Lena', 'Jana', 'Max', 'Sophie', 'Ali', 'Mia', 'Jonas', 'Zoë', 'Lukas', 'Ana'];
const LAST = ['Fischer', 'Becker', 'Weber', 'Schäfer', 'Yilmaz', 'Novak', 'Klein', 'Müller'];
const COMPANIES = [
  ['Globex Logistics', 'globex-logistics.example'],
  ['Nordlicht Logistik GmbH', 'nordlicht-logistik.example'],
  ['Initech Services', 'initech.example'],
  ['Umbrella Health AG', 'umbrella-health.example'],
  ['Stark Freight', 'stark-freight.example'],
] as const;
const PHONES = ['030 1234 5678', '+49 (0)40 8765 4321', '+4915112345678', '0171/2345678', null];
const BUDGETS = [
  'around 60k EUR',
  '120.000 €',
  '$80,000',
  '80-100k',
  '1.2M EUR',
  '150k',
  '45 000 euros',
  'not discussed',
  null,
];
const COMPETITORS = [null, 'Transporeon', 'Transporeon, Soloplan, project44', ['Salesforce']];
const URGENCIES = ['low', 'medium', 'high', 'critical', 'HIGH', 'Medium'];
const INTENTS = ['Sales', 'sales', 'partnership', 'information', 'SALES'];
const PRIORITIES = ['{calculated_priority}', 'high', 'medium', 'low'];
const LANGUAGES = [undefined, 'de-DE', 'en', 'de'];
const PAIN_POINTS = [
  'missed delivery calls, manual dispatch notes',
  ['manual dispatch planning in spreadsheets', 'no real-time view of truck locations'],
  [],
];

export type CallBody = typeof fixture & { language?: string };

/**
 * The `index`-th body of a run. `uniqueTag` makes the e-mail address (and so the call) unique,
 * so that each body is a new execution.
 */
export function callBody(random: () => number, index: number, uniqueTag = ''): CallBody {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const base = random() < 0.5 ? fixture : sample;
  const first = pick(FIRST);
  const last = pick(LAST);
  const [company, domain] = pick(COMPANIES);
  const local = `${first}.${last}`.normalize('NFD').replace(/[^\w.]/g, '');
  const email = `${random() < 0.3 ? local.toUpperCase() : local.toLowerCase()}${uniqueTag}@${domain}`;
  const language = pick(LANGUAGES);
  const body = {
    ...base,
    conversation_context: {
      ...base.conversation_context,
      customer_email: email,
      customer_phone: pick(PHONES),
      customer_name: `${first} ${last}`,
      company_name: company,
      detected_intent: pick(INTENTS),
      urgency_level: pick(URGENCIES),
      timestamp:
        random() < 0.3
          ? '{current_timestamp}'
          : new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    },
    workflow_parameters: { ...base.workflow_parameters, priority: pick(PRIORITIES) },
    custom_data: {
      ...base.custom_data,
      budget_mentioned: pick(BUDGETS),
      competitor_mentioned: pick(COMPETITORS),
      pain_points: pick(PAIN_POINTS),
    },
  };
  return (language ? { ...body, language } : body) as CallBody;
}

export function callBodies(count: number, seed = 8): CallBody[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => callBody(random, index));
}
