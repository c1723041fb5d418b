import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What one participant needs to join a media room; for that participant only.' })
export class MediaJoin {
  @Field({ description: 'WebSocket path on the API origin: /janus?ticket=... (the ticket opens a socket for 60 s)' })
  url!: string;

  @Field({ description: 'Janus VideoRoom id (string ids)' })
  room!: string;

  @Field({ description: "this participant's join token" })
  token!: string;

  @Field({ description: 'the name to join with' })
  display!: string;

  @Field(() => [String], { description: 'STUN/TURN URLs when configured (ICE_SERVERS), else empty' })
  iceServers!: string[];
}
