/**
 * Holds back the code that awaits `passed()` while held: a test starts a read, makes a
 * write while the read waits at the gate, then lets it go on.
 */
export function gate() {
  let held: Promise<void> | undefined;
  return {
    passed: () => held,
    /** Closes the gate; the returned function opens it again. */
    hold: () => {
      let release!: () => void;
      held = new Promise(resolve => {
        release = resolve;
      });
      return () => {
        held = undefined;
        release();
      };
    },
  };
}
