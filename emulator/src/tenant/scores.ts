// Exposure score and Microsoft Secure Score for Devices as a smooth, deterministic function of
// (seed, emulated day, device group). The real APIs ("Get exposure score", "Get device secure score")
// only return the current value; the emulated clock (/_emulator/clock) lets a demo script collect a 30+ day
// history day by day.
import { hashString, unit } from "../random";
import { DAY_MS } from "../clock";

/** Value noise with 7-day knots and cosine interpolation, in [0,1]. */
function smooth(seedHash: number, key: number, day: number): number {
  const knot = Math.floor(day / 7);
  const t = (day - knot * 7) / 7;
  const a = unit(seedHash, key, knot);
  const b = unit(seedHash, key, knot + 1);
  const w = (1 - Math.cos(Math.PI * t)) / 2;
  return a * (1 - w) + b * w;
}

function dayOf(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS);
}

/** 0–100, lower is better. Servers sit higher; a slow improving trend plus weekly waves. */
export function exposureScore(seed: string, nowMs: number, groupKey: number, groupBias = 0): number {
  const h = hashString(`${seed}:exposure`);
  const day = dayOf(nowMs);
  const base = 28 + 22 * smooth(h, groupKey, day) + 6 * smooth(h, groupKey + 1000, day * 3) + groupBias;
  const trend = 4 * Math.sin(day / 23 + (h % 100));
  const jitter = (unit(h, groupKey, day) - 0.5) * 1.5;
  return Math.max(0, Math.min(100, base + trend + jitter)) + unit(h, groupKey, day, 9) * 1e-9;
}

/** Secure Score for Devices in points (the "Get device secure score" example returns 340); maximum 1000 here. */
export function configurationScore(seed: string, nowMs: number): number {
  const h = hashString(`${seed}:config`);
  const day = dayOf(nowMs);
  const value = 420 + 180 * smooth(h, 1, day) + 40 * Math.sin(day / 17) + (unit(h, 2, day) - 0.5) * 8;
  return Math.round(Math.max(0, Math.min(1000, value)));
}
