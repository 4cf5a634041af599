// Time to draw the simulator's PNG Demo label (812 x 1218 px at 203 dpi): a Japanese address, a
// Chinese one and an ASCII one. Each is drawn `--runs` times after a warm-up; the first drawing
// (fonts read and parsed, glyphs rasterised) is reported apart. CPU time (user + system of this
// process) is given beside wall time: on a busy machine it is the steadier figure.
// Usage: node --import tsx bench/png-label/run.ts [--runs 50]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LabelData } from '../../electron/simulator/label-layout';
import { japaneseLabel } from '../support/japanese-label';
import { renderPngLabel } from '../../electron/simulator/png-label';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const runs = Number(args.runs);

const japanese = japaneseLabel;
const chinese: LabelData = {
  ...japanese,
  courierName: 'YunExpress',
  productCode: 'YEXP01',
  trackingNumber: 'YT1234567890123456',
  from: ['Demo Shipper Hong Kong', '北京市朝阳区建国路88号'],
  to: { name: '陳 大文', lines: ['110', '台北市信義區', '市府路45號', 'TW', 'Tel 02-2720-8889'] },
};
const ascii: LabelData = {
  ...japanese,
  from: ['Demo Shipper Tokyo', '1-1 Marunouchi, Chiyoda-ku'],
  to: { name: 'Hanako Doe', lines: ['1-2-3 Jingumae', 'Shibuya-ku Tokyo 150-0001', 'JP', 'Tel 03-1234-5678'] },
  words: {
    from: 'FROM',
    shipTo: 'SHIP TO',
    trackingNumber: 'TRACKING NUMBER',
    order: 'Order: JP-ORDER-1',
    courierOrder: 'Courier order: YMT-0123456789',
    weightAndParcels: 'Weight: 1.2 KG   Parcels: 1',
    created: 'Created: 2026/12/02 14:33',
    label: 'Label ID: 3f0c1e2a-5b6d-4c7e-8f90-a1b2c3d4e5f6',
    footer: 'Demo label from the Flex Forward simulator. Not valid for shipping.',
  },
};

function time(name: string, data: LabelData) {
  const first0 = performance.now();
  const bytes = renderPngLabel(data);
  const first = performance.now() - first0;
  for (let i = 0; i < 3; i++) renderPngLabel(data);
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    renderPngLabel(data);
    const c = process.cpuUsage(c0);
    samples.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const pick = (list: number[], q: number) =>
    [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]!.toFixed(1);
  process.stdout.write(
    `${name.padEnd(16)} first ${first.toFixed(1)} ms | wall median ${pick(samples, 0.5)} p95 ${pick(samples, 0.95)} ms | ` +
      `CPU median ${pick(cpu, 0.5)} p95 ${pick(cpu, 0.95)} ms | ${(bytes.length / 1024).toFixed(1)} KiB\n`,
  );
}

time('japanese label', japanese);
time('chinese label', chinese);
time('ascii label', ascii);
