export interface Config {
  lab2live?: {
    catalogModel?: {
      /**
       * Declare MLModel, Dataset and SLA in the catalog's model (its model layers,
       * alpha), so that the catalog describes them. Default true. With any model
       * layer present the catalog validates its built-in kinds from its model
       * instead of its built-in processor.
       */
      declareKinds?: boolean;
    };
    lifecycle?: {
      /**
       * The allowed values of spec.lifecycle on MLModel and Dataset entities, in
       * order. Default: experimental, development, staging, production, deprecated,
       * retired.
       * @visibility frontend
       */
      stages?: string[];
    };
  };
}
