'use strict';
/*
 * Aloft Node.js runtime bootstrap.
 *
 * Speaks the Lambda Runtime API (2018-06-01) the way AWS's Node.js runtime interface client does,
 * with node's own http module only (Node 18+). Started by the invoker as `node bootstrap.cjs`
 * with the working directory set to the function's code. Reads:
 *
 * - AWS_LAMBDA_RUNTIME_API: host:port, or host:port/path/prefix.
 * - _HANDLER: `file.export`, `dir/file.export`, or a nested export `file.a.b`. The file is found
 *   as Lambda finds it: exactly as named, then `.js` (CommonJS, or ESM under a package.json with
 *   "type": "module"), `.mjs`, `.cjs`, then a package of that name in node_modules.
 * - LAMBDA_TASK_ROOT and the AWS_LAMBDA_* context values.
 *
 * Handlers may be async (return a promise) or take a callback `(event, context, callback)`.
 * As in Lambda, a callback's result is sent once the event loop is empty unless the handler sets
 * `context.callbackWaitsForEmptyEventLoop = false`.
 *
 * A handler wrapped in `awslambda.streamifyResponse` streams its response as on Lambda: it is
 * called as `handler(event, responseStream, context)`, and each write to the stream goes to the
 * Runtime API as it happens, in a chunked response (`Lambda-Runtime-Function-Response-Mode:
 * streaming`) whose trailers carry the error if the handler fails midway.
 * `awslambda.HttpResponseStream.from(responseStream, metadata)` starts a function URL's answer.
 *
 * console.* lines get Lambda's prefix: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, with
 * newlines inside one message turned into carriage returns so a message stays one log event.
 *
 * Started with `--aloft-prestarted`, it is an Aloft pre-started environment: it has no function
 * yet, and before it loads any code it asks the Runtime API which function it runs
 * (GET .../2018-06-01/aloft/assignment, which only its own secret reaches and which waits until a
 * function needs it), takes on that function's environment variables (replacing its own, except
 * the sandbox's TMPDIR and HOME) and task root, and then starts as above.
 *
 * Exit codes: 129 = the function failed to initialise or threw outside a handler (after posting
 * the error); 128 = an unhandled promise rejection; 2 = the Runtime API failed.
 */

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { Writable } = require('node:stream');
const { pathToFileURL } = require('node:url');

const EXIT_UNCAUGHT = 129;
const EXIT_UNHANDLED_REJECTION = 128;
const EXIT_RUNTIME_API_ERROR = 2;

// ---------------------------------------------------------------------------------------------
// Runtime API client

function parseRuntimeApi(value) {
  if (!value) {
    throw new Error('AWS_LAMBDA_RUNTIME_API is not set');
  }
  let address = value.trim().replace(/^[a-z]+:\/\//, '');
  const slash = address.indexOf('/');
  const prefix = slash >= 0 ? address.substring(slash).replace(/\/+$/, '') : '';
  address = slash >= 0 ? address.substring(0, slash) : address;
  const colon = address.lastIndexOf(':');
  const host = colon > 0 && !address.endsWith(']') ? address.substring(0, colon) : address;
  const port = colon > 0 && !address.endsWith(']') ? Number(address.substring(colon + 1)) : 80;
  return { host: host.replace(/^\[|\]$/g, ''), port, prefix, base: prefix + '/2018-06-01/runtime' };
}

const api = parseRuntimeApi(process.env.AWS_LAMBDA_RUNTIME_API);
// Kept-alive sockets in the free pool are unref'd by node, so they never hold the event loop
// open: a callback handler's "wait for an empty event loop" still works.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function fatal(message) {
  process.stderr.write('[aloft-bootstrap] ' + message + '\n', () => process.exit(EXIT_RUNTIME_API_ERROR));
}

function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const fullPath = urlPath.startsWith('/2018-06-01/') ? api.prefix + urlPath : api.base + urlPath;
    const options = { host: api.host, port: api.port, path: fullPath, method, agent, headers: headers || {} };
    if (body !== undefined) {
      options.headers['Content-Length'] = Buffer.byteLength(body);
    }
    const req = http.request(options, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function post(urlPath, body, headers) {
  let res;
  try {
    res = await request('POST', urlPath, body, Object.assign({ 'Content-Type': 'application/json' }, headers));
  } catch (err) {
    fatal('POST ' + urlPath + ' failed: ' + err);
    return new Promise(() => {});
  }
  if (res.status !== 202) {
    fatal('POST ' + urlPath + ' returned ' + res.status + ': ' + res.body.toString('utf8').substring(0, 500));
    return new Promise(() => {});
  }
}

async function nextInvocation() {
  let res;
  try {
    res = await request('GET', '/invocation/next');
  } catch (err) {
    fatal('GET /invocation/next failed: ' + err);
    return new Promise(() => {});
  }
  if (res.status !== 200) {
    fatal('GET /invocation/next returned ' + res.status + ': ' + res.body.toString('utf8').substring(0, 500));
    return new Promise(() => {});
  }
  return res;
}

function postResponse(requestId, result) {
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch (err) {
    return postError(requestId, { name: 'Runtime.MarshalError', message: 'Unable to stringify response body', stack: '' });
  }
  return post('/invocation/' + requestId + '/response', body === undefined ? 'null' : body);
}

function postError(requestId, error) {
  return post('/invocation/' + requestId + '/error', JSON.stringify(toRapidResponse(error)));
}

function postInitError(error) {
  const response = toRapidResponse(error);
  return post('/init/error', JSON.stringify(response), { 'Lambda-Runtime-Function-Error-Type': response.errorType });
}

// ---------------------------------------------------------------------------------------------
// Errors, in the shape AWS's Node runtime sends: {errorType, errorMessage, trace}

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || (error && typeof error === 'object' && 'stack' in error && 'message' in error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: typeof error.stack === 'string' && error.stack.length > 0 ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function namedError(name, message, cause) {
  const error = new Error(message);
  error.name = name;
  if (cause && cause.stack) {
    error.stack = name + ': ' + message + '\n' + cause.stack.split('\n').slice(1).join('\n');
  }
  return error;
}

function logInvokeError(label, error) {
  const info = toRapidResponse(error);
  console.error(label, JSON.stringify({ errorType: info.errorType, errorMessage: info.errorMessage, stack: info.trace }));
}

// ---------------------------------------------------------------------------------------------
// console: Lambda's line prefix

let currentRequestId;

function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (message, ...params) => {
      let text = util.format(message, ...params);
      if (method === 'trace') {
        text += '\n' + new Error().stack.split('\n').slice(2).join('\n');
      }
      const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${text}`;
      process.stdout.write(line.replace(/\n/g, '\r') + '\n');
    };
  }
  console.fatal = (message, ...params) => {
    const line = `${new Date().toISOString()}\t${currentRequestId}\tFATAL\t${util.format(message, ...params)}`;
    process.stdout.write(line.replace(/\n/g, '\r') + '\n');
  };
}

// ---------------------------------------------------------------------------------------------
// Loading the handler

function splitHandler(fullHandler) {
  const base = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(base));
  const match = base.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3 || match[1] === '' || match[2] === '') {
    throw namedError('Runtime.MalformedHandlerName', 'Bad handler');
  }
  return { moduleRoot, module: match[1], handlerPath: match[2] };
}

function tryRequire(file) {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    return undefined;
  }
  return require(file);
}

async function tryImport(file) {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  return import(pathToFileURL(file).href);
}

function packageTypeIsModule(start) {
  let directory = path.dirname(start);
  for (;;) {
    const packageJson = path.join(directory, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return JSON.parse(fs.readFileSync(packageJson, 'utf8')).type === 'module';
      } catch (_) {
        return false;
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      return false;
    }
    directory = parent;
  }
}

async function loadModule(appRoot, moduleRoot, module) {
  const base = path.resolve(appRoot, moduleRoot, module);
  const extensionless = tryRequire(base);
  if (extensionless) {
    return extensionless;
  }
  const esm = packageTypeIsModule(base);
  if (!esm) {
    const js = tryRequire(base + '.js');
    if (js) {
      return js;
    }
  }
  const loaded = (esm && (await tryImport(base + '.js'))) || (await tryImport(base + '.mjs')) || tryRequire(base + '.cjs');
  if (loaded) {
    return loaded;
  }
  return require(require.resolve(module, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }));
}

async function loadHandler(appRoot, fullHandler) {
  const { moduleRoot, module, handlerPath } = splitHandler(fullHandler);
  let loaded;
  try {
    loaded = await loadModule(appRoot, moduleRoot, module);
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw namedError('Runtime.UserCodeSyntaxError', String(err), err);
    }
    if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes("'" + module + "'")) {
      throw namedError('Runtime.ImportModuleError', 'Error: ' + err.message, err);
    }
    throw err;
  }
  let handler = loaded;
  for (const part of handlerPath.split('.')) {
    handler = handler === undefined || handler === null ? undefined : handler[part];
  }
  if (handler === undefined || handler === null) {
    throw namedError('Runtime.HandlerNotFound', fullHandler + ' is undefined or not exported');
  }
  if (typeof handler !== 'function') {
    throw namedError('Runtime.HandlerNotFound', fullHandler + ' is not a function');
  }
  // A streaming marker other than Lambda's one value fails the init, as on Lambda.
  isStreaming(handler);
  return handler;
}

// ---------------------------------------------------------------------------------------------
// One invocation

// What to do when the event loop empties: send a callback's result, or (when the handler never
// answered) null, as Lambda does.
let beforeExit;
process.on('beforeExit', () => {
  const action = beforeExit;
  beforeExit = undefined;
  if (action) {
    action();
  }
});

let currentInvocation;

function context(headers, invocation) {
  const parse = (value) => {
    if (value === undefined) {
      return undefined;
    }
    try {
      return JSON.parse(value);
    } catch (_) {
      return undefined;
    }
  };
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const env = process.env;
  return {
    get callbackWaitsForEmptyEventLoop() {
      return invocation.waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      invocation.waitForEmptyEventLoop = value;
    },
    succeed: (result) => invocation.done(null, result),
    fail: (err) => invocation.done(err === undefined || err === null ? 'handled' : err),
    done: (err, result) => invocation.done(err, result),
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parse(headers['lambda-runtime-client-context']),
    identity: parse(headers['lambda-runtime-cognito-identity']),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    tenantId: headers['lambda-runtime-aws-tenant-id'],
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
}

function begin(next, invocation) {
  currentRequestId = invocation.requestId;
  currentInvocation = invocation;
  const traceId = next.headers['lambda-runtime-trace-id'];
  if (traceId) {
    process.env._X_AMZN_TRACE_ID = traceId;
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
}

function parseEvent(next) {
  try {
    return JSON.parse(next.body.toString('utf8'));
  } catch (err) {
    throw namedError('Runtime.UnmarshalError', 'Unable to parse event: ' + err.message, err);
  }
}

/**
 * Runs one invocation; resolves once its result or error is posted.
 */
function invoke(handler, next) {
  return new Promise((finished) => {
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const invocation = {
      requestId,
      waitForEmptyEventLoop: true,
      reported: false,
      reportError: (error) => postError(requestId, error),
    };
    const complete = (send) => {
      if (invocation.reported) {
        console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
        return;
      }
      invocation.reported = true;
      beforeExit = undefined;
      send().then(finished);
    };
    const fail = (err) => {
      logInvokeError('Invoke Error', err);
      complete(() => postError(requestId, err));
    };
    invocation.done = (err, result) => {
      if (err !== undefined && err !== null) {
        fail(err);
      } else {
        complete(() => postResponse(requestId, result));
      }
    };
    const callback = (err, result) => {
      if (err !== undefined && err !== null) {
        fail(err);
      } else if (invocation.waitForEmptyEventLoop) {
        beforeExit = () => setImmediate(() => invocation.done(null, result));
      } else {
        invocation.done(null, result);
      }
    };

    begin(next, invocation);
    beforeExit = () => invocation.done(null, null);

    let event;
    try {
      event = parseEvent(next);
    } catch (err) {
      fail(err);
      return;
    }
    try {
      const result = handler(event, context(next.headers, invocation), callback);
      if (result && typeof result.then === 'function') {
        result.then((value) => invocation.done(null, value), (err) => fail(err === undefined || err === null ? 'handled' : err));
      }
    } catch (err) {
      fail(err);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Response streaming, as Lambda's Node runtime offers it

// The marker awslambda.streamifyResponse sets; Lambda's own, so that libraries which wrap a
// handler and copy or test the marker (middleware, tracing) work unchanged.
const STREAMING_HANDLER = Symbol.for('aws.lambda.runtime.handler.streaming');
const STREAM_RESPONSE = 'response';
const RESPONSE_MODE_HEADER = 'Lambda-Runtime-Function-Response-Mode';
const ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';
const DEFAULT_STREAM_CONTENT_TYPE = 'application/octet-stream';
const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER_LENGTH = 8;

function streamifyResponse(handler) {
  handler[STREAMING_HANDLER] = STREAM_RESPONSE;
  return handler;
}

function isStreaming(handler) {
  const marker = handler[STREAMING_HANDLER];
  if (marker === undefined || marker === null || marker === false) {
    return false;
  }
  if (marker !== STREAM_RESPONSE) {
    throw namedError('Runtime.MalformedStreamingHandler', 'Only response streaming is supported.');
  }
  return true;
}

/**
 * A function URL's answer on a response stream: the JSON metadata (status code, headers,
 * cookies), 8 NUL bytes, then the body the handler writes.
 */
class HttpResponseStream {
  static from(responseStream, metadata) {
    responseStream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    // Written at once rather than before the first body write, so that a handler which only
    // calls end() still answers its status and headers. JSON never holds a raw NUL, so the
    // delimiter cannot occur inside the prelude.
    responseStream.write(Buffer.concat([Buffer.from(JSON.stringify(metadata)), Buffer.alloc(PRELUDE_DELIMITER_LENGTH)]));
    return responseStream;
  }
}

// As Lambda's stream does: what is neither text nor bytes is written as its JSON.
function toChunk(chunk) {
  return typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
}

function errorTrailers(error) {
  const response = toRapidResponse(error);
  // A header value may not hold control characters, and an empty type would read as no error.
  const type = String(response.errorType).replace(/[^\t\x20-\x7e]/g, '') || 'Error';
  return {
    [ERROR_TYPE_TRAILER]: type,
    [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(response)).toString('base64'),
  };
}

/**
 * Opens the invocation's response request, whose body is the returned Writable. Nothing is sent
 * before the first write, so the content type may change until then. `end()` and `fail(error)`
 * end the request (only the first counts; fail sends the error in the trailers); both resolve
 * once the Runtime API has accepted the response.
 */
function openResponseStream(requestId) {
  const urlPath = api.base + '/invocation/' + requestId + '/response';
  let accepted;
  const answered = new Promise((resolve) => {
    accepted = resolve;
  });
  const req = http.request({
    host: api.host,
    port: api.port,
    path: urlPath,
    method: 'POST',
    agent,
    headers: {
      [RESPONSE_MODE_HEADER]: 'streaming',
      'Transfer-Encoding': 'chunked',
      Trailer: ERROR_TYPE_TRAILER + ', ' + ERROR_BODY_TRAILER,
      'Content-Type': DEFAULT_STREAM_CONTENT_TYPE,
    },
  }, (res) => {
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('end', () => {
      if (res.statusCode !== 202) {
        fatal('POST ' + urlPath + ' returned ' + res.statusCode + ': ' + Buffer.concat(chunks).toString('utf8').substring(0, 500));
        return;
      }
      accepted();
    });
    res.on('error', (err) => fatal('POST ' + urlPath + ' failed: ' + err));
  });
  req.on('error', (err) => fatal('POST ' + urlPath + ' failed: ' + err));

  let requestEnded = false;
  const endRequest = (trailers) => {
    if (requestEnded) {
      return;
    }
    requestEnded = true;
    if (trailers) {
      req.addTrailers(trailers);
    }
    req.end();
  };
  const stream = new Writable({
    // Each chunk goes to the request at once; the stream holds back only while the socket does.
    write(chunk, encoding, callback) {
      if (requestEnded || req.write(chunk)) {
        callback();
      } else {
        req.once('drain', () => callback());
      }
    },
    final(callback) {
      endRequest();
      callback();
    },
    // Also runs after a normal finish, when the request has ended already: then it does nothing.
    destroy(err, callback) {
      endRequest(errorTrailers(err || new Error('The response stream was destroyed before it ended.')));
      callback(err);
    },
  });
  // A stream error (a write after end, a destroy with an error) would otherwise end the
  // environment as an uncaught exception; what it did to the response is already sent.
  stream.on('error', (err) => logInvokeError('Response Stream Error', err));

  let written = false;
  const write = stream.write;
  stream.write = function (chunk, ...rest) {
    written = true;
    return write.call(this, toChunk(chunk), ...rest);
  };
  const end = stream.end;
  stream.end = function (chunk, ...rest) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      written = true;
      return end.call(this, toChunk(chunk), ...rest);
    }
    return end.call(this, chunk, ...rest);
  };
  stream.setContentType = (type) => {
    if (written || req.headersSent) {
      throw namedError('Runtime.InvalidStreamingOperation', 'Cannot set content-type, too late.');
    }
    req.setHeader('Content-Type', type);
  };

  return {
    stream,
    answered,
    end: () => {
      if (!stream.writableEnded && !stream.destroyed) {
        stream.end();
      }
      return answered;
    },
    fail: (error) => {
      endRequest(errorTrailers(error));
      // Whatever the stream still holds must not reach the ended request.
      stream.destroy();
      return answered;
    },
  };
}

/**
 * Runs one invocation of a streaming handler; resolves once its response is accepted.
 */
function invokeStreaming(handler, next) {
  return new Promise((finished) => {
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const response = openResponseStream(requestId);
    const fail = (err) => {
      logInvokeError('Invoke Error', err);
      response.fail(err);
    };
    const invocation = {
      requestId,
      waitForEmptyEventLoop: true,
      // Set once the response is accepted: until then an error outside the handler can still
      // end the open request with it.
      reported: false,
      reportError: (error) => response.fail(error),
      done: (err) => (err !== undefined && err !== null ? fail(err) : response.end()),
    };
    response.answered.then(() => {
      invocation.reported = true;
      finished();
    });
    begin(next, invocation);
    // The open response request keeps the event loop busy, so an empty loop cannot answer a
    // streaming invocation: a handler that never settles runs into the timeout.
    beforeExit = undefined;

    let result;
    try {
      result = handler(parseEvent(next), response.stream, context(next.headers, invocation));
    } catch (err) {
      fail(err);
      return;
    }
    if (!result || typeof result.then !== 'function') {
      fail(new Error('Streaming does not support non-async handlers.'));
      return;
    }
    result.then((value) => {
      if (value !== undefined) {
        console.warn('Streaming handlers ignore return values.');
      }
      // A settled handler ends a stream it left open: its response is complete.
      response.end();
    }, (err) => fail(err === undefined || err === null ? 'handled' : err));
  });
}

// ---------------------------------------------------------------------------------------------
// Errors outside any handler's reach

process.on('uncaughtException', (error) => {
  console.error('Uncaught Exception', JSON.stringify(toRapidResponse(error)));
  const invocation = currentInvocation;
  const exit = () => process.exit(EXIT_UNCAUGHT);
  if (invocation && !invocation.reported) {
    invocation.reported = true;
    invocation.reportError(error).then(exit);
  } else {
    exit();
  }
});

process.on('unhandledRejection', (reason) => {
  const error = namedError('Runtime.UnhandledPromiseRejection',
    reason instanceof Error ? reason.name + ': ' + reason.message : String(reason), reason instanceof Error ? reason : undefined);
  console.error('Unhandled Promise Rejection', JSON.stringify(toRapidResponse(error)));
  const invocation = currentInvocation;
  const exit = () => process.exit(EXIT_UNHANDLED_REJECTION);
  if (invocation && !invocation.reported) {
    invocation.reported = true;
    invocation.reportError(error).then(exit);
  } else {
    exit();
  }
});

// ---------------------------------------------------------------------------------------------
// A pre-started environment takes its function

const PRESTARTED_FLAG = '--aloft-prestarted';
const ASSIGNMENT_PATH = '/2018-06-01/aloft/assignment';
// What the sandbox itself set, which a pre-started environment keeps when it takes a function.
const SANDBOX_VARIABLES = ['TMPDIR', 'HOME'];

async function takeAssignment() {
  let res;
  try {
    res = await request('GET', ASSIGNMENT_PATH);
  } catch (err) {
    fatal('GET ' + ASSIGNMENT_PATH + ' failed: ' + err);
    return new Promise(() => {});
  }
  if (res.status !== 200) {
    fatal('GET ' + ASSIGNMENT_PATH + ' returned ' + res.status + ': ' + res.body.toString('utf8').substring(0, 500));
    return new Promise(() => {});
  }
  let environment;
  try {
    environment = JSON.parse(res.body.toString('utf8')).environment;
  } catch (err) {
    fatal('GET ' + ASSIGNMENT_PATH + ' answered what is not an assignment: ' + err);
    return new Promise(() => {});
  }
  const kept = {};
  for (const name of SANDBOX_VARIABLES) {
    if (process.env[name] !== undefined) {
      kept[name] = process.env[name];
    }
  }
  for (const name of Object.keys(process.env)) {
    delete process.env[name];
  }
  Object.assign(process.env, environment, kept);
  try {
    process.chdir(process.env.LAMBDA_TASK_ROOT);
  } catch (err) {
    fatal('cannot enter the task root: ' + err);
    return new Promise(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Main loop

async function main() {
  if (process.argv.slice(2).includes(PRESTARTED_FLAG)) {
    await takeAssignment();
  }
  patchConsole();
  globalThis.awslambda = { streamifyResponse, HttpResponseStream };
  const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let handler;
  try {
    handler = await loadHandler(appRoot, process.env._HANDLER || '');
  } catch (err) {
    logInvokeError('Init Error', err);
    await postInitError(err);
    process.exit(EXIT_UNCAUGHT);
    return;
  }
  const run = isStreaming(handler) ? invokeStreaming : invoke;
  for (;;) {
    const next = await nextInvocation();
    await run(handler, next);
  }
}

main();
