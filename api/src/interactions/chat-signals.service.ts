import { SenderKind } from './interaction.enums';
import type { Context } from '../graphql/context';
import { badInput } from '../graphql/app-error';
import { publishAll } from './conversation-events';
import { assertMayWrite, readableInteraction } from './interaction-access';
import { Interaction } from './interaction.entity';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';

/** Typing indicators (live only) and read marks (stored, never moving back). */
export class ChatSignalService {
  constructor(private readonly ctx: Context) {}

  async typing(interactionId: string, typing: boolean): Promise<boolean> {
    const { em, deps, viewer } = this.ctx;
    const interaction = await readableInteraction(em, viewer, interactionId);
    const role = assertMayWrite(viewer, interaction);
    let senderName: string | null = interaction.contact.name;
    if (role === 'agent' && viewer.kind === 'staff') {
      const campaign = await em.findOneOrFail(Campaign, { id: interaction.campaign.id });
      senderName = campaign.showAgentName ? (await em.findOneOrFail(User, { id: viewer.userId })).name : null;
    }
    deps.pubSub.publish('TYPING', interaction.id, {
      interactionId: interaction.id,
      senderKind: role === 'agent' ? SenderKind.AGENT : SenderKind.CONTACT,
      senderName,
      typing,
    });
    return true;
  }

  async markRead(interactionId: string, seq: number): Promise<Interaction> {
    const { em, deps, viewer } = this.ctx;
    const interaction = await readableInteraction(em, viewer, interactionId);
    const role = assertMayWrite(viewer, interaction);
    if (!Number.isInteger(seq) || seq < 0) throw badInput('seq', 'must be 0 or more');
    if (seq >= interaction.nextSeq) throw badInput('seq', `there is no message ${seq} yet`);
    const column = role === 'agent' ? 'agent_read_seq' : 'contact_read_seq';
    const changed = await em.getConnection().execute(`update interactions set ${column} = ? where id = ? and ${column} < ?`, [seq, interaction.id, seq], 'run');
    if ((changed as { affectedRows?: number }).affectedRows !== 0) publishAll(deps.pubSub, [{ topic: 'INTERACTION_UPDATED', interactionId: interaction.id }]);
    await em.refresh(interaction);
    return interaction;
  }
}
