import { Field, Float, Int, ObjectType } from 'type-graphql';

/** The figures of a period, as `campaign-figures.ts` defines them: shared by the day’s statistics and history buckets (not in the schema itself: nothing returns it). */
@ObjectType()
export abstract class PeriodFiguresType {
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) answeredWithinServiceLevel!: number;
  @Field(() => Int) abandoned!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Float) serviceLevel!: number;
  @Field(() => Float) abandonRate!: number;
  @Field(() => Float) averageWaitSeconds!: number;
  @Field(() => Float) averageHandleSeconds!: number;
}
