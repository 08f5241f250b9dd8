package dev.touchpoints.producers.events;

import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.FormAbandoned;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import java.time.Clock;
import java.util.function.Function;

/**
 * Builds web-site, web-shop and self-service touchpoints for one subject.
 *
 * @param <R> what each terminal method returns (the event, or its publication)
 */
public final class WebEvents<R> extends EventBuilder<WebEvents<R>, WebEvent, R> {

  /** Default {@code source} of web events. */
  public static final String DEFAULT_SOURCE = "web";

  WebEvents(String subjectId, Clock clock, Function<? super WebEvent, R> finisher) {
    super(subjectId, DEFAULT_SOURCE, clock, finisher);
  }

  /** A page was viewed; {@code path} without query string. */
  public R pageViewed(String path) {
    return build(new PageViewed(path));
  }

  /** A self-service attempt (login, password reset, payment, …) and how it went. */
  public R selfServiceAttempted(SelfServiceKind kind, AttemptOutcome outcome, String errorCode) {
    return build(new SelfServiceAttempted(kind, outcome, errorCode));
  }

  /** A failed self-service attempt (R5). */
  public R selfServiceFailed(SelfServiceKind kind, String errorCode) {
    return selfServiceAttempted(kind, AttemptOutcome.FAILED, errorCode);
  }

  /** A successful self-service attempt. */
  public R selfServiceSucceeded(SelfServiceKind kind) {
    return selfServiceAttempted(kind, AttemptOutcome.SUCCEEDED, null);
  }

  /** An error page or failed checkout was shown; {@code httpStatus} may be null. */
  public R errorShown(WebErrorKind kind, String path, Integer httpStatus) {
    return build(new ErrorShown(kind, path, httpStatus));
  }

  /** A form was left unfinished; {@code step} may be null. */
  public R formAbandoned(String form, String step) {
    return build(new FormAbandoned(form, step));
  }

  private R build(Object payload) {
    return finish(new WebEvent(envelope(), payload));
  }
}
