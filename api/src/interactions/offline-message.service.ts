import { AppError, badInput } from '../graphql/app-error';
import type { Context } from '../graphql/context';
import { campaignForWidget } from '../campaigns/widget-config.resolver';
import { isOpen as scheduleOpen } from '../campaigns/schedule';
import { Contact } from '../contacts/contact.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { checkVisitorDetails } from './chat-rules';
import { InteractionState, SenderKind } from './interaction.enums';
import { Interaction } from './interaction.entity';
import type { OfflineMessageInput } from './interaction.types';
import { appendMessage } from './message.store';
import { MAX_TEXT } from './message.service';

/** One line, no control characters: safe in a mail header. */
const headerSafe = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 150);

/**
 * A message left while nobody can chat: kept as an OFFLINE_MESSAGE
 * interaction (it shows in recordings) and emailed to the campaign's
 * offline address through the outbox, in the same transaction.
 */
export async function leaveOfflineMessage(ctx: Context, input: OfflineMessageInput): Promise<Interaction> {
  ctx.deps.limits.offlineMessage.take(ctx.ip);
  const campaign = await campaignForWidget(ctx, input.campaignKey);
  if (!campaign.offlineMessageEnabled || !campaign.offlineMessageEmail) throw new AppError('FORBIDDEN', 'This campaign does not take offline messages');
  const { details, problem } = checkVisitorDetails({ ...campaign, emailRequired: true }, input);
  if (problem) throw badInput(problem.field, problem.message);
  const text = input.text.trim();
  if (text === '') throw badInput('text', 'must not be empty');
  if (text.length > MAX_TEXT) throw badInput('text', `must have at most ${MAX_TEXT} characters`);
  const now = ctx.deps.now();
  return ctx.em.transactional(async (tx) => {
    // Always a contact of its own: an anonymous caller learns nothing about, and changes nothing of, earlier contacts with this email.
    const contact = tx.create(Contact, { ...details });
    const interaction = tx.create(Interaction, {
      campaign,
      contact,
      state: InteractionState.OFFLINE_MESSAGE,
      origin: ctx.origin?.slice(0, 200) ?? null,
      outOfHours: !scheduleOpen(campaign.schedule, now),
      queuedAt: now,
      closedAt: now,
    });
    tx.persist(interaction);
    await tx.flush();
    await appendMessage(tx, interaction, { senderKind: SenderKind.CONTACT, senderName: details.name, text, clientId: 'offline', createdAt: now });
    const lines = [
      `${details.name} <${details.email}> left a message on ${campaign.name}:`,
      '',
      text,
      '',
      ...(details.customFieldValue ? [`${campaign.customField.label || 'Reference'}: ${details.customFieldValue}`] : []),
      `Page: ${ctx.origin ?? 'unknown'}`,
      `Parley interaction ${interaction.id}`,
    ];
    tx.persist(
      tx.create(OutboxEmail, {
        to: campaign.offlineMessageEmail as string,
        replyTo: details.email,
        subject: headerSafe(`Offline message from ${details.name} (${campaign.name})`),
        text: lines.join('\n'),
        nextAttemptAt: now,
      }),
    );
    await tx.flush();
    return interaction;
  });
}
