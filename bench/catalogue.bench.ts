/**
 * Public guide listing and search with 5,000 published items, through the app in-process
 * (app.request), on PGlite and — when TEST_DATABASE_URL or DATABASE_URL is set — on PostgreSQL
 * (a temporary database, dropped afterwards). Target: p95 < 20 ms.
 * Run: npm run bench:catalogue   (or: node bin/run-ts.js bench/catalogue.bench.ts)
 */
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { systemActor } from '../src/modules/audit/audit.log.ts';
import { changeWithLog } from '../src/modules/audit/change.ts';
import type { ItemContent } from '../src/modules/catalogue/catalogue.schemas.ts';
import { insertItems, type NewItem } from '../src/modules/catalogue/catalogue.write.ts';
import { createApp } from '../src/server/app.ts';
import type { AppDeps } from '../src/server/context.ts';
import { systemTime } from '../src/shared/time.ts';
import { createTestDatabase } from '../test/db.ts';

const ITEMS = 5_000;
const REQUESTS = 300;
const VERBS = ['设立', '变更', '延续', '注销', '核准', '审批', '备案', '登记', '许可', '确认'];
const OBJECTS = [
  '建设用地',
  '采矿权',
  '探矿权',
  '食品经营',
  '药品零售',
  '道路运输',
  '排污',
  '取水',
  '林木采伐',
  '建筑施工',
  '特种设备',
  '医疗机构',
  '民办学校',
  '出版物经营',
  '燃气经营',
  '广告发布',
  '档案查询',
  '社会团体',
  '户外广告',
  '不动产',
];
const THEMES = ['投资项目', '企业开办', '不动产登记', '生态环境', '社会事业'];

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function seedItems(deps: AppDeps) {
  const depts = await deps.db.selectFrom('departments').select(['id', 'centre_id']).execute();
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const items: NewItem[] = Array.from({ length: ITEMS }, (_, i) => {
    const d = pick(depts);
    const content: ItemContent = {
      name: `${pick(OBJECTS)}${pick(VERBS)}${i % 7 === 0 ? '（简易程序）' : ''}`,
      itemType: '01',
      exerciseLevel: 3,
      departmentId: d.id,
      legalBasis: '《中华人民共和国行政许可法》',
      statutoryLimit: { value: 20, unit: 'working_days', note: '' },
      promisedLimit: { value: 10, unit: 'working_days', note: '' },
      handlingType: 'promised',
      conditions: '',
      procedureText: '',
      isJoint: false,
      leadDepartmentId: null,
      jointAgencies: [],
      intermediaryServices: '',
      quantityLimit: '',
      resultName: '许可证',
      resultSampleFileId: null,
      fee: { charged: false, standard: '', basis: '', waiver: '' },
      audiences: [rand() < 0.5 ? 'natural_person' : 'enterprise'],
      themes: [pick(THEMES)],
      channels: rand() < 0.3 ? ['window'] : ['window', 'online'],
      appointment: false,
      onlinePayment: false,
      expressDelivery: false,
      place: '',
      hours: '',
      consultPhone: '',
      supervisionPhone: '',
      faqs: [],
      visits: 1,
      processDefinition: null,
      materials: [
        {
          name: '申请书',
          situations: [],
          issuer: '',
          originals: 1,
          copies: 0,
          required: true,
          deferrable: false,
          form: 'paper',
          source: 'applicant',
          blankFormFileId: null,
          sampleFileId: null,
          fillNotes: '',
          acceptanceStandard: '',
        },
      ],
    };
    return {
      centreId: d.centre_id,
      basicCode: `B${i}`,
      implementationCode: `BENCH${String(i).padStart(5, '0')}`,
      content,
      publish: true,
    };
  });
  await changeWithLog(
    deps,
    systemActor('bench'),
    (trx, now) => insertItems(trx, now, null, items),
    () => ({ action: 'bench.seeded', targetType: 'bench', targetId: 'catalogue' }),
  );
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(app: ReturnType<typeof createApp>, paths: () => string) {
  for (let i = 0; i < 20; i++) await app.request(paths()); // warm-up
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const path = paths();
    const t0 = performance.now();
    const res = await app.request(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function run(kind: DatabaseKind) {
  const database = await createTestDatabase(kind);
  try {
    const deps: AppDeps = {
      database,
      db: database.db,
      time: systemTime,
      config: loadConfig({}),
      logger: pino({ level: 'silent' }),
    };
    await seedDemo(deps);
    const t0 = performance.now();
    await seedItems(deps);
    console.log(`${kind}: seeded ${ITEMS} items in ${Math.round(performance.now() - t0)} ms`);
    const app = createApp(deps);
    const rand = rng(11);
    const depts = await deps.db.selectFrom('departments').select('id').execute();
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const q = (s: string) => `/api/v1/guide/items?q=${encodeURIComponent(s)}`;
    const cases: [string, () => string][] = [
      ['list (page 1..20)', () => `/api/v1/guide/items?page=${1 + Math.floor(rand() * 20)}`],
      ['list by department', () => `/api/v1/guide/items?departmentId=${pick(depts).id}`],
      [
        'list by theme + channel',
        () => `/api/v1/guide/items?theme=${encodeURIComponent(pick(THEMES))}&channel=online`,
      ],
      ['search Chinese', () => q(pick(OBJECTS).slice(0, 2))],
      ['search two words', () => q(`${pick(OBJECTS)} ${pick(VERBS)}`)],
      ['search pinyin', () => q(pick(['jianshe', 'caikuang', 'shipin', 'yaopin', 'budongchan', 'paiwu']))],
      ['search initials', () => q(pick(['jsyd', 'ckq', 'spjy', 'bdc', 'tsb']))],
    ];
    for (const [name, paths] of cases) {
      const { p50, p95 } = await measure(app, paths);
      console.log(
        `${kind.padEnd(8)} ${name.padEnd(26)} p50 ${p50.toFixed(2).padStart(6)} ms   p95 ${p95.toFixed(2).padStart(6)} ms ${p95 < 20 ? 'ok' : 'OVER 20 ms'}`,
      );
    }
  } finally {
    await database.close();
  }
}

if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
await run('pglite');
if (process.env.TEST_DATABASE_URL) await run('postgres');
else console.log('PostgreSQL skipped (set TEST_DATABASE_URL or DATABASE_URL)');
