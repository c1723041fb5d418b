import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One sign-in counter, per account (`account:<email>`) or per client address
 * (`ip:<address>`), shared by every API instance. `AuthService` locks the row
 * and counts an attempt before any password is checked; the decisions are in
 * sign-in-throttle.ts.
 */
@Entity({ tableName: 'sign_in_throttles' })
@Index({ properties: ['lastAttemptAt'] })
export class SignInThrottle {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'datetime' })
  lastAttemptAt!: Date;
}
