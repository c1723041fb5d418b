import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Repeater } from '@graphql-yoga/subscription';
import { User } from '../auth/user.entity';
import { AppError, badInput } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { publishAll } from './conversation-events';
import { assertMayWrite, readableInteraction } from './interaction-access';
import { isOpen } from './interaction-lifecycle';
import { InteractionState, SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import { Message } from './message.entity';
import { appendMessage } from './message.store';
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
   * returns the first message instead of storing a second one.
   */
  async send(interactionId: string, clientId: string, text: string | null, attachmentId: string | null): Promise<Message> {
    const { em, deps, viewer } = this.ctx;
    const interaction = await readableInteraction(em, viewer, interactionId);
    const role = assertMayWrite(viewer, interaction);
    if (viewer.kind === 'visitor') deps.limits.visitorMessage.take(viewer.sessionId);
    if (clientId.length === 0 || clientId.length > MAX_CLIENT_ID) throw badInput('clientId', `must have 1 to ${MAX_CLIENT_ID} characters`);
    const previous = await em.findOne(Message, { interaction, clientId });
    if (previous) return previous;
    const upload = attachmentId != null ? await this.ownUpload(interaction, attachmentId) : null;
    const body = text?.trim() ?? '';
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
      publishAll(deps.pubSub, [{ topic: 'MESSAGE_ADDED', interactionId: interaction.id, seq: message.seq }]);
      return message;
    } catch (error) {
      // The same clientId sent twice at once: the loser returns the winner's message.
      if (error instanceof UniqueConstraintViolationException) return em.fork().findOneOrFail(Message, { interaction: interaction.id, clientId });
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
   * none twice. It subscribes before reading storage, and on every
   * notification reads whatever follows the last seq sent, so a dropped
   * notification only delays a message until the next one. The caller has
   * checked that the reader may read `interaction`.
   */
  stream(interaction: Interaction, afterSeq: number | null): AsyncIterable<Message> {
    const { deps } = this.ctx;
    const notifications = deps.pubSub.subscribe('MESSAGE_ADDED', interaction.id);
    let lastSent = Math.max(0, afterSeq ?? 0);
    const readAfter = () => deps.orm.em.fork().find(Message, { interaction: interaction.id, seq: { $gt: lastSent } }, { orderBy: { seq: 'asc' }, limit: 500 });
    return new Repeater<Message>(async (push, stop) => {
      const iterator = notifications[Symbol.asyncIterator]();
      stop.then(() => iterator.return?.());
      const flush = async () => {
        for (const message of await readAfter()) {
          if (message.seq !== lastSent + 1) break; // a concurrent send not yet committed: wait for its notification
          lastSent = message.seq;
          await push(message);
        }
      };
      await flush();
      for (;;) {
        const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
        if (next.done) break;
        if (next.value.seq > lastSent) await flush();
      }
    });
  }
}
