/**
 * The frozen content of a notice (告知文书): everything its HTML and PDF show, stored with the case so that
 * a reprint years later is the same document. Built here from the case's data at issue time. Pure.
 */
export const NOTICE_TITLES = {
  acceptance: '受理通知书',
  refusal: '不予受理通知书',
  correction: '补正材料通知书（一次性告知书）',
  deferral: '容缺受理通知书',
  special_procedure: '特别程序告知书',
  extension: '延长审批期限通知书',
  payment: '缴费通知书',
  grant_decision: '准予行政许可决定书',
  denial_decision: '不予行政许可决定书',
} as const;
export type NoticeKind = keyof typeof NOTICE_TITLES;

/** The short mark of each kind in document numbers, e.g. MLR受〔2025〕00001号. */
export const NOTICE_MARKS: Record<NoticeKind, string> = {
  acceptance: '受',
  refusal: '不受',
  correction: '补',
  deferral: '容',
  special_procedure: '特',
  extension: '延',
  payment: '缴',
  grant_decision: '准许',
  denial_decision: '不许',
};

export interface NoticeMaterial {
  name: string;
  requirement: string;
}

export interface NoticeContent {
  kind: NoticeKind;
  title: string;
  documentNumber: string;
  centreName: string;
  departmentName: string;
  /** The applicant's full name: the notice goes to the applicant. */
  addressee: string;
  agentName: string | null;
  itemName: string;
  itemCode: string;
  caseNumber: string | null;
  queryCode: string | null;
  receivedDate: string;
  issuedDate: string;
  issuedAt: string;
  officer: string;
  basis: string;
  paragraphs: string[];
  materialsHeading: string | null;
  materials: NoticeMaterial[];
  deadlineLabel: string | null;
  deadline: string | null;
  remedy: string | null;
  closing: string[];
}

/** 'YYYY-MM-DD' → 'YYYY年M月D日'. */
export const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export interface NoticeBase {
  documentNumber: string;
  centreName: string;
  departmentName: string;
  addressee: string;
  agentName: string | null;
  itemName: string;
  itemCode: string;
  legalBasis: string;
  receivedDate: string;
  issuedDate: string;
  issuedAt: string;
  officer: string;
}

const LIMIT_UNIT_LABELS: Record<string, string> = {
  working_days: '个工作日',
  natural_days: '日',
  same_day: '当日办结',
  working_hours: '个工作小时',
};
export const limitText = (l: { value: number; unit: string }) =>
  l.unit === 'same_day' ? '当日办结' : `${l.value}${LIMIT_UNIT_LABELS[l.unit] ?? l.unit}`;

export function frame(b: NoticeBase, kind: NoticeKind): NoticeContent {
  return {
    kind,
    title: NOTICE_TITLES[kind],
    documentNumber: b.documentNumber,
    centreName: b.centreName,
    departmentName: b.departmentName,
    addressee: b.addressee,
    agentName: b.agentName,
    itemName: b.itemName,
    itemCode: b.itemCode,
    caseNumber: null,
    queryCode: null,
    receivedDate: chineseDate(b.receivedDate),
    issuedDate: chineseDate(b.issuedDate),
    issuedAt: b.issuedAt,
    officer: b.officer,
    basis: b.legalBasis.slice(0, 600),
    paragraphs: [],
    materialsHeading: null,
    materials: [],
    deadlineLabel: null,
    deadline: null,
    remedy: null,
    closing: [],
  };
}

const submitted = (b: NoticeBase) => `你（单位）于${chineseDate(b.receivedDate)}提交的“${b.itemName}”申请`;
const lookupHint = '可凭办件编号和查询码在政务服务网站或大厅查询终端查询办理进度。';

export interface AcceptanceFacts {
  caseNumber: string;
  queryCode: string;
  promised: { value: number; unit: string };
  statutory: { value: number; unit: string };
  promisedDueDate: string | null;
  deemedAccepted: boolean;
  immediate: boolean;
  materials: NoticeMaterial[];
}

export function acceptanceNotice(b: NoticeBase, f: AcceptanceFacts): NoticeContent {
  const n = frame(b, 'acceptance');
  n.caseNumber = f.caseNumber;
  n.queryCode = f.queryCode;
  n.paragraphs = [
    f.deemedAccepted
      ? `${submitted(b)}，本机关未在法定期限内一次性告知补正内容，根据《中华人民共和国行政许可法》第三十二条的规定，自收到申请材料之日（${chineseDate(b.receivedDate)}）起即为受理。`
      : `${submitted(b)}，经审查，申请材料齐全、符合法定形式，纸质材料与电子材料一致，本机关决定予以受理。`,
    f.immediate
      ? '本事项为即办件，已当场办结。'
      : `本事项承诺办结时限为${limitText(f.promised)}（法定办结时限${limitText(f.statutory)}），依法不计算在内的期间除外。`,
    `办件编号：${f.caseNumber}；查询码：${f.queryCode}。${lookupHint}`,
  ];
  n.materialsHeading = '已收取的申请材料';
  n.materials = f.materials;
  if (f.promisedDueDate && !f.immediate) {
    n.deadlineLabel = '承诺办结日期';
    n.deadline = chineseDate(f.promisedDueDate);
  }
  return n;
}

export function refusalNotice(
  b: NoticeBase,
  f: { reasons: string[]; reconsiderationBody: string; litigationCourt: string },
): NoticeContent {
  const n = frame(b, 'refusal');
  n.paragraphs = [
    `${submitted(b)}，经审查，本机关决定不予受理，理由如下：`,
    ...f.reasons.map((r, i) => `${i + 1}. ${r}`),
  ];
  n.remedy = `如不服本决定，可以自收到本通知书之日起六十日内向${f.reconsiderationBody}申请行政复议，或者自收到本通知书之日起六个月内向${f.litigationCourt}提起行政诉讼。`;
  return n;
}

export function correctionNotice(
  b: NoticeBase,
  f: { materials: NoticeMaterial[]; deadline: string | null; late: boolean },
): NoticeContent {
  const n = frame(b, 'correction');
  n.paragraphs = [
    `${submitted(b)}，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：`,
  ];
  n.materialsHeading = '需要补正的材料及要求';
  n.materials = f.materials;
  n.closing = [
    '请按上述要求补正后重新提交。补正后的申请材料仍不齐全或者不符合法定形式的，本机关将依法作出处理。',
  ];
  if (f.late)
    n.closing.push(
      `本告知未在收到申请材料之日起五个工作日内作出，根据《中华人民共和国行政许可法》第三十二条的规定，自收到申请材料之日（${chineseDate(b.receivedDate)}）起即为受理。`,
    );
  if (f.deadline) {
    n.deadlineLabel = '请于此日期前补正';
    n.deadline = chineseDate(f.deadline);
  }
  return n;
}

export function deferralNotice(
  b: NoticeBase,
  f: {
    caseNumber: string;
    queryCode: string;
    deadline: string;
    materials: NoticeMaterial[];
    commitment: { signedBy: string; signedDate: string };
  },
): NoticeContent {
  const n = frame(b, 'deferral');
  n.caseNumber = f.caseNumber;
  n.queryCode = f.queryCode;
  n.paragraphs = [
    `${submitted(b)}，经审查，主要申请材料齐全、符合法定形式，所缺材料属于可容缺受理的次要材料。根据你（单位）于${chineseDate(f.commitment.signedDate)}签署的承诺书（承诺人：${f.commitment.signedBy}），本机关决定予以容缺受理。`,
    `办件编号：${f.caseNumber}；查询码：${f.queryCode}。${lookupHint}`,
  ];
  n.materialsHeading = '容缺后补的材料';
  n.materials = f.materials;
  n.deadlineLabel = '补齐材料截止日期';
  n.deadline = chineseDate(f.deadline);
  n.closing = ['逾期未补齐上述材料的，本机关将终止办理，并依法记录承诺履行情况。'];
  return n;
}
