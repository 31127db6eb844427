/** What one tab tells the others: a token it got, or that the session is over. */
export type TabMessage =
  | { type: 'token'; accessToken: string; expiresAt: number; csrf: string }
  | { type: 'signed-out' };

/**
 * The tabs of one origin, with the platform's own primitives: a Web Lock decides which tab refreshes, and a
 * BroadcastChannel hands its result to the others. A lock request waits `timeoutMs` at most: a holder that was
 * frozen or closed mid-refresh loses the lock to the next tab (`steal`), so it delays the others that long and no
 * longer. Where either primitive is missing, the tab works alone.
 */
/** How many silent holders in a row a tab waits out before it gives up on the session lock. */
const MAX_SILENT_HOLDERS = 3;

export class TabCoordinator {
  private readonly channel: BroadcastChannel | null;

  constructor(private readonly name: string, private readonly timeoutMs: number, listener: (message: TabMessage) => void) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    if (this.channel) this.channel.onmessage = (event: MessageEvent<TabMessage>) => listener(event.data);
  }

  tell(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  /**
   * Runs `work` while this tab holds the origin's lock, taking the lock from a holder silent for too long. `work`
   * learns whether another tab held the lock and let it go first: that tab has likely just done the work, and its
   * message may still be on its way (a lock grant and a channel message reach a tab in no fixed order). A holder
   * the lock was taken from said nothing, so nothing is on its way.
   */
  async exclusively<T>(work: (waited: boolean) => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return work(false);
    // A stolen lock rejects its request, yet the work it guarded goes on: its result still stands.
    const NOT_FREE = Symbol('not free');
    let running: Promise<T> | undefined;
    const attempt = async (options: LockOptions, waited: boolean): Promise<T | typeof NOT_FREE> => {
      try {
        return await locks.request(this.name, options, (lock) => (lock ? (running = work(waited)) : NOT_FREE));
      } catch (error) {
        if (running) return running;
        throw error;
      }
    };
    const free = await attempt({ ifAvailable: true }, false);
    if (free !== NOT_FREE) return free;
    for (let silentHolders = 0; silentHolders < MAX_SILENT_HOLDERS; silentHolders++) {
      try {
        return (await attempt({ signal: AbortSignal.timeout(this.timeoutMs) }, true)) as T;
      } catch (error) {
        // Only a wait that timed out is the holder's fault; a failure of our own work is the caller's answer.
        if (running || !(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
      }
      // The holder is silent. One waiting tab, the one that gets the steal ticket, takes the lock from it; the others
      // wait again, behind that tab. Two tabs stealing in turn would each rotate the refresh token, and a request
      // still carrying the token before both rotations would be taken for reuse, ending the session.
      const stolen = await locks.request(`${this.name}:steal`, { ifAvailable: true },
        (ticket) => (ticket ? attempt({ steal: true }, false) : NOT_FREE));
      if (stolen !== NOT_FREE) return stolen;
    }
    throw new Error('no tab of this origin answers: the tab holding the session lock and the one taking it are both silent');
  }

  close(): void {
    this.channel?.close();
  }
}
