import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PeriodFiguresType } from './period-figures.types';

export enum StatsInterval {
  QUARTER_HOUR = 'QUARTER_HOUR',
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(StatsInterval, { name: 'StatsInterval', description: 'Bucket size of statsHistory, on the campaign’s wall clock.' });

@ObjectType({ description: 'The figures of the chats that arrived in one bucket of time.' })
export class StatsBucket extends PeriodFiguresType {
  @Field() from!: Date;
  @Field() to!: Date;
}
