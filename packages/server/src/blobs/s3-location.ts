/**
 * Where an S3-compatible store lives, from the one URL an operator gives (AIRLOCK_FLIGHTLOG_S3_URL,
 * AIRLOCK_MEDIA_S3_URL):
 *
 *   https://ACCESS_KEY:SECRET@s3.eu-central-1.amazonaws.com/bucket/optional/prefix?region=eu-central-1
 *   http://minio:minio123@127.0.0.1:9000/airlock-logs?region=us-east-1
 *
 * The bucket is the first path segment (path-style addressing, which MinIO, Garage, SeaweedFS, moto
 * and AWS all serve); the rest of the path is a key prefix. Without credentials in the URL the AWS
 * SDK's default chain is used (AWS_ACCESS_KEY_ID…, instance roles). `region` defaults to us-east-1.
 */
export interface S3Location {
  endpoint: string;
  region: string;
  bucket: string;
  /** Prepended to every key ("" or ending in "/"). */
  prefix: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function parseS3Url(text: string): S3Location {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('is not a URL (expected https://KEY:SECRET@host/bucket[/prefix][?region=…])');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`must be an http or https URL, not ${url.protocol}`);
  }
  const [bucket, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!bucket) throw new Error('names no bucket (the first path segment)');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  if (Boolean(user) !== Boolean(pass))
    throw new Error('has a key id without a secret, or a secret without a key id');
  return {
    endpoint: `${url.protocol}//${url.host}`,
    region: url.searchParams.get('region') ?? 'us-east-1',
    bucket,
    prefix: rest.length > 0 ? `${rest.join('/')}/` : '',
    ...(user ? { credentials: { accessKeyId: user, secretAccessKey: pass } } : {}),
  };
}

/** The URL with its secret replaced, for logs. */
export function redactS3Url(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}
