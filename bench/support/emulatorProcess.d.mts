// Types for emulatorProcess.mjs, which the benches import directly and test/bench-host loads with import().
export interface EmulatorInfo {
  region: string;
  runtimeEndpoint: string;
  mantleEndpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmulatorProcess extends EmulatorInfo {
  /** Faults for the next requests whose path contains `path` (the emulator's FaultPlan entries). */
  scriptFaults(plan: { fault: string; path: string }[]): Promise<void>;
  close(): Promise<void>;
}

export function startEmulatorProcess(o?: { tokensPerSecond?: number }): Promise<EmulatorProcess>;
