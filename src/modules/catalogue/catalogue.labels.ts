// Code lists of the catalogue (GB/T 39046-2020 table 4) with the Chinese labels the public and the xlsx
// files use. Identifiers are English; each list is the single source for schemas, import and export.

export const ITEM_TYPES = {
  '00': '行政权力',
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;
export const ITEM_TYPE_CODES = Object.keys(ITEM_TYPES) as [ItemType, ...ItemType[]];

/** 行使层级. */
export const EXERCISE_LEVELS = {
  1: '国家级',
  2: '省级',
  3: '市级',
  4: '县级',
  5: '乡镇级',
  6: '村级',
} as const;

export const LIMIT_UNITS = {
  working_days: '工作日',
  natural_days: '自然日',
  same_day: '当日',
  working_hours: '工作小时',
} as const;
export type LimitUnit = keyof typeof LIMIT_UNITS;
export const LIMIT_UNIT_IDS = Object.keys(LIMIT_UNITS) as [LimitUnit, ...LimitUnit[]];

/** 办件类型: 1 即办件 (decided on the spot), 2 承诺件 (decided by a promised date). */
export const HANDLING_TYPES = { immediate: '即办件', promised: '承诺件' } as const;
export type HandlingType = keyof typeof HANDLING_TYPES;

/** 服务对象. */
export const AUDIENCES = {
  natural_person: '自然人',
  enterprise: '企业法人',
  public_institution: '事业单位法人',
  social_organisation: '社会组织法人',
  unincorporated: '非法人企业',
  government: '行政机关',
  other: '其他组织',
} as const;
export type Audience = keyof typeof AUDIENCES;

/** 办理形式. */
export const CHANNELS = {
  window: '窗口办理',
  online: '网上办理',
  mobile: '掌上办理',
  post: '邮寄办理',
} as const;
export type Channel = keyof typeof CHANNELS;

/** 材料形式. */
export const MATERIAL_FORMS = { paper: '纸质', electronic: '电子', both: '纸质和电子' } as const;
export type MaterialForm = keyof typeof MATERIAL_FORMS;

/** 来源渠道. */
export const MATERIAL_SOURCES = {
  applicant: '申请人自备',
  government: '政府部门核发',
  intermediary: '中介机构出具',
  other: '其他',
} as const;
export type MaterialSource = keyof typeof MATERIAL_SOURCES;

export const VERSION_STATUSES = {
  draft: '草稿',
  published: '已发布',
  superseded: '已被替代',
  withdrawn: '已撤回',
} as const;
export type VersionStatus = keyof typeof VERSION_STATUSES;

export const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
