import { Language } from '../i18n/languages';
import { z } from 'zod';
import { CurrencyCode, Dimension, LABEL_FORMATS, Party } from '../flexforward/schemas';
import { defaultBaseUrls, EnvironmentId } from './environment';
import { PrinterProfile } from './printing';
import { SavedMapping } from './batch-mapping';
import { DEFAULT_WEIGHT_RANGE, WeightRange } from './weight-plausibility';
import { StoredWorkgroup } from './workgroup';

export const SETTINGS_VERSION = 4;

/**
 * Bounds on what the operator (or a renderer that misbehaves) can put in the settings file:
 * every free-text field has a maximum, so one save cannot grow the file without end.
 */
export const MAX_NAME_LENGTH = 80;
export const MAX_ID_LENGTH = 64;
/** Each text of a saved sender address (names, phone, email, street lines, city, …). */
export const MAX_ADDRESS_TEXT_LENGTH = 200;
export const MAX_STREET_LINES = 4;
/** The same-shipment check for requests without an order number: default and longest window, in hours. */
export const DEFAULT_DUPLICATE_WINDOW_HOURS = 24;
export const MAX_DUPLICATE_WINDOW_HOURS = 720;

/*
 * Messages are catalogue keys (shared/i18n/locales/<language>/settings.json, `validation.*`):
 * main's IPC dispatch answers them in the station's language. The catalogue's sentences name
 * the bounds above; test/unit/settings-messages.test.ts keeps them in step.
 */
const name = (missing: `settings:validation.${string}`) =>
  z.string().trim().min(1, { error: missing }).max(MAX_NAME_LENGTH, { error: 'settings:validation.nameTooLong' });
const id = () => z.string().min(1).max(MAX_ID_LENGTH);

/** Walks a sender address and refuses any text over the bound (and more street lines than fit a label). */
function boundAddressTexts(value: unknown, path: PropertyKey[], ctx: z.RefinementCtx) {
  if (typeof value === 'string') {
    if (value.length > MAX_ADDRESS_TEXT_LENGTH) ctx.addIssue({ code: 'custom', path, message: 'settings:validation.addressTextTooLong' });
  } else if (Array.isArray(value)) {
    if (value.length > MAX_STREET_LINES) ctx.addIssue({ code: 'custom', path, message: 'settings:validation.tooManyStreetLines' });
    value.forEach((item, i) => boundAddressTexts(item, [...path, i], ctx));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) boundAddressTexts(item, [...path, key], ctx);
  }
}

/** A shipper account the operator named; its id goes out as service.shipperAccountId. */
export const ShipperAccount = z.object({
  id: z.uuid({ error: 'settings:validation.accountId' }).transform((s) => s.toLowerCase()),
  name: name('settings:validation.accountName'),
});
export type ShipperAccount = z.infer<typeof ShipperAccount>;

export const EnvironmentSettings = z.object({
  /** Empty for Demo (the simulator's address is only known at run time) and for an unset Custom. */
  baseUrl: z.string().max(2048).default(''),
  accounts: z.array(ShipperAccount).default([]),
  defaultAccountId: id().nullable().default(null),
  /** The account picked in the header; falls back to the default. */
  selectedAccountId: id().nullable().default(null),
  /** When the stored token was last accepted by the API (null: never verified). Not secret. */
  tokenVerifiedAt: z.iso.datetime().nullable().default(null),
  /**
   * When the API answered 401 to the stored token (null: not refused since it was saved or
   * last accepted). Written only by main (electron/core/token-vault.ts). Not secret.
   */
  tokenRefusedAt: z.iso.datetime().nullable().default(null),
  /**
   * The API origin (scheme://host[:port]) the stored token was verified against. Main sends
   * the token only to this exact origin; changing the base URL to another origin discards
   * the token (electron/core/token-vault.ts). Null: no token, or one that may not be sent.
   */
  tokenOrigin: z.string().max(2048).nullable().default(null),
});
export type EnvironmentSettings = z.infer<typeof EnvironmentSettings>;

export const UnitSystem = z.enum(['metric', 'imperial']);
export type UnitSystem = z.infer<typeof UnitSystem>;
export const unitsFor = { metric: { weight: 'KG', dimension: 'CM' }, imperial: { weight: 'LB', dimension: 'IN' } } as const;
/** The units as the screens write them after a field's name: "Weight (kg)", "Length (cm)". */
export const unitLabels = (units: UnitSystem) => ({
  weight: unitsFor[units].weight.toLowerCase() as 'kg' | 'lb',
  dimension: unitsFor[units].dimension.toLowerCase() as 'cm' | 'in',
});

export const SenderAddress = z.object({
  id: id(),
  name: name('settings:validation.senderName'),
  party: Party.superRefine((party, ctx) => boundAddressTexts(party, [], ctx)),
  /** The currency of items whose currency is blank, in imports and on the New label form (issue 14 item 4). */
  defaultCurrency: CurrencyCode.optional(),
});
export type SenderAddress = z.infer<typeof SenderAddress>;

export const PackagePreset = z.object({
  id: id(),
  name: name('settings:validation.packageName'),
  weight: z.number().positive({ error: 'settings:validation.weightPositive' }).optional(),
  dimension: Dimension.optional(),
});
export type PackagePreset = z.infer<typeof PackagePreset>;

const defaultsFields = {
  courier: z.string().trim().min(1).max(100).nullable(),
  productCode: z.string().trim().min(1).max(100).nullable(),
  labelFormat: z.enum(LABEL_FORMATS),
  units: UnitSystem,
  senderId: id().nullable(),
  packagePresetId: id().nullable(),
  /**
   * How long (hours) a label request without an order number is checked against labels of the
   * same shipment before it buys another one (electron/core/labels/fingerprint.ts); 0 turns the check off.
   */
  duplicateWindowHours: z
    .number({ error: 'settings:validation.duplicateWindowNumber' })
    .min(0, { error: 'settings:validation.duplicateWindowMin' })
    .max(MAX_DUPLICATE_WINDOW_HOURS, { error: 'settings:validation.duplicateWindowMax' }),
  /** Parcel weights outside it need the operator's confirmation (shared/domain/weight-plausibility.ts). */
  weightRange: WeightRange,
};

export const Defaults = z.object({
  courier: defaultsFields.courier.default(null),
  productCode: defaultsFields.productCode.default(null),
  labelFormat: defaultsFields.labelFormat.default('PDF'),
  units: defaultsFields.units.default('metric'),
  senderId: defaultsFields.senderId.default(null),
  packagePresetId: defaultsFields.packagePresetId.default(null),
  duplicateWindowHours: defaultsFields.duplicateWindowHours.default(DEFAULT_DUPLICATE_WINDOW_HOURS),
  weightRange: defaultsFields.weightRange.default(() => ({ ...DEFAULT_WEIGHT_RANGE })),
});
export type Defaults = z.infer<typeof Defaults>;
/** A change to some of the defaults: fields left out stay as they are (no default fills them). */
export const DefaultsPatch = z.strictObject(defaultsFields).partial();

const preferencesFields = {
  /**
   * The station's language (screens, main's sentences, the PDFs it draws, product names from
   * GET /products). Null: the operating system's (shared/i18n/languages.ts `resolveLanguage`).
   */
  language: Language.nullable(),
  /** Station mode plays a short tone for a printed label and a low one for a failure. */
  stationSounds: z.boolean(),
};
export const Preferences = z.object({
  language: preferencesFields.language.default(null),
  stationSounds: preferencesFields.stationSounds.default(false),
});
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesPatch = z.strictObject(preferencesFields).partial();

/**
 * The settings file (electron-store in the app, Conf in tests). Version-stamped; see the
 * migrations in electron/core/settings-store.ts. `prefault` parses defaults through the
 * schema, so nested defaults fill in too.
 */
export const Settings = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  /** False until the operator chose Demo or entered a token on the first-start screen. */
  onboarded: z.boolean().default(false),
  activeEnvironment: EnvironmentId.default('development'),
  environments: z
    .object({
      development: EnvironmentSettings.prefault({ baseUrl: defaultBaseUrls.development }),
      production: EnvironmentSettings.prefault({ baseUrl: defaultBaseUrls.production }),
      custom: EnvironmentSettings.prefault({}),
      demo: EnvironmentSettings.prefault({}),
    })
    .prefault({}),
  defaults: Defaults.prefault({}),
  senders: z.array(SenderAddress).default([]),
  packagePresets: z.array(PackagePreset).default([]),
  preferences: Preferences.prefault({}),
  /** Printers set up on this station (issue 6); the default label profile prints new labels. */
  printerProfiles: z.array(PrinterProfile).default([]),
  defaultLabelProfileId: id().nullable().default(null),
  /** Column mappings of CSV imports the operator saved by name. */
  batchMappings: z.array(SavedMapping).default([]),
  /** The shared PostgreSQL of a workgroup (issue 18); null: a single station on its own SQLite. Never the password (keychain). */
  workgroup: StoredWorkgroup.nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;
