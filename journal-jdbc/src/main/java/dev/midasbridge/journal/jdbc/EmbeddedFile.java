package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.journal.JournalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One embedded journal file as this JVM holds it: the OS lock on {@code <journal>.lock} (so one process at a time has
 * the journal open; others wait for it, up to a bounded time), the lock that serialises this JVM's writes, and the
 * check-file state. Shared by every {@link JdbcJournal} handle on the same file in this JVM; released with the last.
 */
final class EmbeddedFile {
    private static final Map<Path, EmbeddedFile> OPEN = new HashMap<>();

    final Path file;
    final Path database;
    final Path checkFile;
    final Path lockFile;
    final ReentrantLock writes = new ReentrantLock();
    private final FileChannel channel;
    private final FileLock lock;
    private int handles;
    /** What the journal holds, as of the last committed write; guarded by {@link #writes}. */
    CheckFile state;
    /** Whether a handle has opened and checked the database in this JVM already. */
    boolean checked;

    private FileChannel checkChannel;

    private EmbeddedFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.database = file.resolveSibling(file.getFileName() + ".mv.db");
        this.checkFile = file.resolveSibling(file.getFileName() + ".check");
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.channel = channel;
        this.lock = lock;
    }

    /** The file's lock for this JVM, taking the OS lock if this is the first handle, waiting at most {@code wait}. */
    static EmbeddedFile acquire(Path file, Duration wait) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            EmbeddedFile open = OPEN.get(key);
            if (open != null) {
                open.handles++;
                return open;
            }
        }
        // Not under the map's monitor while waiting: another thread may release a different file meanwhile.
        Path lockFile = key.resolveSibling(key.getFileName() + ".lock");
        try {
            Path dir = key.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new JournalException("journal " + key + ": cannot create its folder: " + JdbcJournal.reason(e), e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException(
                    "journal " + key + ": cannot open its lock file " + lockFile + ": " + JdbcJournal.reason(e), e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                synchronized (OPEN) {
                    EmbeddedFile open = OPEN.get(key);
                    if (open != null) {
                        channel.close();
                        open.handles++;
                        return open;
                    }
                    FileLock lock = null;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null;
                    }
                    if (lock != null) {
                        EmbeddedFile f = new EmbeddedFile(key, channel, lock);
                        f.handles = 1;
                        OPEN.put(key, f);
                        return f;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    channel.close();
                    throw new JournalException(
                            "journal " + key + " is in use by another process: waited "
                                    + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms")
                                    + " for the lock on " + lockFile + " (an embedded journal is open"
                                    + " in one process at a time; others wait for it)",
                            null);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException(
                    "journal " + key + ": cannot lock " + lockFile + ": " + JdbcJournal.reason(e), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new JournalException("journal " + key + ": interrupted while waiting for its lock", e);
        }
    }

    /** The check file, open for writing in place (guarded by {@link #writes}). */
    FileChannel checkChannel() {
        if (checkChannel == null) {
            try {
                checkChannel = FileChannel.open(checkFile, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new JournalException(
                        "the check file " + checkFile + " could not be opened: " + JdbcJournal.reason(e), e);
            }
        }
        return checkChannel;
    }

    /** Drops one handle; the last releases the OS lock. */
    void release() {
        synchronized (OPEN) {
            if (--handles > 0) {
                return;
            }
            OPEN.remove(file);
            if (checkChannel != null) {
                closeQuietly(checkChannel);
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
