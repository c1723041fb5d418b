import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { QualityModel, QualityModelInput } from './quality-model.entity';
import { QualityService } from './quality.service';

@Resolver()
export class QualityResolver {
  @Query(() => [QualityModel])
  qualityModels(@Ctx() ctx: Context): Promise<QualityModel[]> {
    return new QualityService(ctx.em, ctx.deps.now).list(ctx.viewer);
  }

  @Mutation(() => QualityModel)
  createQualityModel(@Arg('input', () => QualityModelInput) input: QualityModelInput, @Ctx() ctx: Context): Promise<QualityModel> {
    return new QualityService(ctx.em, ctx.deps.now).create(ctx.viewer, input);
  }

  @Mutation(() => QualityModel)
  updateQualityModel(@Arg('id', () => ID) id: string, @Arg('input', () => QualityModelInput) input: QualityModelInput, @Ctx() ctx: Context): Promise<QualityModel> {
    return new QualityService(ctx.em, ctx.deps.now).update(ctx.viewer, id, input);
  }
}
