import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Busboy from 'busboy';
import type { Express, Request, Response } from 'express';
import { authenticate } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../graphql/app-error';
import type { AppDeps } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { assertMayWrite, mayRead, readableInteraction } from '../interactions/interaction-access';
import { isOpen } from '../interactions/interaction-lifecycle';
import { AttachmentKind } from '../interactions/interaction.enums';
import { safeFileName, sniff } from './sniff';
import { Upload } from './upload.entity';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_USER_INPUT: 400, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415 };

function refuse(res: Response, code: string, message: string, field?: string): void {
  if (!res.headersSent) res.status(STATUS[code] ?? 400).json({ error: { code, message, ...(field ? { field } : {}) } });
}

export const uploadUrl = (publicUrl: string, id: string) => `${publicUrl}/uploads/${id}`;
export const uploaderIdOf = (viewer: Viewer) => (viewer.kind === 'visitor' ? viewer.contactId : viewer.kind === 'staff' ? viewer.userId : undefined);

/**
 * `POST /uploads` (multipart: `interactionId`, `kind` FILE or VOICE_NOTE,
 * `file`) with the chat's bearer token; `GET /uploads/:id` for participants
 * and supervisors (token in the Authorization header, or `?token=` for
 * <img> and <audio>).
 */
export function mountUploads(app: Express, deps: AppDeps): void {
  const dir = path.join(deps.config.dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });

  app.post('/uploads', async (req: Request, res: Response) => {
    const em = deps.orm.em.fork();
    const viewer = await authenticate(em, req.headers.authorization, deps.now());
    if (viewer.kind === 'anonymous') return refuse(res, 'UNAUTHENTICATED', 'Send the chat token in the Authorization header');
    let parsed: { fields: Record<string, string>; file?: { temp: string; name: string; size: number; tooLarge: boolean } };
    try {
      parsed = await receive(req, dir, deps.config.uploadMaxBytes);
    } catch (error) {
      return refuse(res, 'BAD_USER_INPUT', `file: ${(error as Error).message}`, 'file');
    }
    const { fields, file } = parsed;
    const discard = () => (file ? rm(file.temp, { force: true }) : Promise.resolve());
    try {
      if (!file) return refuse(res, 'BAD_USER_INPUT', 'file: a multipart field named file is required', 'file');
      if (file.tooLarge) return refuse(res, 'PAYLOAD_TOO_LARGE', `file: larger than ${deps.config.uploadMaxBytes} bytes`, 'file');
      if (file.size === 0) return refuse(res, 'BAD_USER_INPUT', 'file: is empty', 'file');
      const kind = (fields.kind ?? AttachmentKind.FILE) as AttachmentKind;
      if (!Object.values(AttachmentKind).includes(kind)) return refuse(res, 'BAD_USER_INPUT', 'kind: must be FILE or VOICE_NOTE', 'kind');
      const interaction = await readableInteraction(em, viewer, fields.interactionId ?? '');
      assertMayWrite(viewer, interaction);
      if (!isOpen(interaction)) return refuse(res, 'CONFLICT', 'This chat has ended');
      const head = Buffer.alloc(16);
      const handle = await open(file.temp, 'r');
      await handle.read(head, 0, 16, 0).finally(() => handle.close());
      const type = sniff(head, file.name);
      if (!type) return refuse(res, 'UNSUPPORTED_MEDIA_TYPE', 'file: only images, PDF, office documents and audio are accepted', 'file');
      if (kind === AttachmentKind.VOICE_NOTE && type.family !== 'audio') return refuse(res, 'UNSUPPORTED_MEDIA_TYPE', 'file: a voice note must be audio', 'file');
      const storageName = randomBytes(24).toString('hex');
      await rename(file.temp, path.join(dir, storageName));
      const upload = em.create(Upload, {
        interaction,
        uploaderId: uploaderIdOf(viewer) as string,
        kind,
        name: safeFileName(file.name, type.extension),
        mimeType: type.mimeType,
        size: file.size,
        storageName,
        createdAt: deps.now(),
      });
      await em.persistAndFlush(upload);
      res.status(201).json({ id: upload.id, kind, name: upload.name, mimeType: upload.mimeType, size: upload.size, url: uploadUrl(deps.config.publicUrl, upload.id) });
    } catch (error) {
      if (error instanceof AppError) return refuse(res, error.code, error.message, error.field);
      deps.logger.error({ err: error }, 'upload failed');
      return refuse(res, 'INTERNAL_SERVER_ERROR', 'Upload failed');
    } finally {
      await discard();
    }
  });

  app.get('/uploads/:id', async (req: Request, res: Response) => {
    const em = deps.orm.em.fork();
    const token = req.headers.authorization ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    const viewer = await authenticate(em, token, deps.now());
    if (viewer.kind === 'anonymous') return refuse(res, 'UNAUTHENTICATED', 'A token is required');
    const id = String(req.params.id);
    const upload = isUuid(id) ? await em.findOne(Upload, { id }, { populate: ['interaction'] }) : null;
    if (!upload || !(await mayRead(em, viewer, upload.interaction))) return refuse(res, 'NOT_FOUND', 'Upload not found');
    const inline = upload.mimeType.startsWith('image/') || upload.mimeType.startsWith('audio/');
    res.setHeader('Content-Type', upload.mimeType);
    res.setHeader('Content-Length', String(upload.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(upload.name)}`);
    createReadStream(path.join(dir, upload.storageName)).on('error', () => refuse(res, 'NOT_FOUND', 'Upload not found')).pipe(res);
  });
}

/** Streams the multipart body's one file to a temporary file, counting bytes and stopping past the limit. */
function receive(req: Request, dir: string, maxBytes: number): Promise<{ fields: Record<string, string>; file?: { temp: string; name: string; size: number; tooLarge: boolean } }> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: req.headers, limits: { files: 1, fields: 5, fieldSize: 200, fileSize: maxBytes } });
    } catch {
      reject(new Error('send multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { temp: string; name: string; size: number; tooLarge: boolean } | undefined;
    let writing: Promise<void> = Promise.resolve();
    busboy.on('field', (name, value) => (fields[name] = value));
    busboy.on('file', (_name, stream, info) => {
      const temp = path.join(dir, `incoming-${randomBytes(12).toString('hex')}`);
      const current = { temp, name: info.filename ?? 'file', size: 0, tooLarge: false };
      file = current;
      const out = createWriteStream(temp);
      stream.on('data', (chunk: Buffer) => (current.size += chunk.length));
      stream.on('limit', () => (current.tooLarge = true));
      writing = new Promise((done, fail) => {
        out.on('finish', () => done());
        out.on('error', fail);
      });
      stream.pipe(out);
    });
    busboy.on('error', (error) => reject(error instanceof Error ? error : new Error('malformed multipart body')));
    busboy.on('close', () => writing.then(() => resolve({ fields, file }), reject));
    req.pipe(busboy);
  });
}
