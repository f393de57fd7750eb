package org.insurwatch.jobs.replay;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.insurwatch.schema.alert.Alert;

import java.io.IOException;

/**
 * Passes on to its sink only the alerts of the replayed range, dropping those the warm-up raised. An alert belongs
 * to the range holding its {@code eventTime}, its latest evidence, not its {@code detectedAt}: a timeout reached
 * inside the range about a step of the warm-up (a warm-up settlement whose prescription lies before the warm-up)
 * is the warm-up's own edge alert. So each alert belongs to exactly one of two adjacent ranges.
 *
 * <p>For writer-only sinks, as the replay's are: a committer or writer state of the sink would be lost behind this.
 */
final class RangeAlertsSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private final Sink<Alert> sink;
    private final long fromMillis;

    RangeAlertsSink(Sink<Alert> sink, EventTimeRange range) {
        this.sink = sink;
        this.fromMillis = range.fromMillis();
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<Alert> writer = sink.createWriter(context);
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context alertContext) throws IOException, InterruptedException {
                if (alert.getEventTime().toEpochMilli() >= fromMillis) {
                    writer.write(alert, alertContext);
                }
            }

            @Override
            public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
                writer.writeWatermark(watermark);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                writer.flush(endOfInput);
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}
