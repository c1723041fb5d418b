import { Field, InputType } from 'type-graphql';
import { Role } from './role';

@InputType()
export class UserInput {
  @Field() name!: string;
  @Field() email!: string;
  @Field() password!: string;
  @Field(() => Role) role!: Role;
}

@InputType()
export class UserUpdateInput {
  @Field() name!: string;
  @Field() email!: string;
  @Field(() => Role) role!: Role;
}
