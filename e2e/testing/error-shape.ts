// The one JSON error shape every error answer must have: {"error":{"status","code","message"}},
// labelled application/json, its status equal to the HTTP status.

/** What is wrong with an error answer, or undefined when it is the one shape. */
export function errorShapeProblem(
  status: number,
  contentType: string | undefined,
  body: string,
): string | undefined {
  if (!/^application\/json(;|$)/i.test(contentType ?? ''))
    return `Content-Type is ${contentType ?? 'absent'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${JSON.stringify(body.slice(0, 120))}`;
  }
  const e = (parsed as { error?: Record<string, unknown> } | null)?.error;
  if (typeof e !== 'object' || e === null) return `no "error" object: ${body.slice(0, 120)}`;
  if (e.status !== status) return `error.status ${String(e.status)} is not the HTTP status ${status}`;
  if (typeof e.code !== 'string' || e.code === '') return 'error.code is not a non-empty string';
  if (typeof e.message !== 'string' || e.message === '') return 'error.message is not a non-empty string';
  return undefined;
}
