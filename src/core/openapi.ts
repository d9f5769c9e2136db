import { ErrorBodySchema } from './errors'

/** A JSON response of a route, for createRoute's `responses`. */
export const jsonResponse = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })

/** A required JSON request body, for createRoute's `request.body`. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

const descriptions: Record<number, string> = {
  400: 'The request is malformed or fails validation; `details` lists the failing fields.',
  401: 'Missing, malformed, forged or expired bearer token.',
  403: 'The resource belongs to someone else.',
  404: 'No such resource.',
  409: 'Conflict, or the resource is in the wrong state for this call.',
  413: 'The body is too large.',
  415: 'Wrong content or file type.',
  422: 'Well-formed but impossible.',
  429: 'Rate limited; retry after the number of seconds in `Retry-After`.',
  500: 'Unexpected error; `details.request_id` identifies it in our logs.',
  502: 'An upstream service (HMIS, SMS, email, ABDM, Gemini) answered with an error.',
  503: 'An upstream service is not available or not configured.',
  504: 'An upstream service did not answer in time.',
}

/** The shared error responses, spread into every route so that /docs shows them. */
export function errorResponses(...statuses: (keyof typeof descriptions)[]) {
  const all = [...new Set([...statuses, 500])]
  return Object.fromEntries(
    all.map((status) => [status, jsonResponse(ErrorBodySchema, descriptions[status] ?? 'Error')]),
  ) as Record<number, ReturnType<typeof jsonResponse<typeof ErrorBodySchema>>>
}
