import type { TelemetryCategory } from '@airlock/core';

/** A stream message holds at most this many bytes of reports (NATS refuses messages over 1 MiB). */
const MAX_MESSAGE_BYTES = 512 * 1024;

interface Batch {
  raws: string[];
  bytes: number;
  settle: { resolve(): void; reject(e: unknown): void };
  done: Promise<void>;
}

/**
 * Reports that arrive in the same turn of the event loop travel to JetStream as one message: a JSON
 * array of their texts (each a validated report, so the array is valid JSON), per category. Each
 * report's promise settles with its message's acknowledgement, so a 202 still means JetStream stored
 * that report. JetStream's work (store, acknowledge, deliver, delete) is per message: the more a
 * server receives at once, the less each report costs it and nats-server.
 */
export class TurnBatches {
  private open = new Map<TelemetryCategory, Batch>();
  private scheduled = false;

  constructor(private readonly send: (category: TelemetryCategory, body: string) => Promise<void>) {}

  add(category: TelemetryCategory, raw: string): Promise<void> {
    let batch = this.open.get(category);
    if (batch && batch.bytes + raw.length > MAX_MESSAGE_BYTES) {
      this.flush(category, batch);
      batch = undefined;
    }
    if (!batch) {
      let settle!: Batch['settle'];
      const done = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      batch = { raws: [], bytes: 2, settle, done };
      this.open.set(category, batch);
    }
    batch.raws.push(raw);
    batch.bytes += raw.length + 1;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        for (const [c, b] of this.open) this.flush(c, b);
      });
    }
    return batch.done;
  }

  private flush(category: TelemetryCategory, batch: Batch): void {
    this.open.delete(category);
    this.send(category, `[${batch.raws.join(',')}]`).then(batch.settle.resolve, batch.settle.reject);
  }
}
