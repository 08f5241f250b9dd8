package dev.touchpoints.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate generated classes outside trusted packages. A serde that is
 * handed a generated class trusts that class's package, and only that, on top of whatever the
 * application trusted already.
 */
final class AvroTrust {

  private static final Set<String> PACKAGES = ConcurrentHashMap.newKeySet();
  private static volatile boolean installed;

  private AvroTrust() {}

  static void trustPackageOf(Class<?> type) {
    if (PACKAGES.add(type.getPackageName())) {
      install();
    }
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        type -> PACKAGES.contains(type.getPackageName()) || previous.isTrusted(type));
    installed = true;
  }
}
