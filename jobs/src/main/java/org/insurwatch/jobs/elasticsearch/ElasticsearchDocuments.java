package org.insurwatch.jobs.elasticsearch;

import java.io.Serializable;

/** How records of one kind become documents of one index: a deterministic id, so a rewrite overwrites, and the JSON body. */
public interface ElasticsearchDocuments<T> extends Serializable {

    String index();

    /** The index template resource (under /index-templates/ in the job jar) that maps the index. */
    String templateResource();

    String id(T record);

    byte[] json(T record);
}
