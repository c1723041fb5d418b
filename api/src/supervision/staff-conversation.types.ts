import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { StaffMessage } from './staff-message.entity';

@ObjectType({ description: 'The messages between you and one colleague, in short.' })
export class StaffConversation {
  @Field(() => User) with!: User;
  @Field(() => StaffMessage) lastMessage!: StaffMessage;
  @Field(() => Int, { description: 'messages from them you have not marked read' }) unread!: number;
}
