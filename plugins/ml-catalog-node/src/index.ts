/**
 * Extension points of the Lab2Live backend (`ml-catalog`), for modules that pull
 * deployment state and SLA observations from other systems.
 *
 * @packageDocumentation
 */

export * from './statusProviders';
export * from './governanceChecks';
