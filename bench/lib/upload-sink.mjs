// The peer of bench/media-strip.ts over HTTP: a bare Node server that stores each request body as it
// is (written to a file, fsynced, then removed) and answers 201. Receiving an upload without reading it.
import { closeSync, createWriteStream, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = mkdtempSync(join(tmpdir(), 'airlock-upload-sink-'));
let n = 0;
const server = createServer(async (req, res) => {
  const path = join(dir, String(n++));
  await pipeline(req, createWriteStream(path, { highWaterMark: 8 * 2 ** 20 }));
  const fd = openSync(path, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  rmSync(path);
  res.writeHead(201, { 'content-type': 'application/json' });
  res.end('{}');
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`),
);
process.on('SIGTERM', () =>
  server.close(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }),
);
