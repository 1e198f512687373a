// English labels of the supervision, statistics, reminders and the process/rules/settings administration. Typed against zh.oversight.ts: a missing or extra key does not compile.
import type { zhOversight } from './zh.oversight.ts';

export const enOversight: Record<keyof typeof zhOversight, string> = {
  'oversight.placeholder': '',
};
