/** Moved to src/demo/slack/ so that `npm run demo` can use it at run time; tests keep importing it from here. */
export * from '../../src/demo/slack/request-body';
