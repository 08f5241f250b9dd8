package dev.touchpoints.connect.format;

import dev.touchpoints.connect.Alert;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.config.types.Password;

/**
 * A generic JSON webhook: the alert JSON exactly as the engine wrote it, signed with HMAC-SHA256
 * over the body in {@code X-Touchpoints-Signature: sha256=<hex>} (the scheme GitHub's webhooks
 * use), so a receiver can check it came from us and was not altered.
 */
public final class WebhookFormat implements Format {

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Touchpoints-Signature";

  private static final String ALGORITHM = "HmacSHA256";

  private final Password secret;

  /** A webhook format signing with {@code secret}. */
  public WebhookFormat(Password secret) {
    this.secret = secret;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Payload render(Alert alert) {
    byte[] body = alert.raw().getBytes(StandardCharsets.UTF_8);
    return new Payload(body, Map.of(SIGNATURE_HEADER, "sha256=" + sign(body)));
  }

  private String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
