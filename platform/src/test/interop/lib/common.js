'use strict';
// Shared by the client scripts: argument handling, the WebEvent record they all write, the flat
// view of a decoded record that NpmClientsInteropIT asserts on, and failing with a clear message.

const fs = require('fs');
const path = require('path');
const util = require('util');

/** Thrown for a mismatch or bad input; main() prints the message and exits 1. */
class InteropError extends Error {}

function fail(message) {
  throw new InteropError(message);
}

/** The installed version of an npm package, read from its own package.json. */
function packageVersion(name) {
  const file = require.resolve(`${name}/package.json`, { paths: [path.join(__dirname, '..')] });
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/** Reads a text file, failing with the file name if it is missing. */
function readText(file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`Cannot read ${what} from ${file}: ${e.message}`);
  }
}

/** The Avro schema text, checked to be a JSON record schema. */
function readSchema(file) {
  const text = readText(file, 'the Avro schema').trim();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`The schema in ${file} is not JSON: ${e.message}`);
  }
  if (parsed.type !== 'record' || !parsed.name) {
    fail(`The schema in ${file} is not a named record schema`);
  }
  return text;
}

/**
 * Wire-format bytes from a file holding hex (whitespace ignored) or, prefixed with "base64:",
 * base64.
 */
function readBytes(file) {
  const text = readText(file, 'the serialized record').trim();
  if (text.startsWith('base64:')) {
    return Buffer.from(text.slice('base64:'.length).trim(), 'base64');
  }
  const hex = text.replace(/\s+/g, '');
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    fail(`${file} does not hold hex bytes (got ${JSON.stringify(text.slice(0, 40))})`);
  }
  return Buffer.from(hex, 'hex');
}

/** The flat fields of the WebEvent/PageViewed record to encode, from a JSON file. */
function readFields(file) {
  let fields;
  try {
    fields = JSON.parse(readText(file, 'the record fields'));
  } catch (e) {
    if (e instanceof InteropError) throw e;
    return fail(`The record fields in ${file} are not JSON: ${e.message}`);
  }
  for (const name of ['eventId', 'subjectId', 'occurredAt', 'source', 'path']) {
    if (fields[name] === undefined || fields[name] === null) {
      fail(`The record fields in ${file} lack '${name}'`);
    }
  }
  if (!Number.isSafeInteger(fields.occurredAt)) {
    fail(`'occurredAt' must be epoch milliseconds, got ${JSON.stringify(fields.occurredAt)}`);
  }
  return fields;
}

const PAGE_VIEWED = 'dev.touchpoints.avro.PageViewed';

/**
 * A dev.touchpoints.avro.WebEvent with a PageViewed payload, in avsc's default representation
 * (both clients use avsc with its defaults): timestamp-millis is a plain number, ["null","string"]
 * is unwrapped, and the union of payload records is wrapped as {"<full name>": {...}}.
 */
function webEvent(fields) {
  return {
    envelope: {
      eventId: fields.eventId,
      subjectId: fields.subjectId,
      occurredAt: fields.occurredAt,
      source: fields.source,
      correlationId: fields.correlationId === undefined ? null : fields.correlationId,
    },
    payload: { [PAGE_VIEWED]: { path: fields.path } },
  };
}

/** The decoded record as plain JSON (avsc returns instances of generated record classes). */
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

/** The flat view of a decoded WebEvent that the Java test asserts on. */
function flatten(decoded) {
  const record = plain(decoded);
  const envelope = record && record.envelope;
  const payload = record && record.payload;
  if (!envelope || !payload || typeof payload !== 'object') {
    fail(`Decoded value is not a WebEvent: ${JSON.stringify(record)}`);
  }
  const branches = Object.keys(payload);
  if (branches.length !== 1) {
    fail(`Expected a wrapped payload union with one branch, got ${JSON.stringify(payload)}`);
  }
  const payloadType = branches[0];
  return {
    eventId: envelope.eventId,
    subjectId: envelope.subjectId,
    occurredAt: envelope.occurredAt,
    source: envelope.source,
    correlationId: envelope.correlationId,
    payloadType,
    path: payload[payloadType].path === undefined ? null : payload[payloadType].path,
  };
}

/** The schema id in a wire-format message (magic byte 0, 4-byte big-endian id). */
function schemaIdOf(bytes) {
  if (bytes.length < 5 || bytes[0] !== 0) {
    fail(`Not in the Confluent wire format (first bytes ${bytes.subarray(0, 5).toString('hex')})`);
  }
  return bytes.readInt32BE(1);
}

/** Fails unless the two values are equal as JSON. */
function expectEqual(what, actual, expected) {
  if (!util.isDeepStrictEqual(plain(actual), plain(expected))) {
    fail(
      `${what} differs.\n  expected: ${JSON.stringify(plain(expected))}\n  actual:   ` +
        JSON.stringify(plain(actual)),
    );
  }
}

/** Writes the result as JSON to a file and prints it on stdout. */
function report(outFile, result) {
  const json = JSON.stringify(result);
  fs.writeFileSync(outFile, json + '\n');
  process.stdout.write(json + '\n');
}

function usage(script) {
  return [
    `usage: node ${script} roundtrip <registryUrl> <schemaFile> <topic> <fieldsJson> <resultJson>`,
    `       node ${script} decode    <registryUrl> <topic> <bytesFile(hex|base64:)> <resultJson>`,
    `       node ${script} encode    <registryUrl> <schemaFile> <topic> <fieldsJson> <bytesFile>`,
    '  subjects follow TopicNameStrategy: <topic>-value',
  ].join('\n');
}

/**
 * Runs one command of a client script: commands maps a name to an async function taking the
 * remaining arguments. Exits 0 on success, 1 on a mismatch or error, 2 on bad usage.
 */
function main(script, commands, arity) {
  const [command, ...args] = process.argv.slice(2);
  if (!commands[command] || args.length !== arity[command]) {
    process.stderr.write(usage(script) + '\n');
    process.exit(2);
  }
  const timer = setTimeout(() => {
    process.stderr.write(`${script} ${command}: FAILED: no answer within 60 s\n`);
    process.exit(1);
  }, 60_000);
  commands[command](...args).then(
    () => {
      clearTimeout(timer);
      process.exit(0);
    },
    (e) => {
      clearTimeout(timer);
      const detail = e instanceof InteropError ? e.message : (e && e.stack) || String(e);
      process.stderr.write(`${script} ${command}: FAILED: ${detail}\n`);
      process.exit(1);
    },
  );
}

module.exports = {
  InteropError,
  fail,
  packageVersion,
  readSchema,
  readBytes,
  readFields,
  webEvent,
  plain,
  flatten,
  schemaIdOf,
  expectEqual,
  report,
  main,
  PAGE_VIEWED,
};
