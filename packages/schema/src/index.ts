/**
 * The wire contract shared by both sides: zod schemas and types for every Astrato and DataBrain
 * message and for oemkit's own ticket and guest-token endpoints, and row-level filter parameters
 * with their builder. The error family is `@oemkit/schema/errors`; the zod-free readers a page
 * may import are `@oemkit/schema/core` (also re-exported here).
 *
 * @module @oemkit/schema
 */
export { m2mTokenRequestSchema, m2mTokenResponseSchema, type M2mTokenRequest, type M2mTokenResponse } from './astrato/token.js';
export { setupRequestSchema, setupResponseSchema, type SetupRequest, type SetupResponse } from './astrato/setup.js';
export { redeemedUserSchema, astratoErrorBodySchema, type RedeemedUser, type AstratoErrorBody } from './astrato/session.js';
export {
  DATABRAIN_ERROR_CODES,
  dataBrainErrorBodySchema,
  dataBrainGuestTokenResponseSchema,
  type DataBrainErrorBody,
  type DataBrainErrorCode,
  type DataBrainGuestTokenResponse,
} from './databrain/guest-token.js';
export {
  dataBrainFilterValueSchema,
  dataBrainGuestTokenParamsSchema,
  dataBrainGuestTokenRequestV1Schema,
  dataBrainGuestTokenRequestV2Schema,
  type DataBrainGuestTokenRequestV1,
  type DataBrainGuestTokenRequestV2,
} from './databrain/guest-token-request.js';
export {
  FILTER_PARAMETER_TYPES,
  filterParametersSchema,
  type FilterParameterKey,
  type FilterParameterType,
  type FilterParameters,
} from './filter-parameters/filter-parameters.js';
export { filterParameter, filterParameters, type FilterParameterInput, type TypedFilterParameter } from './filter-parameters/builder.js';
export {
  ticketEndpointResponseSchema,
  ticketEndpointSessionResponseSchema,
  ticketEndpointAnswerSchema,
  ticketEndpointErrorBodySchema,
  type TicketEndpointResponse,
  type TicketEndpointSessionResponse,
  type TicketEndpointAnswer,
  type TicketEndpointErrorBody,
} from './endpoints/ticket-endpoint.schema.js';
export {
  guestTokenEndpointResponseSchema,
  guestTokenEndpointErrorBodySchema,
  type GuestTokenEndpointResponse,
  type GuestTokenEndpointErrorBody,
} from './endpoints/guest-token-endpoint.schema.js';
export * from './core.js';
