import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

const children = new Set<ChildProcess>();
const groupLeaders = new WeakSet<ChildProcess>();

/**
 * Spawn a child that this script stops when it ends. By default it stays in our process group, so a supervisor
 * that kills the group (Playwright's webServer, a terminal's Ctrl+C) reaches it even if we are killed first.
 * `detached: true` gives it a group of its own, for trees we stop ourselves (npx → next-server).
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", ...options });
  children.add(child);
  if (options.detached) groupLeaders.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (!child.pid || child.exitCode !== null) return;
  try {
    // A detached child leads its own group: signal the whole tree. Otherwise signal the child alone.
    if (groupLeaders.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    /* already gone */
  }
}

export function killAll(): void {
  for (const child of children) killGroup(child);
}

let hooked = false;
/** Stop every spawned group when this script ends, however it ends. */
export function stopChildrenOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Run to completion, inheriting stdio; resolves with the exit code. */
export async function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return waitForExit(spawnGroup(command, args, options));
}

/** Run to completion with stdout and stderr collected (interleaved as they arrive) instead of shown. */
export async function runCaptured(command: string, args: string[]): Promise<{ code: number; output: string }> {
  const child = spawnGroup(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close", not "exit": the pipes may still hold output when the process has exited.
  const code = await new Promise<number>((resolve) =>
    child.on("close", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  );
  return { code, output };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${lastError})`);
}
