package dev.touchpoints.serde.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * The TLS key and trust stores configured under one prefix, with the key names Kafka and Confluent
 * use: {@code <prefix>.ssl.keystore.location}, {@code .password}, {@code .type} (default PKCS12),
 * {@code <prefix>.ssl.key.password} (default: the keystore password), and {@code
 * <prefix>.ssl.truststore.location}, {@code .password}, {@code .type} (default PKCS12).
 *
 * <p>Stores are read when asked for. A missing file, a wrong password or a keystore without a key
 * is a {@link ConfigException} naming the setting to fix, so a server or client fails at start-up,
 * not at its first connection. It lives here, below {@code core}, because the registry client needs
 * it too; the servers' TLS in {@code core} reads its keystore through it.
 */
public final class TlsSettings {

  /** Store type when none is given. */
  public static final String DEFAULT_TYPE = "PKCS12";

  private final String prefix;
  private final String keystoreLocation;
  private final String keystorePassword;
  private final String keystoreType;
  private final String keyPassword;
  private final String truststoreLocation;
  private final String truststorePassword;
  private final String truststoreType;

  private TlsSettings(String prefix, Map<String, ?> configs) {
    this.prefix = prefix;
    this.keystoreLocation = trimmed(configs, key("ssl.keystore.location"));
    this.keystorePassword = password(configs, key("ssl.keystore.password"));
    this.keystoreType = type(trimmed(configs, key("ssl.keystore.type")));
    String key = password(configs, key("ssl.key.password"));
    this.keyPassword = key != null ? key : keystorePassword;
    this.truststoreLocation = trimmed(configs, key("ssl.truststore.location"));
    this.truststorePassword = password(configs, key("ssl.truststore.password"));
    this.truststoreType = type(trimmed(configs, key("ssl.truststore.type")));
  }

  /**
   * The {@code <prefix>.ssl.*} settings in {@code configs}.
   *
   * @param prefix e.g. {@code gateway} or {@code schema.registry}, without the trailing dot
   */
  public static TlsSettings from(Map<String, ?> configs, String prefix) {
    return new TlsSettings(prefix, configs);
  }

  /** No stores: plain connections, the JDK's trusted certificates. */
  public static TlsSettings none(String prefix) {
    return new TlsSettings(prefix, Collections.emptyMap());
  }

  /** The full name of a setting under this prefix, e.g. {@code gateway.ssl.keystore.location}. */
  public String key(String suffix) {
    return prefix + "." + suffix;
  }

  /** Whether a keystore is configured (a server then speaks TLS). */
  public boolean hasKeyStore() {
    return keystoreLocation != null;
  }

  /** Whether a truststore is configured (a client then trusts only what it holds). */
  public boolean hasTrustStore() {
    return truststoreLocation != null;
  }

  /**
   * Reads the keystore and checks that its private key opens with the key password.
   *
   * @throws ConfigException naming the setting when the file is missing or unreadable, a password
   *     is wrong or missing, or the store holds no private key
   */
  public KeyStore keyStore() {
    if (!hasKeyStore()) {
      throw new ConfigException("No keystore configured (" + key("ssl.keystore.location") + ")");
    }
    if (keystorePassword == null) {
      throw new ConfigException(
          "Missing required setting '"
              + key("ssl.keystore.password")
              + "' for the keystore "
              + keystoreLocation);
    }
    KeyStore store = load("ssl.keystore", keystoreLocation, keystorePassword, keystoreType);
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          store.getKey(alias, keyPassword.toCharArray());
          return store;
        }
      }
    } catch (UnrecoverableKeyException e) {
      throw new ConfigException(
          key("ssl.key.password")
              + " (default: the keystore password) does not open the private key in "
              + keystoreLocation);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot read the private key in " + keystoreLocation + ": " + e);
    }
    throw new ConfigException(
        "The keystore "
            + keystoreLocation
            + " ("
            + key("ssl.keystore.location")
            + ") holds no private key");
  }

  /** The password of the keystore's private key. */
  public char[] keyPassword() {
    return keyPassword == null ? new char[0] : keyPassword.toCharArray();
  }

  /**
   * An {@link SSLContext} for a client: it trusts the certificates in the truststore when one is
   * configured, else the JDK's trusted authorities.
   *
   * @throws ConfigException naming the setting when the truststore cannot be read
   */
  public SSLContext trustContext() {
    try {
      if (!hasTrustStore()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load("ssl.truststore", truststoreLocation, truststorePassword, truststoreType));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS for " + prefix + ": " + e);
    }
  }

  private KeyStore load(String store, String location, String password, String type) {
    String locationKey = key(store + ".location");
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore keyStore = KeyStore.getInstance(type);
      keyStore.load(in, password == null ? null : password.toCharArray());
      return keyStore;
    } catch (NoSuchFileException e) {
      throw new ConfigException(locationKey + ": no such file " + location);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new ConfigException(
            key(store + ".password")
                + " is not the password of "
                + location
                + " ("
                + locationKey
                + ")");
      }
      throw new ConfigException(
          locationKey + ": cannot read " + location + " as " + type + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          key(store + ".type") + ": cannot read " + location + " as " + type + ": " + e);
    }
  }

  private static String trimmed(Map<String, ?> configs, String key) {
    String value = password(configs, key);
    return value == null ? null : value.trim();
  }

  /** A password as given (spaces may belong to it); blank counts as not set. */
  private static String password(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static String type(String type) {
    return type == null ? DEFAULT_TYPE : type;
  }

  @Override
  public String toString() {
    // Locations only: never the passwords.
    return "TlsSettings["
        + prefix
        + ", keystore="
        + keystoreLocation
        + ", truststore="
        + truststoreLocation
        + "]";
  }
}
