// Seeds the demo catalogue: 48 published items in five halls, with one item that has a history (Yiyang's
// mortgage registration, cut from 15 to 10 working days) and one draft. A few statements in one
// transaction: it runs in every test that builds an app.
import { systemActor } from '../../modules/audit/audit.log.ts';
import { changeWithLog } from '../../modules/audit/change.ts';
import {
  insertItems,
  type NewItem,
  writeDraft,
  writePublish,
} from '../../modules/catalogue/catalogue.write.ts';
import { checkContent } from '../../modules/catalogue/content.ts';
import type { AppDeps } from '../../server/context.ts';
import { DEMO_CENTRE_INFO, type DemoItem, demoContent } from './demo-catalogue-build.ts';
import { HN_ITEMS } from './demo-catalogue-hn.ts';
import { LOCAL_ITEMS } from './demo-catalogue-local.ts';
import { MLR_ITEMS } from './demo-catalogue-mlr.ts';

/** Every demo item; items without codes are numbered here, so the codes do not depend on load order. */
export const DEMO_ITEMS: DemoItem[] = [...MLR_ITEMS, ...HN_ITEMS, ...LOCAL_ITEMS].map((item, n) => {
  const serial = String(n + 1).padStart(4, '0');
  return item.code
    ? item
    : { ...item, code: `${item.centre}${item.dept}${serial}`, basic: `${item.type}${serial}` };
});

const DRAFT_ITEM: DemoItem = {
  centre: 'HN',
  dept: 'GS',
  code: 'HNGS9001',
  basic: '019001',
  name: '企业简易注销登记',
  type: '01',
  level: 2,
  statutory: [20, 'working_days'],
  promised: [3, 'working_days'],
  basis: '《中华人民共和国市场主体登记管理条例》第三十三条',
  conditions: '未发生债权债务或已将债权债务清偿完结，全体投资人书面承诺对上述情况的真实性承担法律责任。',
  result: '准予简易注销登记通知书',
  audiences: ['enterprise'],
  themes: ['企业注销'],
  materials: ['简易注销登记申请书', '全体投资人承诺书'],
};

export interface DemoOrgIds {
  /** Centre id by centre code. */
  centreIds: Map<string, string>;
  /** Department id by 'CENTRE/DEPT' code. */
  deptIds: Map<string, string>;
}

function toNewItem(item: DemoItem, ids: DemoOrgIds, publish: boolean): NewItem {
  const dept = (code: string) => {
    const id = ids.deptIds.get(`${item.centre}/${code}`);
    if (!id) throw new Error(`demo catalogue: no department ${item.centre}/${code}`);
    return id;
  };
  return {
    centreId: ids.centreIds.get(item.centre)!,
    basicCode: item.basic,
    implementationCode: item.code,
    content: demoContent(item, dept, DEMO_CENTRE_INFO[item.centre]!),
    publish,
  };
}

export async function seedDemoCatalogue(deps: AppDeps, ids: DemoOrgIds): Promise<number> {
  const items = DEMO_ITEMS.map((i) => toNewItem(i, ids, true));
  for (const i of items) {
    // The demo obeys the rules the API enforces (8-hour office days in every demo centre).
    const problems = checkContent(i.content, 8);
    if (problems.length)
      throw new Error(`demo item ${i.content.name}: ${problems.map((p) => p.en).join('; ')}`);
  }
  const mortgage = items.find((i) => i.content.name === '土地使用权抵押登记')!;
  const current = mortgage.content;
  // Version 1 is the promise before the reform; version 2 (published below) is today's.
  mortgage.content = { ...current, promisedLimit: { value: 15, unit: 'working_days', note: '' } };
  await changeWithLog(
    deps,
    systemActor('demo-seed'),
    async (trx, now) => {
      const written = await insertItems(trx, now, null, [...items, toNewItem(DRAFT_ITEM, ids, false)]);
      const first = written[items.indexOf(mortgage)]!;
      const v2 = await writeDraft(trx, now, null, first.itemId, current);
      await writePublish(trx, now, null, v2.versionId);
      return written.length;
    },
    (n) => ({
      action: 'catalogue.demo_seeded',
      targetType: 'catalogue',
      targetId: 'demo',
      payload: { items: n },
    }),
  );
  return items.length + 1;
}
