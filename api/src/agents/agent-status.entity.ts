import { Entity, Enum, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { User } from '../auth/user.entity';
import { AgentState } from './agent-activity.types';

/** An agent's routing state; one row per agent, created on first change. Locked row-wise while routing. */
@Entity({ tableName: 'agent_status' })
export class AgentStatus {
  [OptionalProps]?: 'state' | 'changedAt' | 'inMediaCall';

  @OneToOne(() => User, { primary: true, deleteRule: 'cascade' })
  agent!: User;

  @Enum({ items: () => AgentState })
  state: AgentState = AgentState.OFFLINE;

  @Property({ type: 'text', nullable: true })
  pauseReason?: string | null;

  @Property({ type: 'datetime' })
  changedAt: Date = new Date();

  @Property({ type: 'boolean' })
  inMediaCall: boolean = false;

  /** When the agent's last interaction ended: LEASTRECENT routing and the idle warning. */
  @Property({ type: 'datetime', nullable: true })
  lastInteractionEndedAt?: Date | null;
}
