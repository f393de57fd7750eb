package org.insurwatch.traffic;

/**
 * An insured person of the world. The name and resident ID number are personal data: the traffic carries
 * them on purpose, so that the job's duty never to leak them can be tested.
 *
 * @param serial position in the world's list of insured persons, -1 for a {@link WalkInPatients walk-in}
 * @param region the pooling region that insures the person
 * @param offlineDiagnosis the first offline diagnosis of the disease the person follows up online, dated
 *     before the world's date, which the insurer learns of with the person's first visit chain; the traffic
 *     brings later diagnoses of the same disease as the person sees offline doctors again
 */
public record InsuredPerson(int serial, String id, String name, String residentIdNumber, PoolingRegion region,
                            OfflineDiagnosis offlineDiagnosis) {
}
