import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { createLabelPrinter } from '../../electron/core/printing/label-printer';
import { createPrinterProfiles } from '../../electron/core/printing/printer-profiles';
import { openSettings } from '../../electron/core/settings-store';
import { createPresets } from '../../electron/core/settings/presets';
import { createSenders } from '../../electron/core/settings/senders';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { LabelRecord } from '../../shared/domain/labels';
import type { PrinterProfile, PrintJobRecord } from '../../shared/domain/printing';
import { codeOf } from '../support/station-error';
import { settingsFor } from '../support/test-station';

// The rules of the settings' lists and of auto-print, in the services that own them
// (electron/core/settings/, electron/core/printing/), without a station around them.

const freshSettings = () => openSettings({ ...settingsFor(mkdtempSync(join(tmpdir(), 'ffs-settings-rules-'))), logger: silentLogger });
const party = {
  contact: { firstName: 'Aiko', phone: '+81-3-1234-5678' },
  address: { streetLines: ['1-2-3 Shibuya'], city: 'Tokyo', postalCode: '150-0002', countryCode: 'JP' as const },
};
const profile = (name: string, role: 'labels' | 'documents' = 'labels', extra: Partial<PrinterProfile> = {}) => ({
  name,
  printer: `${name.toLowerCase()}-queue`,
  role,
  labelSize: '4x6in' as const,
  paper: 'label' as const,
  labelsPerSheet: 1 as const,
  dpi: 203 as const,
  orientation: 'portrait' as const,
  offsetXmm: 0,
  offsetYmm: 0,
  autoPrint: false,
  ...extra,
});

describe('sender addresses', () => {
  it('make the first one saved the default, and move the default to the first left when it is removed', async () => {
    const settings = freshSettings();
    const senders = createSenders(settings);
    await senders.save({ id: 'tokyo', name: 'Tokyo', party });
    expect(settings.read().defaults.senderId).toBe('tokyo');
    settings.update((s) => void s.senders.push({ id: 'osaka', name: 'Osaka', party }));
    await senders.remove('tokyo');
    expect(settings.read().senders.map((s) => s.id)).toEqual(['osaka']);
    expect(settings.read().defaults.senderId).toBe('osaka');
    await senders.remove('osaka');
    expect(settings.read().defaults.senderId).toBeNull();
  });

  it('save a second sender and an edit of the default one while a default exists (the default stays)', async () => {
    const settings = freshSettings();
    const senders = createSenders(settings);
    await senders.save({ id: 'tokyo', name: 'Tokyo', party });
    await senders.save({ name: 'Osaka', party });
    await senders.save({ id: 'tokyo', name: 'Tokyo warehouse', party });
    expect(settings.read().senders.map((s) => s.name)).toEqual(['Tokyo warehouse', 'Osaka']);
    expect(settings.read().defaults.senderId).toBe('tokyo');
  });
});

describe('package presets', () => {
  it('are saved under a new id or replaced under their own, and stop being the default when removed', async () => {
    const settings = freshSettings();
    const presets = createPresets(settings);
    await presets.save({ name: 'Small box', weight: 0.5 });
    const id = settings.read().packagePresets[0]!.id;
    await presets.save({ id, name: 'Small box', weight: 0.6 });
    expect(settings.read().packagePresets).toEqual([{ id, name: 'Small box', weight: 0.6 }]);
    settings.update((s) => void (s.defaults.packagePresetId = id));
    await presets.remove(id);
    expect(settings.read().packagePresets).toEqual([]);
    expect(settings.read().defaults.packagePresetId).toBeNull();
  });
});

describe('printer profiles', () => {
  const setup = () => {
    const settings = freshSettings();
    const checked: string[] = [];
    const profiles = createPrinterProfiles({
      settings,
      printing: { checkPrinter: async (printer) => void checked.push(printer), listPrinters: async () => [] },
    });
    return { settings, profiles, checked };
  };

  it('check the printer before saving, and make the first labels profile the default label printer', async () => {
    const { settings, profiles, checked } = setup();
    await profiles.save({ id: 'sheet', ...profile('Sheet', 'documents') });
    expect(settings.read().defaultLabelProfileId).toBeNull();
    await profiles.save({ id: 'desk', ...profile('Desk') });
    await profiles.save({ id: 'dock', ...profile('Dock') });
    expect(checked).toEqual(['sheet-queue', 'desk-queue', 'dock-queue']);
    expect(settings.read().defaultLabelProfileId).toBe('desk');
    expect(profiles.profileFor().id).toBe('desk');
    expect(profiles.profileFor('dock').id).toBe('dock');
  });

  it('hand the default to the next labels profile when the default is removed, and refuse an unknown one', async () => {
    const { settings, profiles } = setup();
    expect(codeOf(() => profiles.profileFor())).toBe('no_printer_profile');
    await profiles.save({ id: 'desk', ...profile('Desk') });
    await profiles.save({ id: 'sheet', ...profile('Sheet', 'documents') });
    await profiles.save({ id: 'dock', ...profile('Dock') });
    profiles.remove('desk');
    expect(settings.read().defaultLabelProfileId).toBe('dock');
    expect(codeOf(() => profiles.setDefault('desk'))).toBe('no_printer_profile');
    profiles.remove('dock');
    expect(settings.read().defaultLabelProfileId).toBeNull();
    expect(codeOf(() => profiles.profileFor())).toBe('no_printer_profile');
  });
});

describe('auto-print', () => {
  const label = { id: 'label-1' } as LabelRecord;
  const created = (extra: Partial<Extract<CreateOutcome, { kind: 'created' }>> = {}): CreateOutcome => ({
    kind: 'created',
    label,
    replayed: false,
    documentError: null,
    printJob: null,
    ...extra,
  });
  const job = { id: 'job-1', state: 'sent' } as PrintJobRecord;

  const printerWith = (autoPrint: boolean | null) => {
    const printed: { profile: string; labels: string[] }[] = [];
    const desk = { id: 'desk', ...profile('Desk', 'labels', { autoPrint: autoPrint ?? false }) };
    const printer = createLabelPrinter({
      profiles: {
        defaultLabelProfile: () => (autoPrint === null ? null : desk),
        profileFor: (id) => (id === undefined || id === 'desk' ? desk : (undefined as never)),
      },
      labelService: { document: async () => ({ format: 'pdf', bytes: Buffer.from('%PDF-'), path: '/nowhere' }) },
      printing: {
        printLabels: async (p, documents) => {
          printed.push({ profile: p.id, labels: documents.map((d) => d.labelId) });
          return job;
        },
      },
    });
    return { printer, printed };
  };

  it('prints a label just created once on the default label profile when it has auto-print on', async () => {
    const { printer, printed } = printerWith(true);
    expect(await printer.autoPrint(created())).toMatchObject({ kind: 'created', printJob: job });
    expect(printed).toEqual([{ profile: 'desk', labels: ['label-1'] }]);
  });

  it('prints nothing for a replayed label, a label without its document, another outcome, or without auto-print', async () => {
    const on = printerWith(true);
    for (const outcome of [
      created({ replayed: true }),
      created({ documentError: 'The label document could not be downloaded.' }),
      { kind: 'rejected', label } as CreateOutcome,
    ]) {
      expect(await on.printer.autoPrint(outcome)).toBe(outcome);
    }
    expect(on.printed).toEqual([]);
    for (const autoPrint of [false, null]) {
      const off = printerWith(autoPrint);
      const outcome = created();
      expect(await off.printer.autoPrint(outcome)).toBe(outcome);
      expect(off.printed).toEqual([]);
    }
  });
});
