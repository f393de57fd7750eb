package org.insurwatch.jobs.replay;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hands an archive's files out in path order, which is day order (day files are named by their day), so the one
 * reader of a stream delivers in event-time order and the watermark never overtakes a record. Flink's own assigners
 * hand out in no set order. A file given back after a failure is handed out again before the later ones.
 */
final class InPathOrder implements FileSplitAssigner {
    private final TreeMap<String, FileSourceSplit> splits = new TreeMap<>();

    InPathOrder(Collection<FileSourceSplit> splits) {
        addSplits(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirstEntry()).map(Map.Entry::getValue);
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        for (FileSourceSplit split : newSplits) {
            splits.put(split.path().toString(), split);
        }
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits.values());
    }
}
