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

/**
 * Runs one invocation; resolves once its result or error is posted.
 */
function invoke(handler, next) {
  return new Promise((finished) => {
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const invocation = { requestId, waitForEmptyEventLoop: true, reported: false };
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

    currentRequestId = requestId;
    currentInvocation = invocation;
    const traceId = next.headers['lambda-runtime-trace-id'];
    if (traceId) {
      process.env._X_AMZN_TRACE_ID = traceId;
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }
    beforeExit = () => invocation.done(null, null);

    let event;
    try {
      event = JSON.parse(next.body.toString('utf8'));
    } catch (err) {
      fail(namedError('Runtime.UnmarshalError', 'Unable to parse event: ' + err.message, err));
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
// Errors outside any handler's reach

process.on('uncaughtException', (error) => {
  console.error('Uncaught Exception', JSON.stringify(toRapidResponse(error)));
  const invocation = currentInvocation;
  const exit = () => process.exit(EXIT_UNCAUGHT);
  if (invocation && !invocation.reported) {
    invocation.reported = true;
    postError(invocation.requestId, error).then(exit);
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
    postError(invocation.requestId, error).then(exit);
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
  for (;;) {
    const next = await nextInvocation();
    await invoke(handler, next);
  }
}

main();
