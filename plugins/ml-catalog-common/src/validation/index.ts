export * from './issues';
export * from './createLab2LiveValidator';
