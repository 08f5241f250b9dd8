package dev.touchpoints.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.core.auth.AccessKeys.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeysTest {

  @Test
  void shouldGiveEachKeyItsRoleAndLetAdminDoWhatReadMay() {
    AccessKeys keys = AccessKeys.of(List.of("ops"), List.of("root"));

    assertThat(keys.enabled()).isTrue();
    assertThat(keys.roleOf("ops")).contains(Role.READ);
    assertThat(keys.roleOf("root")).contains(Role.ADMIN);
    assertThat(keys.roleOf("guess")).isEmpty();
    assertThat(Role.ADMIN.allows(Role.READ)).isTrue();
    assertThat(Role.READ.allows(Role.ADMIN)).isFalse();
    assertThat(keys.own()).contains("root");
  }

  @Test
  void shouldBeOffWithoutKeys() {
    AccessKeys keys = AccessKeys.of(List.of(), List.of());

    assertThat(keys.enabled()).isFalse();
    assertThat(keys.own()).isEmpty();
  }

  @Test
  void shouldReadTheKeyFromTheApiKeyHeaderOrABearerToken() {
    assertThat(ApiKeys.presented("k1", "Bearer k2")).contains("k1");
    assertThat(ApiKeys.presented(null, "bearer  k2 ")).contains("k2");
    assertThat(ApiKeys.presented(" ", "Basic abc")).isEmpty();
    assertThat(ApiKeys.presented(null, "Bearer ")).isEmpty();
    assertThat(ApiKeys.parse(" a, ,b ")).containsExactly("a", "b");
  }
}
