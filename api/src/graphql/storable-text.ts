import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badInput } from './app-error';

/**
 * PostgreSQL text cannot hold U+0000 (the driver's statement fails as a
 * protocol violation), and UTF-8 cannot encode a lone surrogate (it would be
 * stored as U+FFFD, not as sent). No argument of any operation may carry
 * either; the refusal names the argument or input field.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/**
 * The path of the first string in `value` that cannot be stored as text, from
 * `path` (`reasons[2]`; `welcomeMessage.en` for an `input` object, whose
 * fields are named on their own, as the validation modules name them).
 */
export function unstorableTextAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableTextAt(item, join(path, key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function checked<T extends GraphQLFieldResolver<unknown, unknown>>(resolver: T): T {
  return ((source, args: Record<string, unknown>, context, info) => {
    for (const [name, value] of Object.entries(args)) {
      const field = unstorableTextAt(value, name === 'input' ? '' : name);
      if (field !== undefined) throw badInput(field, 'must not contain NUL characters or unpaired surrogates');
    }
    return resolver(source, args, context, info);
  }) as T;
}

/** Checks the arguments of every root field (queries, mutations, subscriptions) before its resolver runs. */
export function refuseUnstorableText(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!isObjectType(root)) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.args.length === 0) continue;
      if (field.resolve) field.resolve = checked(field.resolve);
      if (field.subscribe) field.subscribe = checked(field.subscribe);
    }
  }
  return schema;
}
