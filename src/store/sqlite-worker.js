'use strict';
// The SQLite file lives in this worker thread so that its commits, each waiting for an fsync (synchronous = FULL),
// never stall the event loop that acknowledges Slack. Plain JavaScript: a worker loads its file as it is, without
// the TypeScript transform the rest of the code runs through. The protocol is in sqlite-engine.ts.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

let db;
const statements = new Map();

function statement(sql) {
  let stmt = statements.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    statements.set(sql, stmt);
  }
  return stmt;
}

function open(path) {
  db = new Database(path);
  db.pragma('journal_mode = WAL');
  // Other processes on the same file hold the write lock briefly; waiting beats failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  // An audit row written before a 3CX call must survive a power cut, not only a crash. better-sqlite3 is built with
  // SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so in WAL mode a connection is at NORMAL unless it asks for FULL itself.
  db.pragma('synchronous = FULL');
}

function perform(request) {
  switch (request.op) {
    case 'all':
      return statement(request.sql).all(...request.params);
    case 'run':
      return statement(request.sql).run(...request.params).changes;
    case 'exec':
      db.exec(request.sql);
      return null;
    case 'close':
      db.close();
      return null;
    default:
      throw new Error(`unknown request ${String(request.op)}`);
  }
}

let openError;
try {
  open(workerData.path);
} catch (err) {
  // Reported with the first request, so the opener sees it as the answer to a call it made.
  openError = err;
}

parentPort.on('message', (request) => {
  try {
    if (openError) throw openError;
    parentPort.postMessage({ id: request.id, ok: true, result: perform(request) });
  } catch (err) {
    const { message, code } = err instanceof Error ? err : { message: String(err), code: undefined };
    parentPort.postMessage({ id: request.id, ok: false, message, code });
  }
});
