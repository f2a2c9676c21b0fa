/** Step Functions' error codes, as its service model names them, with AWS's words. */
import { AwsError } from '../../errors.ts';

function sfnError(code: string) {
  return class extends AwsError {
    constructor(message: string) {
      super(code, message, { status: 400 });
    }
  };
}

/** A definition the States Language validator refuses. */
export const InvalidDefinition = sfnError('InvalidDefinition');
/** An ARN that is not shaped as the operation needs. */
export const InvalidArn = sfnError('InvalidArn');
/** A state machine or execution name outside AWS's rules. */
export const InvalidName = sfnError('InvalidName');
/** A machine with that name but another definition or role exists. */
export const StateMachineAlreadyExists = sfnError('StateMachineAlreadyExists');
/** No state machine has that ARN. */
export const StateMachineDoesNotExist = sfnError('StateMachineDoesNotExist');
/** The operation needs the other type of machine (StartSyncExecution on a STANDARD one). */
export const StateMachineTypeNotSupported = sfnError('StateMachineTypeNotSupported');
/** An execution with that name (and another input) exists. */
export const ExecutionAlreadyExists = sfnError('ExecutionAlreadyExists');
/** No execution has that ARN. */
export const ExecutionDoesNotExist = sfnError('ExecutionDoesNotExist');
/** Execution input that is not JSON. */
export const InvalidExecutionInput = sfnError('InvalidExecutionInput');
/** Task output that is not JSON. */
export const InvalidOutput = sfnError('InvalidOutput');
/** A task token that is not one, or a paging token that is not ours. */
export const InvalidToken = sfnError('InvalidToken');
/** A task token whose task has ended. */
export const TaskTimedOut = sfnError('TaskTimedOut');
/** A resource to tag that does not exist. */
export const ResourceNotFound = sfnError('ResourceNotFound');
/** More than 50 tags on a resource. */
export const TooManyTags = sfnError('TooManyTags');
/** A parameter that breaks a constraint. */
export const SfnValidationException = sfnError('ValidationException');
/** UpdateStateMachine with nothing to update. */
export const MissingRequiredParameter = sfnError('MissingRequiredParameter');
