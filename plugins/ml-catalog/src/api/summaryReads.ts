import { ResponseError } from '@backstage/errors';
import type {
  ModelSummaryResponse,
  StatusAndCompliance,
  SummaryPartError,
  SummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import type { BackendRequests } from './BackendRequests';
import { modelPath } from './modelPath';

/*
 * The combined reads of status and compliance. Both clients ask through these, so the
 * same question is the same request, and the one read answers both clients' cards.
 */

/** A model's status and compliance: the model page's header and cards. */
export function readModelSummary(
  backend: BackendRequests,
  modelRef: string,
): Promise<ModelSummaryResponse> {
  return backend.read(`${modelPath(modelRef)}/summary`);
}

/**
 * The status and compliance of the given models (a team's or a service's page), or of
 * every model the user may see (the model catalog).
 */
export function readSummary(
  backend: BackendRequests,
  models?: string[],
): Promise<SummaryResponse> {
  if (!models) return backend.read('/summary');
  // Named in a body, as lists outgrow a URL; sorted and without repeats, so cards that
  // list the same models in another order share the read (the server reads them so).
  const names = [...new Set(models.map(m => m.toLocaleLowerCase('en-US')))];
  return backend.read('/summary/by-refs', { models: names.sort() });
}

/** HTTP's reason phrases of the refusals a part of a combined read may carry. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/**
 * One part of a combined read, or the error its own route would have thrown: a
 * `ResponseError` with the status and body the server gave for that part.
 */
export async function partOf<
  TStatus,
  TCompliance,
  K extends 'status' | 'compliance',
>(
  answer: StatusAndCompliance<TStatus, TCompliance>,
  part: K,
): Promise<NonNullable<StatusAndCompliance<TStatus, TCompliance>[K]>> {
  const value = answer[part];
  if (value !== undefined && value !== null) return value;
  const refused: SummaryPartError = answer.errors?.[part] ?? {
    error: { name: 'Error', message: `The backend gave no ${part}` },
    response: { statusCode: 500 },
  };
  const { statusCode } = refused.response;
  throw await ResponseError.fromResponse(
    new Response(JSON.stringify(refused), {
      status: statusCode,
      statusText: REASONS[statusCode] ?? '',
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}
