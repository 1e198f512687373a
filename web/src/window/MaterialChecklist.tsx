import { CheckOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Progress, Radio, Space, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import type { Schema } from '../api/types.ts';
import { upload } from '../api/upload.ts';
import { Kbd } from '../cases/labels.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type CaseMaterial = Schema<'CaseMaterial'>;
export type CheckStatus = 'ok' | 'missing' | 'defective' | 'mismatch';
export interface Check {
  status: CheckStatus | null;
  note: string;
  originalsReceived: number;
  copiesReceived: number;
}
export type Checks = Record<string, Check>;

export const checksFrom = (materials: CaseMaterial[]): Checks =>
  Object.fromEntries(
    materials.map((m) => [
      m.materialId,
      {
        status: m.status === 'pending' || m.status === 'deferred' ? null : m.status,
        note: m.note,
        originalsReceived: m.originalsReceived,
        copiesReceived: m.copiesReceived,
      },
    ]),
  );

/** Every material ok with the paper the catalogue asks for (the clerk's usual case). */
export const allOk = (materials: CaseMaterial[]): Checks =>
  Object.fromEntries(
    materials.map((m) => [
      m.materialId,
      { status: 'ok', note: '', originalsReceived: m.originalsRequired, copiesReceived: m.copiesRequired },
    ]),
  );

const STATUSES: CheckStatus[] = ['ok', 'missing', 'defective', 'mismatch'];
const needsFile = (m: CaseMaterial, channel: string) =>
  m.form === 'electronic' || m.form === 'both' || channel === 'online' || channel === 'mobile';

function UploadCell({
  caseId,
  material,
  onUploaded,
}: {
  caseId: string;
  material: CaseMaterial;
  onUploaded: (version: number) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      const r = await upload(
        '/api/v1/intake/applications/{id}/materials/{materialId}/files',
        { file },
        { path: { id: caseId, materialId: material.materialId }, onProgress: setProgress },
      );
      onUploaded(r.version);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="window-upload">
      {material.files.map((f) => (
        <div key={f.id} className="small" data-testid="material-file">
          {f.filename} <span className="muted">({Math.ceil(f.size / 1024)} KB)</span>
        </div>
      ))}
      <input
        ref={input}
        type="file"
        hidden
        data-testid={`upload-${material.materialId}`}
        accept=".pdf,.jpg,.jpeg,.png,.ofd,.doc,.docx,.xls,.xlsx"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void send(file);
        }}
      />
      <Button size="small" icon={<UploadOutlined />} onClick={() => input.current?.click()}>
        {t('window.materials.upload')}
      </Button>
      {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" />}
      <ErrorAlert error={error} />
    </div>
  );
}

/** 材料核验: one row per material of the item version; status, paper received, note, electronic copy. */
export function MaterialChecklist({
  detail,
  checks,
  onChange,
  onAllOk,
  onUploaded,
  disabled,
}: {
  detail: Schema<'CaseDetail'>;
  checks: Checks;
  onChange: (materialId: string, check: Check) => void;
  onAllOk: () => void;
  onUploaded: (version: number) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const set = (m: CaseMaterial, patch: Partial<Check>) =>
    onChange(m.materialId, { ...checks[m.materialId]!, ...patch });

  return (
    <div className="window-materials">
      <Space className="block-gap">
        <Button icon={<CheckOutlined />} onClick={onAllOk} disabled={disabled} data-testid="materials-all-ok">
          {t('window.materials.allOk')} <Kbd keys="Alt+K" />
        </Button>
        <span className="muted">{t('window.materials.help')}</span>
      </Space>
      <Table<CaseMaterial>
        size="small"
        rowKey="materialId"
        pagination={false}
        scroll={{ x: 1000 }}
        dataSource={detail.materials}
        rowClassName={(m) => `material-row material-${checks[m.materialId]?.status ?? 'pending'}`}
        onRow={(m) => ({ 'data-testid': `material-${m.position}`, 'data-material': m.materialId }) as never}
        columns={[
          { title: '#', key: 'no', width: 44, render: (_: unknown, _m, i) => i + 1 },
          {
            title: t('window.materials.name'),
            dataIndex: 'name',
            width: 280,
            render: (name: string, m) => (
              <span>
                {name} {m.required ? null : <Tag>{t('window.materials.optional')}</Tag>}
                {m.deferrable && <Tag color="blue">{t('window.materials.deferrable')}</Tag>}
                {m.status === 'deferred' && <Tag color="orange">{m.statusLabel}</Tag>}
              </span>
            ),
          },
          {
            title: t('window.materials.paper'),
            key: 'paper',
            width: 190,
            render: (_: unknown, m) =>
              m.originalsRequired + m.copiesRequired === 0 ? (
                <span className="muted">—</span>
              ) : (
                <Space size={4}>
                  <InputNumber
                    size="small"
                    min={0}
                    max={99}
                    disabled={disabled}
                    aria-label={t('window.materials.originals')}
                    value={checks[m.materialId]?.originalsReceived}
                    onChange={(v) => set(m, { originalsReceived: Number(v ?? 0) })}
                    style={{ width: 56 }}
                  />
                  <span className="small muted">/{m.originalsRequired}</span>
                  <InputNumber
                    size="small"
                    min={0}
                    max={99}
                    disabled={disabled}
                    aria-label={t('window.materials.copies')}
                    value={checks[m.materialId]?.copiesReceived}
                    onChange={(v) => set(m, { copiesReceived: Number(v ?? 0) })}
                    style={{ width: 56 }}
                  />
                  <span className="small muted">/{m.copiesRequired}</span>
                </Space>
              ),
          },
          {
            title: t('window.materials.status'),
            key: 'status',
            width: 300,
            render: (_: unknown, m) => (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Radio.Group
                  size="small"
                  optionType="button"
                  disabled={disabled}
                  value={checks[m.materialId]?.status}
                  onChange={(e) => set(m, { status: e.target.value as CheckStatus })}
                  options={STATUSES.map((s) => ({ value: s, label: t(`window.status.${s}`) }))}
                />
                {(checks[m.materialId]?.status === 'defective' ||
                  checks[m.materialId]?.status === 'mismatch') && (
                  <Input
                    size="small"
                    disabled={disabled}
                    placeholder={t('window.materials.note')}
                    aria-label={t('window.materials.note')}
                    value={checks[m.materialId]?.note}
                    onChange={(e) => set(m, { note: e.target.value })}
                    maxLength={1000}
                  />
                )}
              </Space>
            ),
          },
          {
            title: t('window.materials.electronic'),
            key: 'files',
            width: 200,
            render: (_: unknown, m) =>
              needsFile(m, detail.channel) || m.files.length ? (
                <UploadCell caseId={detail.id} material={m} onUploaded={onUploaded} />
              ) : (
                <span className="muted">—</span>
              ),
          },
        ]}
      />
    </div>
  );
}
