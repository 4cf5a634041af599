import type { EnvironmentId } from '../../../shared/domain/environment';
import type { Handlers } from '../ipc-dispatch';
import type { LabelPrinter } from '../printing/label-printer';
import type { ChooseSavePath } from '../save-file';
import type { WeightCheck } from '../weight/weight-check';
import type { LabelService } from './label-service';
import type { LabelStore } from './label-store';
import type { RecentRecipients } from './recent-recipients';
import { saveLabelAs } from './save-as';

export interface LabelHandlersDeps {
  labelService: LabelService;
  labelStore: LabelStore;
  printer: Pick<LabelPrinter, 'autoPrint'>;
  chooseSavePath: ChooseSavePath;
  recentRecipients: RecentRecipients;
  /** The environment new labels are created in (recent recipients are offered from it). */
  activeEnvironment: () => EnvironmentId;
  /** Refuses an implausible parcel weight the operator did not confirm (weight_implausible). */
  weights: Pick<WeightCheck, 'assertPlausible'>;
}

/** New label (exactly once, then auto-print), requests in doubt, history, a label's document. */
export function labelHandlers({
  labelService,
  labelStore,
  printer,
  chooseSavePath,
  recentRecipients,
  activeEnvironment,
  weights,
}: LabelHandlersDeps) {
  return {
    'labels:create': async ({ draft, another, confirmDuplicateOf, weightConfirmed }) => {
      weights.assertPlausible(draft, weightConfirmed);
      return printer.autoPrint(await labelService.create(draft, { another, confirmDuplicateOf }));
    },
    'labels:resolve': ({ idempotencyKey }) => labelService.resolve(idempotencyKey),
    'labels:unresolved': async () => labelService.unresolved(),
    'labels:history': async (query) => labelStore.page(query),
    'labels:get': async ({ id }) => labelService.get(id),
    'labels:draftOf': async ({ id }) => labelService.draftOf(id),
    'labels:recentRecipients': async ({ text }) => recentRecipients.find(activeEnvironment(), text),
    'labels:document': async ({ id }) => {
      const doc = await labelService.document(id);
      return { format: doc.format, base64: doc.bytes.toString('base64') };
    },
    'labels:saveAs': ({ id }) => saveLabelAs({ labelService, chooseSavePath }, id),
  } satisfies Partial<Handlers>;
}
