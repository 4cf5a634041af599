import { z } from 'zod';

/**
 * Every error code an IPC answer can carry (`{ ok: false, error: { code, … } }`): the codes
 * main's StationError, the API client and dispatch use, and the few the renderer makes for
 * itself. `StationError.code` is typed with it, so a new code is added here first; the
 * renderer compares codes by this type, so a misspelt code does not compile.
 */
export const ERROR_CODES = [
  // IPC itself (electron/core/ipc-dispatch.ts, electron/ipc-register.ts)
  'unknown_channel',
  'invalid_input',
  'internal',
  'untrusted_sender',

  // The Flex Forward API (electron/core/api/errors.ts: ApiErrorCode), as operator-errors.ts passes them on
  'unauthorized',
  'forbidden',
  'validation',
  'not_found',
  'method_not_allowed',
  'courier_rejected',
  'courier_unavailable',
  'network',
  'timeout',
  'server',
  'bad_response',
  'rate_limited',
  'no_token',

  // Environments, API addresses and tokens
  'bad_base_url',
  'base_url_not_confirmed',
  'base_url_changed',
  'no_base_url',
  'demo_needs_no_token',
  'token_empty',
  'token_malformed',
  'token_refused',
  'token_unverified',
  'keychain_unavailable',

  // Shipper accounts
  'account_exists',
  'account_not_found',

  // Labels and their requests (the outbox)
  'label_not_found',
  'label_failed',
  'request_not_found',
  'request_resolved',
  'request_leased',
  'outbox_key_exists',
  'outbox_key_unknown',
  'outbox_entry_final',
  'outbox_not_invalid',
  /** A request without an order number for a shipment labelled within the window (electron/core/labels/label-service.ts). */
  'duplicate_shipment',
  'invalid_cursor',
  /** History's CSV export could not be written where the operator chose (electron/core/labels/history-export.ts). */
  'history_export_failed',
  'weight_implausible',

  // Label documents
  'document_missing',
  'document_url_refused',
  'document_download_failed',
  'document_not_a_label',
  'document_too_large',
  'document_timeout',
  'document_format_invalid',
  'document_label_id_invalid',
  'document_read_failed',
  'document_save_failed',

  // Printing
  'no_printer_profile',
  'printer_not_found',
  'printer_rejected',
  'printer_stopped',
  'printing_unavailable',
  'print_failed',
  'print_nothing',
  'print_job_failed',
  'label_document_invalid',

  // Batch import and runs
  'csv_empty',
  'csv_encoding',
  'csv_malformed',
  'csv_no_rows',
  'csv_too_large',
  'import_not_found',
  'import_expired',
  'import_failed',
  'station_closing',
  'batch_not_found',
  'batch_not_running',
  'batch_cancelled',
  'batch_column_missing',
  'batch_mapping_incomplete',
  'batch_nothing_to_send',
  'batch_row_missing',

  // The product catalogue by SKU (electron/core/catalogue/)
  'sku_csv_no_sku_column',
  'sku_csv_no_description_column',

  // The courier hand-over sheet (electron/core/handover/)
  'handover_day_invalid',
  'handover_nothing',
  'no_document_printer',

  // The workgroup database (electron/core/workgroup/): connection settings and order claims
  'workgroup_host_not_found',
  'workgroup_unreachable',
  'workgroup_refused',
  'workgroup_password_wrong',
  'workgroup_password_missing',
  'workgroup_database_missing',
  'workgroup_tls_required',
  'workgroup_tls_refused',
  'workgroup_certificate_untrusted',
  'workgroup_certificate_host',
  'workgroup_ca_file_unreadable',
  'workgroup_access_denied',
  'workgroup_failed',
  'workgroup_not_joined',

  // Operators, roles and the audit trail (electron/core/operators/)
  'operator_sign_in_required',
  'operator_supervisor_required',
  'operator_sign_in_wrong',
  'operator_locked',
  'operator_name_taken',
  'operator_not_found',
  'operator_last_supervisor',
  /** A claim on an order can be released only by the station that holds it (or a supervisor). */
  'claim_held_elsewhere',

  // The label database and the disk
  'database_corrupt',
  'database_too_new',
  'database_unavailable',
  'database_write_failed',
  'disk_full',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;
