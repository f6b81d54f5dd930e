import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_REASONS, ErrorReason } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The error vocabulary as GraphQL shows it (error-reasons.resolver.ts): the ErrorCode and ErrorReason enums, and one reason's entry. */

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description:
    'The `extensions.code` of an error a client can act on. graphql-js, Apollo and the transport add GRAPHQL_PARSE_FAILED, ' +
    'GRAPHQL_VALIDATION_FAILED, QUERY_TOO_DEEP, QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE, BAD_REQUEST, REQUEST_TIMEOUT and ' +
    'INTERNAL_SERVER_ERROR (docs/ERRORS.md).',
});

registerEnumType(ErrorReason, {
  name: 'ErrorReason',
  description: 'The `extensions.reason` of an error: a finer, stable cause within its code, for clients that branch on it.',
  valuesConfig: Object.fromEntries(Object.entries(ERROR_REASONS).map(([reason, info]) => [reason, { description: info.description }])),
});

@ObjectType('ErrorReasonInfo', { description: 'One reason an error may give, with the code it comes with and what a client can do.' })
export class ErrorReasonInfo {
  @Field(() => ErrorReason)
  reason!: ErrorReason;

  @Field(() => ErrorCode, { description: 'The `extensions.code` that comes with this reason.' })
  code!: ErrorCode;

  @Field({ description: 'When it is given, and what the client can do.' })
  description!: string;
}

/** Every reason, with its code and meaning, in the enum's (alphabetical) order. */
export const ERROR_REASON_LISTING: readonly ErrorReasonInfo[] = Object.values(ErrorReason).map((reason) =>
  Object.assign(new ErrorReasonInfo(), { reason, ...ERROR_REASONS[reason] }),
);
