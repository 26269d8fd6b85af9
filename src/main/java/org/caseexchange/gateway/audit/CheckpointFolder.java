package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder outside the database where checkpoints are written for operators to ship to oversight.
 * File names sort by time, so the latest is found without reading the others; a file is written
 * whole or not at all (written aside, flushed to disk, then renamed into place).
 */
final class CheckpointFolder {

    /** Every file, as found: the checkpoints, and the names of files that are not one. */
    record All(List<Checkpoint> checkpoints, List<String> unreadableFiles) {}

    /** The latest file, as found: a checkpoint, or the name of a file that is not one. */
    record Latest(Optional<Checkpoint> checkpoint, Optional<String> unreadableFile) {
        static final Latest NONE = new Latest(Optional.empty(), Optional.empty());
    }

    private static final String PREFIX = "checkpoint-";

    private final Path folder;

    CheckpointFolder(Path folder) {
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    void write(Checkpoint checkpoint) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(checkpoint.fileName());
            Path aside = folder.resolve("." + checkpoint.fileName() + ".part");
            try (FileChannel channel = FileChannel.open(
                    aside, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(checkpoint.fileText().getBytes(UTF_8)));
                channel.force(true);
            }
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + folder, e);
        }
    }

    /** Every checkpoint file of the folder, oldest first by name (the time it was signed). */
    All all() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new All(checkpoints, unreadable);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(CheckpointFolder::isCheckpointFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList()) {
                Optional<Checkpoint> checkpoint = Files.size(file) > 4096
                        ? Optional.empty()
                        : Checkpoint.parse(new String(Files.readAllBytes(file), UTF_8));
                if (checkpoint.isPresent()) {
                    checkpoints.add(checkpoint.get());
                } else {
                    unreadable.add(file.getFileName().toString());
                }
            }
            return new All(checkpoints, unreadable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint folder " + folder, e);
        }
    }

    private static boolean isCheckpointFile(Path file) {
        return file.getFileName().toString().startsWith(PREFIX)
                && file.getFileName().toString().endsWith(".txt");
    }

    Latest latest() {
        if (!Files.isDirectory(folder)) {
            return Latest.NONE;
        }
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> latest = files.filter(
                            file -> file.getFileName().toString().startsWith(PREFIX)
                                    && file.getFileName().toString().endsWith(".txt"))
                    .max(Comparator.comparing(file -> file.getFileName().toString()));
            if (latest.isEmpty()) {
                return Latest.NONE;
            }
            Optional<Checkpoint> checkpoint = Files.size(latest.get()) > 4096
                    ? Optional.empty()
                    : Checkpoint.parse(new String(Files.readAllBytes(latest.get()), UTF_8));
            return checkpoint.isPresent()
                    ? new Latest(checkpoint, Optional.empty())
                    : new Latest(
                            Optional.empty(),
                            Optional.of(latest.get().getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint folder " + folder, e);
        }
    }
}
