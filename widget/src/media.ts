import { ApiError } from './http';
import type { Attachment } from './model';

/** `POST /uploads` with the visitor token: the file is stored for this chat, to attach with sendMessage. */
export async function upload(apiBase: string, token: string, interactionId: string, kind: Attachment['kind'], blob: Blob, name: string): Promise<Attachment> {
  const form = new FormData();
  form.append('interactionId', interactionId);
  form.append('kind', kind);
  form.append('file', blob, name);
  let response: Response;
  try {
    response = await fetch(`${apiBase}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form, credentials: 'omit' });
  } catch (error) {
    throw new ApiError('NETWORK', (error as Error).message);
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Attachment> & { error?: { code?: string; message?: string; field?: string } };
  if (!response.ok || !body.id) {
    const code = body.error?.code ?? (response.status >= 500 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR');
    throw new ApiError(code, body.error?.message ?? `HTTP ${response.status}`, body.error?.field);
  }
  return body as Attachment;
}

/**
 * An attachment as a blob: URL. Visitors' downloads are checked against the
 * page's origin, which <img src> and <audio src> do not send, so the bytes
 * come through fetch() with the token. Call the returned revoke when the
 * attachment is no longer shown.
 */
export async function attachmentUrl(url: string, token: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit', signal });
  if (!response.ok) throw new ApiError(response.status === 404 ? 'NOT_FOUND' : 'NETWORK', `HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

/** Saves an attachment that is not shown inline (a PDF, a document) under its name. */
export async function download(url: string, token: string, name: string): Promise<void> {
  const objectUrl = await attachmentUrl(url, token, new AbortController().signal);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.documentElement.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
