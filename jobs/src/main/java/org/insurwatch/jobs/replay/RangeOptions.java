package org.insurwatch.jobs.replay;

import picocli.CommandLine.Option;

/** The range options replay and backtest share. */
final class RangeOptions {
    @Option(names = "--from", required = true, paramLabel = "ISO", description = "start of the range, inclusive, e.g. 2026-03-01T00:00:00Z")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO", description = "end of the range, exclusive; not in the future")
    String to;

    // None by default: a replay then reads exactly the range it names, so an archive needs no day before --from and
    // earlier replays stay reproducible. No default would be complete anyway: the chain rules remember a quiet chain
    // for at least a week and sold trace codes for years, so the operator chooses what the edge is worth.
    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "also read this much before --from to build the rules' state, reporting none of its alerts, "
                    + "e.g. PT72H (the stalled-delivery window) or P7D; default ${DEFAULT-VALUE}")
    String warmUp;

    ReplayRange parse() {
        return new ReplayRange(EventTimeRange.parse(from, to), ReplayRange.parseWarmUp(warmUp));
    }
}
