import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

export enum DeadlineKind {
  /** A queued chat waited longer than the campaign's waitTimeoutSeconds. */
  WAIT_TIMEOUT = 'WAIT_TIMEOUT',
  /** Every socket of the contact of an active chat has been gone for autoFinishSeconds. */
  AUTO_FINISH = 'AUTO_FINISH',
  /** Every socket of an agent has been gone for the grace period: they go OFFLINE. */
  AGENT_GONE = 'AGENT_GONE',
  /** RINGALL: nobody accepted the chat's offers within the campaign's offerTimeoutSeconds. */
  OFFER_EXPIRY = 'OFFER_EXPIRY',
  /** A call rang for the ring time (CALL_RING_SECONDS) unanswered: it ends NOT_ANSWERED. */
  CALL_RING = 'CALL_RING',
}

/**
 * A stored due-time, so timers survive restarts and fire on whichever
 * instance claims them first (FOR UPDATE SKIP LOCKED). One per kind and subject.
 */
@Entity({ tableName: 'deadlines' })
@Index({ properties: ['dueAt'] })
export class Deadline {
  [PrimaryKeyProp]?: ['kind', 'subjectId'];

  @Enum({ items: () => DeadlineKind, primary: true })
  kind!: DeadlineKind;

  @PrimaryKey({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'datetime' })
  dueAt!: Date;
}
