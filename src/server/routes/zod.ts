// Validation declared per route: a route's `schema` holds zod schemas (the shared protocol's),
// Fastify runs them before the handler, and the handler's request is typed from them.
import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A request the schema refused; the error handler answers 400 with this sentence. */
export class RequestInvalidError extends Error {
  override name = 'RequestInvalidError';
  readonly statusCode = 400;
}

/** "state.days.0.count: Too small…" — where in the payload, and what is wrong. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function useZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => {
    if (!(schema instanceof z.ZodType)) throw new Error('Route schemas are zod schemas');
    return (data: unknown) => {
      const result = schema.safeParse(data);
      return result.success
        ? { value: result.data }
        : { error: new RequestInvalidError(describeIssue(result.error)) };
    };
  });
}
