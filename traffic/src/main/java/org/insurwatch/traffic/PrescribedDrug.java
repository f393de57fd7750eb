package org.insurwatch.traffic;

/** One line of a prescription: a drug, how many boxes, for how many days. */
record PrescribedDrug(Drug drug, int boxes, int daysOfSupply) {
}
