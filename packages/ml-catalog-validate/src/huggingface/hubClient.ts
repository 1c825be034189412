import yaml from 'yaml';

/** The public Hub; companies that mirror it configure their own base URL. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * A failed read from the Hub: `UNAUTHORIZED` (401: gated or private without access),
 * `FORBIDDEN` (403), `NOT_FOUND`, `TIMEOUT`, `UNREACHABLE`, `INVALID_RESPONSE`,
 * `INVALID_ID`, `NO_MODEL_CARD`, `NO_FRONT_MATTER` or `INVALID_ENTITY` (the card makes entities the kinds refuse).
 *
 * @public
 */
export class HubError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/**
 * The fields of the Hub's model info (`GET /api/models/{id}`) the import reads.
 *
 * @public
 */
export interface HubModelInfo {
  id: string;
  sha?: string;
  pipeline_tag?: string;
  library_name?: string;
  tags?: string[];
  gated?: boolean | string;
  private?: boolean;
  cardData?: Record<string, unknown>;
}

/**
 * A model as the Hub describes it: its info and its model card (the README's YAML front
 * matter and the text after it).
 *
 * @public
 */
export interface HubModel {
  info: HubModelInfo;
  frontMatter: Record<string, unknown>;
  body: string;
}

/**
 * Where and how to read the Hub.
 *
 * @public
 */
export interface HubOptions {
  /** The Hub or a mirror of it. Default: the public Hub. */
  baseUrl?: string;
  /** A user access token, for gated and private models. */
  token?: string;
  /** Per request, in milliseconds. Default: 15000. */
  timeoutMs?: number;
}

/** `org/name` or `name`, as the Hub allows: nothing that could reach another path. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

/**
 * Splits a model card into its YAML front matter and the rest; undefined when it has no
 * front matter block.
 *
 * @public
 */
export function parseModelCard(
  text: string,
): { frontMatter: Record<string, unknown>; body: string } | undefined {
  const match =
    /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return undefined;
  let parsed: unknown;
  try {
    parsed = yaml.parse(match[1]);
  } catch (error) {
    throw new HubError(
      `the model card's front matter is not valid YAML: ${
        (error as Error).message
      }`,
      'INVALID_RESPONSE',
    );
  }
  return {
    frontMatter:
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {},
    body: text.slice(match[0].length),
  };
}

async function hubGet(
  url: string,
  what: string,
  id: string,
  options: HubOptions,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The signal also bounds reading the body, so a reply that stalls times out too.
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: options.token
        ? { Authorization: `Bearer ${options.token}` }
        : {},
      signal,
      redirect: 'follow',
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new HubError(
        `the Hub did not send ${what} of ${id} within ${timeoutMs} ms`,
        'TIMEOUT',
      );
    }
    const cause = (error as { cause?: Error }).cause;
    throw new HubError(
      `the Hub at ${options.baseUrl ?? DEFAULT_HUB_URL} could not be reached: ${
        (error as Error).message
      }${cause?.message ? ` (${cause.message})` : ''}`,
      'UNREACHABLE',
    );
  }
  if (response.status === 401) {
    throw new HubError(
      `${id} is gated or private: the Hub answered 401 to ${what}. Accept its terms on the Hub with an account, then give that account's access token${
        options.token ? ' (the token given has no access)' : ''
      }`,
      'UNAUTHORIZED',
      401,
    );
  }
  if (response.status === 403) {
    throw new HubError(
      `${id}: the Hub refused ${what} (403); the token's account has not been granted access to this gated model`,
      'FORBIDDEN',
      403,
    );
  }
  if (response.status === 404) {
    throw new HubError(
      what === 'the model card'
        ? `${id} has no model card (README.md) on the Hub`
        : `no model ${id} on the Hub at ${options.baseUrl ?? DEFAULT_HUB_URL}`,
      what === 'the model card' ? 'NO_MODEL_CARD' : 'NOT_FOUND',
      404,
    );
  }
  if (!response.ok) {
    throw new HubError(
      `the Hub answered ${response.status} to ${what} of ${id}: ${
        text.slice(0, 200) || 'no body'
      }`,
      `HTTP_${response.status}`,
      response.status,
    );
  }
  return text;
}

/**
 * Reads a model's info (`/api/models/{id}`) and its model card
 * (`/{id}/raw/main/README.md`) from the Hub or a mirror. Throws a {@link HubError}
 * that says what went wrong: a gated model without access, an unknown id, a card
 * without front matter, a Hub that does not answer in time.
 *
 * @public
 */
export async function readHubModel(
  id: string,
  options: HubOptions = {},
): Promise<HubModel> {
  if (!MODEL_ID.test(id) || id.includes('..')) {
    throw new HubError(
      `"${id}" is not a Hugging Face model id: expected name or org/name of letters, digits, -, _ and .`,
      'INVALID_ID',
    );
  }
  const base = (options.baseUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const infoText = await hubGet(
    `${base}/api/models/${id}`,
    'the model info',
    id,
    options,
  );
  let info: HubModelInfo;
  try {
    info = JSON.parse(infoText);
  } catch {
    info = undefined as unknown as HubModelInfo;
  }
  if (!info || typeof info !== 'object' || typeof info.id !== 'string') {
    throw new HubError(
      `the Hub's model info of ${id} is not the JSON object expected: ${infoText.slice(
        0,
        200,
      )}`,
      'INVALID_RESPONSE',
    );
  }
  const card = await hubGet(
    `${base}/${id}/raw/${encodeURIComponent(info.sha ?? 'main')}/README.md`,
    'the model card',
    id,
    options,
  );
  const parsed = parseModelCard(card);
  if (!parsed) {
    throw new HubError(
      `${id}'s model card has no YAML front matter (a block between --- lines at the top of README.md), so it states no license, datasets or metrics to import`,
      'NO_FRONT_MATTER',
    );
  }
  return { info, ...parsed };
}
