import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Language } from '../campaigns/campaign.enums';
import { Contact } from '../contacts/contact.entity';
import { AttachmentKind, CloseReason, InteractionEventKind, InteractionState, SenderKind } from './interaction.enums';

@ObjectType()
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => AttachmentKind) kind!: AttachmentKind;
  @Field() name!: string;
  @Field() mimeType!: string;
  @Field(() => Int) size!: number;
  @Field() url!: string;
}

@ObjectType()
export class Sender {
  @Field(() => SenderKind) kind!: SenderKind;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@ObjectType()
export class Message {
  @Field(() => ID) id!: string;
  @Field(() => ID) interactionId!: string;
  @Field(() => Int) seq!: number;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => Sender) sender!: Sender;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => Attachment, { nullable: true }) attachment?: Attachment | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class Feedback {
  @Field(() => Int) rating!: number;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType()
export class QualityAnswer {
  @Field(() => ID) questionId!: string;
  @Field() value!: string;
}

@InputType()
export class QualityAnswerInput {
  @Field(() => ID) questionId!: string;
  @Field() value!: string;
}

@ObjectType()
export class Interaction {
  @Field(() => ID) id!: string;
  @Field(() => Campaign) campaign!: Campaign;
  @Field(() => Contact) contact!: Contact;
  @Field(() => InteractionState) state!: InteractionState;
  @Field(() => CloseReason, { nullable: true }) closeReason?: CloseReason | null;
  @Field(() => User, { nullable: true }) agent?: User | null;
  @Field(() => String, { nullable: true }) origin?: string | null;
  @Field() outOfHours!: boolean;
  @Field() queuedAt!: Date;
  @Field(() => Date, { nullable: true }) answeredAt?: Date | null;
  @Field(() => Date, { nullable: true }) closedAt?: Date | null;
  @Field(() => Int, { nullable: true }) holdSeconds?: number | null;
  @Field(() => Feedback, { nullable: true }) feedback?: Feedback | null;
  @Field(() => [QualityAnswer], { nullable: true }) quality?: QualityAnswer[] | null;
}

@ObjectType()
export class InteractionEdge {
  @Field() cursor!: string;
  @Field(() => Interaction) node!: Interaction;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class InteractionConnection {
  @Field(() => [InteractionEdge]) edges!: InteractionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class InteractionFilter {
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => InteractionState, { nullable: true }) state?: InteractionState | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => Boolean, { nullable: true }) outOfHours?: boolean | null;
}

@ObjectType()
export class ChatSession {
  @Field() token!: string;
  @Field(() => Interaction) interaction!: Interaction;
}

@InputType()
export class StartChatInput {
  @Field() campaignKey!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) customFieldValue?: string | null;
  @Field(() => Language, { nullable: true }) language?: Language | null;
}

@InputType()
export class OfflineMessageInput {
  @Field() campaignKey!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) customFieldValue?: string | null;
}

@ObjectType()
export class InteractionEvent {
  @Field(() => InteractionEventKind) kind!: InteractionEventKind;
  @Field(() => Interaction) interaction!: Interaction;
}
