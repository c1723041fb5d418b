/**
 * One statement for many callers: the calls made within one turn of the
 * event loop are sent together when it ends. A thousand sockets reconnecting
 * at once then cost a few statements instead of a thousand, queued one
 * behind the other for the pool's connections; a lone call waits for
 * nothing but the end of the current turn.
 *
 * `run` answers every request, in order (undefined where it has no answer);
 * when it fails, every call of its batch fails with its error.
 */
export function batched<Request, Answer>(run: (requests: readonly Request[]) => Promise<readonly Answer[]>, max = 1000): (request: Request) => Promise<Answer> {
  type Call = { readonly request: Request; readonly resolve: (answer: Answer) => void; readonly reject: (error: unknown) => void };
  let pending: Call[] = [];
  const send = (batch: readonly Call[]) => {
    if (batch.length === 0) return;
    Promise.resolve()
      .then(() => run(batch.map((call) => call.request)))
      .then(
        (answers) => batch.forEach((call, i) => call.resolve(answers[i] as Answer)),
        (error: unknown) => batch.forEach((call) => call.reject(error)),
      );
  };
  const take = () => {
    const batch = pending;
    pending = [];
    return batch;
  };
  return (request) =>
    new Promise<Answer>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => send(take()));
      pending.push({ request, resolve, reject });
      // A full batch leaves at once; later calls of this turn make the next one.
      if (pending.length >= max) send(take());
    });
}
