package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The export command against a stand-in query API that checks the key as the engine does. */
class ExportCommandTest {

  private static final String ADMIN_KEY = "admin-key";

  private HttpServer api;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() throws Exception {
    api = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    api.createContext(
        "/v1/subjects/",
        exchange -> {
          paths.add(exchange.getRequestURI().getRawPath());
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          int status;
          String body;
          if (auth == null) {
            status = 401;
            body = "{\"error\":\"unauthorized\"}";
          } else if (!auth.equals("Bearer " + ADMIN_KEY)) {
            status = 403;
            body = "{\"error\":\"forbidden\"}";
          } else if (exchange.getRequestURI().getRawPath().contains("nobody")) {
            status = 404;
            body = "{\"error\":\"subject_not_found\"}";
          } else {
            status = 200;
            body = "{\"subjectId\":\"cust 7\",\"ledger\":{}}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    api.start();
  }

  @AfterEach
  void stopApi() {
    api.stop(0);
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ExportCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String url() {
    return "http://localhost:" + api.getAddress().getPort();
  }

  @Test
  void shouldPrintTheDocumentWithAnAdminKey() {
    int code = run("--api", url(), "--api-key", ADMIN_KEY, "cust 7");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"subjectId\":\"cust 7\"");
    assertThat(paths).containsExactly("/v1/subjects/cust%207/export");
  }

  @Test
  void shouldNameTheRoleWhenTheKeyIsMissingOrNotEnough() {
    assertThat(run("--api", url(), "--api-key", "", "cust-7")).isEqualTo(1);
    assertThat(run("--api", url(), "--api-key", "ops-key", "cust-7")).isEqualTo(1);
    assertThat(err.toString()).contains("admin role").contains("(401)").contains("(403)");
  }

  @Test
  void shouldSayWhenNothingIsHeld() {
    assertThat(run("--api", url(), "--api-key", ADMIN_KEY, "nobody")).isEqualTo(QueryApi.NOT_FOUND);
    assertThat(err.toString()).contains("Nothing recorded for subject nobody");
  }
}
