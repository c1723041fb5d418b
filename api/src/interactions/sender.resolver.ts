import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { isStaffSide } from '../auth/viewer';
import type { Context } from '../graphql/context';
import { Sender } from './interaction.types';

@Resolver(() => Sender)
export class SenderResolver {
  /** Which staff account sent a message, so a console tells its own messages from a colleague's; null for customers and visitors' views. */
  @FieldResolver(() => ID, { nullable: true })
  userId(@Root() sender: Sender, @Ctx() ctx: Context): string | null {
    return isStaffSide(ctx.viewer) ? (sender.userId ?? null) : null;
  }
}
