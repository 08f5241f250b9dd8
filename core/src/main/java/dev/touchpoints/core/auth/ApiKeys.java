package dev.touchpoints.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A set of API keys (bearer tokens). Keys are kept only as SHA-256 digests and compared in constant
 * time ({@link MessageDigest#isEqual}), every key every time, so timing tells nothing about them.
 * The one mechanism of every Touchpoints server: the gateway and the query API.
 */
public final class ApiKeys {

  private final List<byte[]> digests;

  public ApiKeys(List<String> keys) {
    this.digests = keys.stream().map(ApiKeys::digest).toList();
  }

  /** Whether authentication is on. */
  public boolean enabled() {
    return !digests.isEmpty();
  }

  /** Whether {@code candidate} is one of the keys. */
  public boolean matches(String candidate) {
    byte[] given = digest(candidate);
    boolean match = false;
    for (byte[] key : digests) {
      match |= MessageDigest.isEqual(key, given);
    }
    return match;
  }

  /**
   * A short name of a key for audit trails: the first 8 hex digits of its SHA-256 – enough to tell
   * the keys of a deployment apart, useless for guessing the key.
   */
  public static String fingerprint(String key) {
    return HexFormat.of().formatHex(digest(key), 0, 4);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** The keys of a comma-separated setting value (blank entries dropped). */
  public static List<String> parse(String commaList) {
    return Arrays.stream(commaList == null ? new String[0] : commaList.split(","))
        .map(String::trim)
        .filter(k -> !k.isEmpty())
        .toList();
  }

  /**
   * The key a request presents: the {@code X-Api-Key} header, else an {@code Authorization: Bearer}
   * token; empty when there is none.
   */
  public static Optional<String> presented(String apiKeyHeader, String authorizationHeader) {
    if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
      return Optional.of(apiKeyHeader.trim());
    }
    if (authorizationHeader != null
        && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorizationHeader.substring(7).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }
}
