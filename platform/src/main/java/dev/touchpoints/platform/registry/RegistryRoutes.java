package dev.touchpoints.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.platform.registry.auth.BasicAuthHandler;
import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.RegistryMode;
import dev.touchpoints.platform.registry.store.SchemaReference;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of the registry: Confluent's REST paths, JSON bodies and error shape, mapped onto
 * {@link SchemaRegistry}. Unknown JSON fields and query parameters are ignored; any {@code Accept}
 * header is served.
 */
final class RegistryRoutes {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SUBJECT = "subject";
  private static final String VERSION = "version";
  private static final String ID = "id";

  private final SchemaRegistry registry;

  RegistryRoutes(SchemaRegistry registry) {
    this.registry = registry;
  }

  void register(Javalin app) {
    app.get("/", ctx -> respond(ctx, Map.of()));
    app.get("/schemas/types", ctx -> respond(ctx, List.of("AVRO")));
    app.get("/mode", ctx -> respond(ctx, mode(registry.globalMode())));
    app.put(
        "/mode",
        ctx -> respond(ctx, mode(registry.setMode(null, modeIn(ctx), flag(ctx, "force")))));
    app.delete("/mode", ctx -> respond(ctx, mode(registry.deleteMode(null))));
    app.get(
        "/mode/{subject}",
        ctx ->
            respond(ctx, mode(registry.subjectMode(subject(ctx), flag(ctx, "defaultToGlobal")))));
    app.put(
        "/mode/{subject}",
        ctx -> respond(ctx, mode(registry.setMode(subject(ctx), modeIn(ctx), flag(ctx, "force")))));
    app.delete("/mode/{subject}", ctx -> respond(ctx, mode(registry.deleteMode(subject(ctx)))));
    app.get("/associations/resources/*", ctx -> respond(ctx, List.of()));

    app.get("/subjects", this::listSubjects);
    app.post("/subjects/{subject}/versions", this::registerSchema);
    app.post("/subjects/{subject}", this::lookupSchema);
    app.get("/subjects/{subject}/versions", this::listVersions);
    app.get("/subjects/{subject}/versions/{version}", this::getVersion);
    app.get("/subjects/{subject}/versions/{version}/schema", this::getVersionSchema);
    app.get(
        "/subjects/{subject}/versions/{version}/referencedby",
        ctx -> respond(ctx, registry.referencedBy(subject(ctx), ctx.pathParam(VERSION))));
    app.delete("/subjects/{subject}", this::deleteSubject);
    app.delete("/subjects/{subject}/versions/{version}", this::deleteVersion);

    app.get("/schemas", this::listSchemas);
    app.get("/schemas/ids/{id}", this::getSchemaById);
    app.get(
        "/schemas/ids/{id}/schema", ctx -> respondRaw(ctx, registry.schemaById(id(ctx)).schema()));
    app.get("/schemas/ids/{id}/subjects", this::getSubjectsById);
    app.get("/schemas/ids/{id}/versions", this::getVersionsById);

    app.get("/config", ctx -> respond(ctx, level(registry.globalLevel())));
    app.put("/config", ctx -> respond(ctx, setLevel(registry.setGlobalLevel(levelIn(ctx)))));
    app.delete("/config", ctx -> respond(ctx, level(registry.resetGlobalLevel())));
    app.get("/config/{subject}", this::getSubjectConfig);
    app.put(
        "/config/{subject}",
        ctx -> respond(ctx, setLevel(registry.setSubjectLevel(subject(ctx), levelIn(ctx)))));
    app.delete(
        "/config/{subject}", ctx -> respond(ctx, level(registry.deleteSubjectLevel(subject(ctx)))));

    app.post("/compatibility/subjects/{subject}/versions", ctx -> testCompatibility(ctx, null));
    app.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> testCompatibility(ctx, ctx.pathParam(VERSION)));

    app.exception(
        RegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e));
    app.exception(
        BasicAuthHandler.AuthException.class, (e, ctx) -> error(ctx, e.status(), e.status(), e));
    app.exception(
        HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), e));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected error serving {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, 50001, new RuntimeException("Internal server error"));
        });
  }

  private void registerSchema(Context ctx) {
    int id = registry.register(subject(ctx), schemaIn(ctx), flag(ctx, "normalize"));
    respond(ctx, Map.of(ID, id));
  }

  private void lookupSchema(Context ctx) {
    SchemaValue found =
        registry.lookup(subject(ctx), schemaIn(ctx), flag(ctx, "deleted"), flag(ctx, "normalize"));
    respond(ctx, versionBody(found));
  }

  private void listSubjects(Context ctx) {
    respond(
        ctx,
        registry.subjects(
            ctx.queryParam("subjectPrefix"),
            flag(ctx, "deleted"),
            flag(ctx, "deletedOnly"),
            intParam(ctx, "offset", 0),
            intParam(ctx, "limit", -1)));
  }

  private void listSchemas(Context ctx) {
    respond(
        ctx,
        registry
            .schemas(
                ctx.queryParam("subjectPrefix"),
                flag(ctx, "deleted"),
                flag(ctx, "latestOnly"),
                intParam(ctx, "offset", 0),
                intParam(ctx, "limit", -1))
            .stream()
            .map(RegistryRoutes::versionBody)
            .toList());
  }

  private void listVersions(Context ctx) {
    respond(ctx, registry.versions(subject(ctx), flag(ctx, "deleted"), flag(ctx, "deletedOnly")));
  }

  private void getVersion(Context ctx) {
    SchemaValue value =
        registry.version(subject(ctx), ctx.pathParam(VERSION), flag(ctx, "deleted"));
    respond(ctx, versionBody(value));
  }

  private void getVersionSchema(Context ctx) {
    SchemaValue value =
        registry.version(subject(ctx), ctx.pathParam(VERSION), flag(ctx, "deleted"));
    respondRaw(ctx, value.schema());
  }

  private void deleteSubject(Context ctx) {
    respond(ctx, registry.deleteSubject(subject(ctx), flag(ctx, "permanent")));
  }

  private void deleteVersion(Context ctx) {
    respond(
        ctx, registry.deleteVersion(subject(ctx), ctx.pathParam(VERSION), flag(ctx, "permanent")));
  }

  private void getSchemaById(Context ctx) {
    SchemaValue value = registry.schemaById(id(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schema", value.schema());
    if (!value.references().isEmpty()) {
      body.put("references", value.references());
    }
    if (flag(ctx, "fetchMaxId")) {
      body.put("maxId", registry.maxId());
    }
    respond(ctx, body);
  }

  private void getSubjectsById(Context ctx) {
    respond(
        ctx,
        registry.usesOf(id(ctx), flag(ctx, "deleted"), ctx.queryParam(SUBJECT)).stream()
            .map(SchemaValue::subject)
            .distinct()
            .sorted()
            .toList());
  }

  private void getVersionsById(Context ctx) {
    respond(
        ctx,
        page(
            registry.usesOf(id(ctx), flag(ctx, "deleted"), ctx.queryParam(SUBJECT)).stream()
                .map(use -> Map.of(SUBJECT, use.subject(), VERSION, use.version()))
                .toList(),
            intParam(ctx, "offset", 0),
            intParam(ctx, "limit", -1)));
  }

  private void getSubjectConfig(Context ctx) {
    respond(ctx, level(registry.subjectLevel(subject(ctx), flag(ctx, "defaultToGlobal"))));
  }

  private void testCompatibility(Context ctx, String version) {
    CompatibilityResult result =
        registry.testCompatibility(
            subject(ctx), version, schemaIn(ctx), flag(ctx, "normalize"), flag(ctx, "verbose"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_compatible", result.compatible());
    if (flag(ctx, "verbose")) {
      body.put("messages", result.messages());
    }
    respond(ctx, body);
  }

  private static Map<String, Object> versionBody(SchemaValue value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(SUBJECT, value.subject());
    body.put(VERSION, value.version());
    body.put(ID, value.id());
    body.put("schema", value.schema());
    if (!value.references().isEmpty()) {
      body.put("references", value.references());
    }
    if (value.deleted()) {
      body.put("deleted", true);
    }
    return body;
  }

  private static Map<String, String> mode(RegistryMode mode) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("mode", mode == null ? null : mode.name());
    return body;
  }

  private static <T> List<T> page(List<T> items, int offset, int limit) {
    int from = Math.min(Math.max(offset, 0), items.size());
    int to = limit < 0 ? items.size() : (int) Math.min((long) from + limit, items.size());
    return items.subList(from, to);
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new RegistryException(400, 400, "Query parameter '" + name + "' must be an integer");
    }
  }

  private static Map<String, String> level(CompatibilityLevel level) {
    return Map.of("compatibilityLevel", level.name());
  }

  private static Map<String, String> setLevel(CompatibilityLevel level) {
    return Map.of("compatibility", level.name());
  }

  private static String subject(Context ctx) {
    return ctx.pathParam(SUBJECT);
  }

  private static int id(Context ctx) {
    String raw = ctx.pathParam(ID);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new RegistryException(404, 40403, "Schema " + raw + " not found");
    }
  }

  private static boolean flag(Context ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParam(name));
  }

  private static SchemaRequest schemaIn(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new RegistryException(422, 42201, "Invalid schema: field 'schema' must be a string");
    }
    JsonNode type = body.get("schemaType");
    List<SchemaReference> references = new ArrayList<>();
    JsonNode refs = body.get("references");
    if (refs != null && refs.isArray()) {
      for (JsonNode ref : refs) {
        if (!ref.path("name").isTextual()
            || !ref.path("subject").isTextual()
            || !ref.path(VERSION).canConvertToInt()) {
          throw new RegistryException(
              422,
              42201,
              "Invalid schema: each reference needs a string 'name' and 'subject' and an integer"
                  + " 'version'");
        }
        references.add(
            new SchemaReference(
                ref.get("name").asText(), ref.get("subject").asText(), ref.get(VERSION).asInt()));
      }
    }
    return new SchemaRequest(
        schema.asText(),
        type == null || type.isNull() ? null : type.asText(),
        references,
        body.path(ID).canConvertToInt() ? body.get(ID).asInt() : -1,
        body.path(VERSION).canConvertToInt() ? body.get(VERSION).asInt() : 0);
  }

  private static String modeIn(Context ctx) {
    JsonNode mode = body(ctx).get("mode");
    if (mode == null || mode.isNull()) {
      return null;
    }
    if (!mode.isTextual()) {
      throw RegistryException.invalidMode(mode.toString());
    }
    return mode.asText();
  }

  private static String levelIn(Context ctx) {
    JsonNode level = body(ctx).get("compatibility");
    if (level == null || !level.isTextual()) {
      throw new RegistryException(
          422, 42203, "Invalid compatibility level: field 'compatibility' must be a string");
    }
    return level.asText();
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode node = MAPPER.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new RegistryException(400, 400, "Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RegistryException(
          400, 400, "Request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static void respond(Context ctx, Object body) {
    try {
      respondRaw(ctx, MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respondRaw(Context ctx, String json) {
    ctx.contentType(CONTENT_TYPE).result(json);
  }

  private static void error(Context ctx, int status, int code, Exception e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", e.getMessage());
    ctx.status(status);
    respond(ctx, body);
  }
}
