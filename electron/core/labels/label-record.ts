import { formatPersonName } from '../../../shared/domain/address-format';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { LabelRecord } from '../../../shared/domain/labels';
import type { CreateLabelRequest, LabelResult } from '../../../shared/flexforward/schemas';
import { shipmentFingerprint } from './fingerprint';

/** The history row for an API label result and the request that produced it. */
export function labelRecordFrom(args: {
  request: CreateLabelRequest;
  result: LabelResult;
  environment: EnvironmentId;
  accountId: string | null;
  now: number;
}): Omit<LabelRecord, 'documentStored'> & { fingerprint: string; recipientPostalCode: string | null } {
  const { request, result } = args;
  const contact = request.shipment.shipTo.contact;
  const address = request.shipment.shipTo.address;
  return {
    id: result.id,
    environment: args.environment,
    accountId: args.accountId,
    idempotencyKey: request.idempotencyKey,
    status: result.status === 'failed' ? 'failed' : 'created',
    courier: result.courier || request.courier,
    productCode: request.service.productCode,
    customerOrderNumber: result.customerOrderNumber ?? request.order?.customerOrderNumber ?? null,
    platformOrderNumber: request.order?.orderNumbers?.platformOrderNumber ?? null,
    courierOrderNumber: result.courierOrderNumber ?? null,
    trackingNumber: result.courierTrackingNumber ?? null,
    // As the recipient's country writes it: 山田 太郎 for Japan, Maria Garcia for the US.
    recipientName: formatPersonName(contact.firstName, contact.lastName, address.countryCode),
    recipientCountry: address.countryCode,
    recipientCity: address.city,
    recipientPostalCode: address.postalCode ?? null,
    errorCode: result.error?.code ?? null,
    errorMessage: result.error?.message ?? null,
    createdAt: args.now,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    fingerprint: shipmentFingerprint(request),
  };
}
