export * from './approval-check';
export * from './approvals';
export * from './audit';
export * from './fate';
export * from './mask';
export * from './pipeline';
export * from './types';
