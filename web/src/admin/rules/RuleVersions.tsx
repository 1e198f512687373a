import { Card, Table } from 'antd';
import type { Schema } from '../../api/types.ts';
import { useI18n } from '../../i18n/useI18n.ts';

type Version = Schema<'RuleSetVersion'>;

/** The saved versions of the centre's rule set, newest first (version 0 is the built-in default). */
export function RuleVersions({
  versions,
  loading,
}: {
  versions: Version[] | null | undefined;
  loading: boolean;
}) {
  const { t, dateTime } = useI18n();
  return (
    <Card size="small" title={t('rules.versions')} className="block-gap">
      <Table<Version>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={versions ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('rules.versions.none') }}
        columns={[
          { title: t('rules.version'), dataIndex: 'version', width: 70, render: (n: number) => `v${n}` },
          {
            title: t('rules.savedAt'),
            dataIndex: 'created_at',
            width: 170,
            render: (d: string) => dateTime(d),
          },
          { title: t('rules.note'), dataIndex: 'note', render: (n: string) => n || '—' },
          {
            title: t('rules.summary'),
            render: (_, v) =>
              t('rules.summary.text', {
                rules: v.rule_set.rules.length,
                days: v.rule_set.thresholds.yellowRemainingWorkingDays,
                reply: v.rule_set.replyWithinWorkingDays,
              }),
          },
        ]}
      />
    </Card>
  );
}
