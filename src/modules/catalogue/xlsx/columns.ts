// The columns of the catalogue workbook: sheet 1 事项 (one row per item), sheet 2 材料 (keyed by 实施编码).
// docs/catalogue.md describes every column; the template's 说明 sheet is generated from `note`.
import {
  AUDIENCES,
  CHANNELS,
  EXERCISE_LEVELS,
  HANDLING_TYPES,
  ITEM_TYPES,
  LIMIT_UNITS,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
} from '../catalogue.labels.ts';
import type { Kind } from './cells.ts';

export interface Column {
  key: string;
  header: string;
  kind: Kind;
  required?: boolean;
  /** Written on export, ignored on import. */
  exportOnly?: boolean;
  width?: number;
  note: string;
}

const text: Kind = { type: 'text' };
const code: Kind = { type: 'code' };
const bool: Kind = { type: 'bool' };
const enumOf = (labels: Record<string, string>, pad?: number): Kind => ({ type: 'enum', labels, pad });
const levels = Object.fromEntries(Object.entries(EXERCISE_LEVELS).map(([k, v]) => [k, v]));
const STATUSES = { draft: '草稿', published: '已发布' };

export const ITEMS_SHEET = '事项';
export const MATERIALS_SHEET = '材料';
export const NOTES_SHEET = '说明';

export const ITEM_COLUMNS: Column[] = [
  {
    key: 'centreCode',
    header: '中心编码',
    kind: code,
    width: 10,
    note: '服务中心编码（如 MLR）；导入时指定了中心则可留空',
  },
  {
    key: 'implementationCode',
    header: '实施编码',
    kind: code,
    required: true,
    width: 26,
    note: '本中心内唯一，字母和数字',
  },
  { key: 'basicCode', header: '基本编码', kind: code, required: true, width: 14, note: '字母和数字' },
  { key: 'name', header: '事项名称', kind: text, required: true, width: 30, note: '' },
  {
    key: 'itemType',
    header: '事项类型',
    kind: enumOf(ITEM_TYPES, 2),
    required: true,
    width: 12,
    note: '名称或代码，如 行政许可 / 01',
  },
  {
    key: 'exerciseLevel',
    header: '行使层级',
    kind: enumOf(levels),
    required: true,
    width: 10,
    note: '国家级、省级、市级、县级、乡镇级、村级',
  },
  {
    key: 'departmentCode',
    header: '实施主体编码',
    kind: code,
    required: true,
    width: 12,
    note: '本中心部门的编码',
  },
  {
    key: 'departmentName',
    header: '实施主体名称',
    kind: text,
    exportOnly: true,
    width: 24,
    note: '导出时填写，导入时忽略',
  },
  { key: 'legalBasis', header: '设定依据', kind: text, width: 40, note: '' },
  {
    key: 'statutoryValue',
    header: '法定办结时限',
    kind: { type: 'number' },
    required: true,
    width: 8,
    note: '数字；当日办结可留空',
  },
  {
    key: 'statutoryUnit',
    header: '法定时限单位',
    kind: enumOf(LIMIT_UNITS),
    required: true,
    width: 10,
    note: '工作日、自然日、当日、工作小时',
  },
  { key: 'statutoryNote', header: '法定时限说明', kind: text, width: 20, note: '' },
  {
    key: 'promisedValue',
    header: '承诺办结时限',
    kind: { type: 'number' },
    required: true,
    width: 8,
    note: '不得超过法定时限',
  },
  {
    key: 'promisedUnit',
    header: '承诺时限单位',
    kind: enumOf(LIMIT_UNITS),
    required: true,
    width: 10,
    note: '即办件为“当日”',
  },
  { key: 'promisedNote', header: '承诺时限说明', kind: text, width: 20, note: '' },
  {
    key: 'handlingType',
    header: '办件类型',
    kind: enumOf(HANDLING_TYPES),
    required: true,
    width: 8,
    note: '即办件、承诺件',
  },
  { key: 'conditions', header: '受理条件', kind: text, width: 30, note: '' },
  { key: 'procedureText', header: '办理流程', kind: text, width: 30, note: '文字说明' },
  { key: 'isJoint', header: '是否联办', kind: bool, width: 8, note: '是/否' },
  { key: 'leadDepartmentCode', header: '牵头部门编码', kind: code, width: 12, note: '联办事项必填' },
  { key: 'jointAgencies', header: '联办机构', kind: { type: 'list' }, width: 20, note: '多个用“；”分隔' },
  { key: 'intermediaryServices', header: '中介服务', kind: text, width: 20, note: '' },
  { key: 'quantityLimit', header: '数量限制', kind: text, width: 16, note: '' },
  { key: 'resultName', header: '结果名称', kind: text, width: 20, note: '' },
  {
    key: 'resultSampleFileId',
    header: '结果样本文件',
    kind: code,
    width: 12,
    note: '系统内文件编号（导出时填写）',
  },
  { key: 'feeCharged', header: '是否收费', kind: bool, width: 8, note: '是/否' },
  { key: 'feeStandard', header: '收费标准', kind: text, width: 20, note: '' },
  { key: 'feeBasis', header: '收费依据', kind: text, width: 20, note: '' },
  { key: 'feeWaiver', header: '减免情形', kind: text, width: 16, note: '' },
  {
    key: 'audiences',
    header: '服务对象',
    kind: { type: 'enumList', labels: AUDIENCES },
    width: 16,
    note: '多个用“；”分隔',
  },
  { key: 'themes', header: '服务主题', kind: { type: 'list' }, width: 16, note: '多个用“；”分隔' },
  {
    key: 'channels',
    header: '办理形式',
    kind: { type: 'enumList', labels: CHANNELS },
    width: 20,
    note: '窗口办理、网上办理、掌上办理、邮寄办理',
  },
  { key: 'appointment', header: '是否支持预约', kind: bool, width: 8, note: '是/否' },
  { key: 'onlinePayment', header: '是否支持网上支付', kind: bool, width: 8, note: '是/否' },
  { key: 'expressDelivery', header: '是否支持快递', kind: bool, width: 8, note: '是/否' },
  { key: 'place', header: '办理地点', kind: text, width: 24, note: '' },
  { key: 'hours', header: '办理时间', kind: text, width: 24, note: '' },
  { key: 'consultPhone', header: '咨询电话', kind: text, width: 14, note: '' },
  { key: 'supervisionPhone', header: '监督电话', kind: text, width: 14, note: '' },
  {
    key: 'faqs',
    header: '常见问题',
    kind: { type: 'faqs' },
    width: 30,
    note: '“问：…”换行“答：…”，各问答之间空一行',
  },
  { key: 'visits', header: '到办事现场次数', kind: { type: 'int' }, width: 8, note: '0–9' },
  {
    key: 'processDefinition',
    header: '办理流程定义',
    kind: { type: 'json' },
    width: 20,
    note: 'JSON；留空为默认流程 受理→审核→批准→办结送达',
  },
  { key: 'status', header: '状态', kind: enumOf(STATUSES), width: 8, note: '草稿或已发布；留空为草稿' },
];

export const MATERIAL_COLUMNS: Column[] = [
  { key: 'centreCode', header: '中心编码', kind: code, width: 10, note: '同事项表' },
  {
    key: 'implementationCode',
    header: '实施编码',
    kind: code,
    required: true,
    width: 26,
    note: '事项表中的实施编码',
  },
  {
    key: 'position',
    header: '序号',
    kind: { type: 'int' },
    width: 6,
    note: '材料在事项内的顺序；留空按行序',
  },
  { key: 'name', header: '材料名称', kind: text, required: true, width: 30, note: '' },
  {
    key: 'situations',
    header: '适用情形',
    kind: { type: 'list' },
    width: 16,
    note: '如 新立；延续；留空为所有情形',
  },
  { key: 'issuer', header: '出具机构', kind: text, width: 16, note: '' },
  { key: 'originals', header: '原件份数', kind: { type: 'int' }, width: 8, note: '' },
  { key: 'copies', header: '复印件份数', kind: { type: 'int' }, width: 8, note: '' },
  { key: 'required', header: '是否必备', kind: bool, width: 8, note: '是/否' },
  { key: 'deferrable', header: '是否可容缺', kind: bool, width: 8, note: '是/否（容缺受理）' },
  {
    key: 'form',
    header: '材料形式',
    kind: enumOf(MATERIAL_FORMS),
    width: 10,
    note: '纸质、电子、纸质和电子',
  },
  {
    key: 'source',
    header: '来源渠道',
    kind: enumOf(MATERIAL_SOURCES),
    width: 12,
    note: '申请人自备、政府部门核发、中介机构出具、其他',
  },
  { key: 'fillNotes', header: '填报须知', kind: text, width: 24, note: '' },
  { key: 'acceptanceStandard', header: '受理标准', kind: text, width: 24, note: '窗口审查要点' },
  {
    key: 'blankFormFileId',
    header: '空白表格文件',
    kind: code,
    width: 12,
    note: '系统内文件编号（导出时填写）',
  },
  {
    key: 'sampleFileId',
    header: '示例样表文件',
    kind: code,
    width: 12,
    note: '系统内文件编号（导出时填写）',
  },
];

/** Where a problem found in ItemContent (by path) is shown: the column key of the item sheet. */
export const ITEM_PATH_COLUMNS: Record<string, string> = {
  'statutoryLimit.value': 'statutoryValue',
  'statutoryLimit.unit': 'statutoryUnit',
  'statutoryLimit.note': 'statutoryNote',
  'promisedLimit.value': 'promisedValue',
  'promisedLimit.unit': 'promisedUnit',
  'promisedLimit.note': 'promisedNote',
  statutoryLimit: 'statutoryValue',
  promisedLimit: 'promisedValue',
  departmentId: 'departmentCode',
  leadDepartmentId: 'leadDepartmentCode',
  'fee.charged': 'feeCharged',
  'fee.standard': 'feeStandard',
  'fee.basis': 'feeBasis',
  'fee.waiver': 'feeWaiver',
};

export const headerOf = (columns: Column[], key: string) => columns.find((c) => c.key === key)?.header ?? key;
