import type { Entity } from '@backstage/catalog-model';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import type { MlflowModelVersion } from '../MlflowClient';

/** 2024-11-19T07:06:40Z, the fake registry's epoch. */
export const T0 = 1_732_000_000_000;

/** A registered model the fake registry knows, or how it misbehaves for that name. */
export type FakeModel =
  | {
      aliases?: Array<{ alias: string; version: string }>;
      versions: MlflowModelVersion[];
      /** Versions per search page (MLflow caps at max_results). */
      pageSize?: number;
    }
  | { fail: 500 }
  | { hang: true }
  | { notJson: true }
  /** Streams a JSON reply of this many bytes, without a Content-Length. */
  | { hugeBytes: number };

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

/**
 * A local HTTP server answering with the MLflow REST API's documented shapes
 * (`/api/2.0/mlflow/registered-models/get`, `/model-versions/search`), including its
 * error body `{ error_code, message }` and opaque `next_page_token`s. Names it does
 * not know are 404 RESOURCE_DOES_NOT_EXIST, as MLflow answers.
 */
export class FakeMlflow {
  readonly requests: RecordedRequest[] = [];
  /** Huge replies the client hung up on before their end. */
  readonly cutOff: string[] = [];
  private server?: Server;

  constructor(readonly models: Record<string, FakeModel>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    // Drops the connections the hanging model keeps open.
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  /** The requests for one path, e.g. `registered-models/get`. */
  requestsTo(path: string) {
    return this.requests.filter(r => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '');
    this.requests.push({
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    const send = Object.assign(
      (status: number, body: object | string) => {
        res.writeHead(status, {
          'Content-Type':
            typeof body === 'string' ? 'text/html' : 'application/json',
        });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      },
      { res },
    );
    const notFound = (name: string) =>
      send(404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Registered Model with name=${name} not found`,
      });

    if (path === 'registered-models/get') {
      const name = url.searchParams.get('name') ?? '';
      const model = this.models[name];
      if (!model) return notFound(name);
      if (this.misbehave(model, send)) return undefined;
      const registered = model as Extract<FakeModel, { versions: unknown }>;
      return send(200, {
        registered_model: {
          name,
          creation_timestamp: 1_700_000_000_000,
          last_updated_timestamp: 1_700_000_000_000,
          ...(registered.aliases ? { aliases: registered.aliases } : {}),
        },
      });
    }

    if (path === 'model-versions/search') {
      // MLflow's filter syntax for one name: name='x' or name="x".
      const match = /^name\s*=\s*(?:'([^']*)'|"([^"]*)")$/.exec(
        url.searchParams.get('filter') ?? '',
      );
      if (!match) {
        return send(400, {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: `Invalid filter '${url.searchParams.get('filter')}'`,
        });
      }
      const model = this.models[match[1] ?? match[2]];
      // MLflow answers an empty search with {} (empty fields are omitted).
      if (!model) return send(200, {});
      if (this.misbehave(model, send)) return undefined;
      const { versions, pageSize } = model as Extract<
        FakeModel,
        { versions: unknown }
      >;
      const size = Math.min(
        pageSize ?? 1000,
        Number(url.searchParams.get('max_results') ?? 1000),
      );
      const token = url.searchParams.get('page_token');
      const offset = token
        ? Number(Buffer.from(token, 'base64').toString().split(':')[1])
        : 0;
      const next = offset + size;
      return send(200, {
        model_versions: versions.slice(offset, next),
        ...(next < versions.length
          ? {
              next_page_token: Buffer.from(`offset:${next}`).toString('base64'),
            }
          : {}),
      });
    }

    return send(404, {
      error_code: 'ENDPOINT_NOT_FOUND',
      message: `No API endpoint for ${path}`,
    });
  }

  private streamHuge(
    bytes: number,
    send: (status: number, body: object | string) => void,
  ) {
    // Reuses send's response through a closure-free path: write raw chunks.
    const res = (send as unknown as { res?: ServerResponse }).res;
    if (!res) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let ended = false;
    res.on('close', () => {
      if (!ended) this.cutOff.push(`after ${written} bytes`);
    });
    const pump = (): void => {
      while (written < bytes && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) {
        ended = true;
        res.end('{}');
      }
    };
    res.write('{"model_versions": [], "padding": "');
    pump();
  }

  private misbehave(
    model: FakeModel,
    send: (status: number, body: object | string) => void,
  ): boolean {
    if ('fail' in model) {
      send(500, {
        error_code: 'INTERNAL_ERROR',
        message: 'sqlalchemy.exc.OperationalError: database is locked',
      });
      return true;
    }
    if ('hang' in model) return true; // never answers
    if ('hugeBytes' in model) {
      this.streamHuge(model.hugeBytes, send);
      return true;
    }
    if ('notJson' in model) {
      send(200, '<html><body>Sign in to continue</body></html>');
      return true;
    }
    return false;
  }
}

/** An MLModel entity, linked to a registered model when `registered` is given. */
export function mlModel(name: string, registered?: string): Entity {
  return {
    apiVersion: 'lab2live.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name,
      namespace: 'default',
      ...(registered
        ? { annotations: { 'mlflow.org/registered-model-name': registered } }
        : {}),
    },
    spec: {
      type: 'classification',
      owner: 'group:data-science',
      lifecycle: 'production',
    },
  };
}

/** A model version as MLflow sends it; timestamps in epoch ms. */
export function modelVersion(
  name: string,
  version: number,
  extra: Partial<MlflowModelVersion> = {},
): MlflowModelVersion {
  return {
    name,
    version: String(version),
    current_stage: 'None',
    status: 'READY',
    creation_timestamp: T0 + version * 60_000,
    last_updated_timestamp: T0 + version * 60_000 + 1_000,
    run_id: `run${version}`,
    source: `models:/m-${version}`,
    ...extra,
  };
}
