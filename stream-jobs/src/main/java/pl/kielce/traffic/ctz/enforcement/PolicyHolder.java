package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import pl.kielce.traffic.ctz.policy.Policy;

import java.io.Serializable;
import java.util.Objects;

/**
 * The policy the deciding operator ({@link EnforceFunction}) uses:
 * <ol>
 *   <li>the pack in the operator's broadcast state (restored from a checkpoint, or received at runtime);</li>
 *   <li>else the pack bootstrapped from the policy topic when the operator was initialised — read to the
 *   topic's end <em>before</em> the first read is processed ({@link PolicyBootstrap});</li>
 *   <li>else (the topic holds no valid pack) the shipped pack the job was given.</li>
 * </ol>
 * Packs the bootstrap already covered are not applied again when the policy source replays the topic from
 * its beginning, so an operator never falls back to an older pack. Not thread-safe: one per operator instance.
 */
final class PolicyHolder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String shippedPackJson;
    private final PolicyBootstrap bootstrap;

    private transient PolicyBootstrap.State booted;
    private transient PolicyUpdates.Current current;

    PolicyHolder(String shippedPackJson, PolicyBootstrap bootstrap) {
        this.shippedPackJson = Objects.requireNonNull(shippedPackJson, "shippedPackJson");
        this.bootstrap = bootstrap == null ? PolicyBootstrap.NONE : bootstrap;
    }

    /** From {@code CheckpointedFunction.initializeState}: before any element is processed. */
    void initialize(FunctionInitializationContext ctx) throws Exception {
        BroadcastState<String, String> state = ctx.getOperatorStateStore().getBroadcastState(PolicyUpdates.STATE);
        booted = state.get(PolicyUpdates.STATE_KEY) != null ? PolicyBootstrap.State.EMPTY : bootstrap.read();
        current = new PolicyUpdates.Current(booted.packJson() != null ? booted.packJson() : shippedPackJson);
    }

    /** The policy in force for this operator now. */
    Policy get(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (current == null) current = new PolicyUpdates.Current(shippedPackJson); // not initialised (plain function tests)
        return current.get(state.get(PolicyUpdates.STATE_KEY));
    }

    /** A pack from the policy source: kept unless the bootstrap already took it (or a later one) into account. */
    void update(PolicyPack pack, BroadcastState<String, String> state) throws Exception {
        if (booted != null && booted.covers(pack)) return;
        state.put(PolicyUpdates.STATE_KEY, pack.packJson());
    }

    /** The version the bootstrap found, for tests and logs (null: none). */
    String bootstrappedPackJson() {
        return booted == null ? null : booted.packJson();
    }
}
