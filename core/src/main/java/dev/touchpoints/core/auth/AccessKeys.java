package dev.touchpoints.core.auth;

import java.util.List;
import java.util.Optional;

/**
 * API keys with roles, for a server whose callers do different things: {@link Role#READ} (ops:
 * alerts, subjects, the console) and {@link Role#ADMIN} (everything a reader may, and the
 * administrative operations). Off when no key of any role is set.
 */
public final class AccessKeys {

  /** What a key may do. */
  public enum Role {
    /** Read alerts, subjects, incidents and statistics; use the console. */
    READ,
    /** All of {@link #READ}, and administrative operations. */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean allows(Role needed) {
      return compareTo(needed) >= 0;
    }
  }

  private final ApiKeys read;
  private final ApiKeys admin;
  private final Optional<String> own;

  private AccessKeys(List<String> read, List<String> admin) {
    this.read = new ApiKeys(read);
    this.admin = new ApiKeys(admin);
    this.own = admin.isEmpty() ? read.stream().findFirst() : admin.stream().findFirst();
  }

  /** Keys of each role; both empty: access control off. */
  public static AccessKeys of(List<String> read, List<String> admin) {
    return new AccessKeys(List.copyOf(read), List.copyOf(admin));
  }

  /** Whether access control is on. */
  public boolean enabled() {
    return read.enabled() || admin.enabled();
  }

  /** The role of {@code key}, or empty when it is no key of this server. */
  public Optional<Role> roleOf(String key) {
    if (admin.matches(key)) {
      return Optional.of(Role.ADMIN);
    }
    return read.matches(key) ? Optional.of(Role.READ) : Optional.empty();
  }

  /**
   * A key this server's own instances present to each other (the first admin key, else the first
   * read key); empty when access control is off.
   */
  public Optional<String> own() {
    return own;
  }
}
