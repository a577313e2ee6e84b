package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.journal.JournalException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded journal's sidecar {@code <journal>.check}: how many orders and events the journal holds, the highest
 * event id and a digest (the sum of every event's chain value), rewritten (atomically, by rename) after every
 * committed write. A journal that has fewer orders or events than its check file says lost them, and is refused.
 */
record CheckFile(long orders, long events, long lastEventId, long digest, long acceptedOrphans,
        long acceptedWithoutEvents) {
    static final CheckFile EMPTY = new CheckFile(0, 0, 0, 0, 0, 0);

    static Optional<CheckFile> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JournalException("the check file " + file + " could not be read: " + e.getMessage(), e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new CheckFile(Long.parseLong(p.getProperty("orders")),
                    Long.parseLong(p.getProperty("events")), Long.parseLong(p.getProperty("last_event_id")),
                    Long.parseUnsignedLong(p.getProperty("digest"), 16),
                    Long.parseLong(p.getProperty("accepted_orphan_events", "0")),
                    Long.parseLong(p.getProperty("accepted_orders_without_events", "0"))));
        } catch (IOException | RuntimeException e) {
            throw new JournalException("the check file " + file + " is damaged (" + e + "): the journal cannot be"
                    + " checked; run `bridge journal verify`", e);
        }
    }

    void write(Path file) {
        String text = "# midas-bridge journal check file: written after every journal write; do not edit.\n"
                + "# See `bridge journal verify`.\n"
                + "orders=" + orders + "\nevents=" + events + "\nlast_event_id=" + lastEventId + "\ndigest="
                + Long.toHexString(digest) + "\n"
                + (acceptedOrphans + acceptedWithoutEvents == 0 ? "" : "# accepted by `bridge journal verify --accept`:\n"
                        + "accepted_orphan_events=" + acceptedOrphans + "\naccepted_orders_without_events="
                        + acceptedWithoutEvents + "\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new JournalException("the check file " + file + " could not be written: " + e, e);
        }
    }

    CheckFile plus(long newOrders, long newEvents, long lastId, long digestAdded) {
        return new CheckFile(orders + newOrders, events + newEvents, Math.max(lastEventId, lastId),
                digest + digestAdded, acceptedOrphans, acceptedWithoutEvents);
    }
}
