package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = GenerateCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rate -1 --out DIR                    | --rate",
            "--violation-rate 1.5 --out DIR         | --violation-rate",
            "--violation-rate -0.1 --out DIR        | --violation-rate",
            "--chains -3 --out DIR                  | --chains",
            "--chains 10                            | --kafka",
            "--kafka localhost:9092 --out DIR       | mutually exclusive",
            "--out DIR --ground-truth truth.jsonl   | --ground-truth",
            "--out DIR --scenarios CLEAN            | CLEAN",
            "--out DIR --scenarios AGREEMENT_RESTORED | AGREEMENT_RESTORED",
            "--out DIR --hard-negatives TRACE_ORDER | TRACE_ORDER",
            "--out DIR --scenarios PRICED_JUST_UNDER | PRICED_JUST_UNDER",
            "--out DIR --hard-negative-rate 2       | --hard-negative-rate",
            "--out DIR --scenarios NO_SUCH_THING    | NO_SUCH_THING",
            "--out DIR --rate fast                  | fast"})
    void rejectsBadArgumentsWithOneLine(String args, String mentioned) {
        int exitCode = execute(args.trim().replace("DIR", directory.toString()).split("\\s+"));

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("generate: ").contains(mentioned);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writesTheTrafficTheReferenceDataAndTheGroundTruth() {
        int exitCode = execute("--chains", "50", "--seed", "4", "--violation-rate", "0.5",
                "--scenarios", "TRACE_NO_RX,trace_order", "--hard-negative-rate", "0", "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).contains("50 chains");
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE))).hasSize(50)
                .extracting(GroundTruth::scenario)
                .containsOnly(Scenario.CLEAN, Scenario.TRACE_NO_RX, Scenario.TRACE_ORDER);
        assertThat(directory.resolve("consultation.avro")).isNotEmptyFile();
        assertThat(FileTrafficSink.referenceFile(directory, ReferenceTopic.DOCTORS)).isNotEmptyFile();
    }

    @Test
    void acceptsTheFollowUpAndBulkScenariosByName() {
        int exitCode = execute("--chains", "120", "--seed", "4", "--violation-rate", "0.5", "--scenarios",
                "fu_window_expired,BULK_RATE,BULK_MULTI_SITE", "--hard-negative-rate", "0.3", "--hard-negatives",
                "BUSY_HUMAN_DOCTOR,follow_up_at_window_edge,LATE_BUT_ALLOWED", "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE))).hasSize(120)
                .extracting(GroundTruth::scenario)
                .isSubsetOf(Scenario.CLEAN, Scenario.FU_WINDOW_EXPIRED, Scenario.BULK_RATE, Scenario.BULK_MULTI_SITE,
                        Scenario.BUSY_HUMAN_DOCTOR, Scenario.FOLLOW_UP_AT_WINDOW_EDGE, Scenario.LATE_BUT_ALLOWED)
                .contains(Scenario.FU_WINDOW_EXPIRED, Scenario.BULK_MULTI_SITE, Scenario.FOLLOW_UP_AT_WINDOW_EDGE);
    }

    @Test
    void acceptsTheRefillAndPriceScenariosByName() {
        int exitCode = execute("--chains", "300", "--seed", "4", "--violation-rate", "0.3", "--scenarios",
                "rx_early_refill,PRICE_ABOVE_MEDIAN", "--hard-negative-rate", "0.3", "--hard-negatives",
                "PRICED_JUST_UNDER,delivery_fee_in_cash", "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE))).hasSize(300)
                .extracting(GroundTruth::scenario)
                .isSubsetOf(Scenario.CLEAN, Scenario.RX_EARLY_REFILL, Scenario.PRICE_ABOVE_MEDIAN,
                        Scenario.PRICED_JUST_UNDER, Scenario.DELIVERY_FEE_IN_CASH)
                .contains(Scenario.RX_EARLY_REFILL, Scenario.DELIVERY_FEE_IN_CASH);
    }

    @Test
    void drawsTheHardNegativesAskedFor() {
        int exitCode = execute("--chains", "60", "--seed", "4", "--violation-rate", "0.2", "--scenarios",
                "PAY_INSURED_SUSPENDED", "--hard-negative-rate", "0.5", "--hard-negatives", "agreement_restored",
                "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE))).hasSize(60)
                .extracting(GroundTruth::scenario)
                .containsOnly(Scenario.CLEAN, Scenario.PAY_INSURED_SUSPENDED, Scenario.AGREEMENT_RESTORED)
                .contains(Scenario.AGREEMENT_RESTORED);
        assertThat(FileTrafficSink.referenceFile(directory, ReferenceTopic.INSTITUTIONS)).isNotEmptyFile();
    }
}
