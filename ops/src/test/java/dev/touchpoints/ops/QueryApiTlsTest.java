package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.serde.tls.TestCertificate;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code subject} and {@code export} against a stand-in query API served with the engine's TLS
 * ({@link ServerTls}, a self-signed certificate made here): https works once the certificate is
 * trusted, with {@code --truststore} or the {@code query.ssl.truststore.*} settings.
 */
class QueryApiTlsTest {

  @TempDir Path dir;
  private TestCertificate certificate;
  private Javalin api;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() {
    certificate = TestCertificate.create(dir);
    ServerTls tls =
        ServerTls.fromConfig(
            AppConfig.of(certificate.serverSettings(QueryApi.TLS_PREFIX), Map.of()),
            QueryApi.TLS_PREFIX);
    api =
        Javalin.create(
                config -> {
                  config.showJavalinBanner = false;
                  tls.listen(config, 0);
                })
            .get(
                "/v1/subjects/{id}/export",
                ctx -> ctx.json(Map.of("subjectId", ctx.pathParam("id"), "ledger", Map.of())))
            .start();
  }

  @AfterEach
  void stopApi() {
    api.stop();
  }

  private int run(Callable<Integer> command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String url() {
    return "https://localhost:" + api.port();
  }

  @Test
  void shouldExportOverHttpsTrustingTheTruststoreGivenAsFlag() {
    int code =
        run(
            new ExportCommand(),
            "--api",
            url(),
            "--truststore",
            certificate.truststore().toString(),
            "--set",
            "query.ssl.truststore.password=" + certificate.password(),
            "cust-7");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"subjectId\":\"cust-7\"");
  }

  @Test
  void shouldTrustTheTruststoreOfTheSettings() {
    List<String> args = new ArrayList<>(List.of("--api", url(), "cust-7"));
    certificate
        .clientSettings(QueryApi.TLS_PREFIX)
        .forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));

    assertThat(run(new ExportCommand(), args.toArray(String[]::new))).as(err.toString()).isZero();
  }

  @Test
  void shouldSayTheCertificateIsNotTrustedWithoutATruststore() {
    int code = run(new SubjectCommand(), "--api", url(), "cust-7");

    assertThat(code).isEqualTo(QueryApi.TRY_AGAIN);
    assertThat(err.toString()).contains("certificate is not trusted").contains("--truststore");
  }

  @Test
  void shouldNameTheSettingWhenTheTruststorePasswordIsWrong() {
    int code =
        run(
            new ExportCommand(),
            "--api",
            url(),
            "--truststore",
            certificate.truststore().toString(),
            "--set",
            "query.ssl.truststore.password=guess",
            "cust-7");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("query.ssl.truststore.password");
  }
}
