import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import type { HistoryExport, HistoryFilter } from '../../../shared/domain/labels';
import type { TimeFormat } from '../../../shared/domain/time-format';
import { CSV_FORMULA_START } from '../batch/batch-service';
import { StationError } from '../errors';
import { t } from '../i18n';
import { saveWhereChosen, type ChooseSavePath } from '../save-file';
import type { HistoryRow, LabelStore } from './label-store';

export interface HistoryExportDeps {
  labelStore: Pick<LabelStore, 'exportPage'>;
  chooseSavePath: ChooseSavePath;
  /** The station's clock and format (electron/core/station.ts `times`): every time in the file is local. */
  times: TimeFormat;
  now?: () => number;
}

/** Labels read from the database per step; the event loop runs between steps. */
const PAGE = 1_000;

/** The columns, in order: each heading's key in the `exports` namespace, and the cell of a label. */
function columns(times: TimeFormat): { heading: string; cell: (row: HistoryRow) => string }[] {
  const time = (at: number | null) => (at === null ? '' : times.dateTime(at));
  return [
    { heading: t('exports:history.column.createdAt'), cell: (r) => time(r.createdAt) },
    { heading: t('exports:history.column.createdAtIso'), cell: (r) => times.iso(r.createdAt) },
    { heading: t('exports:history.column.labelState'), cell: (r) => t(`exports:history.labelState.${r.status}`) },
    {
      heading: t('exports:history.column.trackingState'),
      // A refused label has no parcel to track: its tracking state stays empty.
      cell: (r) => (r.status === 'failed' ? '' : t(`tracking:tag.${r.trackingTag ?? 'untracked'}`)),
    },
    { heading: t('exports:history.column.trackingUpdatedAt'), cell: (r) => time(r.trackingUpdatedAt) },
    {
      heading: t('exports:history.column.printState'),
      cell: (r) => (r.status === 'failed' ? '' : t(`exports:history.printState.${r.print?.state ?? 'never'}`)),
    },
    { heading: t('exports:history.column.orderNumber'), cell: (r) => r.customerOrderNumber ?? '' },
    { heading: t('exports:history.column.platformOrderNumber'), cell: (r) => r.platformOrderNumber ?? '' },
    { heading: t('exports:history.column.trackingNumber'), cell: (r) => r.trackingNumber ?? '' },
    { heading: t('exports:history.column.courier'), cell: (r) => r.courier },
    { heading: t('exports:history.column.product'), cell: (r) => r.productCode ?? '' },
    { heading: t('exports:history.column.recipient'), cell: (r) => r.recipientName },
    { heading: t('exports:history.column.country'), cell: (r) => r.recipientCountry ?? '' },
    { heading: t('exports:history.column.city'), cell: (r) => r.recipientCity ?? '' },
    { heading: t('exports:history.column.postalCode'), cell: (r) => r.recipientPostalCode ?? '' },
    { heading: t('exports:history.column.environment'), cell: (r) => t(`exports:history.environment.${r.environment}`) },
    { heading: t('exports:history.column.labelId'), cell: (r) => r.id },
    { heading: t('exports:history.column.reason'), cell: (r) => r.errorMessage ?? '' },
  ];
}

/**
 * History's list as a CSV file: every label of the filter, newest first, written page by page
 * where the operator chooses. UTF-8 with a BOM (Excel then reads Japanese and Chinese right),
 * headings and states in the operator's language, local times, and every cell a spreadsheet
 * would run as a formula escaped as the batch results export does (CSV_FORMULA_START).
 */
export async function exportHistory(deps: HistoryExportDeps, filter: HistoryFilter): Promise<HistoryExport> {
  const now = deps.now ?? Date.now;
  const day = deps.times.iso(now()).slice(0, 10);
  let rows = 0;
  const result = await saveWhereChosen(deps.chooseSavePath, `label-history-${day}.csv`, async (path) => {
    const cols = columns(deps.times);
    const unparse = (data: string[][]) => Papa.unparse(data, { escapeFormulae: CSV_FORMULA_START });
    let file;
    try {
      file = await open(path, 'w');
      await file.write(`\uFEFF${unparse([cols.map((c) => c.heading)])}\r\n`);
      let cursor: string | null = null;
      do {
        const page = await deps.labelStore.exportPage(filter, cursor, PAGE);
        if (page.items.length) await file.write(`${unparse(page.items.map((row) => cols.map((c) => c.cell(row))))}\r\n`);
        rows += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
    } catch (error) {
      if (error instanceof StationError) throw error;
      throw new StationError('history_export_failed', t('exports:history.failed', { reason: (error as Error).message }), { path });
    } finally {
      await file?.close();
    }
  });
  return { ...result, rows };
}
