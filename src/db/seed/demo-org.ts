// Demo organisation, drawn from the halls described in the project's source reports: the Ministry of
// Land and Resources hall, a provincial centre (Hainan), a city centre (Jincheng) and two city land
// bureaus (Yangzhou, Yiyang). Demo data only.

export const DEMO_REGIONS = [
  { code: '100000', name: '中华人民共和国', level: 1, parent: null },
  { code: '320000', name: '江苏省', level: 2, parent: '100000' },
  { code: '321000', name: '扬州市', level: 3, parent: '320000' },
  { code: '321002', name: '广陵区', level: 4, parent: '321000' },
  { code: '430000', name: '湖南省', level: 2, parent: '100000' },
  { code: '430900', name: '益阳市', level: 3, parent: '430000' },
  { code: '430902', name: '资阳区', level: 4, parent: '430900' },
  { code: '140000', name: '山西省', level: 2, parent: '100000' },
  { code: '140500', name: '晋城市', level: 3, parent: '140000' },
  { code: '140502', name: '晋城市城区', level: 4, parent: '140500' },
  { code: '460000', name: '海南省', level: 2, parent: '100000' },
  { code: '460100', name: '海口市', level: 3, parent: '460000' },
] as const;

interface DemoDepartment {
  code: string;
  name: string;
  offices: { code: string; name: string }[];
}

export interface DemoCentre {
  code: string;
  name: string;
  region: string;
  windows: number;
  departments: DemoDepartment[];
}

export const DEMO_CENTRES: DemoCentre[] = [
  {
    code: 'MLR',
    name: '国土资源部行政服务大厅',
    region: '100000',
    windows: 4,
    departments: [
      {
        code: 'GDBH',
        name: '耕地保护司',
        offices: [
          { code: 'YS', name: '用地预审处' },
          { code: 'SP', name: '建设用地审批处' },
        ],
      },
      {
        code: 'KCKF',
        name: '矿产开发管理司',
        offices: [
          { code: 'CK', name: '采矿权管理处' },
          { code: 'TK', name: '探矿权管理处' },
        ],
      },
      { code: 'DZKC', name: '地质勘查司', offices: [{ code: 'ZZ', name: '资质管理处' }] },
      { code: 'CHCZ', name: '规划司', offices: [{ code: 'GH', name: '规划处' }] },
    ],
  },
  {
    code: 'HN',
    name: '海南省政务服务中心',
    region: '460000',
    windows: 6,
    departments: [
      { code: 'GS', name: '海南省工商行政管理局', offices: [{ code: 'DJ', name: '企业注册登记处' }] },
      { code: 'FGW', name: '海南省发展和改革委员会', offices: [{ code: 'TZ', name: '投资处' }] },
      { code: 'ZJ', name: '海南省质量技术监督局', offices: [{ code: 'JL', name: '计量处' }] },
      { code: 'ZJT', name: '海南省住房和城乡建设厅', offices: [{ code: 'JZ', name: '建筑市场监管处' }] },
    ],
  },
  {
    code: 'JC',
    name: '晋城市政务服务中心',
    region: '140500',
    windows: 4,
    departments: [
      { code: 'GT', name: '晋城市国土资源局', offices: [{ code: 'DJ', name: '地籍科' }] },
      { code: 'HB', name: '晋城市环境保护局', offices: [{ code: 'SP', name: '审批科' }] },
    ],
  },
  {
    code: 'YZ',
    name: '扬州市国土资源局政务服务窗口',
    region: '321000',
    windows: 2,
    departments: [
      {
        code: 'GT',
        name: '扬州市国土资源局',
        offices: [
          { code: 'LY', name: '利用处' },
          { code: 'DJ', name: '地籍处' },
          { code: 'CH', name: '测绘处' },
          { code: 'JG', name: '地价所' },
          { code: 'FG', name: '法规处' },
          { code: 'GD', name: '耕保处' },
          { code: 'JC', name: '监察支队' },
          { code: 'BGS', name: '办公室' },
        ],
      },
      { code: 'GH', name: '扬州市规划局', offices: [{ code: 'YD', name: '用地规划处' }] },
      { code: 'ZF', name: '扬州市人民政府', offices: [{ code: 'SP', name: '审批联络处' }] },
    ],
  },
  {
    code: 'YY',
    name: '益阳市国土资源局政务服务窗口',
    region: '430900',
    windows: 2,
    departments: [{ code: 'GT', name: '益阳市国土资源局', offices: [{ code: 'DJ', name: '登记发证科' }] }],
  },
];

export const DEMO_PASSWORD = 'onewindow-demo';

/** Demo accounts: username, name, roles, centre code, department code, office code. */
export const DEMO_STAFF = [
  { username: 'admin', name: '系统管理员', roles: ['system_admin'], centre: null, dept: null, office: null },
  {
    username: 'centre-admin',
    name: '中心管理员 王芳',
    roles: ['centre_admin'],
    centre: 'MLR',
    dept: null,
    office: null,
  },
  { username: 'clerk', name: '窗口 李明', roles: ['window_clerk'], centre: 'MLR', dept: null, office: null },
  { username: 'reviewer', name: '承办 张伟', roles: ['reviewer'], centre: 'MLR', dept: 'KCKF', office: 'CK' },
  {
    username: 'reviewer2',
    name: '审核 刘洋',
    roles: ['reviewer'],
    centre: 'MLR',
    dept: 'GDBH',
    office: 'YS',
  },
  { username: 'leader', name: '司长 陈静', roles: ['leader'], centre: 'MLR', dept: 'KCKF', office: null },
  {
    username: 'supervisor',
    name: '督办 赵磊',
    roles: ['supervisor'],
    centre: 'MLR',
    dept: null,
    office: null,
  },
  { username: 'inspector', name: '监察 孙丽', roles: ['inspector'], centre: 'MLR', dept: null, office: null },
  {
    username: 'hn-clerk',
    name: '窗口 黄海',
    roles: ['window_clerk'],
    centre: 'HN',
    dept: 'GS',
    office: null,
  },
  {
    username: 'yz-clerk',
    name: '窗口 周扬',
    roles: ['window_clerk'],
    centre: 'YZ',
    dept: null,
    office: null,
  },
  {
    username: 'yz-reviewer',
    name: '利用处 吴刚',
    roles: ['reviewer'],
    centre: 'YZ',
    dept: 'GT',
    office: 'LY',
  },
  { username: 'yz-leader', name: '局长 郑华', roles: ['leader'], centre: 'YZ', dept: 'GT', office: null },
  // Yangzhou offices for the land-supply flow (seed 003), the planning bureau, the city government's
  // account (an outside agency, YZ-GOV) and a second 利用处 reviewer as 吴刚's backup (AB角).
  {
    username: 'yz-reviewer2',
    name: '利用处 何静',
    roles: ['reviewer'],
    centre: 'YZ',
    dept: 'GT',
    office: 'LY',
  },
  { username: 'yz-dj', name: '地籍处 孙涛', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'DJ' },
  { username: 'yz-ch', name: '测绘处 钱进', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'CH' },
  { username: 'yz-jg', name: '地价所 冯丽', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'JG' },
  { username: 'yz-fg', name: '法规处 陈平', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'FG' },
  { username: 'yz-gd', name: '耕保处 朱敏', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'GD' },
  { username: 'yz-jc', name: '监察支队 许亮', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'JC' },
  { username: 'yz-bgs', name: '办公室 林红', roles: ['reviewer'], centre: 'YZ', dept: 'GT', office: 'BGS' },
  {
    username: 'yz-planning',
    name: '规划局 高远',
    roles: ['reviewer'],
    centre: 'YZ',
    dept: 'GH',
    office: 'YD',
  },
  {
    username: 'yz-gov',
    name: '市政府 审批专线',
    roles: ['reviewer'],
    centre: 'YZ',
    dept: 'ZF',
    office: 'SP',
  },
  {
    username: 'dz-reviewer',
    name: '资质管理处 马骏',
    roles: ['reviewer'],
    centre: 'MLR',
    dept: 'DZKC',
    office: 'ZZ',
  },
  {
    username: 'gh-reviewer',
    name: '规划处 宋洁',
    roles: ['reviewer'],
    centre: 'MLR',
    dept: 'CHCZ',
    office: 'GH',
  },
] as const;

/** Outside bodies steps can be assigned to, and the accounts that report for them. */
export const DEMO_AGENCIES = [
  { centre: 'YZ', code: 'YZ-GOV', name: '扬州市人民政府', members: ['yz-gov'] },
] as const;

/** AB角: the backup who acts while the first person is absent. */
export const DEMO_BACKUPS = [{ staff: 'yz-reviewer', backup: 'yz-reviewer2' }] as const;
