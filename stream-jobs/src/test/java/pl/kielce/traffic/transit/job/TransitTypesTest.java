package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.transit.adherence.StopPassage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything the job sends between operators or keeps in state is a Flink POJO (no Kryo fallback). */
class TransitTypesTest {
    @Test
    void recordsBetweenOperatorsAndInStateArePojos() {
        for (Class<?> c : List.of(ObservedPosition.class, VehicleState.class, StopPassage.class, KeyedBytes.class,
                DeadLetter.class, NearSignalPosition.class, PriorityApproachFunction.LastFix.class,
                pl.kielce.traffic.transit.priority.PriorityRequest.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
