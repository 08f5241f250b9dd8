package dev.touchpoints.producers.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The gateway's API keys. Keys are kept only as SHA-256 digests and compared in constant time
 * ({@link MessageDigest#isEqual}), every key every time, so timing tells nothing about them.
 */
final class ApiKeys {

  private final List<byte[]> digests;

  ApiKeys(List<String> keys) {
    this.digests = keys.stream().map(ApiKeys::digest).toList();
  }

  /** Whether authentication is on. */
  boolean enabled() {
    return !digests.isEmpty();
  }

  /** Whether {@code candidate} is one of the keys. */
  boolean matches(String candidate) {
    byte[] given = digest(candidate);
    boolean match = false;
    for (byte[] key : digests) {
      match |= MessageDigest.isEqual(key, given);
    }
    return match;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
