package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.OrderedRule;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * BULK-MACHINE-CADENCE: a run of one doctor's prescriptions (by default 10 in a row, within an hour, for as many
 * different patients) that a machine paced, its gaps varying by less than a tenth of their mean, or that a
 * template wrote, all with the same diagnoses and drug lines. A burst opens with the first such run, takes in
 * every next prescription whose own run of the last 10 still qualifies, and closes at the first one whose does
 * not, or when the run's time bound passes without any.
 */
final class MachineCadenceRule implements OrderedRule<Prescription> {
    private static final long serialVersionUID = 1L;
    private final int runLength;
    private final double maxVariation;
    private final long within;
    private final int maxEvidence;
    private final Pseudonymiser pseudonymiser;
    private transient ListState<Evidence> lastRun;
    private transient Burst burst;

    MachineCadenceRule(JobConfig.BulkPrescribing config, Pseudonymiser pseudonymiser) {
        this.runLength = config.cadenceRun;
        this.maxVariation = config.maxIntervalVariation;
        this.within = config.cadenceWithin.toMillis();
        this.maxEvidence = config.maxEvidence;
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void open(RuntimeContext runtime) {
        lastRun = runtime.getListState(new ListStateDescriptor<>("cadence-run", new AvroTypeInfo<>(Evidence.class)));
        burst = Burst.in(runtime, "cadence-burst", maxEvidence);
    }

    @Override
    public void onRecord(Prescription p, long time, SettingsInForce settings, TimerService timers, Collector<Alert> out) throws Exception {
        List<Evidence> run = new ArrayList<>();
        lastRun.get().forEach(run::add);
        Evidence evidence = BulkEvidence.of(p, pseudonymiser);
        run.add(evidence);
        if (run.size() > runLength) {
            run = new ArrayList<>(run.subList(run.size() - runLength, run.size()));
        }
        lastRun.update(run);
        if (run.size() == runLength && machineLike(run)) {
            if (burst.isOpen()) {
                burst.add(evidence, time);
            } else {
                for (Evidence e : run) {
                    burst.add(e, time);
                }
            }
        } else if (burst.isOpen()) {
            burst.close(BulkPrescribingRules.MACHINE_CADENCE, p.getDoctorId(), time, out);
        }
        timers.registerEventTimeTimer(time + within);
    }

    @Override
    public void onTime(String doctorId, long time, TimerService timers, Collector<Alert> out) throws Exception {
        List<Evidence> run = new ArrayList<>();
        lastRun.get().forEach(run::add);
        // a run can only qualify within the bound, so one that has ended that long ago is over, and forgotten
        if (!run.isEmpty() && time >= run.get(run.size() - 1).getEventTime().toEpochMilli() + within) {
            lastRun.clear();
            if (burst.isOpen()) {
                burst.close(BulkPrescribingRules.MACHINE_CADENCE, doctorId, time, out);
            }
        }
    }

    /** Whether a full run is for different patients, within the bound, and paced by a machine or written from a template. */
    boolean machineLike(List<Evidence> run) {
        long first = run.get(0).getEventTime().toEpochMilli();
        long last = run.get(run.size() - 1).getEventTime().toEpochMilli();
        if (last - first > within) {
            return false;
        }
        if (run.stream().map(e -> e.getFields().get(BulkEvidence.PATIENT)).distinct().count() < run.size()) {
            return false;
        }
        boolean template = run.stream().map(e -> e.getFields().get(BulkEvidence.CONTENT)).distinct().count() == 1;
        return template || intervalVariation(run) < maxVariation;
    }

    /** The coefficient of variation of the gaps between the run's prescriptions: standard deviation over mean. */
    static double intervalVariation(List<Evidence> run) {
        int gaps = run.size() - 1;
        double[] gap = new double[gaps];
        double sum = 0;
        for (int i = 0; i < gaps; i++) {
            gap[i] = run.get(i + 1).getEventTime().toEpochMilli() - run.get(i).getEventTime().toEpochMilli();
            sum += gap[i];
        }
        double mean = sum / gaps;
        if (mean == 0) {
            // all at the same instant: no person signs ten prescriptions at once
            return 0;
        }
        double squares = 0;
        for (double g : gap) {
            squares += (g - mean) * (g - mean);
        }
        return Math.sqrt(squares / gaps) / mean;
    }
}
