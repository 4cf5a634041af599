import { environmentLabels, type EnvironmentId } from '../../shared/domain/environment';
import type { ShipperAccount } from '../../shared/domain/settings';
import type { ApiError } from './api';
import { StationError } from './errors';

/**
 * Turns an API error into the sentence the operator sees, with what to do next. 401 names
 * the environment whose token was refused; 403 names the shipper account the token may not use.
 */
export function operatorError(error: ApiError, context: { environment: EnvironmentId; account?: ShipperAccount | null }): StationError {
  const env = environmentLabels[context.environment];
  switch (error.code) {
    case 'unauthorized':
      return new StationError(
        'unauthorized',
        context.environment === 'demo'
          ? 'The demo simulator refused its own token. Restart the station.'
          : `The token for ${env} was refused. Enter a new one in Settings → Environments.`,
      );
    case 'forbidden':
      return new StationError(
        'forbidden',
        context.account
          ? `This token may not use shipper account “${context.account.name}” (${context.account.id}). Pick another account, or ask Flex Forward to enable it for your token.`
          : 'This token is not allowed to do this. Ask Flex Forward which shipper accounts it may use.',
      );
    case 'no_token':
      return new StationError('no_token', `No API token is set for ${env}. Enter one in Settings → Environments.`);
    default:
      return new StationError(error.code, error.message, error.fields);
  }
}
