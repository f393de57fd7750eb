package org.insurwatch.traffic;

/** How a scenario turns a clean visit chain into its own: what it withholds, moves or changes, and what it cites. */
@FunctionalInterface
interface ChainShape {

    void apply(VisitChain chain, ShapingContext context);
}
