// The en catalogue: one JSON file per namespace (shared/i18n/namespaces.ts).
import common from './common.json' with { type: 'json' };
import shell from './shell.json' with { type: 'json' };
import onboarding from './onboarding.json' with { type: 'json' };
import status from './status.json' with { type: 'json' };
import labels from './labels.json' with { type: 'json' };
import batch from './batch.json' with { type: 'json' };
import history from './history.json' with { type: 'json' };
import scan from './scan.json' with { type: 'json' };
import settings from './settings.json' with { type: 'json' };
import printing from './printing.json' with { type: 'json' };
import tracking from './tracking.json' with { type: 'json' };
import today from './today.json' with { type: 'json' };
import handover from './handover.json' with { type: 'json' };
import documents from './documents.json' with { type: 'json' };
import errors from './errors.json' with { type: 'json' };
import exportHeadings from './exports.json' with { type: 'json' };
import workgroup from './workgroup.json' with { type: 'json' };
import operators from './operators.json' with { type: 'json' };

export default {
  common,
  shell,
  onboarding,
  status,
  labels,
  batch,
  history,
  scan,
  settings,
  printing,
  tracking,
  today,
  handover,
  documents,
  errors,
  exports: exportHeadings,
  workgroup,
  operators,
};
