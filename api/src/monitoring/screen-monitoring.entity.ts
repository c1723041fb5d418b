import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';

export enum ScreenMonitoringState {
  /** Started by the supervisor; the agent's screen is not shared yet. */
  STARTING = 'STARTING',
  /** The agent's console joined to share the screen. */
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(ScreenMonitoringState, { name: 'ScreenMonitoringState' });

export const OPEN_MONITORING_STATES = [ScreenMonitoringState.STARTING, ScreenMonitoringState.LIVE] as const;

/** Why a monitoring ended, as stored and shown. */
export enum MonitoringEndReason {
  STOPPED = 'STOPPED',
  AGENT_STOPPED = 'AGENT_STOPPED',
  AGENT_SIGNED_OUT = 'AGENT_SIGNED_OUT',
  AGENT_OFFLINE = 'AGENT_OFFLINE',
  SUPERVISOR_SIGNED_OUT = 'SUPERVISOR_SIGNED_OUT',
  SUPERVISOR_LEFT = 'SUPERVISOR_LEFT',
  AGENT_LEFT = 'AGENT_LEFT',
  MEDIA_SERVER_LOST = 'MEDIA_SERVER_LOST',
}

/** A supervisor watching an agent's screen, live, through a media room only the two of them can join. */
@ObjectType({ description: "A supervisor watching an agent's screen live; every one is in the audit log." })
@Entity({ tableName: 'screen_monitorings' })
@Index({ properties: ['startedAt'] })
@Index({ name: 'screen_monitorings_open_index', expression: `create index "screen_monitorings_open_index" on "screen_monitorings" ("state") where "state" in ('STARTING', 'LIVE')` })
@Unique({
  name: 'screen_monitorings_one_open_per_pair',
  expression: `create unique index "screen_monitorings_one_open_per_pair" on "screen_monitorings" ("agent_id", "supervisor_id") where "state" in ('STARTING', 'LIVE')`,
})
export class ScreenMonitoring {
  [OptionalProps]?: 'endedAt' | 'endReason' | 'mediaSeen' | 'mediaAbsentSince';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  agent!: User;

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  supervisor!: User;

  @Field(() => ScreenMonitoringState)
  @Enum({ items: () => ScreenMonitoringState })
  state!: ScreenMonitoringState;

  /** The Janus VideoRoom (string id). */
  @Property({ type: 'text' })
  room!: string;

  @Field()
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'STOPPED, AGENT_STOPPED, AGENT_SIGNED_OUT, AGENT_OFFLINE, SUPERVISOR_SIGNED_OUT, SUPERVISOR_LEFT, AGENT_LEFT or MEDIA_SERVER_LOST' })
  @Property({ type: 'text', nullable: true })
  endReason?: MonitoringEndReason | null;

  /** Participants the sweeper has seen in the room: one of them missing for long ends the monitoring. */
  @Property({ type: 'json' })
  mediaSeen: string[] = [];

  @Property({ type: 'datetime', nullable: true })
  mediaAbsentSince?: Date | null;
}
