import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FlightSeries } from '../../api/client.ts';
import type { ChartPreset } from './chart-presets.ts';
import type { Cursor } from './cursor.ts';

export interface FlightEventMark {
  t_s: number;
  kind: string;
  text?: string;
}

const HEIGHT = 170;
/** Event line colours by kind; `other` for the rest. */
export const EVENT_COLOUR: Record<string, string> = {
  error: '#c0392b',
  warning: '#d68910',
  photo: '#1f5fa8',
  armed: '#2a7d3b',
  disarmed: '#2a7d3b',
  other: '#98a2ad',
};

/**
 * One uPlot chart per preset, all on the series' time base, their cursors synced with each other
 * (uPlot's sync) and with the map (the shared cursor). Events are drawn as thin vertical lines.
 * Returns a function that removes them.
 */
export function drawCharts(
  slots: HTMLElement[],
  presets: ChartPreset[],
  series: FlightSeries,
  events: FlightEventMark[],
  cursor: Cursor,
  plugins: uPlot.Plugin[] = [],
): () => void {
  const sync = `flight-${Math.random()}`;
  const plots = presets.map((p, k) => {
    const slot = slots[k];
    const data: uPlot.AlignedData = [series.t_s, ...p.lines.map((l) => series.channels[l.channel] ?? [])];
    return new uPlot(
      {
        width: slot.clientWidth || 600,
        height: HEIGHT,
        scales: { x: { time: false } },
        axes: [
          { label: 'Time (s)', labelSize: 18, size: 36 },
          { label: p.unit, labelSize: 18, size: 56 },
        ],
        series: [
          { label: 'Time (s)' },
          ...p.lines.map((l) => ({ label: l.label, stroke: l.colour, width: 1.5 })),
        ],
        cursor: { sync: { key: sync }, drag: { x: true, y: false } },
        legend: { live: true },
        plugins,
        hooks: {
          setCursor: [(u) => cursor.set(u.cursor.idx ?? null, 'chart')],
          draw: [(u) => drawEvents(u, events)],
        },
      },
      data as uPlot.AlignedData,
      slot,
    );
  });
  // The map or the event list points at a moment: move one chart's cursor there; the others follow by sync.
  const unlisten = cursor.listen((i, from) => {
    const u = plots[0];
    if (from === 'chart' || !u) return;
    if (i === null) u.setCursor({ left: -10, top: -10 }, false);
    else u.setCursor({ left: u.valToPos(series.t_s[i], 'x'), top: HEIGHT / 3 }, false);
  });
  const resize = new ResizeObserver(() => {
    for (const [k, u] of plots.entries()) u.setSize({ width: slots[k].clientWidth, height: HEIGHT });
  });
  for (const s of slots) resize.observe(s);
  return () => {
    unlisten();
    resize.disconnect();
    for (const u of plots) u.destroy();
  };
}

function drawEvents(u: uPlot, events: FlightEventMark[]): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = 1;
  for (const e of events) {
    const x = Math.round(u.valToPos(e.t_s, 'x', true)) + 0.5;
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = EVENT_COLOUR[e.kind] ?? EVENT_COLOUR.other;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}
