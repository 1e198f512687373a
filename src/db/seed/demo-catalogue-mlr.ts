// The Ministry of Land and Resources hall: five classes of items (seed 000) — land pre-examination and
// approval, exploration rights, mining rights (20 materials), geological survey qualifications.
import { MLR_MINING_RIGHT } from '../../core/process/demo-definitions.ts';
import { chain } from '../../modules/catalogue/process.ts';
import { type DemoItem, type DemoMaterial, standardProcess, step } from './demo-catalogue-build.ts';

const MINERAL_LAW = '《中华人民共和国矿产资源法》第三条、第十二条';
const EXPLORE = `${MINERAL_LAW}；《矿产资源勘查区块登记管理办法》（国务院令第240号）第四条、第八条`;
const MINING = `${MINERAL_LAW}；《矿产资源开采登记管理办法》（国务院令第241号）第三条、第六条`;
const forty: DemoItem['statutory'] = [40, 'working_days', '登记管理机关自收到申请之日起40日内作出决定'];
const company = ['enterprise'] as DemoItem['audiences'];

const APPLICANT: DemoMaterial[] = [
  { name: '营业执照副本', copies: 1, originals: 0, standard: '在有效期内，与申请人名称一致。' },
  { name: '法定代表人身份证明', copies: 1, originals: 0 },
  { name: '授权委托书及经办人身份证', deferrable: true },
];

/** The 20 materials a mining-right application needs (seed 000). */
const MINING_MATERIALS: (string | DemoMaterial)[] = [
  {
    name: '采矿权申请登记书',
    electronic: true,
    standard: '按规定格式填写并加盖公章，坐标与矿区范围图一致。',
  },
  { name: '矿区范围图（附拐点坐标）', electronic: true },
  { name: '划定矿区范围批复文件', issuer: '登记管理机关' },
  ...APPLICANT,
  { name: '矿产资源开发利用方案及审查意见', electronic: true },
  { name: '矿山地质环境保护与土地复垦方案及审查意见', electronic: true },
  { name: '矿产资源储量评审意见书及备案证明', issuer: '储量评审机构', source: 'intermediary' },
  { name: '环境影响评价批复文件', issuer: '生态环境主管部门' },
  { name: '采矿权出让合同', issuer: '登记管理机关' },
  { name: '采矿权价款（出让收益）缴纳凭证', copies: 1 },
  { name: '安全预评价报告及备案文件', source: 'intermediary', issuer: '安全评价机构' },
  { name: '项目核准（备案）文件', issuer: '投资主管部门' },
  { name: '地质勘查报告', electronic: true },
  { name: '勘查许可证（探矿权转采矿权时提交）', optional: true, issuer: '登记管理机关' },
  { name: '用地预审意见或土地权属证明', issuer: '自然资源主管部门' },
  { name: '矿山企业章程', copies: 1, originals: 0 },
  { name: '资金来源证明', optional: true },
  { name: '申请人资信证明', issuer: '开户银行' },
];

const exploration = (code: string, kind: string, extra: string[]): DemoItem => ({
  centre: 'MLR',
  dept: 'KCKF',
  code: `MLR0102${code}`,
  basic: `0102${code}`,
  name: `探矿权${kind}登记`,
  type: '01',
  level: 1,
  statutory: forty,
  promised: [30, 'working_days'],
  basis: EXPLORE,
  conditions: '申请人为依法设立的企业；勘查区块不与已设置的矿业权重叠；勘查实施方案经审查通过。',
  result: `矿产资源勘查许可证（${kind}）`,
  audiences: company,
  themes: ['矿产资源', '探矿权'],
  fee: {
    standard: '探矿权使用费：第一至第三个勘查年度每平方公里每年100元，以后每年增加100元',
    basis: '《矿产资源勘查区块登记管理办法》第十二条',
  },
  materials: [{ name: `探矿权${kind}申请登记书`, electronic: true }, ...APPLICANT, ...extra],
  process: standardProcess('探矿权管理处', 20),
  visits: 1,
});

const mining = (code: string, kind: string, extra: (string | DemoMaterial)[]): DemoItem => ({
  ...exploration(code, kind, []),
  code: `MLR0103${code}`,
  basic: `0103${code}`,
  name: `采矿权${kind}登记`,
  basis: MINING,
  conditions: '申请人具备与开采规模相适应的资金、技术和设备；矿区范围已经划定；开发利用方案等已经审查通过。',
  result: `采矿许可证（${kind}）`,
  themes: ['矿产资源', '采矿权'],
  fee: {
    standard: '采矿权使用费：按矿区范围面积每平方公里每年1000元',
    basis: '《矿产资源开采登记管理办法》第九条',
  },
  materials: [{ name: `采矿权${kind}申请登记书`, electronic: true }, ...APPLICANT, ...extra],
  process: MLR_MINING_RIGHT,
});

export const MLR_ITEMS: DemoItem[] = [
  {
    centre: 'MLR',
    dept: 'GDBH',
    code: 'MLR01010001',
    basic: '01010001',
    name: '建设项目用地预审',
    type: '01',
    level: 1,
    statutory: [20, 'working_days', '自受理之日起20日内完成预审'],
    promised: [15, 'working_days'],
    basis: '《中华人民共和国土地管理法》第五十二条；《建设项目用地预审管理办法》（国土资源部令第68号）第十条',
    conditions: '建设项目符合土地利用总体规划，符合国家供地政策和土地管理法律、法规规定的条件。',
    result: '建设项目用地预审意见',
    audiences: ['enterprise', 'government'],
    themes: ['建设用地', '投资项目'],
    materials: [
      { name: '建设项目用地预审申请表', electronic: true },
      '建设项目用地预审申请报告',
      { name: '省级自然资源主管部门初审意见', issuer: '省级自然资源主管部门' },
      { name: '项目建设依据（项目建议书批复或核准、备案文件）', issuer: '投资主管部门' },
      { name: '标注项目用地范围的土地利用总体规划图', electronic: true },
      { name: '占用永久基本农田的补划方案', optional: true },
    ],
    process: standardProcess('用地预审处', 10),
  },
  {
    centre: 'MLR',
    dept: 'GDBH',
    code: 'MLR01010002',
    basic: '01010002',
    name: '建设用地审批（单独选址项目）',
    type: '01',
    level: 1,
    statutory: [20, 'working_days'],
    promised: [20, 'working_days', '不含报国务院审批时间'],
    basis: '《中华人民共和国土地管理法》第四十四条、第四十六条；《建设用地审查报批管理办法》',
    conditions: '已通过用地预审；农用地转用、补充耕地和征收土地方案已经省级人民政府审核同意。',
    result: '建设用地批复文件',
    audiences: ['government'],
    themes: ['建设用地', '投资项目'],
    channels: ['window', 'online'],
    materials: [
      '省级人民政府请示文件',
      '建设用地呈报说明书',
      '农用地转用方案',
      '补充耕地方案',
      '征收土地方案',
      { name: '建设项目用地预审意见', issuer: '自然资源部' },
      { name: '勘测定界图及勘测定界技术报告', source: 'intermediary' },
      '地籍资料或土地权属证明',
      { name: '征地补偿安置费用落实情况说明', deferrable: true },
      '社会稳定风险评估报告',
    ],
    process: standardProcess('建设用地审批处', 12),
    visits: 0,
  },
  exploration('0001', '新立', ['勘查实施方案及审查意见', '勘查区块范围图', '勘查项目资金证明']),
  exploration('0002', '延续', ['原勘查许可证', '勘查工作进展报告']),
  exploration('0003', '变更', ['原勘查许可证', '变更事项说明及证明文件']),
  exploration('0004', '保留', ['原勘查许可证', '勘查报告及评审意见']),
  exploration('0005', '注销', ['原勘查许可证', '勘查项目完成报告或终止说明']),
  { ...mining('0001', '新立', []), materials: MINING_MATERIALS },
  mining('0002', '延续', ['原采矿许可证', '矿山储量年报', '采矿权使用费缴纳凭证']),
  mining('0003', '变更（转让）', ['原采矿许可证', '采矿权转让合同', '受让人资质条件说明']),
  mining('0004', '注销', ['原采矿许可证', '闭坑地质报告及审查意见']),
  {
    centre: 'MLR',
    dept: 'DZKC',
    code: 'MLR01040001',
    basic: '01040001',
    name: '地质勘查资质审批',
    type: '01',
    level: 1,
    statutory: [20, 'working_days', '自受理之日起20日内作出决定'],
    promised: [15, 'working_days'],
    basis: '《地质勘查资质管理条例》（国务院令第520号）第五条、第十条',
    conditions: '具有独立法人资格；有与所申请资质类别和资格等级相适应的技术人员、设备和质量管理体系。',
    result: '地质勘查资质证书',
    audiences: company,
    themes: ['地质勘查', '资质资格'],
    materials: [
      { name: '地质勘查资质申请书', electronic: true },
      ...APPLICANT,
      { name: '技术人员名单及资格证书', electronic: true, situations: ['新立', '延续'] },
      { name: '主要设备清单', situations: ['新立', '延续'] },
      { name: '质量管理体系文件', situations: ['新立'] },
      { name: '原地质勘查资质证书', situations: ['延续', '变更'] },
      { name: '变更事项证明文件', situations: ['变更'] },
    ],
    process: chain([
      step('accept', '窗口受理', '部行政服务大厅', 'window_clerk', 0),
      step('review', '资质审查', '资质管理处', 'reviewer', 8),
      step('expert', '专家评审', '地质勘查资质评审专家组', 'external'),
      step('approve', '司领导批准', '地质勘查司司领导', 'leader', 3),
      step('deliver', '发证', '部行政服务大厅', 'window_clerk', 2),
    ]),
  },
];
