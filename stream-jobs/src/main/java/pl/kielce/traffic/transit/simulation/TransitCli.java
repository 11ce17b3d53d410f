package pl.kielce.traffic.transit.simulation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import pl.kielce.traffic.transit.job.TransitAdherenceCommand;

/** {@code ./traffic transit …}: simulate positions, follow the outputs, measure, or run the job alone. */
@Command(name = "transit", mixinStandardHelpOptions = true,
        subcommands = {PositionSimulatorCommand.class, DelayedBusCommand.class, TailCommand.class, PriorityRequestsCommand.class, TransitBench.class, TransitJobBench.class, ChainCheckCommand.class, TransitAdherenceCommand.class},
        description = "Transit adherence: simulator, output follower, benchmark, job")
public final class TransitCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TransitCli()).execute(args));
    }
}
