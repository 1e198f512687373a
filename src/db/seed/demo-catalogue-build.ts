// Compact descriptions of demo catalogue items and how they become ItemContent. Demo data only; the
// phone numbers are formatted like real ones but made up.

import type { ProcessDefinition as CoreProcess } from '../../core/process/definition.ts';
import type { Audience, Channel, ItemType, LimitUnit } from '../../modules/catalogue/catalogue.labels.ts';
import type { ItemContent, MaterialInput } from '../../modules/catalogue/catalogue.schemas.ts';
import {
  chain,
  type ProcessDefinition,
  type ProcessStep,
  toCoreProcess,
} from '../../modules/catalogue/process.ts';

export interface DemoMaterial {
  name: string;
  issuer?: string;
  copies?: number;
  originals?: number;
  optional?: boolean;
  deferrable?: boolean;
  electronic?: boolean;
  source?: MaterialInput['source'];
  situations?: string[];
  standard?: string;
}

export interface DemoItem {
  centre: string;
  dept: string;
  code: string;
  basic: string;
  name: string;
  type: ItemType;
  level: number;
  statutory: [number, LimitUnit, string?];
  promised: [number, LimitUnit, string?];
  basis: string;
  conditions: string;
  result: string;
  audiences: Audience[];
  themes: string[];
  channels?: Channel[];
  fee?: { standard: string; basis: string };
  materials: (string | DemoMaterial)[];
  process?: ProcessDefinition | CoreProcess;
  joint?: { lead: string; agencies: string[] };
  faqs?: [string, string][];
  visits?: number;
}

export interface DemoCentreInfo {
  place: string;
  hours: string;
  consult: string;
  supervise: string;
}

export const DEMO_CENTRE_INFO: Record<string, DemoCentreInfo> = {
  MLR: {
    place: '北京市西城区阜内大街64号 部行政服务大厅',
    hours: '工作日 8:30–11:30，13:30–17:00',
    consult: '010-6612 8001',
    supervise: '010-6612 8099',
  },
  HN: {
    place: '海口市国兴大道9号 省政务服务中心一楼',
    hours: '工作日 9:00–12:00，14:30–17:30',
    consult: '0898-6620 1001',
    supervise: '0898-6620 1099',
  },
  JC: {
    place: '晋城市泽州路1号 市政务服务中心二楼',
    hours: '工作日 8:30–12:00，14:30–17:30',
    consult: '0356-202 3001',
    supervise: '0356-202 3099',
  },
  YZ: {
    place: '扬州市文昌西路58号 市国土资源局办文大厅',
    hours: '工作日 8:30–12:00，13:30–17:30',
    consult: '0514-8730 5001',
    supervise: '0514-8730 5099',
  },
  YY: {
    place: '益阳市康富南路 市国土资源局政务窗口',
    hours: '工作日 8:30–12:00，14:30–17:30',
    consult: '0737-420 6001',
    supervise: '0737-420 6099',
  },
};

export const step = (
  id: string,
  name: string,
  assignee: string,
  role?: ProcessStep['role'],
  days?: number,
): ProcessStep => ({
  id,
  name,
  assignee,
  ...(role && { role }),
  ...(days !== undefined && { limit: { value: days, unit: days === 0 ? 'same_day' : 'working_days' } }),
});

/** 受理 → 审查 → 审核 → 决定 → 送达: the usual chain of a licence, with an office named. */
export const standardProcess = (office: string, reviewDays: number): ProcessDefinition =>
  chain([
    step('accept', '窗口受理', '综合受理窗口', 'window_clerk', 0),
    step('review', '承办审查', office, 'reviewer', reviewDays),
    step('check', '处室审核', `${office}负责人`, 'reviewer', 2),
    step('approve', '领导批准', '分管领导', 'leader', 2),
    step('deliver', '制证送达', '综合受理窗口', 'window_clerk', 1),
  ]);

function material(m: string | DemoMaterial): MaterialInput {
  const d: DemoMaterial = typeof m === 'string' ? { name: m } : m;
  return {
    name: d.name,
    situations: d.situations ?? [],
    issuer: d.issuer ?? '',
    originals: d.originals ?? 1,
    copies: d.copies ?? 0,
    required: !d.optional,
    deferrable: d.deferrable ?? false,
    form: d.electronic ? 'both' : 'paper',
    source: d.source ?? (d.issuer ? 'government' : 'applicant'),
    blankFormFileId: null,
    sampleFileId: null,
    fillNotes: '',
    acceptanceStandard: d.standard ?? '内容完整、真实有效；复印件与原件一致并加盖申请人公章。',
  };
}

export function demoContent(
  item: DemoItem,
  departmentId: (code: string) => string,
  info: DemoCentreInfo,
): ItemContent {
  const [sv, su, sn = ''] = item.statutory;
  const [pv, pu, pn = ''] = item.promised;
  return {
    name: item.name,
    itemType: item.type,
    exerciseLevel: item.level,
    departmentId: departmentId(item.dept),
    legalBasis: item.basis,
    statutoryLimit: { value: su === 'same_day' ? 0 : sv, unit: su, note: sn },
    promisedLimit: { value: pu === 'same_day' ? 0 : pv, unit: pu, note: pn },
    handlingType: pu === 'same_day' ? 'immediate' : 'promised',
    conditions: item.conditions,
    procedureText: '申请人提交材料 → 窗口受理并出具受理通知书 → 承办处室审查 → 领导审批 → 窗口送达结果。',
    isJoint: !!item.joint,
    leadDepartmentId: item.joint ? departmentId(item.joint.lead) : null,
    jointAgencies: item.joint?.agencies ?? [],
    intermediaryServices: '',
    quantityLimit: '无数量限制',
    resultName: item.result,
    resultSampleFileId: null,
    fee: item.fee
      ? { charged: true, standard: item.fee.standard, basis: item.fee.basis, waiver: '小微企业按规定减免' }
      : { charged: false, standard: '', basis: '', waiver: '' },
    audiences: item.audiences,
    themes: item.themes,
    channels: item.channels ?? ['window', 'online'],
    appointment: true,
    onlinePayment: !!item.fee,
    expressDelivery: true,
    place: info.place,
    hours: info.hours,
    consultPhone: info.consult,
    supervisionPhone: info.supervise,
    faqs: (item.faqs ?? [['可以委托他人代为办理吗？', '可以，代理人须提交授权委托书及本人身份证明。']]).map(
      ([question, answer]) => ({
        question,
        answer,
      }),
    ),
    visits: item.visits ?? 1,
    processDefinition: item.process ? toCoreProcess(item.process) : null,
    materials: item.materials.map(material),
  };
}
