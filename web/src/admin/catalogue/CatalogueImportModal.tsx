import { Checkbox } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/errors.ts';
import { upload } from '../../api/upload.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FileImportModal } from '../shared/FileImportModal.tsx';
import { type ImportReport, ImportReportView } from './ImportReportView.tsx';

/** A 422 from the import carries the full report in its details. */
const reportOf = (e: unknown): ImportReport | null =>
  e instanceof ApiError && e.code === 'import_invalid' && e.details ? (e.details as ImportReport) : null;

/**
 * Imports the catalogue workbook (.xlsx with sheets 事项 and 材料, or .csv). Nothing is imported when a
 * row is wrong, unless "valid rows only" is ticked; either way the report lists every problem.
 */
export function CatalogueImportModal({
  open,
  onClose,
  onImported,
  centreId,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
  centreId?: string;
}) {
  const { t } = useI18n();
  const [partial, setPartial] = useState(false);
  return (
    <FileImportModal<ImportReport>
      title={t('catalogue.import')}
      submitText={t('catalogue.import.submit')}
      open={open}
      onClose={onClose}
      width={880}
      accept=".xlsx,.csv"
      help={t('catalogue.import.help')}
      hint={t('catalogue.import.formats')}
      send={(file, onProgress) =>
        upload(
          '/api/v1/catalogue/import',
          { file, partial: partial ? 'true' : 'false', centreId },
          { onProgress },
        )
      }
      rejected={reportOf}
      onImported={onImported}
      result={(report) => <ImportReportView report={report} />}
    >
      <Checkbox checked={partial} onChange={(e) => setPartial(e.target.checked)}>
        {t('catalogue.import.partial')}
      </Checkbox>
    </FileImportModal>
  );
}
