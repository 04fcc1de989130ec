export * from './problem';
export * from './app-errors';
export * from './validation';
export * from './problem-details.filter';
