import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildParleySchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/schema.graphql');

export const printParleySchema = (schema: GraphQLSchema): string =>
  `# Generated from the API code by \`npm run schema\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;

if (require.main === module) {
  buildParleySchema()
    .then((schema) => {
      writeFileSync(SCHEMA_FILE, printParleySchema(schema));
      console.log(`wrote ${SCHEMA_FILE}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
