import type { paths } from '../api/openapi.gen.ts';
import { FORMAT_NAMES } from '../ui/format.ts';
import './flight-filters.css';

/** What the flight list asks the server to narrow and order by (all server-side). */
export type FlightQuery = Omit<
  NonNullable<paths['/v1/flightlogs']['get']['parameters']['query']>,
  'limit' | 'cursor' | 'sha256'
>;

const SORTS = [
  ['uploaded', 'Upload time'],
  ['start', 'Flight date'],
  ['duration', 'Duration'],
  ['distance', 'Distance'],
  ['max_alt', 'Max altitude'],
] as const;

/** The list's filters: flight date range, aircraft, format; sort and direction. Applied on submit. */
export function FlightFilters({ onApply }: { onApply: (q: FlightQuery) => void }) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const value = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    onApply({
      from: value('from'),
      to: value('to'),
      aircraft: value('aircraft'),
      format: value('format'),
      sort: value('sort') as FlightQuery['sort'],
      order: value('order') as FlightQuery['order'],
    });
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter and sort the flights">
      <label>
        Flown from
        <input name="from" type="date" />
      </label>
      <label>
        to
        <input name="to" type="date" />
      </label>
      <label>
        Aircraft
        <input name="aircraft" maxLength={100} />
      </label>
      <label>
        Format
        <select name="format">
          <option value="">Any</option>
          {Object.entries(FORMAT_NAMES).map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by
        <select name="sort">
          {SORTS.map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Order
        <select name="order">
          <option value="desc">Highest or newest first</option>
          <option value="asc">Lowest or oldest first</option>
        </select>
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
