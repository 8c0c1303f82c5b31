/**
 * Preloaded (`--import`) into every supervised service. Services run in their own process group, so
 * if the supervisor dies without stopping them (SIGKILL, crash) nothing else would: the IPC channel
 * to the supervisor closes when it dies, and the service then stops itself as if sent SIGTERM.
 */
const GRACE_MS = 30_000;

function stopWithSupervisor(): void {
  process.kill(process.pid, 'SIGTERM');
  // A service without its own SIGTERM handler is already gone; one that hangs is not left behind.
  setTimeout(() => process.exit(1), GRACE_MS).unref();
}

if (process.channel) {
  // The channel must not keep a service alive that would otherwise exit on its own.
  process.channel.unref();
  process.once('disconnect', stopWithSupervisor);
}
