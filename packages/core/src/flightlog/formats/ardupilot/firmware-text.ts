/**
 * Reads firmware and board names from ArduPilot's boot messages. Those messages also carry the board's
 * unique id ("PX4v2 004A002F 33345119 32373535"): it identifies one aircraft, so it is cut here.
 */

const SERIAL_GROUP = /\b[0-9A-F]{8,}\b(\s+\b[0-9A-F]{8,}\b)*/g;

/** Text with hardware serial numbers replaced by "[serial]". */
export function redactSerials(text: string): string {
  return text.replace(SERIAL_GROUP, '[serial]');
}

/** "ArduCopter V3.3-dev" from "ArduCopter V3.3-dev (f1c4c4ff)". */
export function firmwareFromText(text: string): string | null {
  const m = /\b((?:Ardu\w+|APM:\w+)\s+V?\d+\.\d+[\w.-]*)/.exec(text);
  return m ? m[1] : null;
}

/** Board name from a "<board> <serial> <serial> …" banner (e.g. "PX4v2", "CubeOrange"). */
export function boardFromText(text: string): string | null {
  const m = /^\s*([\w-]+)\s+[0-9A-F]{8,}\s+[0-9A-F]{8,}/.exec(text);
  return m ? m[1] : null;
}

/** "QUAD" from "Frame: QUAD" / "Frame: QUAD/X". */
export function frameFromText(text: string): string | null {
  const m = /^Frame:\s*(\S+)/.exec(text);
  return m ? m[1] : null;
}
