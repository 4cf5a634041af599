import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A bar chart drawn by uPlot (fetched lazily with this module, only by the Today screen). It
 * does not rely on colour: one series, each bar's number written above it, hour or day names
 * under the bars, an aria description of the whole, and the same numbers in the table beside
 * it. A click on a bar selects it (the Today screen opens History on that bar's labels).
 */
export default function BarChart({
  labels,
  values,
  description,
  onSelect,
  height = 200,
}: {
  labels: string[];
  values: number[];
  description: string;
  onSelect: (index: number) => void;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  // Drawn anew only when the numbers or names change, not on every render of the screen.
  const data = JSON.stringify([labels, values]);

  useEffect(() => {
    const el = host.current!;
    const xs = values.map((_, i) => i);
    const styles = getComputedStyle(el);
    const ink = styles.getPropertyValue('--today-chart-ink').trim() || '#1f2937';
    const bar = styles.getPropertyValue('--today-chart-bar').trim() || '#2563eb';
    const font = `12px ${styles.fontFamily || 'sans-serif'}`;
    const width = () => Math.max(240, el.clientWidth);
    // Every k-th name under the bars so that they never overlap.
    const every = (w: number) => Math.max(1, Math.ceil((labels.length * 76) / w));
    const chart = new uPlot(
      {
        width: width(),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: { x: { time: false, range: [-0.5, values.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] } },
        axes: [
          {
            stroke: ink,
            font,
            grid: { show: false },
            splits: (u) => xs.filter((i) => i % every(u.width) === 0),
            values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
          },
          {
            stroke: ink,
            font,
            grid: { stroke: 'rgba(0,0,0,0.08)' },
            values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
          },
        ],
        series: [{}, { stroke: ink, width: 1, fill: bar, paths: uPlot.paths.bars!({ size: [0.7, 48] }), points: { show: false } }],
        hooks: {
          draw: [
            (u) => {
              // The number of each bar, above it (zero bars too: "nothing" is an answer).
              const { ctx } = u;
              ctx.save();
              ctx.fillStyle = ink;
              ctx.font = `${Math.round(11 * devicePixelRatio)}px ${styles.fontFamily || 'sans-serif'}`;
              ctx.textAlign = 'center';
              ctx.textBaseline = 'bottom';
              const step = every(u.width) > 2 ? 2 : 1;
              values.forEach((v, i) => {
                if (v === 0 && step > 1) return;
                const x = u.valToPos(i, 'x', true);
                const y = u.valToPos(v, 'y', true);
                ctx.fillText(String(v), x, y - 2 * devicePixelRatio);
              });
              ctx.restore();
            },
          ],
        },
      },
      [xs, values],
      el,
    );
    const click = () => {
      const i = chart.cursor.idx;
      if (i !== null && i !== undefined && i >= 0 && i < values.length) select.current(i);
    };
    chart.over.addEventListener('click', click);
    chart.over.style.cursor = 'pointer';
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', click);
      chart.destroy();
    };
  }, [data, height]);

  return <div ref={host} className="today-bars" role="img" aria-label={description} data-testid="today-chart" />;
}
