import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: string[];
  readonly raw: string;
}

export interface LoopbackSmtp {
  /** Every mail accepted, across restarts. */
  readonly received: ReceivedMail[];
  /** Stops listening and waits for open sessions to end: senders get "connection refused". */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives; `acceptAfterMs` makes it slow to accept each mail. */
export async function startLoopbackSmtp(port: number, acceptAfterMs = 0): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const start = async () => {
    const started = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          setTimeout(() => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
            callback();
          }, acceptAfterMs);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      started.once('error', reject);
      started.listen(port, '127.0.0.1', () => resolve());
    });
    server = started;
  };
  await start();
  return {
    received,
    start,
    stop: async () => {
      const stopping = server;
      server = undefined;
      if (stopping) await new Promise<void>((resolve) => stopping.close(() => resolve()));
    },
  };
}
