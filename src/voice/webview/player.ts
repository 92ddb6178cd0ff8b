/**
 * Plays Sonic's speech as it arrives with Web Audio: each chunk is scheduled to start where the previous one ends
 * (or now, if playback has caught up), so consecutive chunks join sample to sample — no gap, no click. A barge-in
 * cuts everything queued at once (with a 5 ms fade, which is what keeps the cut itself from clicking).
 */
export class Player {
  private ctx: AudioContext | undefined;
  private master: GainNode | undefined;
  /** Per answer: faded out and replaced on a cut, so later chunks are not muted. */
  private voice: GainNode | undefined;
  private nextStart = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();
  private volume = 1;
  /** Total duration of all audio ever scheduled, ms (tests compare it with what the model sent). */
  scheduledMs = 0;
  scheduledChunks = 0;

  /** Creates (or resumes) the audio context: call from a click, which browsers require before playing. */
  unlock(): void {
    if (!this.ctx) {
      this.ctx = new AudioContext();
      this.master = this.ctx.createGain();
      this.master.gain.value = this.volume;
      this.master.connect(this.ctx.destination);
    }
    void this.ctx.resume().catch(() => undefined);
  }

  setVolume(v: number): void {
    this.volume = v;
    if (this.master && this.ctx) this.master.gain.setTargetAtTime(v, this.ctx.currentTime, 0.01);
  }

  /** Whether scheduled speech is still playing. */
  get speaking(): boolean {
    return !!this.ctx && this.ctx.currentTime < this.nextStart - 0.001;
  }

  /** Seconds of scheduled speech not yet played. */
  get queuedSeconds(): number {
    return this.ctx ? Math.max(0, this.nextStart - this.ctx.currentTime) : 0;
  }

  /** Schedules one chunk of 16-bit little-endian mono PCM (base64) right after the previous one. */
  play(base64: string, sampleRate: number): void {
    this.unlock();
    const ctx = this.ctx!;
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const n = Math.floor(bytes.length / 2);
    if (!n) return;
    const view = new DataView(bytes.buffer);
    const buffer = ctx.createBuffer(1, n, sampleRate);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < n; i++) data[i] = view.getInt16(i * 2, true) / 32768;
    if (!this.voice) {
      this.voice = ctx.createGain();
      this.voice.connect(this.master!);
    }
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(this.voice);
    const start = Math.max(ctx.currentTime, this.nextStart);
    src.start(start);
    this.nextStart = start + buffer.duration;
    this.scheduledMs += buffer.duration * 1000;
    this.scheduledChunks++;
    this.sources.add(src);
    src.onended = () => this.sources.delete(src);
  }

  /** Stops everything queued now; returns how much scheduled speech was dropped, ms. */
  cut(): number {
    if (!this.ctx) return 0;
    const now = this.ctx.currentTime;
    const dropped = Math.max(0, this.nextStart - now) * 1000;
    const voice = this.voice;
    this.voice = undefined;
    voice?.gain.setTargetAtTime(0, now, 0.005);
    for (const s of this.sources) {
      try { s.stop(now + 0.03); } catch { /* already stopped */ }
    }
    this.sources.clear();
    setTimeout(() => voice?.disconnect(), 100);
    this.nextStart = now;
    return dropped;
  }
}
