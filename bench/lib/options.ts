/**
 * The knobs of `npm run bench`, all optional, for profiling and experiments; a normal run sets none of them.
 * - BENCH_ONLY=ack,throughput,overhead,tokens,startup,list,everyday,watch,watch-replicas,fleet: run these scenarios only (BENCHMARKS.md then goes to
 *   the temporary directory, not the repository).
 * - BENCH_PROFILE=1: every spawned bot writes a CPU profile (`node --cpu-prof`) when it stops.
 * - BENCH_ACK_LEVELS=200: the in-flight levels of the ack-latency scenario.
 * - BENCH_DB_DIR=/dev/shm: where the bots' SQLite files go (default: a new directory under the system tmpdir).
 * - BENCH_NODE_ARGS="--trace-gc": more node options for every spawned bot (its output lands in the bot's log).
 * - BENCH_DATABASE_URL=postgres://…: the PostgreSQL server of the replica scenarios (default TEST_DATABASE_URL; a
 *   schema of its own is made there and dropped after). Without either, those scenarios are reported as not run.
 */
const env = process.env;

export const OPTIONS = {
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : undefined,
  profile: Boolean(env.BENCH_PROFILE),
  ackLevels: env.BENCH_ACK_LEVELS ? env.BENCH_ACK_LEVELS.split(',').map(Number) : undefined,
  dbDir: env.BENCH_DB_DIR,
  nodeArgs: env.BENCH_NODE_ARGS ? env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : [],
  databaseUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL,
};
