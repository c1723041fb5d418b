import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { AttachmentKind } from '../interactions/interaction.enums';
import { Interaction } from '../interactions/interaction.entity';

/** A file or voice note uploaded into a chat; the bytes live under DATA_DIR/uploads with a random name. */
@Entity({ tableName: 'uploads' })
export class Upload {
  [OptionalProps]?: 'createdAt' | 'used';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Interaction, { deleteRule: 'cascade' })
  interaction!: Interaction;

  /** Who uploaded it: a contact or user id; only they may attach it to a message. */
  @Property({ type: 'uuid' })
  uploaderId!: string;

  @Enum({ items: () => AttachmentKind })
  kind!: AttachmentKind;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  mimeType!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'text' })
  storageName!: string;

  @Property({ type: 'boolean' })
  used: boolean = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
