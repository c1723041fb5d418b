import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export enum ConnectionSubject {
  CONTACT = 'CONTACT',
  AGENT = 'AGENT',
}

/**
 * A live WebSocket of a contact or an agent. Instances refresh `seenAt` for
 * their sockets; rows of an instance that died stop being refreshed and
 * expire, so presence survives crashes too.
 */
@Entity({ tableName: 'connections' })
@Index({ properties: ['subjectId'] })
export class Connection {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: () => ConnectionSubject })
  subject!: ConnectionSubject;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'text' })
  instanceId!: string;

  @Property({ type: 'datetime' })
  seenAt!: Date;
}
