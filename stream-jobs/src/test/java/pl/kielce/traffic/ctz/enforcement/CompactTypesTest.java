package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/** The hand-written serializers of the records on the job's network hops: round trips, and Flink picks them. */
class CompactTypesTest {

    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeSerializer<T> s = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        T back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(s.copy(value)).isSameAs(value); // immutable: object reuse needs no copy
        return back;
    }

    @Test
    void flinkUsesTheCompactSerializersNotPojoOrKryo() {
        for (Class<?> c : new Class<?>[] {PlateRead.class, EnrichedRead.class, PlateState.class}) {
            assertThat(TypeInformation.of(c)).isInstanceOf(CompactTypes.Info.class);
        }
    }

    @Test
    void roundTrips() throws Exception {
        PlateRead r = read("r1", "cam-1", BEGINNING, "TK12345");
        PlateRead noEvidence = new PlateRead("r2", "cam-2", 42L, "TK1", "ZZ", 0.5, null);
        assertThat(roundTrip(PlateRead.class, r)).isEqualTo(r);
        assertThat(roundTrip(PlateRead.class, noEvidence)).isEqualTo(noEvidence);

        VehicleFacts full = new VehicleFacts(VehicleCategory.N1, Fuel.DIESEL, EuroNorm.EURO_5, 2012, LocalDate.of(2013, 2, 3), 3200,
                true, ServiceKind.values()[0]);
        for (RegisterAnswer a : new RegisterAnswer[] {null, RegisterAnswer.found(OLD_DIESEL, null), RegisterAnswer.found(full, null),
                RegisterAnswer.unknown(null), RegisterAnswer.unavailable("timeout after 666 ms")}) {
            EnrichedRead e = new EnrichedRead(r, a);
            assertThat(roundTrip(EnrichedRead.class, e)).isEqualTo(e);
        }
        PlateExemptions ex = new PlateExemptions().card(LocalDate.of(2027, 1, 1), LocalDate.of(2028, 1, 1))
                .occasionalDay(LocalDate.of(2027, 8, 1));
        EnrichedRead withEx = roundTrip(EnrichedRead.class, new EnrichedRead(r, RegisterAnswer.found(ELECTRIC, ex)));
        assertThat(withEx.answer().facts()).isEqualTo(ELECTRIC);
        assertThat(withEx.answer().exemptions().isEmpty()).isFalse();

        PlateState s = PlateState.EMPTY
                .withCase(new PlateState.DayCase("kielce-centre|2027-08-02", "ctz-1", 9_000L))
                .withCase(new PlateState.DayCase("strefa-śródmieście|2027-08-02", "ctz-2", 9_000L))
                .withOccasionalDay(new PlateState.UsedDay("2027-08-02", 9_500L))
                .withTimer(400L);
        assertThat(roundTrip(PlateState.class, s)).isEqualTo(s);
        assertThat(roundTrip(PlateState.class, PlateState.EMPTY)).isEqualTo(PlateState.EMPTY);
    }
}
