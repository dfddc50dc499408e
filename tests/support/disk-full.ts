import { execFileSync } from 'node:child_process';

/**
 * The disk is full, for one process: its file-size limit (RLIMIT_FSIZE, the soft limit
 * only, through util-linux's prlimit) drops to 0, so every write to a regular file fails
 * (EFBIG; Node ignores SIGXFSZ) while reads, pipes and sockets work on. No root, no tmpfs.
 *
 * Unlike PRAGMA max_page_count, which fails a statement that needs a new page, this fails
 * the COMMIT (in WAL mode pages reach the disk only then), as ENOSPC does: the fault behind
 * "confirmed but never stored".
 */
export function fillDisk(pid: number = process.pid): { clear(): void } {
  const limit = (soft: string): void => {
    execFileSync('prlimit', ['--pid', String(pid), `--fsize=${soft}:unlimited`], { stdio: 'ignore' });
  };
  limit('0');
  return { clear: () => limit('unlimited') };
}
