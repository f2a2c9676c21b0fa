/** The messages between the lab worker and a Lambda environment Worker (besides emulator requests, wire.ts). */

/** Lab worker -> environment: start the runtime. */
export interface StartMessage {
  kind: 'start';
  /** The environment variables, as the Node engine gives its child process. */
  env: Record<string, string>;
  /** The function's code: path inside LAMBDA_TASK_ROOT -> text. */
  files: Record<string, string>;
}

/** Environment -> lab worker: one line of output (stdout unless `stderr`). */
export interface LineMessage {
  kind: 'line';
  text: string;
  stderr?: boolean;
}

/** Environment -> lab worker: the runtime exits (after an init error, as Node's bootstrap does). */
export interface ExitMessage {
  kind: 'exit';
  code: number;
}
