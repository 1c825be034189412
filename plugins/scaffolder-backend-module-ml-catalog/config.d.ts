export interface Config {
  lab2live?: {
    scaffolder?: {
      /**
       * Where `lab2live:publish:local` writes new repositories, relative to the
       * backend's working directory. Default: data/repositories.
       */
      localPublishDirectory?: string;
    };
    /** Where `lab2live:huggingface:import` reads models from. */
    huggingface?: {
      /** The Hub or a company mirror of it. Default: https://huggingface.co. */
      baseUrl?: string;
      /**
       * A user access token, sent as `Authorization: Bearer`; needed for gated and
       * private models.
       * @visibility secret
       */
      token?: string;
      /** Per request, in milliseconds. Default: 15000. */
      timeout?: number;
    };
  };
}
