import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  OPENAPI_PATH,
  OPENAPI_TYPES_PATH,
  renderOpenApiDocument,
  renderOpenApiTypes,
} from '../src/server/http/openapi-document.js';

const document = await renderOpenApiDocument();
writeFileSync(OPENAPI_PATH, document);
mkdirSync(dirname(OPENAPI_TYPES_PATH), { recursive: true });
writeFileSync(OPENAPI_TYPES_PATH, await renderOpenApiTypes(document));
process.stdout.write(`wrote ${OPENAPI_PATH} and ${OPENAPI_TYPES_PATH}\n`);
