package dev.midasbridge.journal.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The journal's group-commit writer: callers on any number of threads hand it their writes and block; a writer
 * thread takes every write waiting at that moment (up to {@link #MAX_BATCH}) and runs them in one transaction, then
 * answers each caller. While a flush is under way the next writes queue up, so concurrent intents and outcomes share
 * a commit, and a lone caller's write is flushed at once (no timer, no delay). A caller is never answered before the
 * transaction holding its write has committed: its future completes only after the commit returned. With several
 * writer threads (a shared database: each flushes on a connection of its own) several batches are under way at once.
 */
final class GroupCommit implements AutoCloseable {
    /** The most writes one transaction carries. */
    static final int MAX_BATCH = 256;

    /** One caller's write and its answer. */
    static final class Item<T> {
        final String what;
        final JdbcJournal.Work<T> work;
        /** Whether the write may hit a unique key (an insert): it runs under a savepoint of its own. */
        final boolean mayConflict;

        final CompletableFuture<T> result = new CompletableFuture<>();

        Item(String what, JdbcJournal.Work<T> work, boolean mayConflict) {
            this.what = what;
            this.work = work;
            this.mayConflict = mayConflict;
        }
    }

    /** Runs a batch in one transaction and completes every item's future once it committed (or failed). */
    @FunctionalInterface
    interface Flusher {
        void flush(List<Item<?>> batch);
    }

    private static final Item<Object> STOP = new Item<>("stop", (c, tx) -> null, false);

    private final BlockingQueue<Item<?>> queue = new LinkedBlockingQueue<>();
    private final Flusher flusher;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    GroupCommit(String name, int writerThreads, Flusher flusher) {
        this.flusher = flusher;
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::loop, "midas-bridge-journal-writer-" + i + " " + name);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Hands {@code item} to the writer and waits until its transaction committed; returns its result. */
    <T> T submit(Item<T> item) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the journal is closed");
            }
            queue.add(item);
        }
        try {
            return item.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void loop() {
        List<Item<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Item<?> first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, after the queue is drained
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (stop) {
                queue.add(STOP); // for the other writers
            }
            if (!batch.isEmpty()) {
                try {
                    flusher.flush(batch);
                } catch (RuntimeException | Error e) {
                    for (Item<?> item : batch) {
                        item.result.completeExceptionally(e);
                    }
                }
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Flushes what is queued, then stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
