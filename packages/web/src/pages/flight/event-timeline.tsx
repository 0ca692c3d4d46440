import type { Cursor } from './cursor.ts';
import { EVENT_COLOUR, type FlightEventMark } from './flight-charts.ts';
import { type ModeChange, modeColour, modeNames } from './flight-modes.ts';

const KIND_NAME: Record<string, string> = {
  photo: 'Photo',
  video_start: 'Video started',
  video_stop: 'Video stopped',
  armed: 'Armed',
  disarmed: 'Disarmed',
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
};
// PX4 colours some console messages with ANSI escapes ("\x1b[32mReady for takeoff!\x1b[0m"): not text.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const secs = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The flight's events in time order; choosing one moves the charts' cursor and the map's marker to
 * its moment (the nearest point of the series), as pointing at a chart does.
 */
export function EventTimeline({
  events,
  modes = [],
  t_s,
  cursor,
}: {
  events: FlightEventMark[];
  /** Mode changes, listed among the events in time order (drawn as bands on the charts). */
  modes?: ModeChange[];
  t_s: number[];
  cursor: Cursor;
}) {
  if (events.length === 0 && modes.length === 0)
    return <p class="hint">The log has no events (arming, photos, messages) and no flight modes.</p>;
  const seek = (t: number) => cursor.set(nearest(t_s, t), 'timeline');
  const names = modeNames(modes);
  const items: { t_s: number; event?: FlightEventMark; mode?: string }[] = [
    ...events.map((e) => ({ t_s: e.t_s, event: e })),
    ...modes.map((m) => ({ t_s: m.t_s, mode: m.mode })),
  ].sort((a, b) => a.t_s - b.t_s);
  const counted = [
    events.length > 0 && `${events.length} event${events.length === 1 ? '' : 's'} (lines on the charts)`,
    modes.length > 0 && `${modes.length} flight mode${modes.length === 1 ? '' : 's'} (bands)`,
  ].filter(Boolean);
  return (
    <details class="events">
      <summary>{counted.join(' and ')}</summary>
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            <button type="button" class="link" onClick={() => seek(item.t_s)}>
              {item.event ? (
                <>
                  <span
                    class="event-swatch"
                    style={{ background: EVENT_COLOUR[item.event.kind] ?? EVENT_COLOUR.other }}
                  />
                  {secs.format(item.t_s)} s · {KIND_NAME[item.event.kind] ?? item.event.kind}
                  {item.event.text ? `: ${item.event.text.replace(ANSI, '')}` : ''}
                </>
              ) : (
                <>
                  <span
                    class="event-swatch"
                    style={{ background: modeColour(names.indexOf(item.mode ?? '')) }}
                  />
                  {secs.format(item.t_s)} s · Mode: {item.mode}
                </>
              )}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}

function nearest(ts: number[], t: number): number | null {
  if (ts.length === 0) return null;
  let best = 0;
  for (let i = 1; i < ts.length; i++) if (Math.abs(ts[i] - t) < Math.abs(ts[best] - t)) best = i;
  return best;
}
