/** A model version as the MLflow REST API returns it. */
export interface MlflowModelVersion {
  name: string;
  version: string;
  current_stage?: string;
  status?: string;
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  run_id?: string;
}

/** A registered model with its aliases. */
export interface MlflowRegisteredModel {
  name: string;
  aliases?: Array<{ alias: string; version: string }>;
}

/** An MLflow error, with its `error_code` when the server sent one. */
export class MlflowError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MlflowError';
  }
}

/**
 * The part of the MLflow Model Registry REST API (`/api/2.0/mlflow`) that Lab2Live
 * reads: a registered model with its aliases, and its versions, page by page.
 */
export class MlflowClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      token?: string;
      timeoutMs: number;
    },
  ) {}

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const body = await this.get('registered-models/get', { name });
    return body.registered_model as MlflowRegisteredModel;
  }

  /** Every version of a registered model, following `next_page_token`. */
  async searchModelVersions(name: string): Promise<MlflowModelVersion[]> {
    const versions: MlflowModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const body = await this.get('model-versions/search', {
        filter: `name='${name.replace(/'/g, "\\'")}'`,
        max_results: '200',
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      versions.push(...((body.model_versions ?? []) as MlflowModelVersion[]));
      pageToken = body.next_page_token as string | undefined;
    } while (pageToken);
    return versions;
  }

  private async get(
    path: string,
    query: Record<string, string>,
  ): Promise<Record<string, any>> {
    const url = `${this.options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: this.options.token
          ? { Authorization: `Bearer ${this.options.token}` }
          : {},
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new MlflowError(
        timedOut
          ? `MLflow did not answer ${path} within ${this.options.timeoutMs} ms`
          : `MLflow could not be reached at ${path}: ${
              (error as Error).message
            }`,
        timedOut ? 'TIMEOUT' : 'UNREACHABLE',
      );
    }
    const text = await response.text();
    let body: Record<string, any>;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new MlflowError(
        `MLflow answered ${path} with ${response.status} and no JSON`,
        undefined,
        response.status,
      );
    }
    if (!response.ok) {
      throw new MlflowError(
        `MLflow answered ${path} with ${response.status} ${
          body.error_code ?? ''
        }: ${body.message ?? text}`.replace(/\s+/g, ' '),
        body.error_code,
        response.status,
      );
    }
    return body;
  }
}
