import { writeFile } from 'node:fs/promises';
import { saveWhereChosen, type ChooseSavePath } from '../save-file';
import type { LabelService } from './label-service';

/**
 * "Save as…" for a label: a copy of the stored document (downloaded once if needed, never
 * bought again) where the operator chooses, named after its tracking number, else its order
 * number, else its id.
 */
export async function saveLabelAs(
  deps: { labelService: Pick<LabelService, 'get' | 'document'>; chooseSavePath: ChooseSavePath },
  id: string,
) {
  const label = await deps.labelService.get(id);
  const doc = await deps.labelService.document(id);
  return saveWhereChosen(deps.chooseSavePath, `${label.trackingNumber ?? label.customerOrderNumber ?? label.id}.${doc.format}`, (target) =>
    writeFile(target, doc.bytes),
  );
}
