import type { Flight, FlightModeChange, FlightParameters } from '@airlock/core';

/**
 * What the flight page needs beyond the track and the series: the flight modes and the autopilot's
 * parameters. Kept as one sealed blob beside the log (`details.json`), written at import; a log stored
 * before it existed gets it from its original on first request.
 */
export interface FlightDetails {
  /** Layout version of the blob: a newer server may add fields and rebuild older blobs. */
  v: 1;
  modes: FlightModeChange[];
  parameters: FlightParameters;
}

export const DETAILS_VERSION = 1;

export function flightDetails(flight: Flight): FlightDetails {
  return { v: DETAILS_VERSION, modes: flight.modes, parameters: flight.parameters };
}
