import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StatsInterval {
  QUARTER_HOUR = 'QUARTER_HOUR',
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(StatsInterval, { name: 'StatsInterval', description: 'Bucket size of statsHistory, on the campaign’s wall clock.' });

@ObjectType({ description: 'The figures of the chats that arrived in one bucket of time.' })
export class StatsBucket {
  @Field() from!: Date;
  @Field() to!: Date;
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
