package dev.touchpoints.connect.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** JSON writing and console links shared by the formats. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  /** The console page of a subject; the console routes subject pages as {@code #/subjects/<id>}. */
  static String subjectLink(String consoleUrl, String subjectId) {
    return base(consoleUrl)
        + "/#/subjects/"
        + URLEncoder.encode(subjectId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The console's home page, where the incident banner is. */
  static String home(String consoleUrl) {
    return base(consoleUrl) + "/";
  }

  private static String base(String consoleUrl) {
    return consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
  }

  /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
