import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Campaign } from '../campaigns/campaign.entity';
import { Contact } from '../contacts/contact.entity';

/** A widget visitor's token, scoped to one contact on one campaign; stored only as its hash. */
@Entity({ tableName: 'visitor_sessions' })
export class VisitorSession {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @ManyToOne(() => Contact, { deleteRule: 'cascade' })
  contact!: Contact;

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
