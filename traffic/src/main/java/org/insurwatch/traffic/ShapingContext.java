package org.insurwatch.traffic;

import java.util.SplittableRandom;

/** What a scenario may draw on while it reshapes a chain; the generator's one random source keeps it repeatable. */
record ShapingContext(SplittableRandom random) {
}
