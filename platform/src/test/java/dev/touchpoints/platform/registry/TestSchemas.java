package dev.touchpoints.platform.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Avro schema texts shared by the registry tests. */
public final class TestSchemas {

  /** A record with one required field. */
  public static final String CUSTOMER_V1 =
      """
      {"type":"record","name":"Customer","namespace":"dev.touchpoints.test",
       "fields":[{"name":"id","type":"string"}]}
      """;

  /** V1 plus an optional field with a default: backward and forward compatible. */
  public static final String CUSTOMER_V2 =
      """
      {"type":"record","name":"Customer","namespace":"dev.touchpoints.test",
       "fields":[{"name":"id","type":"string"},
                 {"name":"email","type":["null","string"],"default":null}]}
      """;

  /** V1 plus a required field without default: not backward compatible with V1. */
  public static final String CUSTOMER_REQUIRED_FIELD =
      """
      {"type":"record","name":"Customer","namespace":"dev.touchpoints.test",
       "fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}]}
      """;

  /** V1 written differently (whitespace, attribute order): the same canonical schema. */
  public static final String CUSTOMER_V1_REFORMATTED =
      "{ \"namespace\" : \"dev.touchpoints.test\", \"name\":\"Customer\", \"type\":\"record\","
          + " \"fields\" : [ { \"type\":\"string\", \"name\":\"id\" } ] }";

  /** A different record. */
  public static final String ORDER =
      """
      {"type":"record","name":"Order","namespace":"dev.touchpoints.test",
       "fields":[{"name":"amount","type":"long"}]}
      """;

  /** Not a schema: unknown type. */
  public static final String INVALID =
      "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\",\"type\":\"nope\"}]}";

  /** A record other subjects reference. */
  public static final String REF_CUSTOMER =
      "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"dev.touchpoints.refs\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

  /** A record that uses {@link #REF_CUSTOMER} by name: registered with a reference. */
  public static final String REF_ORDER =
      "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"dev.touchpoints.refs\","
          + "\"fields\":[{\"name\":\"customer\",\"type\":\"dev.touchpoints.refs.Customer\"},"
          + "{\"name\":\"amount\",\"type\":\"long\"}]}";

  /** An order of {@link #REF_ORDER} for customer {@code customerId}. */
  public static GenericRecord refOrder(String customerId, long amount) {
    Schema.Parser parser = new Schema.Parser();
    parser.parse(REF_CUSTOMER);
    Schema order = parser.parse(REF_ORDER);
    GenericRecord customer = new GenericData.Record(order.getField("customer").schema());
    customer.put("id", customerId);
    GenericRecord record = new GenericData.Record(order);
    record.put("customer", customer);
    record.put("amount", amount);
    return record;
  }

  private TestSchemas() {}
}
