import { type ImportIssue, ZONE_FORMATS } from '@airlock/core/importers';
import { api, errorText } from '../../api/client.ts';
import { bearer } from './operator-token.ts';

export { type ImportIssue, ZONE_FORMATS };

/** What an import did, or why it was refused, with the skipped records either way. */
export interface ImportReport {
  ok: boolean;
  message: string;
  read?: number;
  skipped?: number;
  issues: ImportIssue[];
}

export interface ImportInput {
  id: string;
  files: File[];
  format?: string;
  name?: string;
  licence?: string;
  replace: boolean;
  acceptPartial: boolean;
}

/**
 * PUT /v1/admin/datasets/{id} with the files as multipart/form-data (one file, or OurAirports'
 * airports.csv and runways.csv), the form's choices as query parameters.
 */
export async function importDataset(token: string, input: ImportInput): Promise<ImportReport> {
  const form = new FormData();
  for (const f of input.files) form.append(f.name.replace(/\.csv$/i, ''), f, f.name);
  const { data, error, response } = await api.PUT('/v1/admin/datasets/{id}', {
    params: {
      path: { id: input.id },
      query: {
        ...(input.format ? { format: input.format as (typeof ZONE_FORMATS)[number] } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.licence ? { licence: input.licence } : {}),
        ...(input.replace ? { replace: 'true' as const } : {}),
        ...(input.acceptPartial ? { accept_partial: 'true' as const } : {}),
      },
    },
    headers: bearer(token),
    body: form as never,
    bodySerializer: (b: unknown) => b as FormData,
  });
  if (data) {
    const d = data;
    return {
      ok: true,
      message: d.changed ? `Imported "${input.id}".` : `"${input.id}" is unchanged (same content).`,
      read: d.read,
      skipped: d.skipped,
      issues: d.issues,
    };
  }
  // A refused partial import names what it read and skipped: the report is shown all the same.
  const details = (
    error as unknown as { error?: { details?: { read?: number; skipped?: number; issues?: ImportIssue[] } } }
  )?.error?.details;
  return {
    ok: false,
    message: errorText(error, response),
    read: details?.read,
    skipped: details?.skipped,
    issues: details?.issues ?? [],
  };
}
