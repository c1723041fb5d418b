import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Repeater } from '@graphql-yoga/subscription';
import { User } from '../auth/user.entity';
import { AppError, badInput } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { assertMayWrite, readableInteraction } from './interaction-access';
import { isOpen } from './interaction-lifecycle';
import { InteractionState, SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import { Message } from './message.entity';
import { appendMessage, appendText, messagesAfter, revived, viewOf, type MessageView, type TextAuthor } from './message.store';
import { followMessages } from './message-catch-up';
import type { Viewer } from '../auth/viewer';
import { Upload } from '../uploads/upload.entity';
import { uploadUrl, uploaderIdOf } from '../uploads/upload.routes';
import { isUuid } from '../graphql/ids';
import { Campaign } from '../campaigns/campaign.entity';
import { uploadRefusal } from '../uploads/upload-policy';

export const MAX_TEXT = 5000;
const MAX_CLIENT_ID = 100;

export class MessageService {
  constructor(private readonly ctx: Context) {}

  /**
   * Stores a message with the next seq. A resend with the same clientId
   * returns the first message instead of storing a second one. A text from
   * the chat's contact or agent takes one statement (see `appendText`);
   * files, refusals and resends take the longer way that tells them apart.
   */
  async send(interactionId: string, clientId: string, text: string | null, attachmentId: string | null): Promise<Message | MessageView> {
    const { deps, viewer } = this.ctx;
    if (viewer.kind === 'visitor') deps.limits.visitorMessage.take(viewer.sessionId);
    const body = text?.trim() ?? '';
    const author = textAuthor(viewer);
    if (author && attachmentId == null && validClientId(clientId) && body !== '' && body.length <= MAX_TEXT && isUuid(interactionId)) {
      try {
        // One statement on the pool, outside any identity map: the context's own fork is not needed.
        const message = await appendText(deps.orm.em, interactionId, author, clientId, body, deps.now());
        if (message) {
          deps.pubSub.publish('MESSAGE_ADDED', interactionId, { interactionId, seq: message.seq, message });
          return message;
        }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return this.sendTheLongWay(interactionId, clientId, body, attachmentId);
  }

  private async sendTheLongWay(interactionId: string, clientId: string, body: string, attachmentId: string | null): Promise<Message> {
    const { em, deps, viewer } = this.ctx;
    const interaction = await readableInteraction(em, viewer, interactionId);
    const role = assertMayWrite(viewer, interaction);
    if (!validClientId(clientId)) throw badInput('clientId', `must have 1 to ${MAX_CLIENT_ID} characters`);
    const previous = await em.findOne(Message, { interaction, clientId });
    if (previous) return previous;
    const upload = attachmentId != null ? await this.ownUpload(interaction, attachmentId) : null;
    if (body === '' && !upload) throw badInput('text', 'must not be empty');
    if (body.length > MAX_TEXT) throw badInput('text', `must have at most ${MAX_TEXT} characters`);
    try {
      const message = await em.transactional(async (tx) => {
        const locked = await tx.findOneOrFail(Interaction, { id: interaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['campaign'] });
        const writable = role === 'agent' ? locked.state === InteractionState.ACTIVE : isOpen(locked);
        if (!writable) throw new AppError('CONFLICT', `This chat is ${locked.state.toLowerCase()}: no more messages`);
        const sender = role === 'agent' && viewer.kind === 'staff' ? await tx.findOneOrFail(User, { id: viewer.userId }) : null;
        if (upload && (await tx.nativeUpdate(Upload, { id: upload.id, used: false }, { used: true })) === 0) {
          throw new AppError('CONFLICT', 'attachmentId: this upload is already attached to a message', 'attachmentId');
        }
        return appendMessage(tx, locked, {
          senderKind: role === 'agent' ? SenderKind.AGENT : SenderKind.CONTACT,
          senderUser: sender,
          senderName: sender ? (locked.campaign.showAgentName ? sender.name : null) : interaction.contact.name,
          text: body === '' ? null : body,
          attachment: upload && {
            id: upload.id,
            kind: upload.kind,
            name: upload.name,
            mimeType: upload.mimeType,
            size: upload.size,
            url: uploadUrl(deps.config.publicUrl, upload.id),
          },
          clientId,
          createdAt: deps.now(),
        });
      });
      deps.pubSub.publish('MESSAGE_ADDED', interaction.id, { interactionId: interaction.id, seq: message.seq, message: viewOf(message) });
      return message;
    } catch (error) {
      // The same clientId sent twice at once: the loser returns the winner's message.
      if (isUniqueViolation(error)) return em.fork().findOneOrFail(Message, { interaction: interaction.id, clientId });
      throw error;
    }
  }

  /** An upload of this chat by this sender, not attached yet. */
  private async ownUpload(interaction: Interaction, attachmentId: string): Promise<Upload> {
    const upload = isUuid(attachmentId) ? await this.ctx.em.findOne(Upload, { id: attachmentId, interaction }) : null;
    if (!upload || upload.uploaderId !== uploaderIdOf(this.ctx.viewer)) throw badInput('attachmentId', 'is not a file you uploaded to this chat');
    if (upload.used) throw new AppError('CONFLICT', 'attachmentId: this upload is already attached to a message', 'attachmentId');
    // Media may have been turned off since the file was uploaded.
    const refusal = uploadRefusal(this.ctx.viewer.kind, await this.ctx.em.findOneOrFail(Campaign, { id: interaction.campaign.id }));
    if (refusal) throw new AppError('FORBIDDEN', refusal, 'attachmentId');
    return upload;
  }

  list(interaction: Interaction, afterSeq: number | null): Promise<Message[]> {
    return this.ctx.em.find(Message, { interaction, seq: { $gt: afterSeq ?? 0 } }, { orderBy: { seq: 'asc' } });
  }

  /**
   * Messages after `afterSeq` from storage, then live ones, in seq order,
   * none twice. It subscribes before reading storage. A notification that
   * carries the next message is passed on as it is; one that carries a later
   * message waits (up to MAX_EARLY of them) for the one before, which
   * concurrent sends publish in any order; any other (a notification without
   * the message, too many waiting) reads whatever follows the last seq
   * sent. A notification that never comes (pub/sub dropped it) is made up
   * for by the periodic catch-up (see `followMessages`), so a dropped one
   * delays a message by a few seconds at most. The caller has checked that
   * the reader may read the interaction; the stream holds its id only.
   */
  stream(interactionId: string, afterSeq: number | null): AsyncIterable<Message | MessageView> {
    const { deps } = this.ctx;
    const notifications = deps.pubSub.subscribe('MESSAGE_ADDED', interactionId);
    let lastSent = Math.max(0, afterSeq ?? 0);
    const readAfter = () => messagesAfter(deps.orm.em, interactionId, lastSent, 500);
    return new Repeater<Message | MessageView>(async (push, stop) => {
      const iterator = notifications[Symbol.asyncIterator]();
      // Set by the periodic catch-up or the end of the subscription; `interrupt` ends the wait for a notification.
      let behind = false;
      let stopped = false;
      let interrupt: (() => void) | undefined;
      const unfollow = followMessages(deps, {
        interactionId,
        lastSent: () => lastSent,
        wake: () => {
          behind = true;
          interrupt?.();
        },
      });
      void stop.then(() => {
        stopped = true;
        interrupt?.();
      });
      // Notifications that overtook an earlier one (concurrent sends commit in any order), by seq, until it comes.
      const early = new Map<number, MessageView>();
      const pushEarly = async () => {
        for (const seq of early.keys()) if (seq <= lastSent) early.delete(seq);
        for (let following = early.get(lastSent + 1); following; following = early.get(lastSent + 1)) {
          early.delete(lastSent + 1);
          lastSent += 1;
          await push(revived(following));
        }
      };
      const flush = async () => {
        for (const message of await readAfter()) {
          if (message.seq !== lastSent + 1) break; // a concurrent send not yet committed: wait for its notification
          lastSent = message.seq;
          await push(message);
        }
        await pushEarly();
      };
      try {
        await flush();
        // Raced later, perhaps after a push: its failure (a subscriber too far behind) must count as handled meanwhile.
        const nextNotification = () => {
          const pending = iterator.next();
          pending.catch(() => undefined);
          return pending;
        };
        let notified = nextNotification();
        for (;;) {
          if (stopped) break;
          if (behind) {
            behind = false;
            // Unreachable storage: the next catch-up tries again.
            await flush().catch((err: unknown) => deps.logger.warn({ err }, 'message catch-up read failed'));
            continue;
          }
          // A fresh interruption for each wait: a long-lived promise raced for every event would keep a reaction per event until it settles.
          const next = await Promise.race([notified, new Promise<undefined>((resolve) => (interrupt = () => resolve(undefined)))]);
          interrupt = undefined;
          if (next === undefined) continue;
          if (next.done) break;
          notified = nextNotification();
          const { seq, message } = next.value;
          if (seq <= lastSent) continue;
          if (seq === lastSent + 1 && message) {
            lastSent = seq;
            await push(revived(message));
            await pushEarly();
          } else if (message && early.size < MAX_EARLY) {
            // The one before is on its way; one that never comes is read from storage by the periodic catch-up.
            early.set(seq, message);
          } else await flush();
        }
      } finally {
        unfollow();
        void iterator.return?.();
      }
    });
  }
}

/** Notifications a stream holds while waiting for an earlier one, before it reads storage instead. */
const MAX_EARLY = 256;

const validClientId = (clientId: string) => clientId.length > 0 && clientId.length <= MAX_CLIENT_ID;

/** The one-statement path serves the chat's contact and agent; anyone else takes the longer way and its refusals. */
function textAuthor(viewer: Viewer): TextAuthor | undefined {
  if (viewer.kind === 'visitor') return { kind: 'contact', contactId: viewer.contactId, campaignId: viewer.campaignId };
  if (viewer.kind === 'staff') return { kind: 'agent', userId: viewer.userId };
  return undefined;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505');
