import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** MLflow's webhook headers (MLflow 3, `mlflow/webhooks/constants.py`). */
export const SIGNATURE_HEADER = 'x-mlflow-signature';
export const TIMESTAMP_HEADER = 'x-mlflow-timestamp';
export const DELIVERY_ID_HEADER = 'x-mlflow-delivery-id';

/** The route, under the plugin's base path (`/api/ml-catalog`). */
export const WEBHOOK_PATH = '/mlflow/webhook';

/** The events that can move what runs where: each triggers a read of the model. */
export const HANDLED_EVENTS = [
  'model_version.created',
  'model_version_alias.created',
  'model_version_alias.deleted',
  'model_version_tag.set',
];

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The signature MLflow sends: `v1,` and the base64 HMAC-SHA256, keyed with the
 * webhook's secret, of `<delivery id>.<timestamp>.<raw body>`.
 */
export function mlflowSignature(
  secret: string,
  deliveryId: string,
  timestamp: string,
  body: string,
): string {
  return `v1,${createHmac('sha256', secret)
    .update(`${deliveryId}.${timestamp}.${body}`)
    .digest('base64')}`;
}

/**
 * The deliveries already taken, in the plugin's database (its own migrations, kept
 * apart from the backend plugin's), so replicas agree on which one acts.
 */
export class WebhookDeliveries {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<WebhookDeliveries> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@lab2live/plugin-ml-catalog-backend-module-mlflow',
          'migrations',
        ),
        tableName: 'knex_migrations_ml_catalog_mlflow',
      });
    }
    return new WebhookDeliveries(db);
  }

  /** True for the first caller with this id, false for every later one (any replica). */
  async claim(
    deliveryId: string,
    now: number,
    keepMs: number,
  ): Promise<boolean> {
    await this.db('mlflow_webhook_deliveries')
      .where('received_at', '<', now - keepMs)
      .delete();
    try {
      await this.db('mlflow_webhook_deliveries').insert({
        delivery_id: deliveryId,
        received_at: now,
      });
      return true;
    } catch (error) {
      // The primary key: another request (on any replica) took it first.
      const { code, errno } = (error ?? {}) as {
        code?: string;
        errno?: number;
      };
      if (
        code === '23505' ||
        code === 'ER_DUP_ENTRY' ||
        errno === 1062 ||
        code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
        code === 'SQLITE_CONSTRAINT_UNIQUE'
      ) {
        return false;
      }
      throw error;
    }
  }
}

/**
 * The webhook receiver. MLflow posts unauthenticated (the route's auth policy lets it
 * in); authenticity comes from the HMAC signature alone, and replays are refused by
 * timestamp (outside the tolerance) and by delivery id (already taken, by any replica).
 *
 * An accepted event makes the module read that registered model from the registry
 * at once and report it, instead of applying the payload: the payload says what
 * changed but not everything the status needs (an alias deletion names no version;
 * a stage or a registration status is not in it), and a read cannot be applied out
 * of order. Polling stays as the safety net for a delivery that never came.
 *
 * A registered model no MLModel links to answers 200 with `models: []`, stores
 * nothing and logs a line: MLflow would otherwise retry, and nothing is wrong.
 */
export function createWebhookRouter(options: {
  secret: string;
  toleranceSeconds?: number;
  deliveries: WebhookDeliveries;
  refresh: (registeredModel: string) => Promise<string[]>;
  logger: LoggerService;
  clock?: () => number;
}): express.Router {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const clock = options.clock ?? Date.now;
  const router = Router();
  const refuse = (
    res: express.Response,
    status: number,
    name: string,
    message: string,
  ) => {
    options.logger.warn(`MLflow webhook refused (${status}): ${message}`);
    res.status(status).json({ error: { name, message } });
  };

  router.post(
    WEBHOOK_PATH,
    // The raw bytes: the signature covers the body exactly as MLflow sent it.
    express.raw({ type: () => true, limit: '256kb' }),
    async (req, res) => {
      const deliveryId = req.header(DELIVERY_ID_HEADER);
      const timestamp = req.header(TIMESTAMP_HEADER);
      const signature = req.header(SIGNATURE_HEADER);
      if (!deliveryId || !timestamp || !signature) {
        return refuse(
          res,
          401,
          'AuthenticationError',
          `Missing ${[
            !deliveryId && 'X-MLflow-Delivery-Id',
            !timestamp && 'X-MLflow-Timestamp',
            !signature && 'X-MLflow-Signature',
          ]
            .filter(Boolean)
            .join(', ')}: only signed MLflow webhooks are accepted`,
        );
      }
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const expected = Buffer.from(
        mlflowSignature(options.secret, deliveryId, timestamp, body),
      );
      const given = Buffer.from(signature);
      if (
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        return refuse(
          res,
          401,
          'AuthenticationError',
          'X-MLflow-Signature does not match the body signed with lab2live.mlflow.webhook.secret',
        );
      }
      const sentAt = Number(timestamp) * 1000;
      const now = clock();
      if (
        !Number.isFinite(sentAt) ||
        Math.abs(now - sentAt) > tolerance * 1000
      ) {
        return refuse(
          res,
          400,
          'InputError',
          `X-MLflow-Timestamp ${timestamp} is more than ${tolerance} s from now (lab2live.mlflow.webhook.toleranceSeconds): refused as a replay`,
        );
      }
      let payload: {
        entity?: unknown;
        action?: unknown;
        data?: { name?: unknown };
      };
      try {
        payload = JSON.parse(body);
      } catch {
        return refuse(res, 400, 'InputError', 'The body is not JSON');
      }
      const event = `${payload?.entity}.${payload?.action}`;
      const name = payload?.data?.name;
      if (!HANDLED_EVENTS.includes(event)) {
        return res
          .status(200)
          .json({ delivery: deliveryId, event, ignored: true });
      }
      if (typeof name !== 'string' || !name) {
        return refuse(
          res,
          400,
          'InputError',
          `${event}: data.name (the registered model) is missing`,
        );
      }
      // Claimed after the signature and time checks, so a forger cannot burn ids.
      if (
        !(await options.deliveries.claim(deliveryId, now, 2 * tolerance * 1000))
      ) {
        return refuse(
          res,
          409,
          'ConflictError',
          `Delivery ${deliveryId} was already received: refused as a replay`,
        );
      }
      const models = await options.refresh(name);
      if (models.length === 0) {
        options.logger.info(
          `MLflow webhook ${event} for registered model '${name}': no MLModel links to it (annotation mlflow.org/registered-model-name); nothing stored`,
        );
      }
      return res.status(200).json({ delivery: deliveryId, event, models });
    },
  );
  return router;
}
