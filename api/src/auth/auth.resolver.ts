import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { isUuid } from '../graphql/ids';
import { notFound, unauthenticated } from '../graphql/app-error';
import { ApiKey, ApiKeyCreated } from './api-key.entity';
import { AuthService } from './auth.service';
import { ApiScope, Role } from './role';
import { User } from './user.entity';
import { UserInput } from './user.inputs';
import { requireStaff } from './viewer';
import { audit } from '../audit/audit';
import { endScreenMonitorings } from '../monitoring/screen-monitoring.service';
import { MonitoringEndReason } from '../monitoring/screen-monitoring.entity';

@ObjectType()
export class AuthPayload {
  @Field() token!: string;
  @Field(() => User) user!: User;
}

const service = (ctx: Context) => new AuthService(ctx.em, ctx.deps.now);

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in staff member; null for visitors, API keys and anonymous callers.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (ctx.viewer.kind === 'anonymous' && ctx.viewer.rejectedToken) throw unauthenticated();
    if (ctx.viewer.kind !== 'staff') return null;
    return service(ctx).user(ctx.viewer.userId);
  }

  @Mutation(() => AuthPayload)
  login(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    return service(ctx).login(email, password, ctx.ip);
  }

  @Mutation(() => Boolean, { description: 'Ends the current staff session; its token stops working at once. Signing out of the last session ends the screen monitorings of or by the user.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireStaff(ctx.viewer);
    await service(ctx).logout(viewer.sessionId);
    if (!(await service(ctx).hasSession(viewer.userId))) {
      await endScreenMonitorings(ctx.deps, { agent: viewer.userId }, MonitoringEndReason.AGENT_SIGNED_OUT);
      await endScreenMonitorings(ctx.deps, { supervisor: viewer.userId }, MonitoringEndReason.SUPERVISOR_SIGNED_OUT);
    }
    // Last: the revocation closes this socket, and the answer must leave first.
    ctx.deps.access.announceRevocation({ sessionId: viewer.sessionId });
    return true;
  }

  @Mutation(() => User)
  async createUser(@Arg('input', () => UserInput) input: UserInput, @Ctx() ctx: Context): Promise<User> {
    requireStaff(ctx.viewer, [Role.ADMIN]);
    const user = await service(ctx).createUser(input);
    await audit(ctx.em, ctx.viewer, { action: 'user.created', subjectType: 'user', subjectId: user.id, changes: ['name', 'email', 'role'] }, ctx.deps.now());
    return user;
  }

  @Query(() => [User], { description: 'Staff accounts, optionally of one role (admins and supervisors).' })
  users(@Arg('role', () => Role, { nullable: true }) role: Role | null, @Ctx() ctx: Context): Promise<User[]> {
    requireStaff(ctx.viewer, [Role.ADMIN, Role.SUPERVISOR]);
    return service(ctx).users(role);
  }

  @Mutation(() => ApiKeyCreated)
  async createApiKey(@Arg('name') name: string, @Arg('scopes', () => [ApiScope]) scopes: ApiScope[], @Ctx() ctx: Context): Promise<ApiKeyCreated> {
    const viewer = requireStaff(ctx.viewer, [Role.ADMIN]);
    const created = await service(ctx).createApiKey(viewer, name, scopes);
    await audit(ctx.em, viewer, { action: 'apiKey.created', subjectType: 'apiKey', subjectId: created.apiKey.id, changes: created.apiKey.scopes.map((scope) => `scopes:${scope}`) }, ctx.deps.now());
    return created;
  }

  @Query(() => [ApiKey], { description: 'API keys that have not been revoked (admins).' })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    requireStaff(ctx.viewer, [Role.ADMIN]);
    return service(ctx).apiKeys();
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key; requests with it fail from now on (admins).' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    requireStaff(ctx.viewer, [Role.ADMIN]);
    if (!isUuid(id)) throw notFound('API key');
    const apiKey = await service(ctx).revokeApiKey(id);
    ctx.deps.access.announceRevocation({ apiKeyId: apiKey.id });
    await audit(ctx.em, ctx.viewer, { action: 'apiKey.revoked', subjectType: 'apiKey', subjectId: apiKey.id }, ctx.deps.now());
    return apiKey;
  }
}
