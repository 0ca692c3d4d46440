import type { ChartPreset } from './chart-presets.ts';

/** One captioned slot per chart for drawCharts to fill (the owner's flight page and a shared flight). */
export function ChartSlots({ presets }: { presets: ChartPreset[] }) {
  if (presets.length === 0) return <p>This log has no time series to chart.</p>;
  return (
    <>
      {presets.map((p) => (
        <figure key={p.title} class="chart">
          <figcaption>
            {p.title} <span class="sub">({p.unit})</span>
          </figcaption>
          <div class="chart-slot" />
        </figure>
      ))}
    </>
  );
}
