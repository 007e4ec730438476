export * from './approvals';
export * from './audit';
export * from './mask';
export * from './pipeline';
export * from './types';
