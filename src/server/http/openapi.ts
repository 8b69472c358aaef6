import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { App } from './route-types.js';

export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Portico API',
      version: '0.1.0',
      description:
        "Portico's REST API. Paths, bodies and envelopes follow Port's public API, so Port's clients work unchanged.",
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
  },
};

export function registerOpenApiRoute(app: App) {
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
