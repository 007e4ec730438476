export * from './bot-config';
export * from './groups';
export * from './policy';
