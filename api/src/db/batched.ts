/**
 * One statement for many callers: the calls made within one turn of the
 * event loop are sent together when it ends. A thousand sockets reconnecting
 * at once then cost a few statements instead of a thousand, queued one
 * behind the other for the pool's connections; a lone call waits for
 * nothing but the end of the current turn.
 *
 * With `maxInFlight`, at most that many batches run at once: calls made
 * while they do wait for one to end and leave together then, so requests
 * that trickle in one per turn still share statements under load (a lone
 * call, with nothing running, still leaves at the end of its turn).
 *
 * `run` answers every request, in order (undefined where it has no answer);
 * when it fails, every call of its batch fails with its error.
 */
export function batched<Request, Answer>(
  run: (requests: readonly Request[]) => Promise<readonly Answer[]>,
  max = 1000,
  maxInFlight = Number.POSITIVE_INFINITY,
): (request: Request) => Promise<Answer> {
  type Call = { readonly request: Request; readonly resolve: (answer: Answer) => void; readonly reject: (error: unknown) => void };
  let pending: Call[] = [];
  let scheduled = false;
  let inFlight = 0;
  const send = (batch: readonly Call[]) => {
    if (batch.length === 0) return;
    inFlight += 1;
    Promise.resolve()
      .then(() => run(batch.map((call) => call.request)))
      .then(
        (answers) => batch.forEach((call, i) => call.resolve(answers[i] as Answer)),
        (error: unknown) => batch.forEach((call) => call.reject(error)),
      )
      .then(() => {
        inFlight -= 1;
        if (!scheduled) flush();
      });
  };
  const take = () => {
    const batch = pending;
    pending = [];
    return batch;
  };
  const flush = () => {
    scheduled = false;
    if (inFlight < maxInFlight) send(take());
  };
  return (request) =>
    new Promise<Answer>((resolve, reject) => {
      if (pending.length === 0 && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      pending.push({ request, resolve, reject });
      // A full batch leaves at once; later calls of this turn make the next one.
      if (pending.length >= max) send(take());
    });
}

/**
 * `batched` for each owner (an application's dependencies, a pool): the
 * batching caller of an owner is made on its first call, and `run` gets the
 * owner with each batch.
 */
export function batchedPerOwner<Owner extends object, Request, Answer>(
  run: (owner: Owner, requests: readonly Request[]) => Promise<readonly Answer[]>,
  max?: number,
  maxInFlight?: number,
): (owner: Owner, request: Request) => Promise<Answer> {
  const callers = new WeakMap<Owner, (request: Request) => Promise<Answer>>();
  return (owner, request) => {
    let call = callers.get(owner);
    if (!call) callers.set(owner, (call = batched((requests: readonly Request[]) => run(owner, requests), max, maxInFlight)));
    return call(request);
  };
}

/** The rows of a batch's statement in request order: each row's `n` is the 1-based position of the request it answers; undefined for requests without one. */
export function rowsInRequestOrder<Row extends { readonly n: string | number }>(rows: readonly Row[], requests: number): (Row | undefined)[] {
  const answers: (Row | undefined)[] = new Array(requests).fill(undefined);
  for (const row of rows) answers[Number(row.n) - 1] = row;
  return answers;
}
