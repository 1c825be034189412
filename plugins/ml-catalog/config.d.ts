export interface Config {
  lab2live?: {
    lifecycle?: {
      /**
       * The allowed values of spec.lifecycle on MLModel and Dataset entities, in
       * order. The model pages show a model's place on this list. Default:
       * experimental, development, staging, production, deprecated, retired.
       * @visibility frontend
       */
      stages?: string[];
    };
  };
}
