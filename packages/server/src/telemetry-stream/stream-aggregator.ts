import { setTimeout as delay } from 'node:timers/promises';
import { TELEMETRY_CATEGORIES } from '@airlock/core';
import { type ConsumerMessages, JetStreamError, type JsMsg } from '@nats-io/jetstream';
import type { Logger } from '../log/index.ts';
import { AGGREGATES, type StreamedReport, type TelemetryService } from '../telemetry/index.ts';
import { type NatsStream, readMessageId } from './nats-stream.ts';

const isHeartbeatMiss = (e: unknown) => e instanceof JetStreamError && e.message === 'heartbeats missed';

/** How often the ids of messages too old to come back are forgotten (TelemetryStore.pruneStreamApplied). */
const PRUNE_EVERY_MS = 60_000;

/**
 * Every server runs one: pulls batches of messages from the shared consumer, adds each batch to the
 * tables exactly once (TelemetryService.applyStreamBatch records the messages' ids in the same
 * transaction), and only then acknowledges the batch. Killed between commit and acknowledgement, the
 * batch is redelivered (to any server, after the ack wait) and finds its ids recorded; killed before
 * the commit, it is redelivered and added then. A copy stored under another sequence (a publish
 * retried across a nats-server restart) or brought back by a restarted nats-server finds its id too.
 * While NATS or the database is down it retries every second, logging once.
 */
export class StreamAggregator {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private current: ConsumerMessages | undefined;
  /** Reports added by this server, and redeliveries it found already added (tests, logs). */
  readonly counts = { applied: 0, duplicates: 0, batches: 0 };

  constructor(
    private readonly stream: NatsStream,
    private readonly telemetry: TelemetryService,
    private readonly log: Logger,
    private readonly options: { batch?: number; waitMs?: number } = {},
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    let failing = false;
    let lastPrune = 0;
    while (!this.stopped) {
      try {
        const consumer = await this.stream.consumer();
        while (!this.stopped) {
          await this.pullOnce(consumer);
          if (failing) this.log.info('telemetry stream aggregation resumed');
          failing = false;
          if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
            lastPrune = Date.now();
            await this.telemetry.store.pruneStreamApplied(this.stream.identity, await this.stream.firstSeq());
          }
        }
      } catch (e) {
        if (this.stopped) break;
        if (!failing) {
          this.log.warn('telemetry stream aggregation failed; retrying every second', {
            code: (e as { code?: string }).code ?? (e as Error).name,
          });
        }
        failing = true;
        await delay(1000);
      }
    }
  }

  private async pullOnce(consumer: Awaited<ReturnType<NatsStream['consumer']>>): Promise<void> {
    const messages = await consumer.fetch({
      max_messages: this.options.batch ?? 1000,
      expires: this.options.waitMs ?? 1000,
    });
    this.current = messages;
    const batch: JsMsg[] = [];
    let ended: unknown;
    try {
      for await (const m of messages) batch.push(m);
    } catch (e) {
      ended = e;
    }
    this.current = undefined;
    // What a fetch delivered before it failed is still this server's to add (and acknowledge): left
    // alone, it would only come back after the ack wait. A fetch ends with "heartbeats missed" when
    // nats-server or this event loop was slow for a second under load: not worth a warning and a pause.
    if (batch.length > 0) await this.apply(batch);
    if (ended !== undefined && !isHeartbeatMiss(ended)) throw ended;
  }

  private async apply(batch: JsMsg[]): Promise<void> {
    const reports: StreamedReport[] = [];
    const kept: JsMsg[] = [];
    for (const m of batch) {
      const category = m.subject.slice(this.stream.name.length + 1) as StreamedReport['category'];
      const id = readMessageId(m);
      // Only the servers' aggregates of validated reports (or, from servers before those, the reports
      // of one category), under their ids, reach the stream's subjects; anything else is dropped.
      if (id && (category === AGGREGATES || (TELEMETRY_CATEGORIES as readonly string[]).includes(category))) {
        reports.push({ ...id, seq: m.seq, category, payload: m.data });
        kept.push(m);
      } else m.term();
    }
    const fresh = await this.telemetry.applyStreamBatch(this.stream.identity, reports);
    this.acknowledge(kept);
    this.counts.batches++;
    this.counts.applied += fresh;
    this.counts.duplicates += reports.length - fresh;
  }

  /** After the batch's transaction committed (tests override it to fail right there, as a crash would). */
  protected acknowledge(messages: JsMsg[]): void {
    for (const m of messages) m.ack();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.stop();
    await this.loop;
  }
}
