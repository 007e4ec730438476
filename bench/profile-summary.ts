import { readFileSync } from 'node:fs';

/**
 * `tsx bench/profile-summary.ts <file.cpuprofile>`: where a bot profiled with BENCH_PROFILE=1 spent its time,
 * self time summed per npm package, per file of ours (src/…) and per Node internal module; then its longest busy
 * stretches (time between two idle samples), which are what an acknowledgement arriving meanwhile waits for.
 */

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function bucketOf(frame: CallFrame): string {
  const url = frame.url;
  const ours = /\/3cx-bench\/(src\/.*)$/.exec(url);
  if (ours) return `ours: ${ours[1]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package: ${pkg[1]}`;
  if (url.startsWith('node:')) return url;
  return frame.functionName || '(anonymous)';
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const bucket = bucketOf(node.callFrame);
    totals.set(bucket, (totals.get(bucket) ?? 0) + dt);
    all += dt;
  });
  const idle = totals.get('(idle)') ?? 0;
  const busy = all - idle;
  process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)} ms profiled\n`);
  const rows = [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
  for (const [bucket, us] of rows.slice(0, 30))
    process.stdout.write(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${bucket}\n`);
  process.stdout.write('\nlongest busy stretches, with their three largest parts:\n');
  for (const stretch of busyStretches(profile, byId).slice(0, 8)) {
    const parts = [...stretch.parts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    process.stdout.write(
      `${(stretch.us / 1000).toFixed(0).padStart(5)} ms  ${parts.map(([k, us]) => `${k} ${(us / 1000).toFixed(0)} ms`).join(', ')}\n`,
    );
  }
}

function busyStretches(
  profile: CpuProfile,
  byId: Map<number, ProfileNode>,
): { us: number; parts: Map<string, number> }[] {
  const stretches: { us: number; parts: Map<string, number> }[] = [];
  let current: { us: number; parts: Map<string, number> } | undefined;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const bucket = bucketOf(node.callFrame);
    if (bucket === '(idle)') {
      if (current) stretches.push(current);
      current = undefined;
      return;
    }
    current ??= { us: 0, parts: new Map() };
    const dt = profile.timeDeltas[i] ?? 0;
    current.us += dt;
    current.parts.set(bucket, (current.parts.get(bucket) ?? 0) + dt);
  });
  if (current) stretches.push(current);
  return stretches.sort((a, b) => b.us - a.us);
}

main();
