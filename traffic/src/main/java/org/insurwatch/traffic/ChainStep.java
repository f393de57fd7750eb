package org.insurwatch.traffic;

/** The events a visit chain can emit, in the order of the chain. */
enum ChainStep {
    CONSULTATION(TrafficStream.CONSULTATION, "CON"),
    PRESCRIPTION(TrafficStream.PRESCRIPTION, "RX"),
    SETTLEMENT(TrafficStream.SETTLEMENT, "SET"),
    DISPATCH(TrafficStream.LOGISTICS, "DSP"),
    /** The parcel of a home delivery on its way to the patient. */
    IN_TRANSIT(TrafficStream.LOGISTICS, "TRN"),
    /** A delivery the carrier scanned though the patient did not get the parcel, which goes out again. */
    FAILED_DELIVERY(TrafficStream.LOGISTICS, "DLV0"),
    /** The parcel on its way to the patient again, after a failed delivery. */
    IN_TRANSIT_AGAIN(TrafficStream.LOGISTICS, "TRN2"),
    DELIVERY(TrafficStream.LOGISTICS, "DLV"),
    PICK_UP(TrafficStream.LOGISTICS, "PKU"),
    /** The prescription settled a second time, under another settlement id (RX-DUPLICATE-DISPENSE). */
    SECOND_SETTLEMENT(TrafficStream.SETTLEMENT, "SET2"),
    /** The prescription's drugs dispatched a second time, under another shipment id (RX-DUPLICATE-DISPENSE). */
    SECOND_DISPATCH(TrafficStream.LOGISTICS, "DSP2"),
    /** The second shipment delivered. */
    SECOND_DELIVERY(TrafficStream.LOGISTICS, "DLV2");

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
