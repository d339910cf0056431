import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

import { DomainError } from './domain-error';

/** The GraphQL boundary: a domain error becomes its contract code (and `fields` for bad input). */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): GraphQLError {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...(error.fields ? { fields: error.fields } : {}) } });
  }
}
