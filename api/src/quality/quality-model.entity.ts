import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum QualityQuestionKind {
  SCORE = 'SCORE',
  YES_NO = 'YES_NO',
  TEXT = 'TEXT',
}
registerEnumType(QualityQuestionKind, {
  name: 'QualityQuestionKind',
  valuesConfig: {
    SCORE: { description: 'an answer from 1 to 5' },
    YES_NO: { description: '"yes" or "no"' },
    TEXT: { description: 'free text; not scored' },
  },
});

@ObjectType()
export class QualityQuestion {
  @Field(() => ID) id!: string;
  @Field() text!: string;
  @Field(() => QualityQuestionKind) kind!: QualityQuestionKind;
  /** Share of the score; weights of scored questions are normalised. */
  @Field(() => Float) weight!: number;
}

/** The form an agent fills when closing a chat; questions in display order. */
@ObjectType()
@Entity({ tableName: 'quality_models' })
export class QualityModel {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => [QualityQuestion])
  @Property({ type: 'json' })
  questions!: QualityQuestion[];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'when the model was archived: no longer offered to campaigns; null while offered' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;
}

@InputType()
export class QualityQuestionInput {
  /** Keep a question's id when editing so earlier answers still refer to it. */
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field() text!: string;
  @Field(() => QualityQuestionKind) kind!: QualityQuestionKind;
  @Field(() => Float) weight!: number;
}

@InputType()
export class QualityModelInput {
  @Field() name!: string;
  @Field(() => [QualityQuestionInput]) questions!: QualityQuestionInput[];
}
