'use strict';
// Drives Confluent's own Node client, @confluentinc/schemaregistry, against a registry.
// See lib/common.js for the commands; NpmClientsInteropIT runs them.

const {
  SchemaRegistryClient,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
} = require('@confluentinc/schemaregistry');
const c = require('./lib/common');

const CLIENT = '@confluentinc/schemaregistry';

function newClient(url) {
  // Few retries: a misbehaving endpoint should fail the test quickly, not after backoff.
  return new SchemaRegistryClient({ baseURLs: [url], maxRetries: 1, retriesWaitMs: 100 });
}

function schemaInfo(schemaFile) {
  return { schemaType: 'AVRO', schema: c.readSchema(schemaFile) };
}

/** Registers the schema under <topic>-value and returns its id, checked by a lookup. */
async function register(client, subject, info) {
  const id = await client.register(subject, info, false);
  const lookedUp = await client.getId(subject, info, false);
  if (id !== lookedUp) {
    c.fail(`Registering under ${subject} returned id ${id}, looking the schema up returned ${lookedUp}`);
  }
  return id;
}

/** The serializer the client's README shows: the subject's latest registered schema. */
function serializer(client) {
  return new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
}

function deserializer(client) {
  return new AvroDeserializer(client, SerdeType.VALUE, {});
}

async function roundtrip(url, schemaFile, topic, fieldsFile, outFile) {
  const client = newClient(url);
  try {
    const subject = `${topic}-value`;
    const id = await register(client, subject, schemaInfo(schemaFile));
    const record = c.webEvent(c.readFields(fieldsFile));
    const bytes = await serializer(client).serialize(topic, record);
    if (c.schemaIdOf(bytes) !== id) {
      c.fail(`Serialized with schema id ${c.schemaIdOf(bytes)}, registered id is ${id}`);
    }
    const decoded = await deserializer(client).deserialize(topic, bytes);
    c.expectEqual('Record decoded back', decoded, record);
    c.report(outFile, {
      client: CLIENT,
      version: c.packageVersion(CLIENT),
      subject,
      id,
      hex: bytes.toString('hex'),
      record: c.flatten(decoded),
    });
  } finally {
    client.close();
  }
}

async function decode(url, topic, bytesFile, outFile) {
  const client = newClient(url);
  try {
    const bytes = c.readBytes(bytesFile);
    const schemaId = c.schemaIdOf(bytes);
    const decoded = await deserializer(client).deserialize(topic, bytes);
    c.report(outFile, {
      client: CLIENT,
      version: c.packageVersion(CLIENT),
      schemaId,
      record: c.flatten(decoded),
      decoded: c.plain(decoded),
    });
  } finally {
    client.close();
  }
}

async function encode(url, schemaFile, topic, fieldsFile, bytesFile) {
  const client = newClient(url);
  try {
    const subject = `${topic}-value`;
    const id = await register(client, subject, schemaInfo(schemaFile));
    const record = c.webEvent(c.readFields(fieldsFile));
    const bytes = await serializer(client).serialize(topic, record);
    if (c.schemaIdOf(bytes) !== id) {
      c.fail(`Serialized with schema id ${c.schemaIdOf(bytes)}, registered id is ${id}`);
    }
    require('fs').writeFileSync(bytesFile, bytes.toString('hex') + '\n');
    process.stdout.write(JSON.stringify({ client: CLIENT, subject, id, hex: bytes.toString('hex') }) + '\n');
  } finally {
    client.close();
  }
}

/**
 * Schema references: registers Customer under <topic>-customer and Order (which uses Customer)
 * under <topic>-value with a reference, round-trips an Order, and decodes the bytes Java wrote.
 */
async function references(url, customerFile, orderFile, topic, javaBytesFile, outFile) {
  const client = newClient(url);
  try {
    const customerSubject = `${topic}-customer`;
    const subject = `${topic}-value`;
    await register(client, customerSubject, schemaInfo(customerFile));
    const info = {
      schemaType: 'AVRO',
      schema: c.readSchema(orderFile),
      references: [{ name: 'dev.touchpoints.refs.Customer', subject: customerSubject, version: 1 }],
    };
    const id = await register(client, subject, info);
    const record = { customer: { id: 'c-node' }, amount: 7 };
    const bytes = await serializer(client).serialize(topic, record);
    if (c.schemaIdOf(bytes) !== id) {
      c.fail(`Serialized with schema id ${c.schemaIdOf(bytes)}, registered id is ${id}`);
    }
    c.expectEqual('Order decoded back', await deserializer(client).deserialize(topic, bytes), record);
    const fromJava = await deserializer(client).deserialize(topic, c.readBytes(javaBytesFile));
    c.report(outFile, {
      client: CLIENT,
      version: c.packageVersion(CLIENT),
      id,
      hex: bytes.toString('hex'),
      decodedJava: c.plain(fromJava),
    });
  } finally {
    client.close();
  }
}

c.main(
  'confluent.js',
  { roundtrip, decode, encode, references },
  { roundtrip: 5, decode: 4, encode: 5, references: 6 },
);
