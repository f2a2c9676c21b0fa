/** The part of asl-validator's API the definition checks use (the package ships no types). */
declare module 'asl-validator' {
  /** Validates a States Language definition. */
  export default function aslValidator(definition: unknown, options?: { checkArn?: boolean; checkPaths?: boolean }): { isValid: boolean; errors: Array<{ 'Error code': string; Message: string }> };
}
