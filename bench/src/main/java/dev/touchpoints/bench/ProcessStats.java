package dev.touchpoints.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Resident memory and bytes on disk, as the operating system sees them. */
final class ProcessStats {

  private ProcessStats() {}

  /**
   * This process's resident set size in bytes ({@code VmRSS} of /proc/self/status); -1 if unknown.
   */
  static long rssBytes() {
    return statusField("VmRSS");
  }

  /** This process's peak resident set size in bytes ({@code VmHWM}); -1 if unknown. */
  static long peakRssBytes() {
    return statusField("VmHWM");
  }

  private static long statusField(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * CPU time in ns of the live threads whose names start with {@code prefix} (a Kafka Streams
   * client's threads are named after its application id and client id: stream threads, their
   * producers' network threads, the state updater, the global thread).
   */
  static long threadCpuNanos(String prefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) || t.getName().contains("| " + prefix)) {
        long cpu = threads.getThreadCpuTime(t.getId());
        if (cpu > 0) {
          sum += cpu;
        }
      }
    }
    return sum;
  }

  /** CPU time in ns of this whole process (every thread, broker included); -1 if unknown. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Total size of the regular files under {@code dir}. */
  static long bytesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(ProcessStats::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bytes on disk per state store under a Kafka Streams state directory ({@code
   * <state.dir>/<application.id>/<task>/rocksdb/<store>/…}), summed over tasks.
   */
  static Map<String, Long> bytesPerStore(Path stateDir) {
    Map<String, Long> perStore = new TreeMap<>();
    if (!Files.exists(stateDir)) {
      return perStore;
    }
    try (Stream<Path> files = Files.walk(stateDir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f -> {
                Path rel = stateDir.relativize(f);
                String store = "other";
                for (int i = 0; i < rel.getNameCount() - 1; i++) {
                  if (rel.getName(i).toString().equals("rocksdb")) {
                    store = rel.getName(i + 1).toString();
                    break;
                  }
                }
                // segmented (window) stores: <application.id>/<task>/<store>/<store>.<segment>/…
                if (store.equals("other")
                    && rel.getNameCount() >= 5
                    && rel.getName(3).toString().startsWith(rel.getName(2) + ".")) {
                  store = rel.getName(2).toString();
                }
                perStore.merge(store, size(f), Long::sum);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return perStore;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0; // RocksDB deletes obsolete files while we walk
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a benchmark's scratch directory
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
