import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { AppError, badInput } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { assertMayWrite, readableInteraction } from './interaction-access';
import { isOpen } from './interaction-lifecycle';
import { InteractionState, SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import { Message } from './message.entity';
import { appendMessage, appendText, viewOf, type MessageView, type TextAuthor } from './message.store';
import { takeFromBudget } from './message-budget';
import { MessageFeed } from './message-feed';
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
   * returns the first message instead of storing a second one. The
   * contact's messages count against the chat's budget (message-budget.ts),
   * past which they are refused with RATE_LIMITED. A text from
   * the chat's contact or agent takes one statement (see `appendText`);
   * files, refusals and resends take the longer way that tells them apart.
   */
  async send(interactionId: string, clientId: string, text: string | null, attachmentId: string | null): Promise<Message | MessageView> {
    const { deps, viewer } = this.ctx;
    const body = text?.trim() ?? '';
    const author = textAuthor(viewer, deps.config.rateLimits.visitorMessage);
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
    // Every send of the contact counts, including those refused below and resends.
    if (viewer.kind === 'visitor' && isUuid(interactionId)) await takeFromBudget(deps.orm.em, interactionId, viewer.contactId, deps.now(), deps.config.rateLimits.visitorMessage);
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

  /** Messages after `afterSeq` from storage, then live ones, in seq order (see MessageFeed). The caller has checked that the reader may read the interaction. */
  stream(interactionId: string, afterSeq: number | null): MessageFeed {
    return new MessageFeed(this.ctx.deps, interactionId, afterSeq);
  }
}

const validClientId = (clientId: string) => clientId.length > 0 && clientId.length <= MAX_CLIENT_ID;

/** The one-statement path serves the chat's contact and agent; anyone else takes the longer way and its refusals. */
function textAuthor(viewer: Viewer, budget: number): TextAuthor | undefined {
  if (viewer.kind === 'visitor') return { kind: 'contact', contactId: viewer.contactId, campaignId: viewer.campaignId, budget };
  if (viewer.kind === 'staff') return { kind: 'agent', userId: viewer.userId };
  return undefined;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505');
