"""The Python runtime of an execution environment.

Loads the handler named by _HANDLER from LAMBDA_TASK_ROOT, then loops on the Lambda Runtime API
(2018-06-01) at AWS_LAMBDA_RUNTIME_API the way AWS's Python runtime does: same handler lookup,
context object, logging format and error shapes. Standard library only, so it starts fast.
"""
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

SYNC = "\x1e\x1e"
ENV = dict(os.environ)
API = ENV.get("AWS_LAMBDA_RUNTIME_API", "")
AUTHORITY, _, PREFIX = API.partition("/")
BASE = ("/" + PREFIX if PREFIX else "") + "/2018-06-01/runtime"
HOST, _, PORT = AUTHORITY.rpartition(":")
HOST = HOST.strip("[]")
CONNECTION = http.client.HTTPConnection(HOST, int(PORT or 80))
CURRENT = {"request_id": ""}


def call(method, route, body=None, headers=None):
    """Sends one Runtime API request over the kept-alive connection."""
    global CONNECTION
    for attempt in (0, 1):
        try:
            CONNECTION.request(method, BASE + route, body=body, headers=headers or {})
            response = CONNECTION.getresponse()
            return response.status, dict((k.lower(), v) for k, v in response.getheaders()), response.read()
        except (http.client.HTTPException, ConnectionError):
            CONNECTION.close()
            CONNECTION = http.client.HTTPConnection(HOST, int(PORT or 80))
            if attempt:
                raise
    raise RuntimeError("unreachable")


def sync(marker):
    sys.stdout.write(SYNC + marker + "\n")
    sys.stdout.flush()


def make_error(message, error_type, stack_trace, request_id=""):
    return {"errorMessage": message or "", "errorType": error_type, "requestId": request_id or "", "stackTrace": stack_trace or []}


def fault_result(exc_info, request_id):
    etype, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    own = os.path.abspath(__file__)
    user = [frame for frame in frames if os.path.abspath(frame.filename) != own]
    message = str(value)
    return make_error(message, etype.__name__, traceback.format_list(user), request_id)


def log_error(error):
    lines = ["[ERROR] %s: %s" % (error["errorType"], error["errorMessage"]), "Traceback (most recent call last):"]
    lines += [line.rstrip("\n").replace("\n", "\r") for line in error.get("stackTrace") or []]
    sys.stdout.write("\r".join(lines).replace("\n", "\r") + "\n")
    sys.stdout.flush()


def post_error(route, error):
    sync(CURRENT["request_id"] or "init")
    headers = {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error["errorType"].encode("ascii", "ignore").decode()}
    call("POST", route, json.dumps(error).encode("utf-8"), headers)


class Fault(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise Fault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, error))
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise Fault(
                "Runtime.BuiltInModuleConflict",
                "Cannot use built-in module %s as a handler module" % module_name,
            )
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise Fault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error))
    except SyntaxError as error:
        trace = ['  File "%s" Line %s\n    %s' % (error.filename, error.lineno, error.text)]
        raise Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), trace)
    function = getattr(module, function_name, None)
    if function is None:
        fault = Fault("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))

        def missing(event, context):
            raise fault

        return missing
    return function


class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = (data or {}).get("cognitoIdentityId")
        self.cognito_identity_pool_id = (data or {}).get("cognitoIdentityPoolId")


class ClientContext:
    def __init__(self, data):
        data = data or {}
        self.client = data.get("client")
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.log_group_name = ENV.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = ENV.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = ENV.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = ENV.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = ENV.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.client_context = ClientContext(json.loads(client_context)) if client_context else None
        self.identity = CognitoIdentity(json.loads(identity) if identity else None)
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return int(max(self._deadline_ms - time.time() * 1000, 0))

    def log(self, message):
        sys.stdout.write(str(message))


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = CURRENT["request_id"]
        return True


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    handler.terminator = "\n"
    original = handler.format
    handler.format = lambda record: original(record).replace("\n", "\r")
    logging.getLogger().addHandler(handler)


def handle(function, status, headers, body):
    request_id = headers.get("lambda-runtime-aws-request-id", "")
    CURRENT["request_id"] = request_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    context = LambdaContext(
        request_id,
        int(headers.get("lambda-runtime-deadline-ms", "0")),
        headers.get("lambda-runtime-invoked-function-arn"),
        headers.get("lambda-runtime-client-context"),
        headers.get("lambda-runtime-cognito-identity"),
    )
    try:
        result = function(json.loads(body.decode("utf-8")), context)
    except Fault as fault:
        error = make_error(fault.message, fault.error_type, fault.trace, request_id)
        log_error(error)
        return post_error("/invocation/%s/error" % request_id, error)
    except Exception:
        error = fault_result(sys.exc_info(), request_id)
        log_error(error)
        return post_error("/invocation/%s/error" % request_id, error)
    try:
        payload = json.dumps(result).encode("utf-8")
    except Exception as failure:
        error = make_error("Unable to marshal response: %s" % failure, "Runtime.MarshalError", [], request_id)
        log_error(error)
        return post_error("/invocation/%s/error" % request_id, error)
    sync(request_id)
    call("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})


def main():
    sys.path.insert(0, ENV.get("LAMBDA_TASK_ROOT", os.getcwd()))
    setup_logging()
    try:
        function = load_handler(ENV.get("_HANDLER", ""))
    except Fault as fault:
        error = make_error(fault.message, fault.error_type, fault.trace)
        log_error(error)
        post_error("/init/error", error)
        sys.exit(1)
    except Exception:
        error = fault_result(sys.exc_info(), "")
        log_error(error)
        post_error("/init/error", error)
        sys.exit(1)
    while True:
        try:
            status, headers, body = call("GET", "/invocation/next")
        except Exception:
            sys.exit(1)
        if status != 200:
            sys.exit(1)
        handle(function, status, headers, body)


if __name__ == "__main__":
    main()
