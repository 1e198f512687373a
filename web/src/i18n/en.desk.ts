// English labels of the window workstation, work-list and case page. Typed against zh.desk.ts: a missing or extra key does not compile.
import type { zhDesk } from './zh.desk.ts';

export const enDesk: Record<keyof typeof zhDesk, string> = {
  'desk.placeholder': '',
};
