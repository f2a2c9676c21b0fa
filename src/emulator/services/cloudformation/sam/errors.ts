/** How the SAM transform refuses a template: AWS's "Invalid Serverless Application Specification document" message. */
import { ValidationError } from '../errors.ts';

/** One invalid resource (or event) of a SAM template, with what to do about it. */
export class InvalidSamResource extends Error {
  readonly logicalId: string;
  constructor(logicalId: string, message: string) {
    super(message);
    this.logicalId = logicalId;
  }
}

/** A property the workshop emulator's SAM transform does not expand, refused by name. */
export function unsupported(logicalId: string, what: string, instead: string): InvalidSamResource {
  return new InvalidSamResource(logicalId, `${what} is not supported by the workshop emulator's SAM transform. ${instead}`);
}

/** The ValidationError AWS answers for a template the transform rejects. */
export function transformFailure(errors: InvalidSamResource[]): ValidationError {
  const details = errors.map((error) => `Resource with id [${error.logicalId}] is invalid. ${error.message}`).join(' ');
  return new ValidationError(`Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: ${errors.length}. ${details}`);
}
