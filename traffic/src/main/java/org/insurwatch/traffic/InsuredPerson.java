package org.insurwatch.traffic;

/**
 * An insured person of the world. The name and resident ID number are personal data: the traffic carries
 * them on purpose, so that the job's duty never to leak them can be tested.
 *
 * @param serial position in the world's list of insured persons
 * @param region the pooling region that insures the person
 * @param offlineDiagnosis the disease the person follows up online
 */
public record InsuredPerson(int serial, String id, String name, String residentIdNumber, PoolingRegion region,
                            OfflineDiagnosis offlineDiagnosis) {
}
