import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One of the reasons agents pick from when they pause, kept by admins for the whole installation. */
@Entity({ tableName: 'pause_reasons' })
export class PauseReason {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  position!: number;

  @Property({ type: 'text', unique: true })
  text!: string;
}
