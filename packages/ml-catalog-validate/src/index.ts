/**
 * lab2live-validate: checks catalog files against the Lab2Live kinds in a team's CI.
 *
 * @packageDocumentation
 */
export { main, run } from './cli';
export {
  validateFiles,
  hasErrors,
  type FileReport,
  type EntityReport,
  type ValidateOptions,
} from './validateFiles';
export * from './huggingface';
