/** API Gateway's error codes, as its service model names them; a missing resource names its type, as AWS's body does. */
import { AwsError } from '../../errors.ts';

/** The named API, route, integration, stage, deployment or authorizer does not exist. */
export class NotFoundException extends AwsError {
  constructor(message: string, resourceType?: string) {
    super('NotFoundException', message, { status: 404, ...(resourceType ? { fields: { resourceType } } : {}) });
  }
}

/** The request is not valid. */
export class BadRequestException extends AwsError {
  constructor(message: string) {
    super('BadRequestException', message, { status: 400 });
  }
}

/** The resource exists already, or another change conflicts with this one. */
export class ConflictException extends AwsError {
  constructor(message: string) {
    super('ConflictException', message, { status: 409 });
  }
}

/** `Invalid <Type> identifier specified <account>:<id>`, AWS's words for a missing resource. */
export function notFound(type: 'API' | 'Route' | 'Integration' | 'Stage' | 'Deployment' | 'Authorizer', account: string, id: string): NotFoundException {
  const resourceType = type === 'API' ? 'Api' : type;
  return new NotFoundException(`Invalid ${type} identifier specified ${account}:${id}`, resourceType);
}
