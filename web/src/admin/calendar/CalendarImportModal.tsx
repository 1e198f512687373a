import { Alert, Descriptions, Form, Select } from 'antd';
import { useState } from 'react';
import type { Answer } from '../../api/client.ts';
import { upload } from '../../api/upload.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FileImportModal } from '../shared/FileImportModal.tsx';
import { options, useCentres } from '../shared/useOrg.ts';

type Result = Answer<'/api/v1/calendar/import', 'post'>;

/**
 * Imports a calendar file: JSON (a list of {date, isOffDay, name}) or iCalendar (.ics). Without a centre
 * it sets national years; with one, that centre's local days off. Shows what was imported.
 */
export function CalendarImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t, lang } = useI18n();
  const centres = useCentres();
  const [centreId, setCentreId] = useState<string>();
  return (
    <FileImportModal<Result>
      title={t('calendar.import')}
      submitText={t('calendar.import.submit')}
      open={open}
      onClose={onClose}
      accept=".json,.ics,application/json,text/calendar"
      label={t('calendar.import.file')}
      help={t('calendar.import.help')}
      send={async (file, onProgress) =>
        upload(
          '/api/v1/calendar/import',
          { format: /\.ics$/i.test(file.name) ? 'ics' : 'json', content: await file.text(), centreId },
          { encoding: 'json', onProgress },
        )
      }
      onImported={onImported}
      result={(result) => (
        <Alert
          type="success"
          showIcon
          title={t('calendar.import.done')}
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('calendar.import.scope')}>
                {t(`calendar.scope.${result.scope}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.years')}>
                {result.years.join(lang === 'zh' ? '、' : ', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.days')}>{result.days}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
    >
      <Form.Item label={t('org.centre')} extra={t('calendar.import.centreHelp')}>
        <Select
          allowClear
          placeholder={t('calendar.centre.national')}
          value={centreId}
          onChange={setCentreId}
          options={options(centres.data)}
        />
      </Form.Item>
    </FileImportModal>
  );
}
