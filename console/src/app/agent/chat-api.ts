import { inject, Injectable } from '@angular/core';
import type { DocumentNode } from 'graphql';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { SessionStore } from '../core/session.store';
import type { Attachment } from './message-log';

/** An error from /uploads, with the API's code. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The workspace's requests over HTTP, as promises and without Apollo's cache: the workspace keeps
 * its own state, fed by subscriptions, so cached copies could only go stale.
 */
@Injectable({ providedIn: 'root' })
export class ChatApi {
  private readonly apollo = inject(Apollo);
  private readonly session = inject(SessionStore);

  async query<T>(query: DocumentNode, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await firstValueFrom(this.apollo.query<T>({ query, variables, fetchPolicy: 'no-cache', errorPolicy: 'none' }));
    if (!result.data) throw new Error('No data');
    return result.data as T;
  }

  async mutate<T>(mutation: DocumentNode, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await firstValueFrom(this.apollo.mutate<T>({ mutation, variables, fetchPolicy: 'no-cache' }));
    if (!result.data) throw new Error('No data');
    return result.data as T;
  }

  /** `POST /uploads`, multipart, with the staff token; answers the stored attachment. */
  async upload(interactionId: string, kind: 'FILE' | 'VOICE_NOTE', file: Blob, name: string): Promise<Attachment> {
    const form = new FormData();
    form.append('interactionId', interactionId);
    form.append('kind', kind);
    form.append('file', file, name);
    const response = await fetch('/uploads', { method: 'POST', headers: this.authorization(), body: form });
    const body = (await response.json().catch(() => ({}))) as Attachment & { error?: { code: string; message: string } };
    if (!response.ok) throw new UploadError(body.error?.code ?? String(response.status), body.error?.message ?? response.statusText);
    return body;
  }

  /**
   * An attachment's bytes, fetched with the Authorization header (never a token in a URL), from
   * this origin: the stored URL names PUBLIC_URL, which may not be the address the console is at.
   */
  async attachment(url: string): Promise<Blob> {
    const path = new URL(url, location.origin).pathname;
    if (!/^\/uploads\/[\w-]+$/.test(path)) throw new Error('Not an attachment address');
    const response = await fetch(path, { headers: this.authorization() });
    if (!response.ok) throw new UploadError(String(response.status), response.statusText);
    return response.blob();
  }

  private authorization(): Record<string, string> {
    const token = this.session.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
}
