import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { UserAdminService } from './user-admin.service';
import { User } from './user.entity';
import { UserUpdateInput } from './user.inputs';

/** Staff accounts (admins): details and role, password resets, deactivation. */
@Resolver()
export class UserAdminResolver {
  @Mutation(() => User, { description: 'Changes a staff account; a new role ends its sessions (admins).' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UserUpdateInput) input: UserUpdateInput, @Ctx() ctx: Context): Promise<User> {
    return new UserAdminService(ctx).update(id, input);
  }

  @Mutation(() => User, { description: 'Sets a new password and ends the account’s sessions (admins).' })
  resetPassword(@Arg('id', () => ID) id: string, @Arg('password') password: string, @Ctx() ctx: Context): Promise<User> {
    return new UserAdminService(ctx).resetPassword(id, password);
  }

  @Mutation(() => User, { description: 'Deactivates an account: it cannot sign in and its sessions end at once, on every instance (admins).' })
  deactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    return new UserAdminService(ctx).setActive(id, false);
  }

  @Mutation(() => User, { description: 'Lets a deactivated account sign in again (admins).' })
  reactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    return new UserAdminService(ctx).setActive(id, true);
  }
}
