import { describe, expect, it } from 'vitest';
import { staffPrincipal } from '../../../test/factories.ts';
import type { Principal } from '../auth/principal.ts';
import { type CaseAction, type CaseScope, canOnCase, listScope } from './cases.policy.ts';

const CENTRE = 'c1';
const DEPT = 'd1';
const theCase: CaseScope = {
  centre_id: CENTRE,
  department_id: DEPT,
  applicant_id: 'a1',
  agent_id: 'a2',
  filed_by_account: 'acc1',
};

const who = (roles: string[], extra: Partial<Principal> = {}): Principal =>
  staffPrincipal({ staffId: 's', username: 'u', displayName: 'n', roles, centreId: CENTRE, ...extra });

const PRINCIPALS: Record<string, Principal> = {
  'clerk of the centre': who(['window_clerk']),
  'clerk of another centre': who(['window_clerk'], { centreId: 'c2' }),
  'clerk of the department window': who(['window_clerk'], { departmentId: DEPT }),
  'clerk of another department window': who(['window_clerk'], { departmentId: 'd2' }),
  'reviewer of the department': who(['reviewer'], { departmentId: DEPT }),
  'reviewer of another department': who(['reviewer'], { departmentId: 'd2' }),
  'leader of the department': who(['leader'], { departmentId: DEPT }),
  supervisor: who(['supervisor']),
  inspector: who(['inspector']),
  'inspector of another centre': who(['inspector'], { centreId: 'c2' }),
  'centre admin': who(['centre_admin']),
  'system admin': who(['system_admin'], { centreId: null }),
  'the applicant': who(['applicant'], { staffId: 'acc1', username: 'applicant:a1', centreId: null }),
  'the agent': who(['applicant'], { staffId: 'acc2', username: 'applicant:a2', centreId: null }),
  'another applicant': who(['applicant'], { staffId: 'acc3', username: 'applicant:a3', centreId: null }),
};

// [principal, read, receive, decide, supplement]
const TABLE: [string, boolean, boolean, boolean, boolean][] = [
  ['clerk of the centre', true, true, true, false],
  ['clerk of another centre', false, false, false, false],
  ['clerk of the department window', true, true, true, false],
  ['clerk of another department window', false, false, false, false],
  ['reviewer of the department', true, false, false, false],
  ['reviewer of another department', false, false, false, false],
  ['leader of the department', true, false, false, false],
  ['supervisor', true, false, false, false],
  ['inspector', true, false, false, false],
  ['inspector of another centre', false, false, false, false],
  ['centre admin', true, false, false, false],
  ['system admin', true, true, true, false],
  ['the applicant', true, false, false, true],
  ['the agent', true, false, false, false],
  ['another applicant', false, false, false, false],
];

describe('case policy', () => {
  const actions: CaseAction[] = ['read', 'receive', 'decide', 'supplement'];
  it.each(TABLE)('%s: read %s, receive %s, decide %s, supplement %s', (name, ...expected) => {
    const p = PRINCIPALS[name]!;
    expect(actions.map((a) => canOnCase(p, a, theCase))).toEqual(expected);
  });

  it('scopes case lists: centre-wide roles by centre, department roles by department', () => {
    expect(listScope(PRINCIPALS.supervisor!)).toEqual({ centreId: CENTRE });
    expect(listScope(PRINCIPALS['reviewer of the department']!)).toEqual({
      centreId: CENTRE,
      departmentIds: [DEPT],
    });
    expect(listScope(PRINCIPALS['clerk of the department window']!)).toEqual({
      centreId: CENTRE,
      departmentIds: [DEPT],
    });
    expect(listScope(PRINCIPALS['system admin']!)).toEqual({ centreId: null });
  });
});
