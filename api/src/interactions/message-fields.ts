import { isObjectType, type GraphQLSchema } from 'graphql';
import { Message } from './message.entity';

/** Message fields that are getters of the entity, reading only what a MessageView holds too. */
const GETTER_FIELDS = ['interactionId', 'sender'] as const;

/**
 * Messages are mostly sent and delivered as plain views (message.store.ts).
 * For a getter field on a root that is not an entity, type-graphql builds a
 * new Message (a fresh id, a date, the ORM's setters) and copies the root
 * into it, for every such field of every message. The getters read nothing a
 * view lacks, so they run on the root itself: the same values, no copies.
 */
export function messageGettersOnRoots(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getType('Message');
  if (!isObjectType(type)) return schema;
  const fields = type.getFields();
  for (const name of GETTER_FIELDS) {
    const getter = Object.getOwnPropertyDescriptor(Message.prototype, name)?.get;
    const field = fields[name];
    if (getter && field) field.resolve = (root: unknown) => getter.call(root);
  }
  return schema;
}
