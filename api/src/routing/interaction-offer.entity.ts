import { Entity, ManyToOne, OptionalProps, Property, PrimaryKeyProp } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { Interaction } from '../interactions/interaction.entity';

/**
 * RINGALL: a chat offered to an agent; the first to accept wins and the other
 * offers go. An offer nobody accepted in time is kept as expired, so the chat
 * moves on to agents who have not had it yet.
 */
@Entity({ tableName: 'interaction_offers' })
export class InteractionOffer {
  [PrimaryKeyProp]?: ['interaction', 'agent'];
  [OptionalProps]?: 'createdAt' | 'expiredAt';

  @ManyToOne(() => Interaction, { primary: true, deleteRule: 'cascade' })
  interaction!: Interaction;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  agent!: User;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  expiredAt?: Date | null;
}
