import { Entity, ManyToOne, OptionalProps, Property, PrimaryKeyProp } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { Interaction } from '../interactions/interaction.entity';

/** RINGALL: a chat offered to an agent; the first to accept wins and the other offers go. */
@Entity({ tableName: 'interaction_offers' })
export class InteractionOffer {
  [PrimaryKeyProp]?: ['interaction', 'agent'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => Interaction, { primary: true, deleteRule: 'cascade' })
  interaction!: Interaction;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  agent!: User;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
