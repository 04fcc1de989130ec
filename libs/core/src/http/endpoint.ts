import { applyDecorators, HttpCode, SetMetadata, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/public.decorator';
import { PROBLEM_CONTENT_TYPE, problemTitle } from '../errors/problem';

class ProblemFieldError {
  @ApiProperty({ description: 'The field, as a dotted path into the body or query', example: 'title' })
  field: string;
  @ApiProperty({ example: 'title is required' })
  message: string;
}

// RFC 9457 problem details as ProblemDetailsFilter renders them: the body of every error.
export class Problem {
  @ApiProperty({ format: 'uri-reference', example: 'https://roundtable.dev/problems/not-found' })
  type: string;
  @ApiProperty({ example: 'Not Found' })
  title: string;
  @ApiProperty({ minimum: 400, maximum: 599, example: 404 })
  status: number;
  @ApiPropertyOptional({ example: 'Meeting not found' })
  detail?: string;
  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/meetings/…' })
  instance?: string;
  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'One entry per invalid field (400)' })
  errors?: ProblemFieldError[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;
export type SuccessStatus = 200 | 201 | 202 | 204;

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** The success status; also set at runtime (HttpCode). Default 200. */
  status?: SuccessStatus;
  /** What the success response holds, when more than its type says. */
  returns?: string;
  /** The success body: a DTO class, or [Dto] for an array. */
  type?: Type<unknown> | [Type<unknown>];
  /** A success body that is not JSON, e.g. { 'text/calendar': { type: 'string' } }. */
  content?: Record<string, { type: 'string'; format?: 'binary'; description?: string }>;
  /** Errors beyond the derived ones (see ENDPOINT_DERIVED_ERRORS): 403, 409, 503, … */
  errors?: ProblemStatus[];
  /** No bearer token needed (also marks the route @Public()). */
  public?: boolean;
}

export const ENDPOINT = 'roundtable:endpoint';

export interface EndpointMetadata {
  summary: string;
  status: SuccessStatus;
  errors: ProblemStatus[];
  public: boolean;
}

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The body, query or a path parameter is invalid; `errors` names each field',
  401: 'Missing, invalid or expired credentials',
  403: 'The caller may see this but lacks the power to do it',
  404: 'Unknown, or not visible to the caller',
  409: 'Conflicts with the current state (changed meanwhile, archived group, duplicate, wrong status)',
  413: 'The request body exceeds 1 MiB',
  415: 'The body is not JSON',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'A dependency is unavailable; retry later',
};

function routeArgumentKinds(target: object, key: string | symbol): Set<number> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
    string,
    unknown
  >;
  return new Set(Object.keys(args).map((k) => Number(k.split(':')[0])));
}

/**
 * One declaration per route: summary, success status and body, and every error it can return
 * (each an application/problem+json `Problem`). Derived from the route itself, so they cannot
 * be forgotten: 400 when it takes a body, query or path parameter; 401 unless public; 404 for a
 * path parameter; 413 and 415 with a body; 429 always (the global rate limit). Put it below the
 * parameter-less decorators and above nothing that matters: it reads the method's parameter
 * decorators, which TypeScript applies before any method decorator.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const kinds = routeArgumentKinds(target, key);
    const hasBody = kinds.has(RouteParamtypes.BODY);
    const hasPath = kinds.has(RouteParamtypes.PARAM);
    const hasQuery = kinds.has(RouteParamtypes.QUERY);
    const errors = new Set<ProblemStatus>(options.errors ?? []);
    if (hasBody || hasPath || hasQuery) errors.add(400);
    if (!options.public) errors.add(401);
    if (hasPath) errors.add(404);
    if (hasBody) {
      errors.add(413);
      errors.add(415);
    }
    errors.add(429);
    const status = options.status ?? 200;
    const sorted = [...errors].sort((a, b) => a - b);
    const metadata: EndpointMetadata = {
      summary: options.summary,
      status,
      errors: sorted,
      public: options.public ?? false,
    };
    const decorators = [
      SetMetadata(ENDPOINT, metadata),
      HttpCode(status),
      ApiOperation({
        summary: options.summary,
        ...(options.description ? { description: options.description } : {}),
      }),
      successResponse(status, options),
      ApiExtraModels(Problem),
      ...sorted.map((s) =>
        ApiResponse({
          status: s,
          description: `${problemTitle(s)}: ${PROBLEM_DESCRIPTIONS[s]}`,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
        }),
      ),
      options.public ? SetMetadata(IS_PUBLIC, true) : ApiBearerAuth(),
    ];
    applyDecorators(...decorators)(target, key, descriptor);
  };
}

function successResponse(status: SuccessStatus, options: EndpointOptions): MethodDecorator {
  const description = options.returns ?? successTitle(status);
  if (status === 204) return ApiResponse({ status, description });
  if (options.content) {
    return ApiResponse({
      status,
      description,
      content: Object.fromEntries(
        Object.entries(options.content).map(([type, schema]) => [type, { schema }]),
      ),
    });
  }
  if (!options.type)
    throw new Error(`Endpoint "${options.summary}": a ${status} response needs a type or content`);
  const isArray = Array.isArray(options.type);
  const type = Array.isArray(options.type) ? options.type[0] : options.type;
  return ApiResponse({ status, description, type, isArray });
}

function successTitle(status: SuccessStatus): string {
  return { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' }[status];
}
