// Time to draw the station's PDFs: the simulator's Demo label (with a Japanese address), the
// calibration label (a Japanese printer name) and the command-barcode sheet. Each is built
// `--runs` times after a warm-up; the first build (fonts read and parsed) is reported apart.
// CPU time (user + system of this process) is given beside wall time: on a busy machine it is the steadier figure.
// Usage: node --import tsx bench/pdfs/run.ts [--runs 50]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { calibrationLabel } from '../../electron/core/printing/label-pdf';
import { commandSheetPdf } from '../../electron/core/scan/command-sheet';
import { setStationLanguage } from '../../electron/core/i18n';
import { japaneseLabel } from '../support/japanese-label';
import { renderPdfLabel } from '../../electron/simulator/pdf-label';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const runs = Number(args.runs);
setStationLanguage('ja');

const demo = japaneseLabel;
const profile = { labelSize: '4x6in', dpi: 203, orientation: 'portrait', offsetXmm: 0, offsetYmm: 0 } as const;

async function time(name: string, build: () => Promise<Uint8Array>) {
  const first0 = performance.now();
  const bytes = await build();
  const first = performance.now() - first0;
  for (let i = 0; i < 3; i++) await build();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await build();
    const c = process.cpuUsage(c0);
    samples.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const pick = (list: number[], q: number) =>
    [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]!.toFixed(1);
  process.stdout.write(
    `${name.padEnd(18)} first ${first.toFixed(1)} ms | wall median ${pick(samples, 0.5)} p95 ${pick(samples, 0.95)} ms | ` +
      `CPU median ${pick(cpu, 0.5)} p95 ${pick(cpu, 0.95)} ms | ${(bytes.length / 1024).toFixed(1)} KiB\n`,
  );
}

await time('demo label', () => renderPdfLabel(demo));
await time('calibration label', () => calibrationLabel(profile, 'ラベルプリンター 1'));
await time('command sheet', () => commandSheetPdf());
