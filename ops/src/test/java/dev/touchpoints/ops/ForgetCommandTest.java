package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code touchpoints forget} against a stand-in query API that takes the request and then knows the
 * subject for two more looks (the engine's erasure is asynchronous).
 */
class ForgetCommandTest {

  private static final String ADMIN_KEY = "admin-key";

  private HttpServer api;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger looksUntilGone = new AtomicInteger(2);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() throws Exception {
    api = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    api.createContext(
        "/v1/subjects/",
        exchange -> {
          String method = exchange.getRequestMethod();
          String by = exchange.getRequestHeaders().getFirst("X-Requested-By");
          calls.add(method + " " + exchange.getRequestURI().getRawPath() + " by=" + by);
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          int status;
          String body;
          if (!("Bearer " + ADMIN_KEY).equals(auth)) {
            status = 403;
            body = "{\"error\":\"forbidden\",\"field\":\"Authorization\"}";
          } else if (method.equals("DELETE")) {
            status = 202;
            body = "{\"status\":\"ACCEPTED\",\"requestId\":\"req-1\"}";
          } else if (looksUntilGone.getAndDecrement() > 0) {
            status = 200;
            body = "{\"subjectId\":\"cust 7\"}";
          } else {
            status = 404;
            body = "{\"error\":\"subject_not_found\"}";
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
    CommandLine cli = new CommandLine(new ForgetCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String url() {
    return "http://localhost:" + api.getAddress().getPort();
  }

  @Test
  void shouldAskToForgetAndWaitUntilTheEngineNoLongerKnowsTheSubject() {
    int code = run("--api", url(), "--api-key", ADMIN_KEY, "--by", "Alice Ops", "cust 7");

    assertThat(code).isZero();
    assertThat(calls)
        .containsExactly(
            "DELETE /v1/subjects/cust%207 by=Alice Ops",
            "GET /v1/subjects/cust%207 by=null",
            "GET /v1/subjects/cust%207 by=null",
            "GET /v1/subjects/cust%207 by=null");
    assertThat(out.toString()).contains("request req-1").contains("Erased");
  }

  @Test
  void shouldReturnOnceRecordedWhenNotWaiting() {
    assertThat(run("--api", url(), "--api-key", ADMIN_KEY, "--wait", "0", "cust-7")).isZero();
    assertThat(calls).singleElement().asString().startsWith("DELETE");
  }

  @Test
  void shouldSayWhenTheEngineHasNotErasedItInTime() {
    looksUntilGone.set(Integer.MAX_VALUE);
    assertThat(run("--api", url(), "--api-key", ADMIN_KEY, "--wait", "1s", "cust-7"))
        .isEqualTo(QueryApi.TRY_AGAIN);
    assertThat(err.toString()).contains("has not erased cust-7 within");
  }

  @Test
  void shouldNameTheAdminRoleWhenTheKeyIsNotEnough() {
    assertThat(run("--api", url(), "--api-key", "ops-key", "cust-7")).isEqualTo(1);
    assertThat(err.toString()).contains("admin role").contains("(403)");
    assertThat(calls).hasSize(1);
  }
}
