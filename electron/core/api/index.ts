/** Main-process Flex Forward API client (Electron-free). */
export { createApiClient, DEFAULT_MAX_RESPONSE_BYTES } from './client';
export type { ApiClient, ApiClientOptions, ApiResult, CreateLabelResult, LabelDocumentsValue, ProductQuery } from './client';
export type { ApiError, ApiErrorCode, CourierRejection } from './errors';
export { serializeCreateLabel, canonicalJson, type SerializedCreateLabel, type SerializeResult } from './serialize';
export { DEFAULT_RETRY_DELAYS_MS } from './retry';
