package dev.touchpoints.serde.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's {@code
 * keytool} the way docs/operations.md tells operators to: a PKCS12 keystore with the key, and a
 * PKCS12 truststore with only the certificate. For tests of the TLS servers and their clients.
 *
 * @param keystore the server's keystore
 * @param truststore a truststore trusting just this certificate
 * @param password the password of both stores and of the key
 */
public record TestCertificate(Path keystore, Path truststore, String password) {

  /** Makes a certificate in {@code dir} (a test's temporary directory). */
  public static TestCertificate create(Path dir) {
    Path keystore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.crt");
    Path truststore = dir.resolve("truststore.p12");
    String password = "test-store-secret";
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        password);
    return new TestCertificate(keystore, truststore, password);
  }

  /** The settings making a server under {@code prefix} listen with this certificate. */
  public Map<String, String> serverSettings(String prefix) {
    return Map.of(
        prefix + ".ssl.keystore.location",
        keystore.toString(),
        prefix + ".ssl.keystore.password",
        password);
  }

  /** The settings making a client under {@code prefix} trust this certificate. */
  public Map<String, String> clientSettings(String prefix) {
    return Map.of(
        prefix + ".ssl.truststore.location",
        truststore.toString(),
        prefix + ".ssl.truststore.password",
        password);
  }

  /** A client context trusting this certificate only. */
  public SSLContext trustingContext() {
    return TlsSettings.from(clientSettings("test"), "test").trustContext();
  }

  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }
}
