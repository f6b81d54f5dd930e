import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../request/context';

const SUGGESTION = ' Did you mean ';

/**
 * graphql-js ends some messages with "Did you mean …?", naming fields, arguments, input
 * fields, types and enum values close to what was sent: with introspection off, guessing
 * would still read the schema piece by piece. The hint is removed for everyone when
 * introspection is off, and for callers without credentials when it is on.
 *
 * Apollo's `hideSchemaDetailsFromClientErrors` strips validation errors only; a variable's
 * value is coerced later ("Variable "$input" got invalid value …; Field "titel" is not
 * defined by type "X". Did you mean "title"?"), so every error of the answer is looked at here.
 */
export function hideSchemaHints(introspection: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (introspection && contextValue.viewer !== null) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map(withoutHint);
        },
      };
    },
  };
}

export function withoutHint(error: GraphQLFormattedError): GraphQLFormattedError {
  const at = error.message.lastIndexOf(SUGGESTION);
  return at >= 0 && error.message.endsWith('?') ? { ...error, message: error.message.slice(0, at) } : error;
}
