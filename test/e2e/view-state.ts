/** Moved to src/demo/ so the demo console fills modals the same way; tests keep importing it from here. */
export * from '../../src/demo/view-state';
