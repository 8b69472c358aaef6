import { writeFileSync } from 'node:fs';
import { renderOpenApiDocument, OPENAPI_PATH } from '../src/server/http/openapi-document.js';

writeFileSync(OPENAPI_PATH, await renderOpenApiDocument());
process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
