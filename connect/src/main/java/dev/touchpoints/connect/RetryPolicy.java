package dev.touchpoints.connect;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off: {@code backoff × 2^(retry-1)}, capped at {@code maxBackoff}, with "equal
 * jitter" (half fixed, half random) so that tasks retrying together do not hit a receiver in step.
 *
 * @param maxRetries retries after the first attempt
 * @param backoff the wait before the first retry
 * @param maxBackoff the longest wait, also for a {@code Retry-After} the receiver asks for
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {

  /** The wait before retry number {@code retry} (1-based). */
  public Duration backoff(int retry) {
    long base = backoff.toMillis() << Math.min(retry - 1, 30);
    long capped = Math.max(0, Math.min(base, maxBackoff.toMillis()));
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }

  /** The wait a receiver asked for, but no longer than the longest wait. */
  public Duration retryAfter(Duration asked) {
    return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
  }
}
