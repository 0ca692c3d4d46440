import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { DatasetsPage } from './datasets-page.tsx';
import { forgetToken, signInOperator, storedToken } from './operator-token.ts';
import { ReportsPage } from './reports-page.tsx';
import { StatsPage } from './stats-page.tsx';
import { ZoneMapPage } from './zone-map-page.tsx';
import './operator.css';

const SECTIONS = [
  { path: '/operator/datasets', title: 'Datasets' },
  { path: '/operator/zones', title: 'Zone map' },
  { path: '/operator/stats', title: 'Statistics' },
  { path: '/operator/reports', title: 'Media reports' },
] as const;

/**
 * The operator's console: the airspace datasets, a map of every zone, the aggregate statistics (no
 * per-pilot view exists, in the API or here) and the community media reports. One lazy chunk for
 * the four, behind the token.
 */
export default function OperatorPage() {
  const { path } = useLocation();
  const [token, setToken] = useState(storedToken);
  if (!token) return <OperatorSignIn onToken={setToken} />;
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0];
  return (
    <section class="operator">
      <div class="title-row">
        <h1>Operator: {section.title}</h1>
        <button
          type="button"
          class="quiet"
          onClick={() => {
            forgetToken();
            setToken(null);
          }}
        >
          Forget the operator token
        </button>
      </div>
      <nav aria-label="Operator" class="subnav">
        {SECTIONS.map((s) => (
          <a key={s.path} href={s.path} aria-current={s === section ? 'page' : undefined}>
            {s.title}
          </a>
        ))}
      </nav>
      {section.path === '/operator/datasets' && <DatasetsPage token={token} />}
      {section.path === '/operator/zones' && <ZoneMapPage />}
      {section.path === '/operator/stats' && <StatsPage token={token} />}
      {section.path === '/operator/reports' && <ReportsPage token={token} />}
    </section>
  );
}

function OperatorSignIn({ onToken }: { onToken: (t: string) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const token = String(new FormData(e.currentTarget as HTMLFormElement).get('token')).trim();
    const refused = await signInOperator(token);
    setProblem(refused);
    if (!refused) onToken(token);
  };
  return (
    <section class="auth">
      <h1>Operator sign-in</h1>
      <form onSubmit={submit}>
        <label>
          Operator token
          <input name="token" type="password" autocomplete="off" required aria-describedby="token-hint" />
        </label>
        <p id="token-hint" class="hint">
          The server's AIRLOCK_ADMIN_TOKEN. It is kept in this tab only and sent with operator requests only.
        </p>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit">Sign in as operator</button>
      </form>
    </section>
  );
}
