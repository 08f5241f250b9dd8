package dev.touchpoints.connect;

import dev.touchpoints.connect.Alert.Kind;
import dev.touchpoints.connect.Alert.Severity;
import dev.touchpoints.connect.format.Format;
import dev.touchpoints.connect.format.PagerDutyFormat;
import dev.touchpoints.connect.format.SlackFormat;
import dev.touchpoints.connect.format.WebhookFormat;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings, each declared once here. Routes are named in {@code routes}; each
 * route's keys ({@code route.<name>.format}, {@code .url}, …) are declared when the names are
 * known, the way Connect declares {@code transforms.<alias>.*}.
 */
public final class AlertDeliveryConfig extends AbstractConfig {

  /** The dead-letter topic the documentation and the example configuration use. */
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "touchpoints.alert-delivery-dlq";

  public static final String ROUTES = "routes";
  public static final String CONSOLE_URL = "console.url";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
  public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";

  static final String ROUTE_PREFIX = "route.";
  static final String FORMAT = ".format";
  static final String URL = ".url";
  static final String KINDS = ".kinds";
  static final String TYPES = ".types";
  static final String MIN_SEVERITY = ".min.severity";
  static final String SECRET = ".secret";
  static final String ROUTING_KEY = ".routing.key";

  /** PagerDuty's Events API v2 endpoint, the default URL of a {@code pagerduty} route. */
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  private static final String ROUTES_GROUP = "Routes";

  /** Reads {@code props}; a {@link ConfigException} names the key and the problem. */
  public AlertDeliveryConfig(Map<String, String> props) {
    super(configDef(props), props, false);
    routes();
  }

  /** The settings that do not depend on the route names. */
  public static ConfigDef baseConfigDef() {
    return new ConfigDef()
        .define(
            ROUTES,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  if (((List<?>) value).isEmpty()) {
                    throw new ConfigException(name, value, "name at least one route");
                  }
                },
                () -> "non-empty list of route names"),
            Importance.HIGH,
            "Names of the routes, e.g. pagerduty,slack. Each route is configured under"
                + " route.<name>.* and gets every alert it matches; one alert may go to several.")
        .define(
            CONSOLE_URL,
            Type.STRING,
            "http://localhost:8088",
            Importance.MEDIUM,
            "Base URL of the ops console; Slack and PagerDuty messages link to"
                + " <console.url>/#/subjects/<subject id>.")
        .define(
            MAX_RETRIES,
            Type.INT,
            10,
            ConfigDef.Range.atLeast(0),
            Importance.MEDIUM,
            "Retries of one delivery after a 5xx, 408, 429, a timeout or a connection error;"
                + " then the record goes to the dead-letter topic.")
        .define(
            RETRY_BACKOFF_MS,
            Type.LONG,
            500L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Wait before the first retry; doubled for each further retry (with jitter).")
        .define(
            RETRY_BACKOFF_MAX_MS,
            Type.LONG,
            30_000L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Longest wait between two attempts, also for a Retry-After the receiver asks for.")
        .define(
            REQUEST_TIMEOUT_MS,
            Type.LONG,
            10_000L,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "Time to connect and to get an answer to one request before it counts as timed out.");
  }

  /** The settings including those of every route named in {@code props}. */
  public static ConfigDef configDef(Map<String, String> props) {
    ConfigDef def = baseConfigDef();
    for (String name : routeNames(props)) {
      String p = ROUTE_PREFIX + name;
      def.define(
              p + FORMAT,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.ValidString.in("webhook", "slack", "pagerduty"),
              Importance.HIGH,
              "Payload of route " + name + ": webhook, slack or pagerduty.",
              ROUTES_GROUP,
              0,
              ConfigDef.Width.SHORT,
              p + FORMAT)
          .define(
              p + URL,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "Endpoint of route "
                  + name
                  + " (a secret: Slack's webhook URLs carry their token). Default for pagerduty: "
                  + PAGERDUTY_EVENTS_URL)
          .define(
              p + KINDS,
              Type.LIST,
              Kind.CUSTOMER.wireName() + "," + Kind.INCIDENT.wireName(),
              Importance.MEDIUM,
              "Kinds route " + name + " takes: customer-alert, incident-alert.")
          .define(
              p + TYPES,
              Type.LIST,
              "",
              Importance.MEDIUM,
              "Alert types route " + name + " takes (incidents have type INCIDENT); empty: all.")
          .define(
              p + MIN_SEVERITY,
              Type.STRING,
              Severity.INFO.name(),
              ConfigDef.ValidString.in(
                  Arrays.stream(Severity.values()).map(Enum::name).toArray(String[]::new)),
              Importance.MEDIUM,
              "Lowest severity route "
                  + name
                  + " takes for a raise or update; a CLEARED or RESOLVED record always passes, so"
                  + " what was paged is also resolved.")
          .define(
              p + SECRET,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "HMAC-SHA256 key of a webhook route's X-Touchpoints-Signature header.")
          .define(
              p + ROUTING_KEY,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "Integration (routing) key of a pagerduty route.");
    }
    return def;
  }

  /** The routes, in the order named. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (String name : getList(ROUTES)) {
      routes.add(route(name));
    }
    return routes;
  }

  /** How long one request may take. */
  public Duration requestTimeout() {
    return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
  }

  /** The retry policy. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(
        getInt(MAX_RETRIES),
        Duration.ofMillis(getLong(RETRY_BACKOFF_MS)),
        Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS)));
  }

  private Route route(String name) {
    String p = ROUTE_PREFIX + name;
    String format = getString(p + FORMAT);
    String consoleUrl = getString(CONSOLE_URL);
    Format payload =
        switch (format) {
          case "webhook" -> new WebhookFormat(required(p + SECRET));
          case "slack" -> new SlackFormat(consoleUrl);
          case "pagerduty" -> new PagerDutyFormat(required(p + ROUTING_KEY), consoleUrl);
          default -> throw new ConfigException(p + FORMAT, format, "unknown format");
        };
    Password url = getPassword(p + URL);
    String target =
        url != null ? url.value() : format.equals("pagerduty") ? PAGERDUTY_EVENTS_URL : null;
    if (target == null || target.isBlank()) {
      throw new ConfigException(p + URL, "[hidden]", "route " + name + " needs a URL");
    }
    URI uri;
    try {
      uri = URI.create(target.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + URL, "[hidden]", "not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException(p + URL, "[hidden]", "an http or https URL is needed");
    }
    Set<Kind> kinds =
        getList(p + KINDS).stream()
            .map(
                k -> {
                  try {
                    return Kind.of(k);
                  } catch (InvalidAlertException e) {
                    throw new ConfigException(p + KINDS, k, "use customer-alert, incident-alert");
                  }
                })
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> types =
        getList(p + TYPES).stream()
            .map(t -> t.trim().toUpperCase(Locale.ROOT))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Severity min = Severity.valueOf(getString(p + MIN_SEVERITY));
    return new Route(name, payload, uri, kinds, types, min);
  }

  private Password required(String key) {
    Password value = getPassword(key);
    if (value == null || value.value().isEmpty()) {
      throw new ConfigException(key, "[hidden]", "this route's format needs it");
    }
    return value;
  }

  private static List<String> routeNames(Map<String, String> props) {
    String value = props.get(ROUTES);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .distinct()
        .toList();
  }
}
