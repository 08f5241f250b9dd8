package dev.touchpoints.streams;

import dev.touchpoints.core.cli.UntilStopped;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code touchpoints streams}: runs the experience engine until Ctrl-C. */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Runs the experience engine: scores, alerts and incidents from touchpoint events, until"
            + " Ctrl-C. Policy settings: --set policy.<key>=<value> (see docs/configuration.md).")
public final class StreamsCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--create-topics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Create missing topics at start-up (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Spec CommandSpec spec;

  /** Held until the JVM exits; a static reference keeps the lock from being garbage-collected. */
  @SuppressWarnings("unused")
  private static FileLock stateDirLock;

  /**
   * Locks {@code dir} for the life of this JVM before anything touches it, so a second engine on
   * the same RocksDB state cannot corrupt the first one's (the OS releases the lock however the
   * process ends). The lock file holds the owner's pid.
   *
   * @return null once locked, else the pid recorded by the process holding it
   */
  private static String lockStateDir(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve("touchpoints.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ByteBuffer pid = ByteBuffer.allocate(32);
        channel.read(pid, 0);
        channel.close();
        String text = new String(pid.array(), 0, pid.position(), StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? "unknown" : text;
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      stateDirLock = lock;
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock state directory " + dir + ": " + e, e);
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig config = options.load(ExperienceApp.DEFAULTS);
    Path stateDir =
        Path.of(
                config
                    .kafkaProperties()
                    .getProperty(
                        StreamsConfig.STATE_DIR_CONFIG,
                        Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()))
            .toAbsolutePath()
            .normalize();
    String holder = lockStateDir(stateDir);
    if (holder != null) {
      spec.commandLine()
          .getErr()
          .println(
              "streams: State directory "
                  + stateDir
                  + " is in use by process "
                  + holder
                  + "; stop it first or set kafka.state.dir to another directory");
      spec.commandLine().getErr().flush();
      return 1;
    }
    ExperienceService service = ExperienceService.start(config, createTopics);
    UntilStopped stop = UntilStopped.closing(service, "streams");
    out.println("Experience engine running against " + config.bootstrapServers());
    out.println("Console and query API: http://localhost:" + service.queryPort() + "/");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stop.await();
    return 0;
  }
}
