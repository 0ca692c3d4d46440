import { createInbox, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';

interface Waiting {
  resolve(): void;
  reject(e: Error): void;
  deadline: number;
  /** The connection's epoch when sent (see AckedPublisher.epoch). */
  epoch: number;
}

/** A publish JetStream did not acknowledge: refused (its error code), unanswered, or no stream. */
export class PublishError extends Error {
  /** The connection to NATS dropped since the message was sent (nats-server may have restarted). */
  reconnected = false;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

const decoder = new TextDecoder();

/**
 * JetStream publishes at the cost of plain NATS messages. A JetStream publish is a NATS request:
 * the message carries a reply subject and JetStream answers it with its acknowledgement once the
 * message is stored. `js.publish` makes each one a full request of the client (two Errors built for
 * their stack traces, a timer, a header object per call, a socket write per message: ~90 µs of CPU
 * per report on this machine). Here every publish of a server shares one subscription to a reply
 * prefix of its own (the token after it finds the waiter) and one timer sweeps the deadlines. The
 * promise settles on JetStream's answer only, as with js.publish: stored (or a duplicate of a stored
 * message id), or an error.
 */
export class AckedPublisher {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiting>();
  private next = 0;
  private readonly sweeper: NodeJS.Timeout;
  /** Counts the connection's drops and returns: a publish sent in another epoch crossed one. */
  private epoch = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {
    nc.subscribe(`${this.inbox}.*`, { callback: (err, msg) => (err ? undefined : this.answer(msg)) });
    this.sweeper = setInterval(() => this.expire(), Math.min(1000, timeoutMs)).unref();
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'disconnect' || s.type === 'reconnect') this.epoch++;
    })();
  }

  /** Resolves once JetStream stored `data` on `subject` under `msgId` (Nats-Msg-Id). */
  publish(subject: string, data: string, msgId: string): Promise<void> {
    const token = (this.next++).toString(36);
    const done = new Promise<void>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs, epoch: this.epoch });
    });
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    try {
      // The client writes what is published in one tick to the socket at once.
      this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers: h });
    } catch (e) {
      this.settle(token, new PublishError('PUBLISH', (e as Error).message));
    }
    return done;
  }

  private answer(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    if (!this.waiting.has(token)) return; // answered after its deadline: already failed
    const data = msg.data;
    // An empty answer is a status: 503 when no stream listens on the subject.
    if (data.length === 0) {
      this.settle(token, new PublishError(`NATS_${msg.headers?.code ?? 'STATUS'}`, 'no stream answered'));
      return;
    }
    let ack: { seq?: unknown; error?: { err_code?: number; description?: string } };
    try {
      ack = JSON.parse(decoder.decode(data));
    } catch {
      this.settle(token, new PublishError('BAD_ACK', 'JetStream answered something that is not JSON'));
      return;
    }
    if (typeof ack.seq === 'number' && !ack.error) this.settle(token);
    else
      this.settle(
        token,
        new PublishError(`JS_${ack.error?.err_code ?? 'ERROR'}`, ack.error?.description ?? 'not stored'),
      );
  }

  private settle(token: string, error?: PublishError): void {
    const w = this.waiting.get(token);
    if (!w) return;
    this.waiting.delete(token);
    if (error) {
      error.reconnected = w.epoch !== this.epoch;
      w.reject(error);
    } else w.resolve();
  }

  private expire(): void {
    const now = Date.now();
    // In the order published, so in the order of their deadlines: stop at the first still in time.
    for (const [token, w] of this.waiting) {
      if (w.deadline > now) break;
      this.settle(token, new PublishError('TIMEOUT', 'JetStream did not answer in time'));
    }
  }

  /** Fails what still waits (the connection is closing). */
  close(): void {
    clearInterval(this.sweeper);
    for (const token of [...this.waiting.keys()])
      this.settle(token, new PublishError('CLOSED', 'the connection closed before JetStream answered'));
  }
}
