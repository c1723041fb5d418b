import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { auditLog } from './audit';
import { AuditEvent } from './audit-event.entity';

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEvent], { description: 'Who changed which setting and when, newest first; `before` pages back (admins).' })
  auditLog(@Arg('first', () => Int, { nullable: true }) first: number | null, @Arg('before', () => Date, { nullable: true }) before: Date | null, @Ctx() ctx: Context): Promise<AuditEvent[]> {
    return auditLog(ctx.em, ctx.viewer, first, before);
  }
}
