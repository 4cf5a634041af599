import { t } from './i18n';
import { environmentLabelKeys, type EnvironmentId } from '../../shared/domain/environment';
import type { ShipperAccount } from '../../shared/domain/settings';
import type { ApiError } from './api';
import { StationError } from './errors';

/**
 * Turns an API error into the sentence the operator sees, with what to do next. 401 names
 * the environment whose token was refused; 403 names the shipper account the token may not use.
 */
export function operatorError(error: ApiError, context: { environment: EnvironmentId; account?: ShipperAccount | null }): StationError {
  const env = t(environmentLabelKeys[context.environment]);
  switch (error.code) {
    case 'unauthorized':
      return new StationError(
        'unauthorized',
        context.environment === 'demo' ? t('errors:operator.demoRefused') : t('errors:operator.tokenRefused', { environment: env }),
      );
    case 'forbidden':
      return new StationError(
        'forbidden',
        context.account
          ? t('errors:operator.accountForbidden', { name: context.account.name, id: context.account.id })
          : t('errors:operator.forbidden'),
      );
    case 'no_token':
      return new StationError('no_token', t('errors:operator.noToken', { environment: env }));
    default:
      return new StationError(error.code, error.message, error.fields);
  }
}
