/**
 * A real S3 HTTP API for tests: moto_server (on this machine and in CI) on a free port, with one
 * versioned bucket. With AIRLOCK_TEST_S3_URL set, that store is used instead (MinIO, Garage, AWS…):
 * the same tests then run against the operator's S3. Each caller gets its own key prefix.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../blobs/s3-blob-store.ts';
import { parseS3Url } from '../blobs/s3-location.ts';
import { freePort } from './free-port.ts';

export interface TestS3 {
  /** An S3 URL (see parseS3Url) for a fresh prefix in the test bucket. */
  url(): string;
  stop(): Promise<void>;
}

export async function startTestS3(): Promise<TestS3> {
  const given = process.env.AIRLOCK_TEST_S3_URL;
  if (given) {
    parseS3Url(given);
    return {
      url: () => `${given.replace(/\/?(\?.*)?$/, '')}/t-${randomUUID()}${new URL(given).search}`,
      stop: async () => {},
    };
  }
  const port = await freePort();
  const moto: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => {
    moto.once('error', (e) => reject(new Error(`moto_server could not start: ${e.message}`)));
    moto.once('exit', (code) => reject(new Error(`moto_server exited with ${code}`)));
  });
  const base = `http://test:test@127.0.0.1:${port}`;
  const bucket = 'airlock-test';
  const client = s3Client(parseS3Url(`${base}/${bucket}?region=us-east-1`));
  try {
    await Promise.race([failed, waitForHttp(port)]);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  } catch (e) {
    moto.kill('SIGKILL');
    throw e;
  } finally {
    client.destroy();
  }
  failed.catch(() => {}); // exits on stop are expected from here on
  return {
    url: () => `${base}/${bucket}/t-${randomUUID()}?region=us-east-1`,
    stop: async () => {
      if (moto.exitCode !== null) return;
      const exited = new Promise((resolve) => moto.once('exit', resolve));
      moto.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForHttp(port: number): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      if (Date.now() > until) throw new Error('moto_server did not answer within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
