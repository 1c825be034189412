import type {
  MlflowModelVersion,
  MlflowRun,
  MlflowTag,
} from '@lab2live/plugin-ml-catalog-backend-module-mlflow';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A registered model the fake registry serves. */
export interface FakeRegisteredModel {
  name: string;
  description?: string;
  tags?: MlflowTag[];
  aliases?: Array<{ alias: string; version: string }>;
  versions: MlflowModelVersion[];
}

/**
 * A local HTTP server answering with the MLflow REST API's documented shapes for what
 * the entity provider reads: `registered-models/search` (opaque `next_page_token`s,
 * each model with its tags, aliases and latest version per stage), `model-versions/get`
 * and `runs/get` (metrics, tags, `inputs.dataset_inputs`), and MLflow's error body
 * `{ error_code, message }`. Runs named in `hang` never answer.
 */
export class FakeRegistry {
  readonly requests: string[] = [];
  readonly hang = new Set<string>();
  private server?: Server;

  constructor(
    public models: FakeRegisteredModel[],
    readonly runs: Record<string, MlflowRun>,
    /** The most models a search page holds, whatever max_results asks. */
    readonly maxPageSize = 1000,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  requestsTo(path: string) {
    return this.requests.filter(r => r === path).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '');
    const query = url.searchParams;
    this.requests.push(path);
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = (message: string) =>
      send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message });

    if (path === 'registered-models/search') {
      const size = Math.min(
        this.maxPageSize,
        Number(query.get('max_results') ?? 100),
      );
      const token = query.get('page_token');
      const offset = token
        ? Number(Buffer.from(token, 'base64').toString().split(':')[1])
        : 0;
      const page = this.models.slice(offset, offset + size);
      const next = offset + size;
      // Empty fields are left out, as MLflow's protobuf JSON does.
      return send(200, {
        ...(page.length
          ? { registered_models: page.map(m => this.registered(m)) }
          : {}),
        ...(next < this.models.length
          ? {
              next_page_token: Buffer.from(`offset:${next}`).toString('base64'),
            }
          : {}),
      });
    }
    if (path === 'model-versions/get') {
      const model = this.models.find(m => m.name === query.get('name'));
      const found = model?.versions.find(
        v => v.version === query.get('version'),
      );
      if (!found) {
        return notFound(
          `Model Version (name=${query.get('name')}, version=${query.get(
            'version',
          )}) not found`,
        );
      }
      return send(200, { model_version: found });
    }
    if (path === 'runs/get') {
      const id = query.get('run_id') ?? '';
      if (this.hang.has(id)) return undefined;
      const found = this.runs[id];
      if (!found) return notFound(`Run with id=${id} not found`);
      return send(200, { run: found });
    }
    return send(404, {
      error_code: 'ENDPOINT_NOT_FOUND',
      message: `No API endpoint for ${path}`,
    });
  }

  /** A search result: the newest version in each stage as `latest_versions`. */
  private registered(model: FakeRegisteredModel) {
    const latest = new Map<string, MlflowModelVersion>();
    for (const v of model.versions) {
      const stage = v.current_stage ?? 'None';
      const held = latest.get(stage);
      if (!held || Number(held.version) < Number(v.version)) {
        latest.set(stage, v);
      }
    }
    return {
      name: model.name,
      creation_timestamp: 1_700_000_000_000,
      last_updated_timestamp: 1_700_000_000_000,
      ...(model.description ? { description: model.description } : {}),
      ...(model.tags?.length ? { tags: model.tags } : {}),
      ...(model.aliases?.length ? { aliases: model.aliases } : {}),
      ...(latest.size ? { latest_versions: [...latest.values()] } : {}),
    };
  }
}

/** A model version as MLflow sends it. */
export function version(
  name: string,
  n: number,
  extra: Partial<MlflowModelVersion> = {},
): MlflowModelVersion {
  return {
    name,
    version: String(n),
    current_stage: 'None',
    status: 'READY',
    creation_timestamp: 1_732_000_000_000 + n,
    last_updated_timestamp: 1_732_000_000_000 + n,
    run_id: `${name}-run-${n}`,
    source: `models:/m-${n}`,
    ...extra,
  };
}

/** A run as `runs/get` returns it, with the flavors its model was logged with. */
export function run(
  id: string,
  metrics: Record<string, number>,
  inputs: Array<{
    name: string;
    digest?: string;
    context?: string;
    source?: string;
  }> = [],
  flavor = 'sklearn',
): MlflowRun {
  return {
    info: { run_id: id, experiment_id: '7', run_name: `${id}-name` },
    data: {
      metrics: Object.entries(metrics).map(([key, value]) => ({
        key,
        value,
        timestamp: 1_732_000_000_000,
        step: 0,
      })) as Array<{ key: string; value: number }>,
      tags: [
        {
          key: 'mlflow.log-model.history',
          value: JSON.stringify([
            {
              run_id: id,
              artifact_path: 'model',
              flavors: { python_function: {}, [flavor]: {} },
            },
          ]),
        },
      ],
    },
    inputs: {
      dataset_inputs: inputs.map(input => ({
        ...(input.context
          ? { tags: [{ key: 'mlflow.data.context', value: input.context }] }
          : {}),
        dataset: {
          name: input.name,
          ...(input.digest ? { digest: input.digest } : {}),
          source_type: 's3',
          source: JSON.stringify({
            uri: input.source ?? `s3://lake/${input.name}`,
          }),
        },
      })),
    },
  };
}
