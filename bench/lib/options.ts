/**
 * The knobs of `npm run bench`, all optional, for profiling and experiments; a normal run sets none of them.
 * - BENCH_ONLY=ack,throughput,overhead,tokens,startup,list,everyday,watch: run these scenarios only (BENCHMARKS.md then goes to
 *   the temporary directory, not the repository).
 * - BENCH_PROFILE=1: every spawned bot writes a CPU profile (`node --cpu-prof`) when it stops.
 * - BENCH_ACK_LEVELS=200: the in-flight levels of the ack-latency scenario.
 * - BENCH_DB_DIR=/dev/shm: where the bots' SQLite files go (default: a new directory under the system tmpdir).
 * - BENCH_NODE_ARGS="--trace-gc": more node options for every spawned bot (its output lands in the bot's log).
 */
const env = process.env;

export const OPTIONS = {
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : undefined,
  profile: Boolean(env.BENCH_PROFILE),
  ackLevels: env.BENCH_ACK_LEVELS ? env.BENCH_ACK_LEVELS.split(',').map(Number) : undefined,
  dbDir: env.BENCH_DB_DIR,
  nodeArgs: env.BENCH_NODE_ARGS ? env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : [],
};
