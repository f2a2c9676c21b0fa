/** SSM Parameter Store's error codes, as its service model names them (every one answers HTTP 400). */
import { AwsError } from '../../errors.ts';

export { ValidationException } from '../../errors.ts';

/** The named parameter (or one of its versions named by label) does not exist. */
export class ParameterNotFound extends AwsError {
  constructor(name: string) {
    super('ParameterNotFound', `Parameter ${name} not found.`, { status: 400 });
  }
}

/** PutParameter without Overwrite on a name that exists. */
export class ParameterAlreadyExists extends AwsError {
  constructor() {
    super('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.', { status: 400 });
  }
}

/** A `name:version` selector or a version number that the parameter does not have. */
export class ParameterVersionNotFound extends AwsError {
  constructor(name: string, version: number | string) {
    super('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`, { status: 400 });
  }
}

/** The value does not match the parameter's AllowedPattern. */
export class ParameterPatternMismatchException extends AwsError {
  constructor(pattern: string) {
    super('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`, { status: 400 });
  }
}

/** AllowedPattern is not a regular expression. */
export class InvalidAllowedPatternException extends AwsError {
  constructor(pattern: string) {
    super('InvalidAllowedPatternException', `The allowed pattern is not a valid regular expression: ${pattern}`, { status: 400 });
  }
}

/** A name deeper than 15 levels; the words are the error's own documentation in the service model. */
export class HierarchyLevelLimitExceededException extends AwsError {
  constructor() {
    super(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.',
      { status: 400 },
    );
  }
}

/** A name under `/aws/`, which only AWS writes. */
export class AccessDeniedException extends AwsError {
  constructor(name: string) {
    super('AccessDeniedException', `No access to reserved parameter name: ${name}.`, { status: 400 });
  }
}

/** A version would carry more than 10 labels. */
export class ParameterVersionLabelLimitExceeded extends AwsError {
  constructor() {
    super('ParameterVersionLabelLimitExceeded', 'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.', { status: 400 });
  }
}

/** The 101st version would push out a labelled oldest version. */
export class ParameterMaxVersionLimitExceeded extends AwsError {
  constructor(name: string, oldest: number) {
    super(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
      { status: 400 },
    );
  }
}

/** A filter key the operation does not take, or a repeated one. */
export class InvalidFilterKey extends AwsError {
  constructor(message: string) {
    super('InvalidFilterKey', message, { status: 400 });
  }
}

/** A filter option the key does not take. */
export class InvalidFilterOption extends AwsError {
  constructor(message: string) {
    super('InvalidFilterOption', message, { status: 400 });
  }
}

/** A filter value that is missing or not one the key takes. */
export class InvalidFilterValue extends AwsError {
  constructor(message: string) {
    super('InvalidFilterValue', message, { status: 400 });
  }
}

/** A NextToken this emulator did not issue. */
export class InvalidNextToken extends AwsError {
  constructor() {
    super('InvalidNextToken', 'The specified token isn\'t valid.', { status: 400 });
  }
}

/** A tagging call on a resource type other than Parameter, or a parameter that does not exist. */
export class InvalidResourceId extends AwsError {
  constructor() {
    super('InvalidResourceId', 'The resource ID isn\'t valid. Verify that you entered the correct ID and try again.', { status: 400 });
  }
}

/** A tagging call on a resource type the emulator does not keep. */
export class InvalidResourceType extends AwsError {
  constructor() {
    super('InvalidResourceType', 'The resource type isn\'t valid. For example, if you are attempting to tag an EC2 instance, the instance must be a registered managed node.', { status: 400 });
  }
}
