import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { QualityModel, QualityModelInput } from './quality-model.entity';
import { QualityService } from './quality.service';

const service = (ctx: Context) => new QualityService(ctx.em, ctx.deps.now);

@Resolver(() => QualityModel)
export class QualityResolver {
  @Query(() => [QualityModel])
  qualityModels(
    @Arg('includeArchived', () => Boolean, { nullable: true, defaultValue: false, description: 'archived models too' }) includeArchived: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<QualityModel[]> {
    return service(ctx).list(ctx.viewer, includeArchived === true);
  }

  @Mutation(() => QualityModel)
  createQualityModel(@Arg('input', () => QualityModelInput) input: QualityModelInput, @Ctx() ctx: Context): Promise<QualityModel> {
    return service(ctx).create(ctx.viewer, input);
  }

  @Mutation(() => QualityModel)
  updateQualityModel(@Arg('id', () => ID) id: string, @Arg('input', () => QualityModelInput) input: QualityModelInput, @Ctx() ctx: Context): Promise<QualityModel> {
    return service(ctx).update(ctx.viewer, id, input);
  }

  @Mutation(() => QualityModel, { description: 'Admins: no longer offered to campaigns; refused with CONFLICT while a campaign (archived ones included) uses it.' })
  archiveQualityModel(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<QualityModel> {
    return service(ctx).archive(ctx.viewer, id);
  }

  @Mutation(() => QualityModel, { description: 'Admins: an archived model offered to campaigns again.' })
  restoreQualityModel(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<QualityModel> {
    return service(ctx).restore(ctx.viewer, id);
  }

  @Mutation(() => Boolean, { description: 'Admins: deletes a model no campaign uses and no chat was scored with; otherwise CONFLICT (archive it instead).' })
  deleteQualityModel(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return service(ctx).delete(ctx.viewer, id);
  }

  @FieldResolver(() => Boolean)
  archived(@Root() model: QualityModel): boolean {
    return model.archivedAt != null;
  }

  @FieldResolver(() => Int, { description: 'campaigns, archived ones included, whose chats close with this model' })
  campaignCount(@Root() model: QualityModel, @Ctx() ctx: Context): Promise<number> {
    return service(ctx).campaignCount(model);
  }
}
