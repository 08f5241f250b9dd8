package dev.touchpoints.core.tls;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.serde.tls.TlsSettings;
import io.javalin.config.JavalinConfig;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Whether one of the app's HTTP servers (gateway, query API and console, schema registry) speaks
 * TLS. With {@code <prefix>.ssl.keystore.location} set it listens with HTTPS only – no plain HTTP
 * port – using the key in that keystore ({@code <prefix>.ssl.keystore.password}, {@code .type},
 * {@code <prefix>.ssl.key.password}); without, it listens with plain HTTP.
 *
 * <p>The keystore is read when the settings are read, so a missing file or a wrong password stops
 * the server at start-up with an error naming the setting.
 */
public final class ServerTls {

  private final TlsSettings settings;
  private final KeyStore keyStore;

  private ServerTls(TlsSettings settings, KeyStore keyStore) {
    this.settings = settings;
    this.keyStore = keyStore;
  }

  /**
   * Reads the {@code <prefix>.ssl.*} settings and, when a keystore is set, the keystore.
   *
   * @param prefix {@code gateway}, {@code query} or {@code registry}
   * @throws org.apache.kafka.common.config.ConfigException naming the setting when the keystore
   *     cannot be read
   */
  public static ServerTls fromConfig(AppConfig config, String prefix) {
    TlsSettings settings = config.tls(prefix);
    return new ServerTls(settings, settings.hasKeyStore() ? settings.keyStore() : null);
  }

  /** Plain HTTP. */
  public static ServerTls off(String prefix) {
    return new ServerTls(TlsSettings.none(prefix), null);
  }

  /** Whether the server listens with HTTPS. */
  public boolean enabled() {
    return keyStore != null;
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return enabled() ? "https" : "http";
  }

  /**
   * Makes {@code javalin} listen with HTTPS on {@code port} (0 for a free one) when TLS is on;
   * otherwise leaves it as it is, to listen with plain HTTP on the port it is started with.
   */
  public void listen(JavalinConfig javalin, int port) {
    if (!enabled()) {
      return;
    }
    String keyPassword = new String(settings.keyPassword());
    // A connector of our own replaces Javalin's default plain one: there is no HTTP port.
    javalin.jetty.addConnector(
        (server, http) -> {
          HttpConfiguration https = new HttpConfiguration(http);
          https.addCustomizer(new SecureRequestCustomizer());
          SslContextFactory.Server ssl = new SslContextFactory.Server();
          ssl.setKeyStore(keyStore);
          ssl.setKeyManagerPassword(keyPassword);
          ServerConnector connector =
              new ServerConnector(server, ssl, new HttpConnectionFactory(https));
          connector.setPort(port);
          return connector;
        });
  }

  /**
   * A context for calling servers of this kind (e.g. one query API instance asking another): it
   * trusts {@code <prefix>.ssl.truststore.*} when set, else the JDK's trusted authorities.
   */
  public SSLContext clientContext() {
    return settings.trustContext();
  }

  @Override
  public String toString() {
    return enabled() ? "https (" + settings.key("ssl.keystore.location") + ")" : "http";
  }
}
