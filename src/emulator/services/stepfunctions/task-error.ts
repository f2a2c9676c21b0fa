/** The error a Task state ends with: its `name` is the States Language error, its message the cause. */

/** A task failure as Retry and Catch see it (`ErrorEquals` matches `name`). */
export class TaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** The AWS SDK's words for a service error, as Step Functions puts them in a task's cause. */
export function sdkCause(message: string, service: string, status: number, code: string, requestId: string): string {
  return `${message} (Service: ${service}; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`;
}
