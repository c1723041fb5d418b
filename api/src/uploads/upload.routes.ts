import { createReadStream, mkdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import type { Viewer } from '../auth/viewer';
import { Campaign } from '../campaigns/campaign.entity';
import { AppError } from '../graphql/app-error';
import type { AppDeps } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { assertMayWrite, mayRead, readableInteraction } from '../interactions/interaction-access';
import { isOpen } from '../interactions/interaction-lifecycle';
import { AttachmentKind } from '../interactions/interaction.enums';
import { activeContentInFile } from './active-content';
import { safeFileName, sniff } from './sniff';
import { Upload } from './upload.entity';
import { uploadRefusal } from './upload-policy';
import { receiveUpload, sweepStaleTemps, type ReceivedUpload } from './upload.receive';

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  DOMAIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

function refuse(res: Response, code: string, message: string, field?: string): void {
  if (!res.headersSent) res.status(STATUS[code] ?? 400).json({ error: { code, message, ...(field ? { field } : {}) } });
}

/** A visitor token works on /uploads only from the campaign's allowed sites, exactly as on GraphQL. */
async function originRefused(deps: AppDeps, viewer: Viewer, req: Request, res: Response): Promise<boolean> {
  if (await deps.access.originAllowed(viewer, req.headers.origin)) return false;
  refuse(res, 'DOMAIN_NOT_ALLOWED', 'This chat cannot be used from this website', 'origin');
  return true;
}

export const uploadUrl = (publicUrl: string, id: string) => `${publicUrl}/uploads/${id}`;
export const uploaderIdOf = (viewer: Viewer) => (viewer.kind === 'visitor' ? viewer.contactId : viewer.kind === 'staff' ? viewer.userId : undefined);

/**
 * `POST /uploads` (multipart: `interactionId`, `kind` FILE or VOICE_NOTE,
 * `file`) with the chat's bearer token; `GET /uploads/:id` for participants
 * and supervisors (token in the Authorization header, or `?token=`).
 *
 * A visitor token must come from the campaign's allowed sites on both routes
 * (the Origin check GraphQL makes). Browsers send no Origin for <img>/<audio>
 * (no-cors) requests, so on a campaign with allowed domains the widget fetches
 * an attachment with fetch() and the Authorization header (cors mode: Origin
 * sent) and shows it through a blob: URL; `?token=` suits staff, and visitors
 * of campaigns open to every site.
 */
export function mountUploads(app: Express, deps: AppDeps): void {
  const dir = path.join(deps.config.dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  sweepStaleTemps(dir, deps.now(), STALE_TEMP_MS).catch((err: unknown) => deps.logger.warn({ err }, 'could not sweep stale upload files'));

  app.post('/uploads', async (req: Request, res: Response) => {
    const em = deps.orm.em.fork();
    const viewer = await deps.access.authenticate(req.headers.authorization);
    if (viewer.kind === 'anonymous') return refuse(res, 'UNAUTHENTICATED', 'Send the chat token in the Authorization header');
    // Refusals that need no body come before a byte is written to disk.
    if (await originRefused(deps, viewer, req, res)) return;
    if (viewer.kind === 'visitor') {
      const campaign = await em.findOne(Campaign, { id: viewer.campaignId });
      const refusal = campaign ? uploadRefusal(viewer.kind, campaign) : 'This campaign no longer exists';
      if (refusal) return refuse(res, 'FORBIDDEN', refusal);
    }
    let parsed: ReceivedUpload;
    try {
      parsed = await receiveUpload(req, dir, deps.config.uploadMaxBytes);
    } catch (error) {
      return refuse(res, 'BAD_USER_INPUT', `file: ${(error as Error).message}`, 'file');
    }
    const { fields, file } = parsed;
    let stored: string | undefined;
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
      const polyglot = await activeContentInFile(file.temp, type);
      if (polyglot) return refuse(res, 'UNSUPPORTED_MEDIA_TYPE', polyglot, 'file');
      const storageName = randomBytes(24).toString('hex');
      stored = path.join(dir, storageName);
      await rename(file.temp, stored);
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
      stored = undefined;
      res.status(201).json({ id: upload.id, kind, name: upload.name, mimeType: upload.mimeType, size: upload.size, url: uploadUrl(deps.config.publicUrl, upload.id) });
    } catch (error) {
      if (error instanceof AppError) return refuse(res, error.code, error.message, error.field);
      deps.logger.error({ err: error }, 'upload failed');
      return refuse(res, 'INTERNAL_SERVER_ERROR', 'Upload failed');
    } finally {
      // Whatever was refused or failed leaves no file behind: the temporary one, or a stored one with no row.
      await Promise.all([file && rm(file.temp, { force: true }), stored && rm(stored, { force: true })]);
    }
  });

  app.get('/uploads/:id', async (req: Request, res: Response) => {
    const em = deps.orm.em.fork();
    const token = req.headers.authorization ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    const viewer = await deps.access.authenticate(token);
    if (viewer.kind === 'anonymous') return refuse(res, 'UNAUTHENTICATED', 'A token is required');
    if (await originRefused(deps, viewer, req, res)) return;
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
