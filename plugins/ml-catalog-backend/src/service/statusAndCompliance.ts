import { isError } from '@backstage/errors';
import type {
  StatusAndCompliance,
  SummaryPartError,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * The refusals a part may end in for this caller, by error name, with the status code
 * Backstage's error handler gives them. Anything else is a fault of the server and
 * fails the whole read, as it fails the part's own route.
 */
const PART_REFUSALS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
};

function refusal(error: unknown): SummaryPartError | undefined {
  if (!isError(error) || !(error.name in PART_REFUSALS)) return undefined;
  return {
    error: { name: error.name, message: error.message },
    response: { statusCode: PART_REFUSALS[error.name] },
  };
}

/**
 * The status and the compliance of the same models in one answer, each read by the
 * function its own route calls, so both keep their route's visibility rules. A part
 * refused to this caller (compliance without `lab2live.review.read`, or of a model
 * that has no governance) is left out with its error body; when both parts fail, the
 * read fails as the status route would (an unknown model is a 404).
 */
export async function statusAndCompliance<TStatus, TCompliance>(parts: {
  status: () => Promise<TStatus>;
  compliance: () => Promise<TCompliance>;
}): Promise<StatusAndCompliance<TStatus, TCompliance>> {
  const [status, compliance] = await Promise.allSettled([
    parts.status(),
    parts.compliance(),
  ]);
  if (status.status === 'rejected' && compliance.status === 'rejected') {
    throw status.reason;
  }
  const result: StatusAndCompliance<TStatus, TCompliance> = {};
  const errors: NonNullable<typeof result.errors> = {};
  if (status.status === 'fulfilled') {
    result.status = status.value;
  } else {
    errors.status = refusal(status.reason);
    if (!errors.status) throw status.reason;
  }
  if (compliance.status === 'fulfilled') {
    result.compliance = compliance.value;
  } else {
    errors.compliance = refusal(compliance.reason);
    if (!errors.compliance) throw compliance.reason;
  }
  return Object.keys(errors).length > 0 ? { ...result, errors } : result;
}
