import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export const LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 5000 } as const;

interface Measure {
  depth: number;
  aliases: number;
}

/**
 * Depth and alias count of a selection, following fragment spreads. Each
 * fragment is measured once (`known`): spreading fragments that spread
 * others twice over cannot make validation itself take exponential time.
 */
function measure(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>, known: Map<string, Measure>): Measure {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    let inner: Measure = { depth: 0, aliases: 0 };
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases += 1;
      inner = selection.selectionSet ? measure(selection.selectionSet, fragments, visiting, known) : inner;
      depth = Math.max(depth, inner.depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, visiting, known);
      depth = Math.max(depth, inner.depth);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue; // unknown or cyclic: graphql's own rules report it
      const measured = known.get(name);
      if (measured) inner = measured;
      else {
        visiting.add(name);
        inner = measure(fragment.selectionSet, fragments, visiting, known);
        visiting.delete(name);
        known.set(name, inner);
      }
      depth = Math.max(depth, inner.depth);
    }
    aliases += inner.aliases;
  }
  return { depth, aliases };
}

/**
 * Refuses operations nested deeper than `maxDepth` fields or using more than
 * `maxAliases` aliases (alias batching multiplies the cost of one request).
 * Applied to HTTP and graphql-ws alike.
 */
export function queryLimits(maxDepth: number = LIMITS.maxDepth, maxAliases: number = LIMITS.maxAliases): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const known = new Map<string, Measure>();
    return {
      OperationDefinition(node) {
        const { depth, aliases } = measure(node.selectionSet, fragments, new Set(), known);
        if (depth > maxDepth) context.reportError(new GraphQLError(`Operation is nested ${depth} levels deep; the limit is ${maxDepth}`, { nodes: [node] }));
        if (aliases > maxAliases) context.reportError(new GraphQLError(`Operation uses ${aliases} aliases; the limit is ${maxAliases}`, { nodes: [node] }));
      },
    };
  };
}
