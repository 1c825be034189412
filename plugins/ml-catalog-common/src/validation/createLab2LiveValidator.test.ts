import {
  fullDataset,
  fullModel,
  fullSla,
  minimalModel,
} from '../__testUtils__/fixtures';
import {
  datasetEntityV1alpha1Schema,
  mlModelEntityV1alpha1Schema,
  slaEntityV1alpha1Schema,
} from '../schema';
import { createLab2LiveValidator } from './createLab2LiveValidator';
import {
  formatValidationIssue,
  Lab2LiveValidationError,
  ValidationIssue,
} from './issues';

type Raw = Record<string, any>;

/** A deep copy of an entity, changed by `change`. */
function changed<T>(entity: T, change: (e: Raw) => void): Raw {
  const copy = JSON.parse(JSON.stringify(entity)) as Raw;
  change(copy);
  return copy;
}

const ALL_INDICATORS =
  'latency_p50_ms, latency_p95_ms, latency_p99_ms, availability_pct, ' +
  'error_rate_pct, throughput_rps, model_age_days, data_freshness_hours, ' +
  'quality:<metric>, drift:<metric>';
const DEFAULT_STAGES =
  'experimental, development, staging, production, deprecated, retired';

describe('createLab2LiveValidator', () => {
  const validator = createLab2LiveValidator();

  describe('valid entities', () => {
    it.each([
      ['the MLModel schema example', mlModelEntityV1alpha1Schema.examples[0]],
      ['the Dataset schema example', datasetEntityV1alpha1Schema.examples[0]],
      ['the SLA schema example', slaEntityV1alpha1Schema.examples[0]],
      ['a full MLModel', fullModel()],
      ['a minimal MLModel', minimalModel()],
      ['a full Dataset', fullDataset()],
      ['a full SLA', fullSla()],
      [
        'an SLA objective with the smallest and a large missBudget',
        changed(fullSla(), e => {
          e.spec.objectives[0].missBudget = 0;
          e.spec.objectives[1].missBudget = 0.99;
        }),
      ],
      [
        'an entity with relations, status and free annotations, labels and tags',
        changed(minimalModel(), e => {
          e.metadata.annotations = { 'whatever.example.com/any-key': 'x' };
          e.metadata.labels = { anything: 'goes' };
          e.metadata.tags = ['any', 'tags'];
          e.metadata.uid = '1234';
          e.relations = [{ type: 'ownedBy', targetRef: 'group:default/x' }];
          e.status = { items: [] };
        }),
      ],
    ])('accepts %s', (_, entity) => {
      expect(validator.validate(entity)).toEqual([]);
    });
  });

  describe('invalid entities', () => {
    const cases: Array<[string, Raw, ValidationIssue[]]> = [
      // wrong enum values
      [
        'an unknown model type',
        changed(minimalModel(), e => {
          e.spec.type = 'clustering';
        }),
        [
          {
            path: 'spec.type',
            message:
              'spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other',
          },
        ],
      ],
      [
        'an unknown dataset role',
        changed(fullModel(), e => {
          e.spec.datasets[1].role = 'testing';
        }),
        [
          {
            path: 'spec.datasets[1].role',
            message:
              'spec.datasets[1].role must be one of training, validation, evaluation, monitoring',
          },
        ],
      ],
      [
        'an unknown risk tier',
        changed(fullModel(), e => {
          e.spec.governance.riskTier = 'medium';
        }),
        [
          {
            path: 'spec.governance.riskTier',
            message:
              'spec.governance.riskTier must be one of minimal, limited, high, prohibited',
          },
        ],
      ],
      [
        'an unknown dataset type',
        changed(fullDataset(), e => {
          e.spec.type = 'database';
        }),
        [
          {
            path: 'spec.type',
            message:
              'spec.type must be one of table, files, stream, feature-set, other',
          },
        ],
      ],
      [
        'an unknown objective op',
        changed(fullSla(), e => {
          e.spec.objectives[2].op = '<=';
        }),
        [
          {
            path: 'spec.objectives[2].op',
            message:
              'spec.objectives[2].op must be one of lt, lte, gt, gte, eq',
          },
        ],
      ],
      [
        'a number where an enum value is expected (one message, not two)',
        changed(minimalModel(), e => {
          e.spec.type = 5;
        }),
        [
          {
            path: 'spec.type',
            message:
              'spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other',
          },
        ],
      ],
      [
        'a wrong apiVersion',
        changed(minimalModel(), e => {
          e.apiVersion = 'lab2live.io/v1';
        }),
        [
          {
            path: 'apiVersion',
            message: 'apiVersion must be lab2live.io/v1alpha1',
          },
        ],
      ],

      // missing required fields
      [
        'an MLModel without owner',
        changed(minimalModel(), e => {
          delete e.spec.owner;
        }),
        [{ path: 'spec.owner', message: 'spec.owner is required' }],
      ],
      [
        'a Dataset without owner',
        changed(fullDataset(), e => {
          delete e.spec.owner;
        }),
        [{ path: 'spec.owner', message: 'spec.owner is required' }],
      ],
      [
        'an SLA without owner',
        changed(fullSla(), e => {
          delete e.spec.owner;
        }),
        [{ path: 'spec.owner', message: 'spec.owner is required' }],
      ],
      [
        'an MLModel without type and lifecycle',
        changed(minimalModel(), e => {
          delete e.spec.type;
          delete e.spec.lifecycle;
        }),
        [
          { path: 'spec.type', message: 'spec.type is required' },
          { path: 'spec.lifecycle', message: 'spec.lifecycle is required' },
        ],
      ],
      [
        'a Dataset without type and lifecycle',
        changed(fullDataset(), e => {
          delete e.spec.type;
          delete e.spec.lifecycle;
        }),
        [
          { path: 'spec.type', message: 'spec.type is required' },
          { path: 'spec.lifecycle', message: 'spec.lifecycle is required' },
        ],
      ],
      [
        'an SLA without appliesTo, objectives and window',
        changed(fullSla(), e => {
          delete e.spec.appliesTo;
          delete e.spec.objectives;
          delete e.spec.window;
        }),
        [
          { path: 'spec.appliesTo', message: 'spec.appliesTo is required' },
          { path: 'spec.objectives', message: 'spec.objectives is required' },
          { path: 'spec.window', message: 'spec.window is required' },
        ],
      ],
      [
        'an entity without spec',
        changed(minimalModel(), e => {
          delete e.spec;
        }),
        [{ path: 'spec', message: 'spec is required' }],
      ],
      [
        'an entity without metadata.name',
        changed(minimalModel(), e => {
          delete e.metadata.name;
        }),
        [{ path: 'metadata.name', message: 'metadata.name is required' }],
      ],
      [
        'a dataset link without ref',
        changed(fullModel(), e => {
          delete e.spec.datasets[2].ref;
        }),
        [
          {
            path: 'spec.datasets[2].ref',
            message: 'spec.datasets[2].ref is required',
          },
        ],
      ],
      [
        'an objective without target',
        changed(fullSla(), e => {
          delete e.spec.objectives[3].target;
        }),
        [
          {
            path: 'spec.objectives[3].target',
            message: 'spec.objectives[3].target is required',
          },
        ],
      ],

      // entity references
      [
        'an owner reference without a name',
        changed(minimalModel(), e => {
          e.spec.owner = 'group:';
        }),
        [
          {
            path: 'spec.owner',
            message:
              'spec.owner: "group:" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'a system reference with an empty namespace',
        changed(fullDataset(), e => {
          e.spec.system = 'system:/customer-data';
        }),
        [
          {
            path: 'spec.system',
            message:
              'spec.system: "system:/customer-data" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'a dataset reference with an invalid name',
        changed(fullModel(), e => {
          e.spec.datasets[0].ref = 'dataset:customer events';
        }),
        [
          {
            path: 'spec.datasets[0].ref',
            message:
              'spec.datasets[0].ref: "dataset:customer events" is not a valid entity reference ("customer events" is not a valid name)',
          },
        ],
      ],
      [
        'an SLA reference with an invalid kind',
        changed(fullModel(), e => {
          e.spec.slas = ['service level:churn'];
        }),
        [
          {
            path: 'spec.slas[0]',
            message:
              'spec.slas[0]: "service level:churn" is not a valid entity reference ("service level" is not a valid kind)',
          },
        ],
      ],
      [
        'a servedBy reference with an invalid namespace',
        changed(fullModel(), e => {
          e.spec.servedBy[1] = 'component:my_ns/api';
        }),
        [
          {
            path: 'spec.servedBy[1]',
            message:
              'spec.servedBy[1]: "component:my_ns/api" is not a valid entity reference ("my_ns" is not a valid namespace)',
          },
        ],
      ],
      [
        'a baseModel reference without a name',
        changed(fullModel(), e => {
          e.spec.baseModel = 'mlmodel:retention/';
        }),
        [
          {
            path: 'spec.baseModel',
            message:
              'spec.baseModel: "mlmodel:retention/" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'a metric dataset reference that does not parse',
        changed(fullModel(), e => {
          e.spec.metrics[0].dataset = ':holdout';
        }),
        [
          {
            path: 'spec.metrics[0].dataset',
            message:
              'spec.metrics[0].dataset: ":holdout" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'a derivedFrom reference that does not parse',
        changed(fullDataset(), e => {
          e.spec.derivedFrom[1] = 'dataset:';
        }),
        [
          {
            path: 'spec.derivedFrom[1]',
            message:
              'spec.derivedFrom[1]: "dataset:" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'appliesTo and consumers references that do not parse',
        changed(fullSla(), e => {
          e.spec.appliesTo[0] = 'mlmodel:';
          e.spec.consumers[0] = 'component:web/';
        }),
        [
          {
            path: 'spec.appliesTo[0]',
            message:
              'spec.appliesTo[0]: "mlmodel:" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
          {
            path: 'spec.consumers[0]',
            message:
              'spec.consumers[0]: "component:web/" is not a valid entity reference (expected [kind:][namespace/]name)',
          },
        ],
      ],
      [
        'an empty reference (one message, not two)',
        changed(fullSla(), e => {
          e.spec.appliesTo[1] = '';
        }),
        [
          {
            path: 'spec.appliesTo[1]',
            message: 'spec.appliesTo[1] must not be empty',
          },
        ],
      ],

      // unknown fields
      [
        'an unknown spec field',
        changed(minimalModel(), e => {
          e.spec.foo = 'bar';
        }),
        [
          {
            path: 'spec.foo',
            message:
              'spec.foo is not a known field of MLModel spec (a field of your own must start with x-, e.g. x-foo)',
          },
        ],
      ],
      [
        'a misspelt spec field',
        changed(minimalModel(), e => {
          e.spec.datset = [{ ref: 'x', role: 'training' }];
        }),
        [
          {
            path: 'spec.datset',
            message:
              'spec.datset is not a known field of MLModel spec (did you mean datasets?)',
          },
        ],
      ],
      [
        'a misspelt nested field',
        changed(fullModel(), e => {
          e.spec.governance.riskteir = 'high';
        }),
        [
          {
            path: 'spec.governance.riskteir',
            message:
              'spec.governance.riskteir is not a known field of MLModel spec.governance (did you mean riskTier?)',
          },
        ],
      ],
      [
        'an unknown field in a dataset link',
        changed(fullModel(), e => {
          e.spec.datasets[3].weight = 2;
        }),
        [
          {
            path: 'spec.datasets[3].weight',
            message:
              'spec.datasets[3].weight is not a known field of MLModel spec.datasets[3]',
          },
        ],
      ],
      [
        'a lifecycle on an SLA',
        changed(fullSla(), e => {
          e.spec.lifecycle = 'production';
        }),
        [
          {
            path: 'spec.lifecycle',
            message: 'spec.lifecycle is not a known field of SLA spec',
          },
        ],
      ],
      [
        'an unknown Dataset field',
        changed(fullDataset(), e => {
          e.spec.rows = 1000;
        }),
        [
          {
            path: 'spec.rows',
            message: 'spec.rows is not a known field of Dataset spec',
          },
        ],
      ],
      [
        'a datasheet that is not a web address',
        changed(fullDataset(), e => {
          // eslint-disable-next-line no-script-url
          e.spec.datasheet = 'javascript:alert(document.cookie)';
        }),
        [
          {
            path: 'spec.datasheet',
            message: 'spec.datasheet must be an http(s) address',
          },
        ],
      ],

      // wrong types
      [
        'a version written as a number',
        changed(fullModel(), e => {
          e.spec.version = 7;
        }),
        [
          {
            path: 'spec.version',
            message: 'spec.version must be a string (write it in quotes: "7")',
          },
        ],
      ],
      [
        'a metric value written as a string',
        changed(fullModel(), e => {
          e.spec.metrics[0].value = '0.87';
        }),
        [
          {
            path: 'spec.metrics[0].value',
            message:
              'spec.metrics[0].value must be a number (remove the quotes: 0.87)',
          },
        ],
      ],
      [
        'a target that is not a number',
        changed(fullSla(), e => {
          e.spec.objectives[0].target = 'fast';
        }),
        [
          {
            path: 'spec.objectives[0].target',
            message: 'spec.objectives[0].target must be a number',
          },
        ],
      ],
      [
        'a list written as a single reference',
        changed(fullModel(), e => {
          e.spec.slas = 'sla:churn-scoring';
        }),
        [{ path: 'spec.slas', message: 'spec.slas must be an array' }],
      ],
      [
        'a boolean written as text',
        changed(fullDataset(), e => {
          e.spec.personalData = 'yes';
        }),
        [
          {
            path: 'spec.personalData',
            message: 'spec.personalData must be true or false',
          },
        ],
      ],
      [
        'an object written as text',
        changed(fullModel(), e => {
          e.spec.intendedUse = 'Rank retention offers.';
        }),
        [
          {
            path: 'spec.intendedUse',
            message: 'spec.intendedUse must be an object',
          },
        ],
      ],
      [
        'a spec that is not an object',
        changed(minimalModel(), e => {
          e.spec = 'classification';
        }),
        [{ path: 'spec', message: 'spec must be an object' }],
      ],
      [
        'a dataset link that is not an object',
        changed(fullModel(), e => {
          e.spec.datasets[0] = 'dataset:customer-events';
        }),
        [
          {
            path: 'spec.datasets[0]',
            message: 'spec.datasets[0] must be an object',
          },
        ],
      ],
      [
        'an annotation value that is not a string',
        changed(minimalModel(), e => {
          e.metadata.annotations = { 'example.com/retries': 3 };
        }),
        [
          {
            path: 'metadata.annotations["example.com/retries"]',
            message:
              'metadata.annotations["example.com/retries"] must be a string (write it in quotes: "3")',
          },
        ],
      ],
      [
        'an invalid entity name',
        changed(minimalModel(), e => {
          e.metadata.name = 'churn predictor!';
        }),
        [
          {
            path: 'metadata.name',
            message:
              'metadata.name must be a name of letters, digits, -, _ and . that starts and ends with a letter or digit',
          },
        ],
      ],

      // empty lists
      ...(
        [
          ['slas', fullModel],
          ['servedBy', fullModel],
          ['datasets', fullModel],
          ['metrics', fullModel],
          ['derivedFrom', fullDataset],
          ['appliesTo', fullSla],
          ['objectives', fullSla],
          ['consumers', fullSla],
        ] as Array<[string, () => Raw]>
      ).map(([field, make]): [string, Raw, ValidationIssue[]] => [
        `an empty spec.${field}`,
        changed(make(), e => {
          e.spec[field] = [];
        }),
        [
          {
            path: `spec.${field}`,
            message: `spec.${field} must have at least 1 item`,
          },
        ],
      ]),

      // SLA indicators and window
      ...['latency_p90_ms', 'accuracy', 'quality:', 'drift', 'Quality:auc'].map(
        (indicator): [string, Raw, ValidationIssue[]] => [
          `the unknown indicator ${indicator}`,
          changed(fullSla(), e => {
            e.spec.objectives[1].indicator = indicator;
          }),
          [
            {
              path: 'spec.objectives[1].indicator',
              message: `spec.objectives[1].indicator must be one of ${ALL_INDICATORS}`,
            },
          ],
        ],
      ),
      [
        'an indicator that is not a string',
        changed(fullSla(), e => {
          e.spec.objectives[0].indicator = 95;
        }),
        [
          {
            path: 'spec.objectives[0].indicator',
            message:
              'spec.objectives[0].indicator must be a string (write it in quotes: "95")',
          },
        ],
      ],
      ...['30 days', '0d', '1m', 'd'].map(
        (window): [string, Raw, ValidationIssue[]] => [
          `the window ${window}`,
          changed(fullSla(), e => {
            e.spec.window = window;
          }),
          [
            {
              path: 'spec.window',
              message:
                'spec.window must be a duration such as 30d, 7d, 24h or 4w (a whole number followed by h, d or w)',
            },
          ],
        ],
      ),

      ...[1, 1.5, -0.1, 100].map(
        (missBudget): [string, Raw, ValidationIssue[]] => [
          `the missBudget ${missBudget}`,
          changed(fullSla(), e => {
            e.spec.objectives[0].missBudget = missBudget;
          }),
          [
            {
              path: 'spec.objectives[0].missBudget',
              message: `spec.objectives[0].missBudget must be a share from 0 up to (not including) 1; got ${missBudget}`,
            },
          ],
        ],
      ),

      // lifecycle
      [
        'an unknown lifecycle stage on an MLModel',
        changed(minimalModel(), e => {
          e.spec.lifecycle = 'prod';
        }),
        [
          {
            path: 'spec.lifecycle',
            message: `spec.lifecycle must be one of ${DEFAULT_STAGES}`,
          },
        ],
      ],
      [
        'an unknown lifecycle stage on a Dataset',
        changed(fullDataset(), e => {
          e.spec.lifecycle = 'Production';
        }),
        [
          {
            path: 'spec.lifecycle',
            message: `spec.lifecycle must be one of ${DEFAULT_STAGES}`,
          },
        ],
      ],
    ];

    it.each(cases)('reports %s', (_, entity, expected) => {
      expect(validator.validate(entity)).toEqual(expected);
    });
  });

  describe('references by kind', () => {
    // Every reference field of the three kinds, with a kind it must refuse.
    const cases: Array<[string, Raw, string, string]> = [
      [
        'MLModel spec.owner',
        changed(minimalModel(), e => {
          e.spec.owner = 'system:retention';
        }),
        'spec.owner',
        'spec.owner accepts Group or User only, but "system:retention" is of kind System',
      ],
      [
        'MLModel spec.system',
        changed(minimalModel(), e => {
          e.spec.system = 'group:retention';
        }),
        'spec.system',
        'spec.system accepts System only, but "group:retention" is of kind Group',
      ],
      [
        'MLModel spec.datasets[].ref',
        changed(fullModel(), e => {
          e.spec.datasets[2].ref = 'component:churn-scoring-api';
        }),
        'spec.datasets[2].ref',
        'spec.datasets[2].ref accepts Dataset or Resource only, but "component:churn-scoring-api" is of kind Component',
      ],
      [
        'MLModel spec.slas',
        changed(fullModel(), e => {
          e.spec.slas = ['component:churn-scoring-api'];
        }),
        'spec.slas[0]',
        'spec.slas[0] accepts SLA only, but "component:churn-scoring-api" is of kind Component',
      ],
      [
        'MLModel spec.servedBy',
        changed(fullModel(), e => {
          e.spec.servedBy = ['api:churn-openapi'];
        }),
        'spec.servedBy[0]',
        'spec.servedBy[0] accepts Component only, but "api:churn-openapi" is of kind API',
      ],
      [
        'MLModel spec.baseModel',
        changed(fullModel(), e => {
          e.spec.baseModel = 'dataset:customer-events';
        }),
        'spec.baseModel',
        'spec.baseModel accepts MLModel or Resource only, but "dataset:customer-events" is of kind Dataset',
      ],
      [
        'MLModel spec.metrics[].dataset',
        changed(fullModel(), e => {
          e.spec.metrics[0].dataset = 'sla:churn-scoring';
        }),
        'spec.metrics[0].dataset',
        'spec.metrics[0].dataset accepts Dataset or Resource only, but "sla:churn-scoring" is of kind SLA',
      ],
      [
        'Dataset spec.owner',
        changed(fullDataset(), e => {
          e.spec.owner = 'component:etl';
        }),
        'spec.owner',
        'spec.owner accepts Group or User only, but "component:etl" is of kind Component',
      ],
      [
        'Dataset spec.system',
        changed(fullDataset(), e => {
          e.spec.system = 'domain:analytics';
        }),
        'spec.system',
        'spec.system accepts System only, but "domain:analytics" is of kind Domain',
      ],
      [
        'Dataset spec.derivedFrom',
        changed(fullDataset(), e => {
          e.spec.derivedFrom = ['mlmodel:churn-predictor'];
        }),
        'spec.derivedFrom[0]',
        'spec.derivedFrom[0] accepts Dataset or Resource only, but "mlmodel:churn-predictor" is of kind MLModel',
      ],
      [
        'SLA spec.owner',
        changed(fullSla(), e => {
          e.spec.owner = 'mlmodel:churn-predictor';
        }),
        'spec.owner',
        'spec.owner accepts Group or User only, but "mlmodel:churn-predictor" is of kind MLModel',
      ],
      [
        'SLA spec.appliesTo',
        changed(fullSla(), e => {
          e.spec.appliesTo = ['component:churn-scoring-api'];
        }),
        'spec.appliesTo[0]',
        'spec.appliesTo[0] accepts MLModel only, but "component:churn-scoring-api" is of kind Component',
      ],
      [
        'SLA spec.consumers',
        changed(fullSla(), e => {
          e.spec.consumers = ['group:retention'];
        }),
        'spec.consumers[0]',
        'spec.consumers[0] accepts Component only, but "group:retention" is of kind Group',
      ],
    ];

    it.each(cases)(
      'refuses a wrong kind in %s, naming the field and the kind',
      (_, entity, path, message) => {
        expect(validator.validate(entity)).toEqual([{ path, message }]);
      },
    );

    it('accepts kinds in any case and the field default', () => {
      const model = changed(fullModel(), e => {
        e.spec.owner = 'User:jane.doe';
        e.spec.slas = ['SLA:churn-scoring', 'sla:other', 'plain-name'];
        e.spec.baseModel = 'resource:granite-3-8b-instruct';
      });
      expect(validator.validate(model)).toEqual([]);
    });
  });

  describe('metrics', () => {
    it('accepts both directions and slices', () => {
      const model = changed(minimalModel(), e => {
        e.spec.metrics = [
          { name: 'auc', value: 0.8, direction: 'higher', threshold: 0.7 },
          {
            name: 'rmse',
            value: 12,
            direction: 'lower',
            threshold: 15,
            slices: [
              { name: 'market=DE', value: 11 },
              { name: 'market=FR', value: 16 },
            ],
          },
        ];
      });
      expect(validator.validate(model)).toEqual([]);
    });

    it('refuses an unknown direction, with a suggestion', () => {
      const model = changed(minimalModel(), e => {
        e.spec.metrics = [{ name: 'auc', value: 0.8, direction: 'highr' }];
      });
      expect(validator.validate(model)).toEqual([
        {
          path: 'spec.metrics[0].direction',
          message:
            'spec.metrics[0].direction must be one of higher, lower (did you mean "higher"?)',
        },
      ]);
    });

    it.each(['rmse', 'false_positive_rate', 'p95_latency_ms', 'log loss'])(
      'asks %s with a threshold to state its direction',
      name => {
        const model = changed(minimalModel(), e => {
          e.spec.metrics = [{ name, value: 0.2, threshold: 0.3 }];
        });
        expect(validator.validate(model)).toEqual([
          {
            path: 'spec.metrics[0].direction',
            message: `spec.metrics[0].direction is required: "${name}" has a threshold and reads like a measure where lower is better, while a metric without a direction is judged higher-is-better; write direction: lower (or direction: higher if larger values are better)`,
          },
        ]);
      },
    );

    it('leaves the default direction to metrics without a threshold or with an ordinary name', () => {
      const model = changed(minimalModel(), e => {
        e.spec.metrics = [
          { name: 'rmse', value: 3 },
          { name: 'recall', value: 0.7, threshold: 0.6 },
          { name: 'terror_index', value: 0.7, threshold: 0.6 },
          { name: 'recall_at_1pct_fpr', value: 0.7, threshold: 0.6 },
          { name: 'precision@10', value: 0.7, threshold: 0.6 },
        ];
      });
      expect(validator.validate(model)).toEqual([]);
    });

    it('refuses malformed and repeated slices', () => {
      const model = changed(minimalModel(), e => {
        e.spec.metrics = [
          {
            name: 'auc',
            value: 0.8,
            slices: [
              { name: 'market=DE', value: 0.8 },
              { name: 'market=DE', value: 0.7 },
              { name: 'market=FR', value: '0.9' },
              { name: 'market=NL', value: 0.9, size: 120 },
            ],
          },
        ];
      });
      expect(validator.validate(model)).toEqual([
        {
          path: 'spec.metrics[0].slices[2].value',
          message:
            'spec.metrics[0].slices[2].value must be a number (remove the quotes: 0.9)',
        },
        {
          path: 'spec.metrics[0].slices[3].size',
          message:
            'spec.metrics[0].slices[3].size is not a known field of MLModel spec.metrics[0].slices[3]',
        },
        {
          path: 'spec.metrics[0].slices[1].name',
          message:
            'spec.metrics[0].slices[1].name "market=DE" is used by an earlier slice of the same metric: slice names must be unique',
        },
      ]);
    });
  });

  describe('model card fields', () => {
    it('accepts the Model Cards sections and x- fields of a company', () => {
      const model = changed(minimalModel(), e => {
        e.spec.intendedUse = {
          primaryUses: 'Rank offers.',
          primaryUsers: 'Retention agents.',
          outOfScope: 'Credit.',
          'x-approved-by': 'ethics board',
        };
        e.spec.factors = {
          relevant: ['market'],
          evaluation: ['market'],
          notes: 'n',
          'x-protected': ['age'],
        };
        e.spec.ethicalConsiderations = 'e';
        e.spec.caveatsAndRecommendations = 'c';
        e.spec['x-cost-center'] = { code: 4711 };
      });
      expect(validator.validate(model)).toEqual([]);
    });

    it('still refuses other unknown keys, suggesting the field meant', () => {
      const model = changed(minimalModel(), e => {
        e.spec.ethicalConsideration = 'e';
        e.spec.caveats = 'c';
        e.spec.intendedUse = { primaryusers: 'agents' };
        e.spec.factors = { relevent: ['market'], evaluation: [] };
        e.spec.governance = { 'x-board': 'yes' };
      });
      expect(validator.validate(model)).toEqual([
        {
          path: 'spec.ethicalConsideration',
          message:
            'spec.ethicalConsideration is not a known field of MLModel spec (did you mean ethicalConsiderations?)',
        },
        {
          path: 'spec.caveats',
          message:
            'spec.caveats is not a known field of MLModel spec (a field of your own must start with x-, e.g. x-caveats)',
        },
        {
          path: 'spec.intendedUse.primaryusers',
          message:
            'spec.intendedUse.primaryusers is not a known field of MLModel spec.intendedUse (did you mean primaryUsers?)',
        },
        {
          path: 'spec.factors.relevent',
          message:
            'spec.factors.relevent is not a known field of MLModel spec.factors (did you mean relevant?)',
        },
        {
          path: 'spec.factors.evaluation',
          message: 'spec.factors.evaluation must have at least 1 item',
        },
        {
          path: 'spec.governance["x-board"]',
          message:
            'spec.governance["x-board"] is not a known field of MLModel spec.governance',
        },
      ]);
    });
  });

  it('reports every problem of an entity at once', () => {
    const entity = changed(fullModel(), e => {
      delete e.spec.owner;
      e.spec.type = 'clustering';
      e.spec.lifecycle = 'beta';
      e.spec.version = 3;
      e.spec.slas = [];
      e.spec.datasets[1].role = 'test';
      e.spec.servedBy[0] = 'component:';
      e.spec.colour = 'blue';
    });
    const issues = validator.validate(entity);
    expect(issues).toHaveLength(8);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'spec.owner', message: 'spec.owner is required' },
        {
          path: 'spec.type',
          message:
            'spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other',
        },
        {
          path: 'spec.lifecycle',
          message: `spec.lifecycle must be one of ${DEFAULT_STAGES}`,
        },
        {
          path: 'spec.version',
          message: 'spec.version must be a string (write it in quotes: "3")',
        },
        { path: 'spec.slas', message: 'spec.slas must have at least 1 item' },
        {
          path: 'spec.datasets[1].role',
          message:
            'spec.datasets[1].role must be one of training, validation, evaluation, monitoring',
        },
        {
          path: 'spec.servedBy[0]',
          message:
            'spec.servedBy[0]: "component:" is not a valid entity reference (expected [kind:][namespace/]name)',
        },
        {
          path: 'spec.colour',
          message:
            'spec.colour is not a known field of MLModel spec (a field of your own must start with x-, e.g. x-colour)',
        },
      ]),
    );
  });

  it('reports several bad objectives of one SLA separately', () => {
    const issues = validator.validate(
      changed(fullSla(), e => {
        e.spec.objectives[0].indicator = 'p95';
        e.spec.objectives[4].indicator = 'drift:';
        e.spec.objectives[4].op = 'le';
      }),
    );
    expect(issues).toEqual([
      {
        path: 'spec.objectives[0].indicator',
        message: `spec.objectives[0].indicator must be one of ${ALL_INDICATORS}`,
      },
      {
        path: 'spec.objectives[4].indicator',
        message: `spec.objectives[4].indicator must be one of ${ALL_INDICATORS}`,
      },
      {
        path: 'spec.objectives[4].op',
        message: 'spec.objectives[4].op must be one of lt, lte, gt, gte, eq',
      },
    ]);
  });

  it('does not crash on entities of the wrong shape', () => {
    expect(validator.validate(null)).toEqual([
      { path: '', message: 'the entity must be an object' },
    ]);
    expect(validator.validate(['MLModel'])).toEqual([
      { path: '', message: 'the entity must be an object' },
    ]);
    expect(validator.validate({ apiVersion: 'lab2live.io/v1alpha1' })).toEqual([
      { path: 'kind', message: 'kind must be one of MLModel, Dataset, SLA' },
    ]);
    expect(
      validator.validate({
        apiVersion: 'lab2live.io/v1alpha1',
        kind: 'MLModel',
      }),
    ).toEqual([
      { path: 'metadata', message: 'metadata is required' },
      { path: 'spec', message: 'spec is required' },
    ]);
    expect(
      validator.validate(
        changed(fullModel(), e => {
          e.spec.datasets = [null, 5];
          e.spec.servedBy = [{}];
        }),
      ),
    ).toEqual([
      {
        path: 'spec.datasets[0]',
        message: 'spec.datasets[0] must be an object',
      },
      {
        path: 'spec.datasets[1]',
        message: 'spec.datasets[1] must be an object',
      },
      {
        path: 'spec.servedBy[0]',
        message: 'spec.servedBy[0] must be a string',
      },
    ]);
  });

  describe('lifecycle stages', () => {
    const custom = createLab2LiveValidator({
      lifecycleStages: ['alpha', 'beta', 'ga'],
    });

    it('accepts a stage of a custom list', () => {
      expect(
        custom.validate(
          changed(minimalModel(), e => {
            e.spec.lifecycle = 'beta';
          }),
        ),
      ).toEqual([]);
    });

    it('rejects a default stage missing from the custom list', () => {
      expect(custom.validate(minimalModel())).toEqual([
        {
          path: 'spec.lifecycle',
          message: 'spec.lifecycle must be one of alpha, beta, ga',
        },
      ]);
    });

    it('rejects a custom stage with the default list', () => {
      expect(
        validator.validate(
          changed(minimalModel(), e => {
            e.spec.lifecycle = 'beta';
          }),
        ),
      ).toEqual([
        {
          path: 'spec.lifecycle',
          message: `spec.lifecycle must be one of ${DEFAULT_STAGES}`,
        },
      ]);
    });

    it('refuses an empty list of stages', () => {
      expect(() => createLab2LiveValidator({ lifecycleStages: [] })).toThrow(
        'lifecycleStages must be a non-empty list of non-empty strings',
      );
    });
  });

  describe('supports', () => {
    it.each([
      [{ apiVersion: 'lab2live.io/v1alpha1', kind: 'MLModel' }, true],
      [{ apiVersion: 'lab2live.io/v1alpha1', kind: 'Dataset' }, true],
      [{ apiVersion: 'lab2live.io/v1alpha1', kind: 'SLA' }, true],
      [{ apiVersion: 'lab2live.io/v1alpha1', kind: 'Component' }, false],
      [{ apiVersion: 'lab2live.io/v1alpha1', kind: 'mlmodel' }, false],
      [{ apiVersion: 'backstage.io/v1alpha1', kind: 'MLModel' }, false],
      [{ apiVersion: 'lab2live.io/v1beta1', kind: 'SLA' }, false],
      [{ kind: 'Dataset' }, false],
    ])('%j → %s', (entity, expected) => {
      expect(validator.supports(entity)).toBe(expected);
    });
  });
});

describe('formatValidationIssue', () => {
  it('names the entity, the field and what was expected', () => {
    const entity = changed(minimalModel(), e => {
      e.spec.datasets = [
        { ref: 'dataset:a', role: 'training' },
        { ref: 'dataset:b', role: 'test' },
      ];
    });
    const [issue] = createLab2LiveValidator().validate(entity);
    expect(formatValidationIssue(entity, issue)).toBe(
      'MLModel default/churn: spec.datasets[1].role must be one of training, validation, evaluation, monitoring',
    );
  });

  it('uses the namespace of the entity', () => {
    expect(
      formatValidationIssue(fullModel(), {
        path: 'spec.owner',
        message: 'spec.owner is required',
      }),
    ).toBe('MLModel retention/churn-predictor: spec.owner is required');
  });

  it('copes with entities without kind or name', () => {
    expect(
      formatValidationIssue(
        { metadata: {} },
        { path: 'kind', message: 'kind must be one of MLModel, Dataset, SLA' },
      ),
    ).toBe(
      'Entity default/<unnamed>: kind must be one of MLModel, Dataset, SLA',
    );
  });
});

describe('Lab2LiveValidationError', () => {
  it('lists every issue, one per line', () => {
    const entity = changed(fullSla(), e => {
      delete e.spec.owner;
      e.spec.window = 'monthly';
    });
    const issues = createLab2LiveValidator().validate(entity);
    const error = new Lab2LiveValidationError(entity, issues);

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('Lab2LiveValidationError');
    expect(error.entityRef).toBe('sla:default/churn-scoring');
    expect(error.issues).toBe(issues);
    expect(error.message).toBe(
      [
        'SLA default/churn-scoring: spec.owner is required',
        'SLA default/churn-scoring: spec.window must be a duration such as 30d, 7d, 24h or 4w (a whole number followed by h, d or w)',
      ].join('\n'),
    );
  });

  it('lowercases the entity reference like stringifyEntityRef', () => {
    const error = new Lab2LiveValidationError(fullModel(), [
      { path: 'spec', message: 'spec is required' },
    ]);
    expect(error.entityRef).toBe('mlmodel:retention/churn-predictor');
  });
});

describe('did you mean', () => {
  const validator = createLab2LiveValidator();

  it('suggests the enum value a typo was meant to be', () => {
    const model = changed(fullModel(), e => {
      e.spec.type = 'clasification';
      e.spec.datasets[0].role = 'trainning';
      e.spec.governance.riskTier = 'hihg';
    });
    expect(validator.validate(model)).toEqual(
      expect.arrayContaining([
        {
          path: 'spec.type',
          message:
            'spec.type must be one of classification, regression, ranking, forecasting, generative, embedding, recommendation, other (did you mean "classification"?)',
        },
        {
          path: 'spec.datasets[0].role',
          message:
            'spec.datasets[0].role must be one of training, validation, evaluation, monitoring (did you mean "training"?)',
        },
        {
          path: 'spec.governance.riskTier',
          message:
            'spec.governance.riskTier must be one of minimal, limited, high, prohibited (did you mean "high"?)',
        },
      ]),
    );
  });

  it('suggests SLA indicators, operators and dataset types', () => {
    const sla = changed(fullSla(), e => {
      e.spec.objectives[1].indicator = 'availabilty_pct';
      e.spec.objectives[1].op = 'gtee';
    });
    expect(validator.validate(sla)).toEqual([
      {
        path: 'spec.objectives[1].indicator',
        message: `spec.objectives[1].indicator must be one of ${ALL_INDICATORS} (did you mean "availability_pct"?)`,
      },
      {
        path: 'spec.objectives[1].op',
        message:
          'spec.objectives[1].op must be one of lt, lte, gt, gte, eq (did you mean "gte"?)',
      },
    ]);
    const dataset = changed(fullDataset(), e => {
      e.spec.type = 'tabel';
    });
    expect(validator.validate(dataset)).toEqual([
      {
        path: 'spec.type',
        message:
          'spec.type must be one of table, files, stream, feature-set, other (did you mean "table"?)',
      },
    ]);
  });

  it.each(['MlModel', 'mlmodel', 'MLMODEL'])(
    'suggests the spelling of the kind for %s',
    kind => {
      const model = changed(minimalModel(), e => {
        e.kind = kind;
      });
      expect(validator.validate(model)).toEqual([
        {
          path: 'kind',
          message:
            'kind must be one of MLModel, Dataset, SLA (did you mean "MLModel"?)',
        },
      ]);
    },
  );

  it('does not guess when the value is far from every allowed one', () => {
    const model = changed(fullModel(), e => {
      e.spec.type = 'image-segmentation';
    });
    const [issue] = validator
      .validate(model)
      .filter(i => i.path === 'spec.type');
    expect(issue.message).not.toContain('did you mean');
  });
});
