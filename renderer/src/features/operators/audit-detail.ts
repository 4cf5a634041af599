import { EnvironmentId } from '../../../../shared/domain/environment';
import { OperatorRole, type AuditDetail, type AuditEntry } from '../../../../shared/domain/operators';
import type { Translate } from '../../../../shared/i18n/translate';

/**
 * An audit line's details in the screen's language: a detail (key and values, written by any
 * station in any language) put into words here; a plain-text line (data, or written by an
 * older station) as it is.
 */
export function auditDetailsText(t: Translate<'operators'>, entry: Pick<AuditEntry, 'details' | 'detail'>): string {
  return entry.detail ? detailText(t, entry.detail) : (entry.details ?? '');
}

function detailText(t: Translate<'operators'>, { key, values: v }: AuditDetail): string {
  // Codes this station knows are translated; anything else (a newer station's) is shown as written.
  const environment = (code = '') => {
    const id = EnvironmentId.safeParse(code);
    return id.success ? t(`settings:environment.${id.data}`) : code;
  };
  const role = (code = '') => {
    const r = OperatorRole.safeParse(code);
    return r.success ? t(`role.${r.data}`) : code;
  };
  switch (key) {
    case 'batchStarted':
      return t(v.labelled === 'included' ? 'audit.details.batchStartedWithLabelled' : 'audit.details.batchStarted', {
        importId: v.importId ?? '',
      });
    case 'environment':
    case 'baseUrl':
    case 'tokenSaved':
    case 'tokenRemoved':
      return t(`audit.details.${key}`, { ...v, environment: environment(v.environment) });
    case 'signInFailed':
      return t(v.reason === 'locked' ? 'audit.details.signInLocked' : 'audit.details.signInWrong', { name: v.name ?? '' });
    case 'operatorAdded':
      return t('audit.details.operatorAdded', { name: v.name ?? '', role: role(v.role) });
    case 'operatorChanged': {
      const what = [
        v.roleFrom && v.roleTo ? t('audit.details.role', { from: role(v.roleFrom), to: role(v.roleTo) }) : null,
        v.pin ? t('audit.details.pin') : null,
        v.active === 'activated' ? t('audit.details.activated') : v.active === 'deactivated' ? t('audit.details.deactivated') : null,
      ].filter((part): part is string => part !== null);
      return t('audit.details.operatorChanged', {
        name: v.name ?? '',
        what: what.length ? what.join(t('audit.details.separator')) : t('audit.details.unchanged'),
      });
    }
    default:
      return t(`audit.details.${key}`, v);
  }
}
