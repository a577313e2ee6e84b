package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.journal.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The embedded journal's sidecar {@code <journal>.check}: how many orders and events the journal holds, the highest
 * event id and a digest (the sum of every event's chain value), rewritten after every committed write. A journal
 * that has fewer orders or events than its check file says lost them, and is refused.
 *
 * <p>The file is two fixed-size text slots, each with a sequence number and a CRC; a write overwrites the older slot
 * in place (one small {@code pwrite}, no new file, no rename), and a read takes the newest slot whose CRC holds, so a
 * write torn by a crash leaves the previous state readable.
 */
record CheckFile(
        long seq,
        long orders,
        long events,
        long lastEventId,
        long digest,
        long acceptedOrphans,
        long acceptedWithoutEvents) {
    static final CheckFile EMPTY = new CheckFile(0, 0, 0, 0, 0, 0, 0);
    private static final int SLOT = 256;

    static Optional<CheckFile> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JournalException("the check file " + file + " could not be read: " + JdbcJournal.reason(e), e);
        }
        CheckFile best = null;
        for (int off = 0; off + SLOT <= bytes.length; off += SLOT) {
            CheckFile c = parse(new String(bytes, off, SLOT, StandardCharsets.US_ASCII));
            if (c != null && (best == null || c.seq > best.seq)) {
                best = c;
            }
        }
        if (best == null) {
            throw new JournalException(
                    "the check file " + file + " is damaged (no readable slot): the journal cannot" + " be checked",
                    null);
        }
        return Optional.of(best);
    }

    private static CheckFile parse(String slot) {
        int nl = slot.indexOf('\n');
        if (!slot.startsWith("journal-check ") || nl < 0) {
            return null;
        }
        String line = slot.substring(0, nl);
        int crcAt = line.lastIndexOf(" crc=");
        if (crcAt < 0) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(line.substring(0, crcAt).getBytes(StandardCharsets.US_ASCII));
        try {
            if (Long.parseLong(line.substring(crcAt + 5), 16) != crc.getValue()) {
                return null;
            }
            Map<String, String> m = new HashMap<>();
            for (String kv : line.substring("journal-check ".length(), crcAt).split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return new CheckFile(
                    Long.parseLong(m.get("seq")),
                    Long.parseLong(m.get("orders")),
                    Long.parseLong(m.get("events")),
                    Long.parseLong(m.get("last_event_id")),
                    Long.parseUnsignedLong(m.get("digest"), 16),
                    Long.parseLong(m.getOrDefault("accepted_orphans", "0")),
                    Long.parseLong(m.getOrDefault("accepted_without_events", "0")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes this state (with the next sequence number) over the older slot of the open {@code channel}. */
    CheckFile writeTo(FileChannel channel, Path file) {
        CheckFile next =
                new CheckFile(seq + 1, orders, events, lastEventId, digest, acceptedOrphans, acceptedWithoutEvents);
        String body = "journal-check seq=" + next.seq + " orders=" + orders + " events=" + events + " last_event_id="
                + lastEventId + " digest=" + Long.toHexString(digest) + " accepted_orphans=" + acceptedOrphans
                + " accepted_without_events=" + acceptedWithoutEvents;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        StringBuilder slot = new StringBuilder(body)
                .append(" crc=")
                .append(Long.toHexString(crc.getValue()))
                .append('\n');
        while (slot.length() < SLOT - 1) {
            slot.append(' ');
        }
        slot.append('\n');
        try {
            channel.write(ByteBuffer.wrap(slot.toString().getBytes(StandardCharsets.US_ASCII)), (next.seq % 2) * SLOT);
        } catch (IOException e) {
            throw new JournalException("the check file " + file + " could not be written: " + JdbcJournal.reason(e), e);
        }
        return next;
    }

    /** Writes this state as a fresh file (both slots), replacing what was there. */
    CheckFile writeNew(Path file) {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            CheckFile a = writeTo(ch, file);
            return a.writeTo(ch, file);
        } catch (IOException e) {
            throw new JournalException("the check file " + file + " could not be written: " + JdbcJournal.reason(e), e);
        }
    }

    CheckFile plus(long newOrders, long newEvents, long lastId, long digestAdded) {
        return new CheckFile(
                seq,
                orders + newOrders,
                events + newEvents,
                Math.max(lastEventId, lastId),
                digest + digestAdded,
                acceptedOrphans,
                acceptedWithoutEvents);
    }
}
