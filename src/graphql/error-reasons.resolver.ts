import { Authorized, Query, Resolver } from 'type-graphql';
import { ALL_ROLES } from '../auth/roles';
import { ERROR_REASON_LISTING, ErrorReasonInfo } from './error-reasons.types';

@Resolver()
export class ErrorReasonsResolver {
  @Authorized(ALL_ROLES)
  @Query(() => [ErrorReasonInfo], {
    description:
      'Every `extensions.reason` the server can send, with its code and meaning, in alphabetical order: the list to switch on, as in docs/ERRORS.md.',
  })
  errorReasons(): readonly ErrorReasonInfo[] {
    return ERROR_REASON_LISTING;
  }
}
