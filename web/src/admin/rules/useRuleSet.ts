import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { useQuery } from '../../hooks/useQuery.ts';

export type RuleSet = Schema<'SupervisionRuleSet'>;
export type Rule = RuleSet['rules'][number];

/**
 * The centre whose rules are shown (my own; a system administrator picks one), the rule set in force and
 * its saved versions, and `save`, which appends a version.
 */
export function useRuleSet() {
  const { me } = useAuth();
  const [picked, setPicked] = useState<string>();
  const centreId = me.centreId ?? picked;
  const current = useQuery(
    async (signal) =>
      centreId ? api.get('/api/v1/supervision/rule-set', { query: { centreId }, signal }) : null,
    [centreId],
  );
  const versions = useQuery(
    async (signal) =>
      centreId ? api.get('/api/v1/supervision/rule-set/versions', { query: { centreId }, signal }) : null,
    [centreId],
  );
  const save = async (ruleSet: RuleSet, note: string) => {
    if (!centreId) return;
    await api.put('/api/v1/supervision/rule-set', { body: { centreId, itemId: null, ruleSet, note } });
    current.reload();
    versions.reload();
  };
  return { centreId, pickCentre: me.centreId ? null : setPicked, current, versions, save };
}
