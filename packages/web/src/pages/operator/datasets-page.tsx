import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import { utc } from '../../ui/format.ts';
import { type ImportReport, importDataset, ZONE_FORMATS } from './dataset-import.ts';
import { bearer } from './operator-token.ts';

type Dataset = NonNullable<Awaited<ReturnType<typeof listDatasets>>['data']>['datasets'][number];
const listDatasets = () => api.GET('/v1/datasets');

/** The airspace datasets: list, import (file, format, licence), replace, delete, and what was skipped. */
export function DatasetsPage({ token }: { token: string }) {
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = async () => {
    const { data, error, response } = await listDatasets();
    if (data) setDatasets(data.datasets);
    else setProblem(errorText(error, response));
  };
  useEffect(() => {
    void reload();
  }, []);

  const run = async (work: () => Promise<ImportReport | string | null>) => {
    setBusy(true);
    setProblem(null);
    const out = await work();
    setBusy(false);
    if (typeof out === 'string') setProblem(out);
    else setReport(out);
    await reload();
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    void run(() =>
      importDataset(token, {
        id: String(f.get('id')),
        files: f.getAll('file').filter((v): v is File => v instanceof File && v.size > 0),
        format: String(f.get('format')) || undefined,
        name: String(f.get('name')) || undefined,
        licence: String(f.get('licence')) || undefined,
        replace: f.get('replace') === 'on',
        acceptPartial: f.get('partial') === 'on',
      }),
    );
  };
  const replace = (d: Dataset, files: File[]) =>
    run(() =>
      importDataset(token, {
        id: d.id,
        files,
        licence: d.licence,
        name: d.name,
        replace: true,
        acceptPartial: false,
      }),
    );
  const remove = (d: Dataset) =>
    run(async () => {
      if (!confirm(`Delete the dataset "${d.id}" and its ${d.zoneCount} zones?`)) return null;
      const { error, response } = await api.DELETE('/v1/admin/datasets/{id}', {
        params: { path: { id: d.id } },
        headers: bearer(token),
      });
      return response.ok
        ? { ok: true, message: `Deleted "${d.id}".`, issues: [] }
        : errorText(error, response);
    });

  return (
    <>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {!datasets ? (
        <p aria-live="polite">Loading the datasets…</p>
      ) : (
        <table class="data datasets">
          <caption class="sr-only">Airspace datasets</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Licence</th>
              <th scope="col">Zones by category</th>
              <th scope="col">Imported</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  {d.name}{' '}
                  <span class="sub">
                    ({d.id}, version {d.version.slice(0, 10)})
                  </span>
                  {d.bundled && <span class="sub"> bundled</span>}
                </th>
                <td>{d.licence}</td>
                <td>
                  {d.zoneCount}:{' '}
                  {Object.entries(d.counts)
                    .filter(([, n]) => n > 0)
                    .map(([c, n]) => `${c} ${n}`)
                    .join(', ')}
                </td>
                <td>{utc(d.importedAt)}</td>
                <td class="row-actions">
                  <label class="button quiet">
                    Replace…
                    <input
                      type="file"
                      class="sr-only"
                      aria-label={`Replace ${d.id} with a file`}
                      disabled={busy}
                      onChange={(e) => replace(d, Array.from(e.currentTarget.files ?? []))}
                    />
                  </label>
                  <button type="button" class="danger" disabled={busy} onClick={() => remove(d)}>
                    Delete {d.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Import a dataset</h2>
      <form class="stack import" onSubmit={submit}>
        <label>
          Dataset id
          <input name="id" required pattern="[A-Za-z0-9._\-]{1,64}" />
        </label>
        <label>
          File (OurAirports: airports.csv and runways.csv)
          <input name="file" type="file" multiple required />
        </label>
        <label>
          Format
          <select name="format">
            <option value="">Detect from the content</option>
            {ZONE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input name="name" maxLength={200} />
        </label>
        <label>
          Licence
          <input name="licence" maxLength={500} required />
        </label>
        <label class="check">
          <input name="replace" type="checkbox" /> Replace a dataset with the same id
        </label>
        <label class="check">
          <input name="partial" type="checkbox" /> Store it even when more than 1% of its records are skipped
        </label>
        <button type="submit" disabled={busy}>
          Import
        </button>
      </form>
      {report && <Report report={report} />}
    </>
  );
}

/** The skipped-record report: each record by line or feature, with the importer's reason. */
function Report({ report }: { report: ImportReport }) {
  return (
    <section class="report" aria-labelledby="import-report" aria-live="polite">
      <h2 id="import-report">{report.ok ? 'Import report' : 'Import refused'}</h2>
      <p class={report.ok ? 'ok' : 'problem'}>{report.message}</p>
      {report.read !== undefined && (
        <p>
          Records read: {report.read}; skipped: {report.skipped ?? 0}.
        </p>
      )}
      {report.issues.length > 0 && (
        <ol class="issues">
          {report.issues.slice(0, 200).map((i, n) => (
            <li key={n}>
              {i.line !== undefined
                ? `line ${i.line}`
                : i.feature !== undefined
                  ? `feature ${i.feature}`
                  : 'record'}
              {i.record ? ` (${i.record})` : ''}: {i.reason}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
