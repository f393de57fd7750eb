package org.insurwatch.jobs.elasticsearch;

import java.io.Serializable;

/**
 * How records of one kind become documents: a monthly index chosen by the record's own (event) time, a
 * deterministic id, so a rewrite lands on the same document of the same index, and the JSON body.
 */
public interface ElasticsearchDocuments<T> extends Serializable {

    /** The base name: documents go to {@code <index>-yyyy.MM}, and the template covers {@code <index>-*}. */
    String index();

    /** The event time, epoch millis, that decides the month a document is kept under. */
    long time(T record);

    /** The index template resource (under /index-templates/ in the job jar) that maps the index. */
    String templateResource();

    String id(T record);

    byte[] json(T record);
}
