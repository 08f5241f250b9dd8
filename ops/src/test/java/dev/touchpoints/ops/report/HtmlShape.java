package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a page is one HTML document whose elements close in the order they open. */
final class HtmlShape {

  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>");
  private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link");

  private HtmlShape() {}

  static void assertWellFormed(String html) {
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
    String body = html.replaceAll("(?s)<style>.*?</style>", "<style></style>");
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TAG.matcher(body);
    while (m.find()) {
      String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
      if (VOID.contains(name) || !m.group(3).isEmpty()) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
      } else {
        assertThat(open).as("closing </%s> at %d", name, m.start()).isNotEmpty();
        assertThat(open.pop()).as("element closed by </%s> at %d", name, m.start()).isEqualTo(name);
      }
    }
    assertThat(open).as("elements never closed").isEmpty();
  }
}
