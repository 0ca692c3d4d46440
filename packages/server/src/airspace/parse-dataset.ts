import { type ImportResult, importZones, type Zone, type ZoneFormat } from '@airlock/core';

export interface ParseRequest {
  id: string;
  files: Array<{ name: string; text: string }>;
  licence?: string;
  strict?: boolean;
  onProgress?: (done: number, total?: number) => void;
  onPhase?: (phase: 'parse', fraction: number) => void;
}

/**
 * Parses a dataset's files into zones, with the dataset's licence on every zone that has none. A
 * function of its own because a rebuild in the index worker parses a bundled dataset the same way.
 */
export function parseDataset(
  req: ParseRequest,
  format: ZoneFormat,
): { result: ImportResult; licence: string; zones: Zone[] } {
  const result: ImportResult = importZones(format, req.files, {
    dataset: req.id,
    strict: req.strict,
    onProgress: (done, total) => {
      req.onProgress?.(done, total);
      if (total) req.onPhase?.('parse', done / total);
    },
  });
  const unset = (l: string) => l === '' || l === 'see dataset';
  const licence =
    req.licence || result.zones.find((z) => !unset(z.licence))?.licence || 'unknown (set --licence)';
  const zones: Zone[] = result.zones.map((z) => (unset(z.licence) ? { ...z, licence } : z));
  return { result, licence, zones };
}
