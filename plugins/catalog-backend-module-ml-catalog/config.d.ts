export interface Config {
  lab2live?: {
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
