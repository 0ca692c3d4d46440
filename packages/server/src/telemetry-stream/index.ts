import type { Logger } from '../log/index.ts';
import type { TelemetryService } from '../telemetry/index.ts';
import { NatsStream } from './nats-stream.ts';
import { StreamAggregator } from './stream-aggregator.ts';

export { NatsStream, STREAM_MAX_AGE_DAYS } from './nats-stream.ts';
export { StreamAggregator } from './stream-aggregator.ts';

export interface TelemetryStream {
  stream: NatsStream;
  aggregator: StreamAggregator;
  close(): Promise<void>;
}

/**
 * Telemetry through NATS JetStream (NATS_URL): reports are published to the shared stream instead of
 * this server's journal (a 202 once JetStream stored them), and this server's aggregator adds the
 * stream's reports to the tables exactly once. Every server of a cluster does the same.
 */
export async function openTelemetryStream(
  url: string,
  streamName: string,
  telemetry: TelemetryService,
  log: Logger,
  ackWaitS?: number,
): Promise<TelemetryStream> {
  const stream = await NatsStream.open(url, streamName, log, ackWaitS);
  telemetry.usePublisher(stream);
  const aggregator = new StreamAggregator(stream, telemetry, log);
  aggregator.start();
  log.info('telemetry through NATS JetStream', { stream: streamName });
  return {
    stream,
    aggregator,
    async close() {
      await aggregator.stop();
      await stream.close();
    },
  };
}
