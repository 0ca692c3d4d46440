import { randomUUID } from 'node:crypto';
import { utcDay } from '@airlock/core';
import {
  AckPolicy,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../log/index.ts';
import { AGGREGATES, STREAM_MESSAGE_DAYS } from '../telemetry/index.ts';
import { AckedPublisher, PublishError } from './acked-publisher.ts';

const MS = 1_000_000; // JetStream durations are in nanoseconds
/**
 * How long JetStream keeps a report nobody aggregated (servers all down): then it is dropped. One
 * day less than a message's id is honoured by the aggregators (migration 018).
 */
export const STREAM_MAX_AGE_DAYS = STREAM_MESSAGE_DAYS - 1;
/** A publish retried within this window (same message id) is stored once. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;
const CONSUMER = 'aggregator';
/** How long a publish waits for JetStream's acknowledgement before it is tried again (then a 503). */
const PUBLISH_TIMEOUT_MS = 5000;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MESSAGE_ID = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})\\.(${UUID})$`);
const BARE_UUID = new RegExp(`^${UUID}$`);

/**
 * A stream message's id (Nats-Msg-Id): the UTC day it is made and a random UUID. The aggregators
 * record the UUID with the aggregates (migration 018) and honour a message for STREAM_MESSAGE_DAYS
 * after its day.
 */
export function messageId(day: string = utcDay()): string {
  return `${day}.${randomUUID()}`;
}

/**
 * The id and day of a delivered message; messages published before migration 018 carry a bare UUID,
 * and take the day JetStream stored them. null when it has no id of either shape (not published by
 * an Airlock server).
 */
export function readMessageId(m: Pick<JsMsg, 'headers' | 'info'>): { id: string; day: string } | null {
  const raw = m.headers?.get('Nats-Msg-Id') ?? '';
  const dated = MESSAGE_ID.exec(raw);
  if (dated) return { day: dated[1], id: dated[2] };
  if (BARE_UUID.test(raw)) return { day: utcDay(new Date(m.info.timestampNanos / 1e6)), id: raw };
  return null;
}

/**
 * The telemetry stream on NATS JetStream: one work-queue stream, each message the aggregates of the
 * validated reports one server took in in one turn of its event loop (file storage, so a report
 * JetStream acknowledged survives a NATS restart), and one durable pull consumer shared by every
 * server, so each message is handed to one aggregator at a time. A work queue deletes a message once
 * it is acknowledged: nothing piles up beside the aggregates.
 */
export class NatsStream {
  private readonly publisher: AckedPublisher;

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    /** Stream name; also the subject prefix (`<name>.aggregates`; `<name>.<category>` before). */
    readonly name: string,
    /** Name and creation time: sequences restart if the stream is ever recreated. */
    readonly identity: string,
  ) {
    this.publisher = new AckedPublisher(nc, PUBLISH_TIMEOUT_MS);
  }

  static async open(url: string, name: string, log: Logger, ackWaitS = 30): Promise<NatsStream> {
    const nc = await connect({
      servers: url,
      name: 'airlock',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    try {
      const jsm = await jetstreamManager(nc);
      let info = await jsm.streams.info(name).catch(() => null);
      if (!info) {
        info = await jsm.streams.add({
          name,
          subjects: [`${name}.*`],
          retention: RetentionPolicy.Workqueue,
          storage: StorageType.File,
          discard: DiscardPolicy.New,
          max_age: STREAM_MAX_AGE_DAYS * 86_400_000 * MS,
          duplicate_window: DUPLICATE_WINDOW_MS * MS,
        });
        log.info('telemetry stream created', { stream: name });
      }
      const consumer = await jsm.consumers.info(name, CONSUMER).catch(() => null);
      if (!consumer) {
        await jsm.consumers.add(name, {
          durable_name: CONSUMER,
          ack_policy: AckPolicy.Explicit,
          ack_wait: ackWaitS * 1000 * MS,
          max_ack_pending: 50_000,
        });
      }
      return new NatsStream(nc, jetstream(nc), jsm, name, `${name}@${info.created}`);
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  /**
   * Stores one message, the aggregates of the reports a server took in in one turn of its event loop
   * (TelemetryService), under a message id of its own (see messageId); resolves once JetStream
   * acknowledged it. Tried again once when JetStream did not acknowledge it: within the duplicate
   * window JetStream drops the copy; across a nats-server restart it may store it again (a restarted
   * server rebuilds its memory of ids from the messages still in the stream, and a work queue has
   * deleted those already added), under a new sequence: the aggregators find its id recorded with
   * the aggregates and add nothing.
   */
  async publish(aggregates: string): Promise<void> {
    const msgID = messageId();
    const subject = `${this.name}.${AGGREGATES}`;
    try {
      await this.publisher.publish(subject, aggregates, msgID);
    } catch (e) {
      if (e instanceof PublishError && e.code === 'CLOSED') throw e;
      await this.publisher.publish(subject, aggregates, msgID);
    }
  }

  /** The lowest sequence still in the stream: nothing below it can be delivered again. */
  async firstSeq(): Promise<number> {
    return (await this.jsm.streams.info(this.name)).state.first_seq;
  }

  consumer() {
    return this.js.consumers.get(this.name, CONSUMER);
  }

  /** Deletes the stream (tests: each uses a stream of its own). */
  async destroy(): Promise<void> {
    await this.jsm.streams.delete(this.name);
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
    this.publisher.close();
  }
}
