package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
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
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hand-written Flink serializers for the records that cross the job's network hops ({@link PlateRead},
 * {@link PassageEvent}, {@link EnrichedPassage}) and for the keyed-state values written at every checkpoint
 * ({@link OpenPassage}, {@link CaseRef}): field by field, no reflection, no Kryo (the register answer's
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

    // ------------------------------------------------------------------ PassageEvent

    static final class PassageEventSerializer extends Immutable<PassageEvent> {
        static final PassageEventSerializer INSTANCE = new PassageEventSerializer();

        @Override
        public void serialize(PassageEvent e, DataOutputView out) throws IOException {
            write(e, out);
        }

        @Override
        public PassageEvent deserialize(DataInputView in) throws IOException {
            return read(in);
        }

        static void write(PassageEvent e, DataOutputView out) throws IOException {
            out.writeBoolean(e.start());
            StringValue.writeString(e.passageId(), out);
            StringValue.writeString(e.zoneKey(), out);
            PlateReadSerializer.write(e.read(), out);
        }

        static PassageEvent read(DataInputView in) throws IOException {
            return new PassageEvent(in.readBoolean(), StringValue.readString(in), StringValue.readString(in), PlateReadSerializer.read(in));
        }

        @Override
        public TypeSerializerSnapshot<PassageEvent> snapshotConfiguration() {
            return new PassageEventSnapshot();
        }
    }

    public static final class PassageEventSnapshot extends SimpleTypeSerializerSnapshot<PassageEvent> {
        public PassageEventSnapshot() {
            super(() -> PassageEventSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------ EnrichedPassage

    static final class EnrichedPassageSerializer extends Immutable<EnrichedPassage> {
        static final EnrichedPassageSerializer INSTANCE = new EnrichedPassageSerializer();

        @Override
        public void serialize(EnrichedPassage e, DataOutputView out) throws IOException {
            PassageEventSerializer.write(e.event(), out);
            RegisterAnswer a = e.answer();
            if (a == null) {
                out.writeByte(-1);
                return;
            }
            out.writeByte(a.status().ordinal());
            StringValue.writeString(a.detail(), out);
            VehicleFacts f = a.facts();
            out.writeBoolean(f != null);
            if (f != null) {
                writeEnum(f.category(), out);
                writeEnum(f.fuel(), out);
                writeEnum(f.euroNorm(), out);
                out.writeInt(f.productionYear());
                out.writeLong(f.firstRegistration() == null ? Long.MIN_VALUE : f.firstRegistration().toEpochDay());
                out.writeInt(f.grossMassKg());
                out.writeBoolean(f.historic());
                writeEnum(f.specialService(), out);
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
        public EnrichedPassage deserialize(DataInputView in) throws IOException {
            PassageEvent ev = PassageEventSerializer.read(in);
            byte status = in.readByte();
            if (status < 0) return new EnrichedPassage(ev, null);
            String detail = StringValue.readString(in);
            VehicleFacts f = null;
            if (in.readBoolean()) {
                VehicleCategory category = readEnum(VehicleCategory.class, in);
                Fuel fuel = readEnum(Fuel.class, in);
                EuroNorm euro = readEnum(EuroNorm.class, in);
                int year = in.readInt();
                long reg = in.readLong();
                int mass = in.readInt();
                boolean historic = in.readBoolean();
                ServiceKind service = readEnum(ServiceKind.class, in);
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
            return new EnrichedPassage(ev, new RegisterAnswer(RegisterAnswer.Status.values()[status], f, ex, detail));
        }

        @Override
        public TypeSerializerSnapshot<EnrichedPassage> snapshotConfiguration() {
            return new EnrichedPassageSnapshot();
        }
    }

    public static final class EnrichedPassageSnapshot extends SimpleTypeSerializerSnapshot<EnrichedPassage> {
        public EnrichedPassageSnapshot() {
            super(() -> EnrichedPassageSerializer.INSTANCE);
        }
    }

    private static void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
        StringValue.writeString(e == null ? null : e.name(), out);
    }

    private static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in) throws IOException {
        String name = StringValue.readString(in);
        return name == null ? null : Enum.valueOf(type, name);
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

    public static final class PassageEventFactory extends Factory<PassageEvent> {
        public PassageEventFactory() {
            super(() -> new Info<>(PassageEvent.class, PassageEventSerializer.INSTANCE));
        }
    }

    public static final class EnrichedPassageFactory extends Factory<EnrichedPassage> {
        public EnrichedPassageFactory() {
            super(() -> new Info<>(EnrichedPassage.class, EnrichedPassageSerializer.INSTANCE));
        }
    }

    // ------------------------------------------------------------------ keyed state values

    static final class OpenPassageSerializer extends Immutable<OpenPassage> {
        static final OpenPassageSerializer INSTANCE = new OpenPassageSerializer();

        @Override
        public void serialize(OpenPassage o, DataOutputView out) throws IOException {
            StringValue.writeString(o.passageId(), out);
            out.writeLong(o.firstSeenMillis());
        }

        @Override
        public OpenPassage deserialize(DataInputView in) throws IOException {
            return new OpenPassage(StringValue.readString(in), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<OpenPassage> snapshotConfiguration() {
            return new OpenPassageSnapshot();
        }
    }

    public static final class OpenPassageSnapshot extends SimpleTypeSerializerSnapshot<OpenPassage> {
        public OpenPassageSnapshot() {
            super(() -> OpenPassageSerializer.INSTANCE);
        }
    }

    static final class CaseRefSerializer extends Immutable<CaseRef> {
        static final CaseRefSerializer INSTANCE = new CaseRefSerializer();

        @Override
        public void serialize(CaseRef c, DataOutputView out) throws IOException {
            StringValue.writeString(c.caseId(), out);
            out.writeLong(c.expiresAtMillis());
        }

        @Override
        public CaseRef deserialize(DataInputView in) throws IOException {
            return new CaseRef(StringValue.readString(in), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<CaseRef> snapshotConfiguration() {
            return new CaseRefSnapshot();
        }
    }

    public static final class CaseRefSnapshot extends SimpleTypeSerializerSnapshot<CaseRef> {
        public CaseRefSnapshot() {
            super(() -> CaseRefSerializer.INSTANCE);
        }
    }

    public static final class OpenPassageFactory extends Factory<OpenPassage> {
        public OpenPassageFactory() {
            super(() -> new Info<>(OpenPassage.class, OpenPassageSerializer.INSTANCE));
        }
    }

    public static final class CaseRefFactory extends Factory<CaseRef> {
        public CaseRefFactory() {
            super(() -> new Info<>(CaseRef.class, CaseRefSerializer.INSTANCE));
        }
    }
}
