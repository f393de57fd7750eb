package org.insurwatch.traffic;

/** The events a visit chain can emit, in the order of the chain. */
enum ChainStep {
    CONSULTATION(TrafficStream.CONSULTATION, "CON"),
    PRESCRIPTION(TrafficStream.PRESCRIPTION, "RX"),
    SETTLEMENT(TrafficStream.SETTLEMENT, "SET"),
    DISPATCH(TrafficStream.LOGISTICS, "DSP"),
    DELIVERY(TrafficStream.LOGISTICS, "DLV"),
    PICK_UP(TrafficStream.LOGISTICS, "PKU"),
    /** The prescription settled a second time, under another settlement id (RX-DUPLICATE-DISPENSE). */
    SECOND_SETTLEMENT(TrafficStream.SETTLEMENT, "SET2");

    private final TrafficStream stream;
    private final String eventIdSuffix;

    ChainStep(TrafficStream stream, String eventIdSuffix) {
        this.stream = stream;
        this.eventIdSuffix = eventIdSuffix;
    }

    TrafficStream stream() {
        return stream;
    }

    String eventIdSuffix() {
        return eventIdSuffix;
    }
}
