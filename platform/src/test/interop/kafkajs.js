'use strict';
// Drives @kafkajs/confluent-schema-registry against a registry.
// See lib/common.js for the commands; NpmClientsInteropIT runs them.

const fs = require('fs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const c = require('./lib/common');

const CLIENT = '@kafkajs/confluent-schema-registry';

function newRegistry(url) {
  // Few retries: a misbehaving endpoint should fail the test quickly, not after backoff.
  return new SchemaRegistry({ host: url, retry: { retries: 1, maxRetryTimeInSecs: 1 } });
}

function confluentSchema(schemaFile) {
  return { type: SchemaType.AVRO, schema: c.readSchema(schemaFile) };
}

/**
 * Registers the schema under <topic>-value the way the client documents it (it reads
 * GET /config/{subject} first and sets BACKWARD on a new subject), and returns the id, checked
 * against a lookup by schema and the subject's latest version.
 */
async function register(registry, subject, schema) {
  const { id } = await registry.register(schema, { subject });
  const lookedUp = await registry.getRegistryIdBySchema(subject, schema);
  const latest = await registry.getLatestSchemaId(subject);
  if (id !== lookedUp || id !== latest) {
    c.fail(`Subject ${subject}: registered id ${id}, lookup by schema ${lookedUp}, latest ${latest}`);
  }
  return id;
}

async function roundtrip(url, schemaFile, topic, fieldsFile, outFile) {
  const registry = newRegistry(url);
  const subject = `${topic}-value`;
  const id = await register(registry, subject, confluentSchema(schemaFile));
  const record = c.webEvent(c.readFields(fieldsFile));
  const bytes = await registry.encode(id, record);
  if (c.schemaIdOf(bytes) !== id) {
    c.fail(`Encoded with schema id ${c.schemaIdOf(bytes)}, registered id is ${id}`);
  }
  // A fresh client, so decoding fetches the writer schema by id instead of using the cache.
  const decoded = await newRegistry(url).decode(bytes);
  c.expectEqual('Record decoded back', decoded, record);
  c.report(outFile, {
    client: CLIENT,
    version: c.packageVersion(CLIENT),
    subject,
    id,
    hex: bytes.toString('hex'),
    record: c.flatten(decoded),
  });
}

async function decode(url, topic, bytesFile, outFile) {
  const bytes = c.readBytes(bytesFile);
  const schemaId = c.schemaIdOf(bytes);
  const decoded = await newRegistry(url).decode(bytes);
  c.report(outFile, {
    client: CLIENT,
    version: c.packageVersion(CLIENT),
    topic,
    schemaId,
    record: c.flatten(decoded),
    decoded: c.plain(decoded),
  });
}

async function encode(url, schemaFile, topic, fieldsFile, bytesFile) {
  const registry = newRegistry(url);
  const subject = `${topic}-value`;
  const id = await register(registry, subject, confluentSchema(schemaFile));
  const bytes = await registry.encode(id, c.webEvent(c.readFields(fieldsFile)));
  if (c.schemaIdOf(bytes) !== id) {
    c.fail(`Encoded with schema id ${c.schemaIdOf(bytes)}, registered id is ${id}`);
  }
  fs.writeFileSync(bytesFile, bytes.toString('hex') + '\n');
  process.stdout.write(JSON.stringify({ client: CLIENT, subject, id, hex: bytes.toString('hex') }) + '\n');
}

c.main('kafkajs.js', { roundtrip, decode, encode }, { roundtrip: 5, decode: 4, encode: 5 });
