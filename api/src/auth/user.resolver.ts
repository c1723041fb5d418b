import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  /** A visitor may see their agent's name, never their email address. */
  @FieldResolver(() => String)
  email(@Root() user: User, @Ctx() ctx: Context): string {
    return ctx.viewer.kind === 'staff' || ctx.viewer.kind === 'apiKey' ? user.email : '';
  }
}
