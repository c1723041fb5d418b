import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';

/** Failed sign-ins, counted per email to slow down password guessing across every API instance. */
@Entity({ tableName: 'login_failures' })
@Index({ properties: ['email', 'at'] })
export class LoginFailure {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
