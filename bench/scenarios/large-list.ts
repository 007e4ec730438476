import { openLoop, signedCommand } from '../lib/load';
import { memoryOf, resetPeak, spawnBot } from '../lib/processes';
import { type Figure, ms, type ScenarioReport } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * `/3cx api Users.ListUser $top=10000 --file` against a PBX with 10,000 users (without a $top a list stops at
 * LIST_ROW_CAP rows): from the signed command to the CSV upload completed, and the bot's peak RSS above what it held before (VmHWM reset before each run).
 */

const REPS = 3;

export async function largeList(servers: Servers, users: number): Promise<ScenarioReport> {
  await servers.latency(0);
  const bot = await spawnBot(servers.urls);
  const pid = bot.child.pid as number;
  const times: number[] = [];
  const peaks: number[] = [];
  let bytes = 0;
  try {
    const once = async () => {
      await servers.clear();
      await new Promise((r) => setTimeout(r, 500));
      const before = memoryOf(pid).rssMb;
      resetPeak(pid);
      const started = Date.now();
      const run = await openLoop(bot.url, 1, 1, () =>
        signedCommand('api Users.ListUser $top=10000 --file', servers.urls.slackUrl),
      );
      if (run.errors > 0) throw new Error('the list command was refused');
      // The invoker may also get a private note pointing at the file; only the finished upload counts.
      await servers
        .waitFor((c) => c.uploads >= 1, 'the CSV upload', 30_000, 10)
        .catch(async (err: Error) => {
          throw new Error(`${err.message}; the bot said: ${(await servers.privateReplies()).join(' | ')}`);
        });
      const upload = await servers.lastUpload();
      if (!upload) throw new Error('the stand-in recorded no file');
      bytes = upload.bytes;
      return { ms: upload.at - started, peak: memoryOf(pid).peakMb - before };
    };
    await once();
    for (let rep = 0; rep < REPS; rep++) {
      const r = await once();
      times.push(r.ms);
      peaks.push(r.peak);
    }
  } finally {
    await bot.stop();
  }
  const time = median(times);
  const peak = median(peaks);
  const figures: Figure[] = [
    {
      id: '6a',
      measure: `${users.toLocaleString('en-US')} users to CSV, time`,
      result: ms(time),
      goal: '≤ 3,000 ms',
      met: time <= 3000,
    },
    {
      id: '6b',
      measure: `${users.toLocaleString('en-US')} users to CSV, peak RSS added`,
      result: `+${peak.toFixed(1)} MB`,
      goal: '≤ +50 MB',
      met: peak <= 50,
    },
  ];
  return {
    title: '6. Large list to CSV',
    figures,
    details: [
      `The simulator holds ${users.toLocaleString('en-US')} users; one run to warm up, then ${REPS}: times ${times.map(ms).join(', ')}; peak RSS added ${peaks.map((p) => `${p.toFixed(1)} MB`).join(', ')}. The CSV was ${(bytes / 1024 / 1024).toFixed(1)} MB. Time is from sending the command to the stand-in recording files.completeUploadExternal.`,
    ],
  };
}
