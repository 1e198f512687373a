// 中文 labels of the window workstation, work-list and case page (spread into zh.ts).
export const zhDesk = {
  'desk.placeholder': '',
} as const;
