// 中文 labels of the supervision, statistics, reminders and the process/rules/settings administration (spread into zh.ts).
export const zhOversight = {
  'oversight.placeholder': '',
} as const;
