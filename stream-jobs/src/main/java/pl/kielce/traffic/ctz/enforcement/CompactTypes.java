package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hand-written Flink serializers for the records that cross the job's network hop ({@link PlateRead},
 * {@link EnrichedRead}) and for the keyed-state value written at every checkpoint ({@link PlateState}): field by field, no reflection, no Kryo (the register answer's
 * exemptions were a Kryo generic type), and — the types being immutable — no copy when object reuse makes an
 * operator copy its input (the async operator does). Attached with {@code @TypeInfo} on each record, so every
 * operator, side output and key selector uses them. The profile of 2026-11-28 had reflection-based POJO
 * (de)serialisation, Kryo and copies at ~9 % of the job's samples.
 */
public final class CompactTypes {
    private CompactTypes() {
    }

    /** Base of the serializers: immutable values, so copying returns the instance itself. */
    abstract static class Immutable<T> extends TypeSerializerSingleton<T> {
        @Override public boolean isImmutableType() { return true; }
        @Override public T createInstance() { return null; }
        @Override public T copy(T from) { return from; }
        @Override public T copy(T from, T reuse) { return from; }
        @Override public int getLength() { return -1; }
        @Override public T deserialize(T reuse, DataInputView source) throws IOException { return deserialize(source); }
        @Override public void copy(DataInputView source, DataOutputView target) throws IOException { serialize(deserialize(source), target); }
    }

    // ------------------------------------------------------------------ PlateRead

    static final class PlateReadSerializer extends Immutable<PlateRead> {
        static final PlateReadSerializer INSTANCE = new PlateReadSerializer();

        @Override
        public void serialize(PlateRead r, DataOutputView out) throws IOException {
            write(r, out);
        }

        @Override
        public PlateRead deserialize(DataInputView in) throws IOException {
            return read(in);
        }

        static void write(PlateRead r, DataOutputView out) throws IOException {
            StringValue.writeString(r.readId(), out);
            StringValue.writeString(r.cameraId(), out);
            out.writeLong(r.capturedAtMillis());
            StringValue.writeString(r.plate(), out);
            StringValue.writeString(r.country(), out);
            out.writeDouble(r.confidence());
            StringValue.writeString(r.evidenceRef(), out);
        }

        static PlateRead read(DataInputView in) throws IOException {
            return new PlateRead(StringValue.readString(in), StringValue.readString(in), in.readLong(), StringValue.readString(in),
                    StringValue.readString(in), in.readDouble(), StringValue.readString(in));
        }

        @Override
        public TypeSerializerSnapshot<PlateRead> snapshotConfiguration() {
            return new PlateReadSnapshot();
        }
    }

    public static final class PlateReadSnapshot extends SimpleTypeSerializerSnapshot<PlateRead> {
        public PlateReadSnapshot() {
            super(() -> PlateReadSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------ ReadBatch

    /** {@link ReadBatch}: chained, but kept in checkpoints by the async operator while its lookups are in flight. */
    static final class ReadBatchSerializer extends Immutable<ReadBatch> {
        static final ReadBatchSerializer INSTANCE = new ReadBatchSerializer();

        @Override
        public void serialize(ReadBatch b, DataOutputView out) throws IOException {
            out.writeInt(b.reads().size());
            for (PlateRead r : b.reads()) PlateReadSerializer.write(r, out);
        }

        @Override
        public ReadBatch deserialize(DataInputView in) throws IOException {
            PlateRead[] reads = new PlateRead[in.readInt()];
            for (int i = 0; i < reads.length; i++) reads[i] = PlateReadSerializer.read(in);
            return new ReadBatch(List.of(reads));
        }

        @Override
        public TypeSerializerSnapshot<ReadBatch> snapshotConfiguration() {
            return new ReadBatchSnapshot();
        }
    }

    public static final class ReadBatchSnapshot extends SimpleTypeSerializerSnapshot<ReadBatch> {
        public ReadBatchSnapshot() {
            super(() -> ReadBatchSerializer.INSTANCE);
        }
    }

    public static final class ReadBatchFactory extends Factory<ReadBatch> {
        public ReadBatchFactory() {
            super(() -> new Info<>(ReadBatch.class, ReadBatchSerializer.INSTANCE));
        }
    }

    // ------------------------------------------------------------------ EnrichedRead

    static final class EnrichedReadSerializer extends Immutable<EnrichedRead> {
        static final EnrichedReadSerializer INSTANCE = new EnrichedReadSerializer();

        @Override
        public void serialize(EnrichedRead e, DataOutputView out) throws IOException {
            PlateRead r = e.read(); // strings as UTF-8 bytes: this record crosses the network hop, every read
            writeUtf8(r.readId(), out);
            writeUtf8(r.cameraId(), out);
            out.writeLong(r.capturedAtMillis());
            writeUtf8(r.plate(), out);
            writeUtf8(r.country(), out);
            out.writeDouble(r.confidence());
            writeUtf8(r.evidenceRef(), out);
            RegisterAnswer a = e.answer();
            if (a == null) {
                out.writeByte(-1);
                return;
            }
            out.writeByte(a.status().ordinal());
            StringValue.writeString(a.detail(), out);
            VehicleFacts f = a.facts();
            out.writeBoolean(f != null);
            if (f != null) { // enums by ordinal: these records only cross the network, they are never kept in state
                writeOrdinal(f.category(), out);
                writeOrdinal(f.fuel(), out);
                writeOrdinal(f.euroNorm(), out);
                out.writeInt(f.productionYear());
                out.writeLong(f.firstRegistration() == null ? Long.MIN_VALUE : f.firstRegistration().toEpochDay());
                out.writeInt(f.grossMassKg());
                out.writeBoolean(f.historic());
                writeOrdinal(f.specialService(), out);
            }
            PlateExemptions ex = a.exemptions();
            out.writeBoolean(ex != null);
            if (ex != null) { // rare (a plate with exemption entries): plain Java serialisation
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                    o.writeObject(ex);
                }
                out.writeInt(b.size());
                out.write(b.toByteArray());
            }
        }

        @Override
        public EnrichedRead deserialize(DataInputView in) throws IOException {
            PlateRead read = new PlateRead(readUtf8(in), readUtf8(in), in.readLong(), readUtf8(in), readUtf8(in), in.readDouble(),
                    readUtf8(in));
            byte status = in.readByte();
            if (status < 0) return new EnrichedRead(read, null);
            String detail = StringValue.readString(in);
            VehicleFacts f = null;
            if (in.readBoolean()) {
                VehicleCategory category = readOrdinal(VehicleCategory.values(), in);
                Fuel fuel = readOrdinal(Fuel.values(), in);
                EuroNorm euro = readOrdinal(EuroNorm.values(), in);
                int year = in.readInt();
                long reg = in.readLong();
                int mass = in.readInt();
                boolean historic = in.readBoolean();
                ServiceKind service = readOrdinal(ServiceKind.values(), in);
                f = new VehicleFacts(category, fuel, euro, year, reg == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(reg), mass,
                        historic, service);
            }
            PlateExemptions ex = null;
            if (in.readBoolean()) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                    ex = (PlateExemptions) o.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
            }
            return new EnrichedRead(read, new RegisterAnswer(RegisterAnswer.Status.values()[status], f, ex, detail));
        }

        @Override
        public TypeSerializerSnapshot<EnrichedRead> snapshotConfiguration() {
            return new EnrichedReadSnapshot();
        }
    }

    public static final class EnrichedReadSnapshot extends SimpleTypeSerializerSnapshot<EnrichedRead> {
        public EnrichedReadSnapshot() {
            super(() -> EnrichedReadSerializer.INSTANCE);
        }
    }

    /**
     * UTF-8 with an int length (-1 = null): one array copy for ASCII text, where {@link StringValue} goes char by char
     * through a thread-local buffer (a tenth of the deciding task's profile). Used by {@link EnrichedRead} and
     * {@link PlateState}; not for {@link PlateRead}, which the async operator keeps in checkpoints in its own format.
     */
    static void writeUtf8(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readUtf8(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeOrdinal(Enum<?> e, DataOutputView out) throws IOException {
        out.writeByte(e == null ? -1 : e.ordinal());
    }

    private static <E extends Enum<E>> E readOrdinal(E[] values, DataInputView in) throws IOException {
        byte b = in.readByte();
        return b < 0 ? null : values[b];
    }

    // ------------------------------------------------------------------ type information

    /** Type information that hands out one serializer. */
    static final class Info<T> extends TypeInformation<T> {
        private final Class<T> type;
        private final TypeSerializer<T> serializer;

        Info(Class<T> type, TypeSerializer<T> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override public boolean isBasicType() { return false; }
        @Override public boolean isTupleType() { return false; }
        @Override public int getArity() { return 1; }
        @Override public int getTotalFields() { return 1; }
        @Override public Class<T> getTypeClass() { return type; }
        @Override public boolean isKeyType() { return false; }
        @Override public TypeSerializer<T> createSerializer(SerializerConfig config) { return serializer; }
        @Override public String toString() { return "Compact<" + type.getSimpleName() + ">"; }
        @Override public boolean equals(Object o) { return o instanceof Info<?> i && i.type == type; }
        @Override public int hashCode() { return Objects.hash(type); }
        @Override public boolean canEqual(Object o) { return o instanceof Info<?>; }
    }

    private abstract static class Factory<T> extends TypeInfoFactory<T> {
        private final Supplier<TypeInformation<T>> info;

        Factory(Supplier<TypeInformation<T>> info) {
            this.info = info;
        }

        @Override
        public TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return info.get();
        }
    }

    public static final class PlateReadFactory extends Factory<PlateRead> {
        public PlateReadFactory() {
            super(() -> new Info<>(PlateRead.class, PlateReadSerializer.INSTANCE));
        }
    }

    public static final class EnrichedReadFactory extends Factory<EnrichedRead> {
        public EnrichedReadFactory() {
            super(() -> new Info<>(EnrichedRead.class, EnrichedReadSerializer.INSTANCE));
        }
    }

    // ------------------------------------------------------------------ keyed state value

    /** {@link PlateState}: written for every plate with a case or an occasional day at every checkpoint. */
    static final class PlateStateSerializer extends Immutable<PlateState> {
        static final PlateStateSerializer INSTANCE = new PlateStateSerializer();
        private static final ThreadLocal<DataOutputSerializer> BUFFER = ThreadLocal.withInitial(() -> new DataOutputSerializer(256));

        @Override
        public void serialize(PlateState s, DataOutputView target) throws IOException {
            // into a buffer first, then one write: the checkpoint stream pays a call chain for every byte
            DataOutputSerializer out = BUFFER.get();
            out.clear();
            out.writeLong(s.timerAtMillis());
            out.writeShort(s.cases().size());
            for (PlateState.DayCase c : s.cases()) {
                writeUtf8(c.dayKey(), out);
                writeUtf8(c.caseId(), out);
                out.writeLong(c.expiresAtMillis());
            }
            out.writeShort(s.occasionalDays().size());
            for (PlateState.UsedDay d : s.occasionalDays()) {
                writeUtf8(d.isoDay(), out);
                out.writeLong(d.expiresAtMillis());
            }
            target.write(out.getSharedBuffer(), 0, out.length());
        }

        @Override
        public PlateState deserialize(DataInputView in) throws IOException {
            long timer = in.readLong();
            PlateState.DayCase[] cases = new PlateState.DayCase[in.readShort()];
            for (int i = 0; i < cases.length; i++) {
                cases[i] = new PlateState.DayCase(readUtf8(in), readUtf8(in), in.readLong());
            }
            PlateState.UsedDay[] days = new PlateState.UsedDay[in.readShort()];
            for (int i = 0; i < days.length; i++) days[i] = new PlateState.UsedDay(readUtf8(in), in.readLong());
            return new PlateState(List.of(cases), List.of(days), timer);
        }

        @Override
        public TypeSerializerSnapshot<PlateState> snapshotConfiguration() {
            return new PlateStateSnapshot();
        }
    }

    public static final class PlateStateSnapshot extends SimpleTypeSerializerSnapshot<PlateState> {
        public PlateStateSnapshot() {
            super(() -> PlateStateSerializer.INSTANCE);
        }
    }

    public static final class PlateStateFactory extends Factory<PlateState> {
        public PlateStateFactory() {
            super(() -> new Info<>(PlateState.class, PlateStateSerializer.INSTANCE));
        }
    }
}
