/** The local side of a Task's TimeoutSecondsPath (see local-definition.ts). */

/** A task's own timeout, failing with the error name the ASL catches, as Step Functions does. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error('Task timed out');
      error.name = 'States.Timeout';
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}
