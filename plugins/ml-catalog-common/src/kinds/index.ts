export * from './constants';
export * from './MLModelEntityV1alpha1';
export * from './DatasetEntityV1alpha1';
export * from './SlaEntityV1alpha1';
