package dev.touchpoints.core.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, taken before anything in it is touched, so that a second
 * process cannot rewrite the data of the one running: a file {@code .lock} locked with {@link
 * FileChannel#tryLock()} and holding the owner's pid. The operating system drops the lock when the
 * process dies, however it dies, so a stale file never blocks a start.
 */
public final class DataDirLock implements AutoCloseable {

  /** The lock file's name inside the directory. */
  public static final String FILE_NAME = ".lock";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and locks it.
   *
   * @throws DataDirInUseException if another process (or this one) holds the lock; its message
   *     names the directory and the holder's pid
   * @throws UncheckedIOException if the directory or lock file cannot be created
   */
  public static DataDirLock acquire(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(absolute);
      Path file = absolute.resolve(FILE_NAME);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new DataDirInUseException(absolute, holder);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      channel.force(false);
      return new DataDirLock(absolute, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Cannot lock data directory " + absolute + ": " + e, e);
    }
  }

  /** The locked directory. */
  public Path dir() {
    return dir;
  }

  /** Releases the lock; the file stays (deleting it would race with a process locking it). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel's close below releases it too.
    }
    closeQuietly(channel);
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    return text.strip().isEmpty() ? "unknown" : text.strip();
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  /** The directory is locked by another process. */
  public static final class DataDirInUseException extends IllegalStateException {

    private final Path dir;
    private final String holderPid;

    DataDirInUseException(Path dir, String holderPid) {
      super(
          "Data directory "
              + dir
              + " is in use by process "
              + holderPid
              + "; stop it first or choose another directory");
      this.dir = dir;
      this.holderPid = holderPid;
    }

    /** The directory asked for. */
    public Path dir() {
      return dir;
    }

    /** The pid recorded by the holder, or {@code unknown}. */
    public String holderPid() {
      return holderPid;
    }
  }
}
