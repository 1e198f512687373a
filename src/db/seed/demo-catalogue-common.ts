// Shared builders of the demo catalogue data files.
import { type DemoItem, standardProcess } from './demo-catalogue-build.ts';

export type Spec = Pick<
  DemoItem,
  | 'centre'
  | 'dept'
  | 'name'
  | 'type'
  | 'level'
  | 'statutory'
  | 'promised'
  | 'basis'
  | 'result'
  | 'audiences'
  | 'themes'
  | 'materials'
> &
  Partial<DemoItem>;

/** An item whose codes are numbered when the list is assembled (demo-catalogue.ts). */
export const item = (s: Spec): DemoItem => ({
  code: '',
  basic: '',
  conditions: '申请人符合法律、法规规定的条件，申请材料齐全、符合法定形式。',
  process: standardProcess('承办科室', Math.max(1, Math.floor(s.promised[0] / 2))),
  ...s,
});

export const ID = {
  name: '申请人身份证明',
  copies: 1,
  originals: 0,
  standard: '身份证在有效期内，复印件清晰。',
};
export const LICENCE = { name: '营业执照副本', copies: 1, originals: 0 };
export const WD = 'working_days' as const;
export const biz: DemoItem['audiences'] = ['enterprise'];
export const people: DemoItem['audiences'] = ['natural_person', 'enterprise'];

export const disclosure = (centre: string, dept: string, level: number): DemoItem =>
  item({
    centre,
    dept,
    name: '政府信息公开申请',
    type: '20',
    level,
    statutory: [20, WD, '需要延长答复期限的，经政府信息公开工作机构负责人同意，可延长不超过20个工作日'],
    promised: [15, WD],
    basis: '《中华人民共和国政府信息公开条例》（国务院令第711号）第二十九条、第三十三条',
    conditions: '申请内容明确，能够指向特定的政府信息。',
    result: '政府信息公开申请答复书',
    audiences: ['natural_person', 'enterprise', 'social_organisation'],
    themes: ['政务公开'],
    channels: ['window', 'online', 'post'],
    materials: ['政府信息公开申请表', ID],
    visits: 0,
  });
