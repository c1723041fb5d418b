import { signal } from '@preact/signals';
import { ApiError, isTransient } from './http';
import type { Attachment } from './model';
import { local } from './storage';

/** A message the customer wrote that the API has not confirmed yet. */
export interface Outgoing {
  /** Random per message, kept across retries and reloads: the API stores a clientId once. */
  clientId: string;
  interactionId: string;
  text: string | null;
  createdAt: string;
  /** Set once the file is uploaded. */
  attachment: Attachment | null;
  /** A file or voice note still to upload; kept in memory only (localStorage holds text). */
  file?: { blob: Blob; name: string; kind: Attachment['kind'] };
  state: 'queued' | 'failed';
  /** Why it failed, as an API code (CONFLICT, FORBIDDEN, PAYLOAD_TOO_LARGE…). */
  failure?: string;
}

const MAX_BACKOFF_MS = 30_000;

/** A random v4 UUID (crypto.randomUUID exists only on https pages). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Messages waiting for the API, persisted in localStorage, delivered one at a
 * time in the order written: over the socket when it is up, else over HTTP
 * (files are uploaded over HTTP first). A message that may or may not have
 * arrived (no answer in time, or the socket lost before it) is sent again
 * with the same clientId, by whichever way is up then, and the API answers
 * with the first copy: delivered exactly once. Transient failures (offline,
 * server errors, rate limits) wait and retry with backoff; refusals mark the
 * message failed.
 */
export class Outbox {
  readonly entries = signal<readonly Outgoing[]>([]);
  private running = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storageKey: string,
    /** Sends one message (uploading its file first if needed) and hands the confirmed message on; throws ApiError codes as `graphql` does. */
    private readonly deliver: (entry: Outgoing, setAttachment: (attachment: Attachment) => void) => Promise<void>,
  ) {
    this.entries.value = (local.read<Outgoing[]>(storageKey) ?? []).filter((entry) => typeof entry?.clientId === 'string');
    addEventListener('online', () => void this.flush());
  }

  add(entry: Outgoing): void {
    this.set([...this.entries.value, entry]);
    void this.flush();
  }

  /** Confirmed by the API (from the send itself, or seen in the stream first). */
  confirm(clientId: string): void {
    if (this.entries.value.some((entry) => entry.clientId === clientId)) this.set(this.entries.value.filter((entry) => entry.clientId !== clientId));
  }

  retry(clientId: string): void {
    this.update(clientId, { state: 'queued', failure: undefined });
    this.attempt = 0;
    void this.flush();
  }

  discard(clientId: string): void {
    this.confirm(clientId);
  }

  /** Forgets what belongs to other chats (a new chat started). */
  keepOnly(interactionId: string): void {
    this.set(this.entries.value.filter((entry) => entry.interactionId === interactionId));
  }

  async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    clearTimeout(this.timer);
    try {
      for (;;) {
        const next = this.entries.value.find((entry) => entry.state === 'queued');
        if (!next || !navigator.onLine) return;
        try {
          await this.deliver(next, (attachment) => this.update(next.clientId, { attachment, file: undefined }));
          this.confirm(next.clientId);
          this.attempt = 0;
        } catch (error) {
          if (isTransient(error)) {
            const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt++) * (0.5 + Math.random() * 0.5);
            this.timer = setTimeout(() => void this.flush(), delay);
            return;
          }
          this.update(next.clientId, { state: 'failed', failure: error instanceof ApiError ? error.code : 'INTERNAL_SERVER_ERROR' });
        }
      }
    } finally {
      this.running = false;
    }
  }

  private update(clientId: string, change: Partial<Outgoing>): void {
    this.set(this.entries.value.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry)));
  }

  private set(entries: readonly Outgoing[]): void {
    this.entries.value = entries;
    // Files not yet uploaded cannot be stored; their text-only remainder would be a different message.
    const storable = entries.filter((entry) => !entry.file).map(({ file: _file, ...entry }) => entry);
    if (storable.length) local.write(this.storageKey, storable);
    else local.remove(this.storageKey);
  }
}
