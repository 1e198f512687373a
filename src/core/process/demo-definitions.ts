/**
 * Demo process definitions drawn from the project's source reports. Demo data only; office codes match
 * src/db/seed/demo-org.ts.
 */
import { agency, chain, coSign, days, gateway, hours, office, parallel, role, step } from './build.ts';
import { ProcessDefinition } from './definition.ts';

/** Above this area (hectares) the Yangzhou land supply goes to the city government (demo threshold). */
export const YANGZHOU_GOVERNMENT_AREA_HECTARES = 2;

const GT = 'GT'; // 扬州市国土资源局
const toReview = { returnTo: ['material_review'] };

const fieldwork = parallel({ id: 'fieldwork', name: '外业调查（并联）' }, { id: 'fieldwork_done' }, [
  ['ownership'],
  ['area'],
  ['price'],
]);

const jointMeeting = coSign(
  { id: 'joint_meeting', name: '网上会办' },
  { id: 'joint_meeting_done', name: '形成会办意见' },
  [
    { id: 'cosign_ly', name: '利用处会签', assignee: office('LY', GT), actions: toReview },
    { id: 'cosign_dj', name: '地籍处会签', assignee: office('DJ', GT), actions: { returnTo: ['ownership'] } },
    { id: 'cosign_ch', name: '测绘处会签', assignee: office('CH', GT), actions: { returnTo: ['area'] } },
    { id: 'cosign_jg', name: '地价所会签', assignee: office('JG', GT), actions: { returnTo: ['price'] } },
    { id: 'cosign_fg', name: '法规处会签', assignee: office('FG', GT), actions: toReview },
    { id: 'cosign_gd', name: '耕保处会签', assignee: office('GD', GT), actions: toReview },
    { id: 'cosign_jc', name: '监察支队会签', assignee: office('JC', GT), actions: toReview },
    { id: 'cosign_bgs', name: '办公室会签', assignee: office('BGS', GT), actions: toReview },
  ],
  days(1),
);

/** Five leaders sign in sequence within two working days (18 office hours). */
const LEADERS = [
  ['leader_1', '分管利用副局长审签', 4],
  ['leader_2', '分管地籍测绘副局长审签', 4],
  ['leader_3', '分管法规监察副局长审签', 4],
  ['leader_4', '常务副局长审签', 3],
  ['leader_5', '局长审定', 3],
] as const;

/**
 * 扬州市国土资源局 国有建设用地供地审批 (seed 003): window → planning bureau → 利用处 → 权属核定, 面积量算,
 * 地价评估 in parallel → 网上会办 (8 offices co-sign) → 5 leaders in sequence → minutes → 市政府 when the area
 * is large → certificate → fee → director → window → archive. Longest path 20 working days.
 */
export const YANGZHOU_LAND_SUPPLY: ProcessDefinition = ProcessDefinition.parse({
  id: 'yangzhou-land-supply',
  name: '国有建设用地供地审批（扬州市国土资源局）',
  nodes: [
    gateway('start', 'start', '收件'),
    step('intake', {
      name: '窗口收件',
      kind: 'intake',
      assignee: role('window_clerk'),
      limit: days(0),
      label: '窗口',
    }),
    step('consult_planning', {
      name: '征询规划部门意见',
      kind: 'handle',
      assignee: office('YD', 'GH'),
      limit: days(2),
      label: '扬州市规划局',
    }),
    step('material_review', {
      name: '利用处材料审核',
      kind: 'review',
      assignee: office('LY', GT),
      limit: days(1),
      actions: { returnToApplicant: true, deny: true },
    }),
    ...fieldwork.nodes,
    step('ownership', {
      name: '权属核定',
      kind: 'external',
      assignee: office('DJ', GT),
      limit: days(5),
      actions: toReview,
    }),
    step('area', {
      name: '面积量算',
      kind: 'external',
      assignee: office('CH', GT),
      limit: days(5),
      actions: toReview,
    }),
    step('price', {
      name: '地价评估',
      kind: 'external',
      assignee: office('JG', GT),
      limit: days(5),
      actions: toReview,
    }),
    ...jointMeeting.nodes,
    ...LEADERS.map(([id, name, h]) =>
      step(id, {
        name,
        kind: 'approve',
        assignee: role('leader', GT),
        limit: hours(h),
        label: '局领导',
        actions: id === 'leader_5' ? { ...toReview, deny: true } : toReview,
      }),
    ),
    step('minutes', { name: '签发会议纪要', kind: 'handle', assignee: office('BGS', GT), limit: days(1) }),
    gateway('exclusive', 'government_check', '是否报市政府审批'),
    step('government_approval', {
      name: '报市政府审批',
      kind: 'external',
      assignee: agency('YZ-GOV'),
      limit: days(3),
      label: '扬州市人民政府',
    }),
    step('certificate', {
      name: '制作批准文件及权证',
      kind: 'certificate',
      assignee: office('LY', GT),
      limit: days(1),
    }),
    step('fee', {
      name: '申请人缴费',
      kind: 'fee',
      assignee: role('window_clerk'),
      limit: days(1),
      label: '窗口',
    }),
    step('director_sign', {
      name: '局长签发',
      kind: 'approve',
      assignee: role('leader', GT),
      limit: days(1),
      label: '局长',
      actions: { returnTo: ['certificate'] },
    }),
    step('delivery', {
      name: '窗口出件',
      kind: 'delivery',
      assignee: role('window_clerk'),
      limit: days(1),
      label: '窗口',
    }),
    step('archive', { name: '归档', kind: 'archive', assignee: office('BGS', GT), limit: days(1) }),
    gateway('end', 'end', '办结'),
  ],
  edges: [
    ...chain('start', 'intake', 'consult_planning', 'material_review', 'fieldwork'),
    ...fieldwork.edges,
    ...chain('fieldwork_done', 'joint_meeting'),
    ...jointMeeting.edges,
    ...chain('joint_meeting_done', ...LEADERS.map(([id]) => id), 'minutes', 'government_check'),
    {
      from: 'government_check',
      to: 'government_approval',
      condition: { field: 'areaHectares', op: '>', value: YANGZHOU_GOVERNMENT_AREA_HECTARES },
    },
    {
      from: 'government_check',
      to: 'government_approval',
      condition: { field: 'needsGovernmentApproval', op: '==', value: true },
    },
    { from: 'government_check', to: 'certificate', default: true },
    ...chain('government_approval', 'certificate', 'fee', 'director_sign', 'delivery', 'archive', 'end'),
  ],
});
export const YANGZHOU_PROMISED_WORKING_DAYS = 20;

const KCKF = 'KCKF'; // 矿产开发管理司

/** 国土资源部 采矿权 (mining right) approval: 窗口受理 → 采矿权管理处 → 审核 → 司领导 → 制证 → 发证 → 归档. */
export const MLR_MINING_RIGHT: ProcessDefinition = ProcessDefinition.parse({
  id: 'mlr-mining-right',
  name: '采矿权审批（国土资源部）',
  nodes: [
    gateway('start', 'start'),
    step('intake', {
      name: '窗口受理',
      kind: 'intake',
      assignee: role('window_clerk'),
      limit: days(0),
      label: '窗口',
    }),
    step('handle', {
      name: '采矿权管理处承办',
      kind: 'handle',
      assignee: office('CK', KCKF),
      limit: days(10),
      actions: { returnToApplicant: true },
    }),
    step('review', {
      name: '处领导审核',
      kind: 'review',
      assignee: { type: 'picked' },
      limit: days(4),
      label: '处领导',
      actions: { returnTo: ['handle'] },
    }),
    step('approve', {
      name: '司领导批准',
      kind: 'approve',
      assignee: role('leader', KCKF),
      limit: days(3),
      label: '司领导',
      actions: { returnTo: ['handle', 'review'], deny: true },
    }),
    step('certificate', { name: '制证', kind: 'certificate', assignee: office('CK', KCKF), limit: days(1) }),
    step('delivery', {
      name: '窗口发证',
      kind: 'delivery',
      assignee: role('window_clerk'),
      limit: days(1),
      label: '窗口',
    }),
    step('archive', { name: '归档', kind: 'archive', assignee: office('CK', KCKF), limit: days(1) }),
    gateway('end', 'end'),
  ],
  edges: chain('start', 'intake', 'handle', 'review', 'approve', 'certificate', 'delivery', 'archive', 'end'),
});
export const MLR_MINING_PROMISED_WORKING_DAYS = 20;

/** accept → review → approve → deliver, with the step ids of the catalogue's provisional DEFAULT_PROCESS. */
export const DEFAULT_DEFINITION: ProcessDefinition = ProcessDefinition.parse({
  id: 'default',
  name: '通用流程',
  nodes: [
    gateway('start', 'start'),
    step('accept', {
      name: '受理',
      kind: 'intake',
      assignee: role('window_clerk'),
      limit: days(0),
      label: '窗口',
    }),
    step('review', {
      name: '审核',
      kind: 'review',
      assignee: role('reviewer'),
      limit: days(3),
      label: '承办处室',
      actions: { returnToApplicant: true },
    }),
    step('approve', {
      name: '批准',
      kind: 'approve',
      assignee: role('leader'),
      limit: days(1),
      label: '部门领导',
      actions: { returnTo: ['review'], deny: true },
    }),
    step('deliver', {
      name: '办结送达',
      kind: 'delivery',
      assignee: role('window_clerk'),
      limit: days(1),
      label: '窗口',
    }),
    gateway('end', 'end'),
  ],
  edges: chain('start', 'accept', 'review', 'approve', 'deliver', 'end'),
});

export const DEMO_DEFINITIONS: readonly ProcessDefinition[] = [
  YANGZHOU_LAND_SUPPLY,
  MLR_MINING_RIGHT,
  DEFAULT_DEFINITION,
];
