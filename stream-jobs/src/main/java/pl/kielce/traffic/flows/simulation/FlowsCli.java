package pl.kielce.traffic.flows.simulation;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./traffic flows …}: detector-count simulator, output follower, benchmark. */
@Command(name = "flows", mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, FlowsTailCommand.class},
        description = "Traffic flows: detector-count simulator, flows/alerts follower, benchmark")
public final class FlowsCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlowsCli()).execute(args));
    }
}
