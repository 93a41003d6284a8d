/**
 * How an oemkit endpoint's answer is written, its refusals included: JSON in UTF-8 that no
 * cache keeps and no browser sniffs. The handlers send it as a Web `Response`; the Node adapter
 * writes its body text as it is, and the same parts on a `ServerResponse` when the handler itself failed. It imports nothing,
 * so the Node adapter's entry does not load the handlers' limiter and schemas to use it.
 *
 * @module
 */

const ANSWER_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // A ticket or guest token is a personal credential: no cache, proxy or browser may keep it.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** @internal The parts of an endpoint's answer, to write on whatever response the server has. */
export interface AnswerParts {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** @internal An endpoint's answer as parts: `body` as JSON, `headers` added to the shared ones. */
export function answerParts(status: number, body: object, headers: Record<string, string> = {}): AnswerParts {
  return { status, headers: { ...ANSWER_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * The JSON text of each answer {@link answer} made, beside its `Response`: the Node adapter writes
 * it as it is, where reading the `Response`'s body stream back cost more than the rest of the write.
 */
const answerBodies = new WeakMap<Response, string>();

/** @internal An endpoint's answer as a Web `Response`. */
export function answer(status: number, body: object, headers?: Record<string, string>): Response {
  const parts = answerParts(status, body, headers);
  const response = new Response(parts.body, { status: parts.status, headers: parts.headers });
  answerBodies.set(response, parts.body);
  return response;
}

/**
 * @internal The body of `response` as text when it is an endpoint's answer whose body nobody has
 * touched since (not read, not locked to a reader), else `undefined`: then read the stream.
 */
export function untouchedAnswerBody(response: Response): string | undefined {
  const body = answerBodies.get(response);
  return body === undefined || response.bodyUsed || response.body?.locked ? undefined : body;
}
