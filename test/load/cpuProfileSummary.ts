// `npx tsx test/load/cpuProfileSummary.ts <file.cpuprofile> [top] [only]`: the functions where a V8 CPU
// profile (from `npm run bench -- --cpu-prof`) spent its time — by own (self) time and by the
// time of everything they called (total), so hot spots in the server can be named precisely.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? path.relative(process.cwd(), url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/** `only` keeps the rows whose label contains it (e.g. "server/src" for the server's own code). */
export function summarizeProfile(profile: CpuProfile, top: number, only = ''): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    // Count each function once per sample even when it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + dt);
      seen.add(name);
    }
  });
  const table = (title: string, m: Map<string, number>) => [
    `${title} (of ${(all / 1e6).toFixed(2)} s sampled):`,
    ...[...m.entries()]
      .filter(([name]) => name.includes(only))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `  ${((us / all) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
      ),
  ];
  return [...table('self time', self), '', ...table('total time', total)].join('\n');
}

const file = process.argv[2];
if (file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  console.log(summarizeProfile(profile, Number(process.argv[3] ?? 25), process.argv[4] ?? ''));
}
