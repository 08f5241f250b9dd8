package dev.touchpoints.platform.registry.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's users, read from a password file in the format Confluent's registry uses through
 * Jetty's {@code PropertyFileLoginModule}: one {@code name: password,role[,role…]} per line, {@code
 * #} comments. Passwords are plain or {@code MD5:<hex>}; Jetty's reversible {@code OBF:} form is
 * refused because it only looks like protection.
 *
 * <p>A user is read-write if one of their roles is in {@code writeRoles}, read-only if one is in
 * {@code readRoles}, and refused otherwise.
 */
public final class BasicAuthUsers {

  /** Roles that may change the registry unless configured otherwise. */
  public static final Set<String> DEFAULT_WRITE_ROLES = Set.of("admin", "readwrite");

  /** Roles that may only read unless configured otherwise. */
  public static final Set<String> DEFAULT_READ_ROLES = Set.of("readonly", "user");

  /** What an authenticated user may do. */
  public enum Access {
    READ_ONLY,
    READ_WRITE
  }

  private record User(String password, Set<String> roles) {}

  private final Map<String, User> users;
  private final Set<String> writeRoles;
  private final Set<String> readRoles;

  private BasicAuthUsers(Map<String, User> users, Set<String> writeRoles, Set<String> readRoles) {
    this.users = Map.copyOf(users);
    this.writeRoles = Set.copyOf(writeRoles);
    this.readRoles = Set.copyOf(readRoles);
  }

  /**
   * Loads a password file.
   *
   * @throws IllegalArgumentException naming the file and line if it cannot be read or parsed
   */
  public static BasicAuthUsers load(Path file, Set<String> writeRoles, Set<String> readRoles) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read registry users file " + file + ": " + e, e);
    }
    Map<String, User> users = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "Registry users file "
                + file
                + " line "
                + (i + 1)
                + ": expected 'name: password,role'");
      }
      String name = line.substring(0, colon).strip();
      List<String> parts = new ArrayList<>(List.of(line.substring(colon + 1).split(",")));
      String password = parts.remove(0).strip();
      if (password.startsWith("OBF:") || password.isEmpty()) {
        throw new IllegalArgumentException(
            "Registry users file "
                + file
                + " line "
                + (i + 1)
                + ": the password must be plain or MD5:<hex>");
      }
      Set<String> roles = new LinkedHashSet<>();
      parts.forEach(role -> roles.add(role.strip().toLowerCase(Locale.ROOT)));
      users.put(name, new User(password, roles));
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("Registry users file " + file + " defines no user");
    }
    return new BasicAuthUsers(users, lower(writeRoles), lower(readRoles));
  }

  /** The number of users defined. */
  public int size() {
    return users.size();
  }

  /**
   * Checks an {@code Authorization} header.
   *
   * @return the access granted, empty if the header is missing, malformed, the password is wrong,
   *     or the user has no admitted role
   */
  public Optional<Access> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    User user = users.get(decoded.substring(0, colon));
    if (user == null || !matches(user.password(), decoded.substring(colon + 1))) {
      return Optional.empty();
    }
    if (user.roles().stream().anyMatch(writeRoles::contains)) {
      return Optional.of(Access.READ_WRITE);
    }
    if (user.roles().stream().anyMatch(readRoles::contains)) {
      return Optional.of(Access.READ_ONLY);
    }
    return Optional.empty();
  }

  private static boolean matches(String stored, String given) {
    byte[] expected;
    byte[] actual;
    if (stored.startsWith("MD5:")) {
      expected = stored.substring(4).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
      actual = HexFormat.of().formatHex(md5(given)).getBytes(StandardCharsets.UTF_8);
    } else {
      expected = stored.getBytes(StandardCharsets.UTF_8);
      actual = given.getBytes(StandardCharsets.UTF_8);
    }
    // Constant time: the answer's timing does not tell how much of the password was right.
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static Set<String> lower(Set<String> roles) {
    Set<String> result = new LinkedHashSet<>();
    roles.forEach(role -> result.add(role.strip().toLowerCase(Locale.ROOT)));
    return result;
  }
}
