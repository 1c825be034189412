/**
 * A model version as the MLflow REST API returns it.
 *
 * @public
 */
export interface MlflowModelVersion {
  name: string;
  version: string;
  current_stage?: string;
  status?: string;
  /** Epoch milliseconds; some servers send them as strings (protobuf int64 as JSON). */
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  run_id?: string;
  source?: string;
  description?: string;
  tags?: MlflowTag[];
}

/**
 * A key/value tag of a registered model, model version or run.
 *
 * @public
 */
export interface MlflowTag {
  key: string;
  value: string;
}

/**
 * A run as `runs/get` returns it: its metrics, tags and logged dataset inputs.
 *
 * @public
 */
export interface MlflowRun {
  info: { run_id: string; experiment_id?: string; run_name?: string };
  data?: {
    metrics?: Array<{ key: string; value: number | string }>;
    tags?: MlflowTag[];
  };
  inputs?: {
    dataset_inputs?: Array<{
      tags?: MlflowTag[];
      dataset: {
        name: string;
        digest?: string;
        source_type?: string;
        source?: string;
      };
    }>;
  };
}

/**
 * A registered model with its aliases.
 *
 * @public
 */
export interface MlflowRegisteredModel {
  name: string;
  aliases?: Array<{ alias: string; version: string }>;
  latest_versions?: MlflowModelVersion[];
  description?: string;
  tags?: MlflowTag[];
}

/**
 * A failed MLflow request: the server's `error_code` (or `TIMEOUT`, `UNREACHABLE`,
 * `INVALID_RESPONSE`) and the HTTP status when there was one.
 *
 * @public
 */
export class MlflowError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MlflowError';
  }
}

/**
 * The search filter for the versions of one registered model. MLflow strips the outer
 * quotes of a filter value and does not unescape inside them, so a backslash would be
 * searched for literally: a name with a single quote is quoted with double quotes
 * instead, which MLflow accepts for values too.
 */
export function modelVersionFilter(name: string): string {
  if (!name.includes("'")) return `name='${name}'`;
  if (!name.includes('"')) return `name="${name}"`;
  throw new MlflowError(
    `MLflow's search filter cannot express a name with both kinds of quotes: ${name}`,
    'INVALID_NAME',
  );
}

/** The default cap on one reply from MLflow: 10 MiB. */
export const DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024;

/**
 * How the client signs in to MLflow: a bearer token (a proxy or a managed MLflow in
 * front), or a username and password as HTTP Basic (MLflow's built-in basic-auth app).
 *
 * @public
 */
export type MlflowCredentials =
  | { token: string }
  | { username: string; password: string };

/**
 * The part of the MLflow Model Registry REST API (`/api/2.0/mlflow`) that Lab2Live
 * reads: a registered model with its aliases, and its versions, page by page.
 * Read-only; every request is bounded by `timeoutMs` (the reply too, so a server that
 * stalls mid-answer times out), and every reply by `maxReplyBytes`.
 *
 * @public
 */
export class MlflowClient {
  private readonly authorization?: string;
  private readonly maxReplyBytes: number;

  constructor(
    private readonly options: {
      baseUrl: string;
      /** Sent as a bearer token. Kept for callers from before `credentials`. */
      token?: string;
      credentials?: MlflowCredentials;
      timeoutMs: number;
      /** A longer reply is an error and its connection is closed. Default: 10 MiB. */
      maxReplyBytes?: number;
    },
  ) {
    const credentials =
      options.credentials ??
      (options.token ? { token: options.token } : undefined);
    if (credentials && 'token' in credentials) {
      this.authorization = `Bearer ${credentials.token}`;
    } else if (credentials) {
      this.authorization = `Basic ${Buffer.from(
        `${credentials.username}:${credentials.password}`,
      ).toString('base64')}`;
    }
    this.maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  }

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const body = await this.get('registered-models/get', { name });
    if (!body.registered_model || typeof body.registered_model !== 'object') {
      throw new MlflowError(
        'registered-models/get answered without registered_model',
        'INVALID_RESPONSE',
      );
    }
    return body.registered_model as MlflowRegisteredModel;
  }

  /** Every version of a registered model, following `next_page_token` to the end. */
  async searchModelVersions(name: string): Promise<MlflowModelVersion[]> {
    const filter = modelVersionFilter(name);
    const versions: MlflowModelVersion[] = [];
    const seen = new Set<string>();
    let pageToken: string | undefined;
    do {
      const body = await this.get('model-versions/search', {
        filter,
        max_results: '200',
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      versions.push(...((body.model_versions ?? []) as MlflowModelVersion[]));
      pageToken = body.next_page_token || undefined;
      // A server that hands out the same token again would otherwise loop until the
      // task's timeout.
      if (pageToken && seen.has(pageToken)) {
        throw new MlflowError(
          `model-versions/search repeated page token ${pageToken}`,
          'INVALID_RESPONSE',
        );
      }
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    return versions;
  }

  /**
   * One page of `registered-models/search` (with each model's tags, aliases and latest
   * versions) and the token of the next page, if any.
   */
  async searchRegisteredModels(options: {
    maxResults: number;
    pageToken?: string;
  }): Promise<{ models: MlflowRegisteredModel[]; nextPageToken?: string }> {
    const body = await this.get('registered-models/search', {
      max_results: String(options.maxResults),
      ...(options.pageToken ? { page_token: options.pageToken } : {}),
    });
    return {
      models: (body.registered_models ?? []) as MlflowRegisteredModel[],
      nextPageToken: body.next_page_token || undefined,
    };
  }

  async getModelVersion(
    name: string,
    version: string,
  ): Promise<MlflowModelVersion> {
    const body = await this.get('model-versions/get', { name, version });
    if (!body.model_version || typeof body.model_version !== 'object') {
      throw new MlflowError(
        'model-versions/get answered without model_version',
        'INVALID_RESPONSE',
      );
    }
    return body.model_version as MlflowModelVersion;
  }

  async getRun(runId: string): Promise<MlflowRun> {
    const body = await this.get('runs/get', { run_id: runId });
    if (!body.run || typeof body.run !== 'object') {
      throw new MlflowError(
        'runs/get answered without run',
        'INVALID_RESPONSE',
      );
    }
    return body.run as MlflowRun;
  }

  /**
   * The reply's text, read no further than `maxReplyBytes`: past it the request is
   * aborted (closing the connection) and the error names the cap.
   */
  private async readCapped(
    response: Response,
    path: string,
    abort: AbortController,
  ): Promise<string> {
    const tooLarge = () => {
      abort.abort();
      return new MlflowError(
        `${path} answered more than ${this.maxReplyBytes} bytes (lab2live.mlflow.maxReplyBytes); connection closed, nothing stored`,
        'REPLY_TOO_LARGE',
        response.status,
      );
    };
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.maxReplyBytes) {
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxReplyBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      parts.push(value);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  private async get(
    path: string,
    query: Record<string, string>,
  ): Promise<Record<string, any>> {
    const url = `${this.options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`;
    // The signal also bounds reading the body, so a server that stalls mid-answer
    // times out too; aborting it closes the connection.
    const abort = new AbortController();
    const signal = abort.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.options.timeoutMs);
    let status: number | undefined;
    let text: string;
    try {
      const response = await fetch(url, {
        headers: {
          Accept: 'application/json',
          ...(this.authorization ? { Authorization: this.authorization } : {}),
        },
        signal,
      });
      status = response.status;
      text = await this.readCapped(response, path, abort);
    } catch (error) {
      if (error instanceof MlflowError) throw error;
      if (timedOut) {
        throw new MlflowError(
          `${path} did not answer within ${this.options.timeoutMs} ms`,
          'TIMEOUT',
          status,
        );
      }
      const cause = (error as { cause?: Error }).cause;
      throw new MlflowError(
        `${path} could not be reached: ${(error as Error).message}${
          cause?.message ? ` (${cause.message})` : ''
        }`,
        'UNREACHABLE',
      );
    } finally {
      clearTimeout(timer);
    }
    let body: Record<string, any> | undefined;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (status < 200 || status >= 300) {
      // MLflow's error body: { error_code, message }; proxies in front of it send HTML.
      throw new MlflowError(
        `${path} answered ${status}: ${
          body?.message ?? (text.slice(0, 200) || 'no body')
        }`,
        body?.error_code ?? `HTTP_${status}`,
        status,
      );
    }
    if (!body || typeof body !== 'object') {
      throw new MlflowError(
        `${path} answered ${status} without a JSON object: ${text.slice(
          0,
          200,
        )}`,
        'INVALID_RESPONSE',
        status,
      );
    }
    return body;
  }
}
