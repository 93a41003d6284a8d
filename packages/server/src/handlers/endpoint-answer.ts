/**
 * How an oemkit endpoint's answer is written, its refusals included: JSON in UTF-8 that no
 * cache keeps and no browser sniffs. The handlers send it as a Web `Response`; the Node adapter
 * writes the same parts on a `ServerResponse` when the handler itself failed. It imports nothing,
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

/** @internal An endpoint's answer as a Web `Response`. */
export function answer(status: number, body: object, headers?: Record<string, string>): Response {
  const parts = answerParts(status, body, headers);
  return new Response(parts.body, { status: parts.status, headers: parts.headers });
}
