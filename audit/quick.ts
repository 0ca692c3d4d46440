// The reduced set the tests run (twice, plus the negative test): one scenario of each kind of traffic.
import { SCENARIOS, type Scenario } from './scenarios.ts';

const QUICK = [
  'app start',
  'telemetry events with personal data in errors',
  'a category switched off mid-flight (queued data dropped)',
];
export const QUICK_SCENARIOS: Scenario[] = SCENARIOS.filter((s) => QUICK.includes(s.name));
