package pl.kielce.traffic.ctz.policy.load;

import java.util.List;
import java.util.stream.Collectors;

/** A policy pack that cannot be loaded, with every problem found (not just the first). */
public final class PolicyPackException extends RuntimeException {
    private final List<PackProblem> problems;

    public PolicyPackException(List<PackProblem> problems) {
        super(problems.size() + " problem(s) in the policy pack:\n"
                + problems.stream().map(p -> "  " + p.message()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PackProblem> problems() { return problems; }
}
