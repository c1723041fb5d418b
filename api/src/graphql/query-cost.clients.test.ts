import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { isEnumType, Kind, parse, validate, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import ts from 'typescript';
import { loadConfig } from '../config';
import { estimateCost, PAGES } from './query-cost';
import { buildParleySchema } from './schema';

const ROOT = path.resolve(__dirname, '../../..');
const CLIENT_SOURCES = [path.join(ROOT, 'console/src/app'), path.join(ROOT, 'widget/src')];
/** How a GraphQL operation begins: its kind, maybe a name, then its variables or selection. */
const OPERATION = /^\s*(query|mutation|subscription)(\s+\w+)?\s*[({]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The GraphQL documents written in the console's and the widget's sources:
 * every string or template that starts with query, mutation or subscription,
 * with its `${CONSTANT}` parts filled in from the constants of its file or
 * of the files it imports them from.
 */
function clientDocuments(): { file: string; text: string }[] {
  const files = new Map(CLIENT_SOURCES.flatMap(sourceFiles).map((file) => [file, ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)]));
  const constants = new Map<string, Map<string, ts.Expression>>();
  const imports = new Map<string, Map<string, { file: string; name: string }>>();
  for (const [file, source] of files) {
    const own = new Map<string, ts.Expression>();
    const imported = new Map<string, { file: string; name: string }>();
    const collect = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) own.set(node.name.text, node.initializer);
      ts.forEachChild(node, collect);
    };
    collect(source);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('.')) continue;
      const from = `${path.resolve(path.dirname(file), statement.moduleSpecifier.text)}.ts`;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.set(element.name.text, { file: from, name: (element.propertyName ?? element.name).text });
    }
    constants.set(file, own);
    imports.set(file, imported);
  }
  const resolve = (file: string, name: string): string => {
    const own = constants.get(file)?.get(name);
    if (own) return text(file, own);
    const imported = imports.get(file)?.get(name);
    if (imported) return resolve(imported.file, imported.name);
    throw new Error(`${path.relative(ROOT, file)}: cannot find the string constant ${name}`);
  };
  const text = (file: string, node: ts.Expression): string => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTaggedTemplateExpression(node)) return text(file, node.template);
    if (ts.isTemplateExpression(node)) {
      return node.head.text + node.templateSpans.map((span) => {
        if (!ts.isIdentifier(span.expression)) throw new Error(`${path.relative(ROOT, file)}: cannot read \${${span.expression.getText()}} in a GraphQL document`);
        return resolve(file, span.expression.text) + span.literal.text;
      }).join('');
    }
    if (ts.isIdentifier(node)) return resolve(file, node.text);
    throw new Error(`${path.relative(ROOT, file)}: ${node.getText()} is not a string constant`);
  };
  const documents = new Map<string, { file: string; text: string }>();
  for (const [file, source] of files) {
    const find = (node: ts.Node): void => {
      const head = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : ts.isTemplateExpression(node) ? node.head.text : undefined;
      if (head !== undefined && OPERATION.test(head)) {
        const document = text(file, node as ts.Expression);
        documents.set(document, { file: path.relative(ROOT, file), text: document });
      } else ts.forEachChild(node, find);
    };
    find(source);
  }
  return [...documents.values()];
}

/**
 * Variables as a client could send them at their costliest: page sizes at
 * their caps, a day of 25 hours, placeholders for other required values.
 */
function costliestVariables(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const named = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    const typeName = named.kind === Kind.NAMED_TYPE ? named.name.value : undefined;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    if (typeName === 'DateTime') values[name] = name === 'to' ? new Date('2026-10-26T00:00:00Z') : new Date('2026-10-24T23:00:00Z');
    else if (typeName === 'ID' || typeName === 'String') values[name] = 'x';
    else if (typeName === 'Int') values[name] = 1;
    else if (typeName === 'Boolean') values[name] = true;
    else if (type && isEnumType(type)) values[name] = type.getValues()[0]?.value;
  }
  visit(document, {
    Field(field) {
      for (const [coordinate, page] of Object.entries(PAGES)) {
        if (coordinate.split('.')[1] !== field.name.value) continue;
        const argument = field.arguments?.find((candidate) => candidate.name.value === page.argument);
        if (argument?.value.kind === Kind.VARIABLE) values[argument.value.name.value] = page.max;
      }
    },
  });
  return values;
}

describe("the console's and the widget's operations", () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await buildParleySchema();
  });

  it('are each below the default GRAPHQL_MAX_COST, with page sizes at their caps', (t) => {
    const maxCost = loadConfig({}).graphqlMaxCost;
    const documents = clientDocuments();
    const named = documents.map((document) => /^\s*\w+\s+(\w+)/.exec(document.text)?.[1]);
    for (const expected of ['Workspace', 'ContactHistory', 'Recording', 'Recordings', 'StatsHistory', 'CampaignStats', 'SpySessions', 'AdminAuditLog', 'StaffMessages', 'StartChat', 'Messages', 'Campaign']) {
      assert.ok(named.includes(expected), `the ${expected} operation was not found in the clients' sources`);
    }
    const costs = documents.map(({ file, text }) => {
      let document: DocumentNode;
      try {
        document = parse(text);
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message} in ${text}`);
      }
      assert.deepEqual(validate(schema, document).map((error) => error.message), [], `${file}: ${text}`);
      const cost = estimateCost(schema, document, undefined, costliestVariables(schema, document));
      assert.equal(typeof cost, 'number', `${file}: ${text}`);
      return { file, name: /^\s*\w+\s+(\w+)/.exec(text)?.[1] ?? '(anonymous)', cost: cost as number };
    });
    costs.sort((a, b) => b.cost - a.cost);
    for (const { file, name, cost } of costs.slice(0, 5)) t.diagnostic(`${name} (${file}): ${cost}`);
    const over = costs.filter((entry) => entry.cost > maxCost);
    assert.deepEqual(over, [], `above ${maxCost}`);
  });
});
