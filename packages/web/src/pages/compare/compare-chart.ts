import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FlightSeries } from '../../api/client.ts';
import type { Channel } from '../flight/chart-presets.ts';

/**
 * One chart with a line per flight, each on its own clock from its first sample (flights happen on
 * different days): uPlot.join aligns the time bases, a gap where a flight has no sample.
 */
export function drawCompareChart(
  slot: HTMLElement,
  flights: { label: string; colour: string; series: FlightSeries }[],
  channel: Channel,
  unit: string,
): () => void {
  const tables = flights.map(({ series }) => {
    const t0 = series.t_s[0] ?? 0;
    return [
      series.t_s.map((t) => t - t0),
      series.channels[channel] ?? series.t_s.map(() => null),
    ] as uPlot.AlignedData;
  });
  const data = uPlot.join(tables);
  const plot = new uPlot(
    {
      width: slot.clientWidth || 600,
      height: 260,
      scales: { x: { time: false } },
      axes: [
        { label: 'Time since the first sample (s)', labelSize: 18, size: 36 },
        { label: unit, labelSize: 18, size: 56 },
      ],
      series: [
        { label: 'Time (s)' },
        ...flights.map((f) => ({ label: f.label, stroke: f.colour, width: 1.5, spanGaps: true })),
      ],
      cursor: { drag: { x: true, y: false } },
    },
    data,
    slot,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: slot.clientWidth, height: 260 }));
  resize.observe(slot);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
