export interface Config {
  lab2live?: {
    scaffolder?: {
      /**
       * Where `lab2live:publish:local` writes new repositories, relative to the
       * backend's working directory. Default: data/repositories.
       */
      localPublishDirectory?: string;
    };
  };
}
