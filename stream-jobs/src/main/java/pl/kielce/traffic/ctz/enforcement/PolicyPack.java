package pl.kielce.traffic.ctz.enforcement;

/**
 * A validated policy pack as broadcast to the deciding operators, with where it was read from, so an operator
 * that bootstrapped its policy from the topic ({@link PolicyBootstrap}) can skip the records it has already
 * taken into account when the policy source replays the topic from its beginning.
 *
 * @param packJson  the pack ({@link PolicyUpdates#validate}: canonical JSON)
 * @param partition {@code policy.updates} partition, -1 when not from Kafka (never skipped)
 * @param offset    offset in that partition, -1 when not from Kafka
 */
public record PolicyPack(String packJson, int partition, long offset) {

    /** A pack not read from Kafka (tests). */
    public static PolicyPack of(String packJson) {
        return new PolicyPack(packJson, -1, -1L);
    }

    @Override
    public String toString() {
        return "PolicyPack[" + partition + "@" + offset + ", " + packJson.length() + " chars]";
    }
}
