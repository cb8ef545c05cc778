import type { FastifyInstance } from 'fastify';

// Control characters other than tab and line breaks: a NUL cannot be stored in PostgreSQL
// text at all, and the others have no place in anything a person types.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function clean(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(controls, '');
  }
  if (Array.isArray(value)) {
    return value.map(clean);
  }
  return value;
}

function cleanFields(fields: unknown): void {
  if (!fields || typeof fields !== 'object') {
    return;
  }
  const record = fields as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    record[key] = clean(record[key]);
  }
}

/** Removes control characters from every query and form value before any route reads them. */
export function registerInputCleaning(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    cleanFields(request.query);
    cleanFields(request.body);
  });
}
