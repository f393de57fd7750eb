package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.DeliveryStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;

class ChainEventTest {

    /** Kept in the rules' state: as a POJO, a field added later restores from an older checkpoint; Kryo would not. */
    @Test
    void isAFlinkPojoWhoseSerializerKeepsEveryField() throws Exception {
        TypeInformation<ChainEvent> type = TypeInformation.of(ChainEvent.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);

        ChainEvent dispatch = new ChainEvents(PSEUDONYMISER)
                .of(new ChainFixture("1").logistics("d", DeliveryStatus.DISPATCHED, T0)).orElseThrow();
        TypeSerializer<ChainEvent> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(dispatch, out);
        ChainEvent back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).usingRecursiveComparison().isEqualTo(dispatch);
        assertThat(back.shipmentId).isEqualTo("SH-1");
    }
}
