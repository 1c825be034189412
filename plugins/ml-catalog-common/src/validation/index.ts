export * from './issues';
export * from './createLab2LiveValidator';
export * from './kindHeader';
