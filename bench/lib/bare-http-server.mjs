// The peer of bench/startup.ts: a bare Node HTTP server, started the way Airlock's is (`node <file>`),
// that prints its URL in Airlock's words and answers 200 to everything. What any Node server pays.
import { createServer } from 'node:http';

if (process.argv.includes('--help')) {
  process.stdout.write('usage: bare-http-server [--help]\n');
} else {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok","zones":0}');
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`Airlock listening on http://127.0.0.1:${server.address().port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
