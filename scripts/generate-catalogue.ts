import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMMITTED_CATALOGUE, readOpenApiDocument } from '../src/api/catalogue';
import { serializeCatalogue } from '../src/api/catalogue/serialize';

/** Usage: npm run catalogue [-- path/to/xapi.yaml] — writes src/api/catalogue/xapi-catalogue.json */
export const DEFAULT_SPEC = path.resolve(__dirname, '../../shared/3cx-xapi/xapi-v1-20.0.10.yaml');

function main(): void {
  const spec = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_SPEC;
  const catalogue = readOpenApiDocument(spec);
  writeFileSync(COMMITTED_CATALOGUE, serializeCatalogue(catalogue));
  const types = Object.keys(catalogue.types).length;
  process.stdout.write(`${catalogue.operations.length} operations, ${types} types from ${spec}\n`);
}

if (require.main === module) main();
