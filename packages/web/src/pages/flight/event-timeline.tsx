import type { Cursor } from './cursor.ts';
import { EVENT_COLOUR, type FlightEventMark } from './flight-charts.ts';

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
  t_s,
  cursor,
}: {
  events: FlightEventMark[];
  t_s: number[];
  cursor: Cursor;
}) {
  if (events.length === 0) return <p class="hint">The log has no events (arming, photos, messages).</p>;
  const seek = (t: number) => cursor.set(nearest(t_s, t), 'timeline');
  return (
    <details class="events">
      <summary>
        {events.length} event{events.length === 1 ? '' : 's'}, drawn as lines on the charts
      </summary>
      <ol>
        {events.map((e, i) => (
          <li key={i}>
            <button type="button" class="link" onClick={() => seek(e.t_s)}>
              <span class="event-swatch" style={{ background: EVENT_COLOUR[e.kind] ?? EVENT_COLOUR.other }} />
              {secs.format(e.t_s)} s · {KIND_NAME[e.kind] ?? e.kind}
              {e.text ? `: ${e.text.replace(ANSI, '')}` : ''}
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
