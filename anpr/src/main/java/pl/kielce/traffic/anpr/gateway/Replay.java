package pl.kielce.traffic.anpr.gateway;

import java.util.List;

public final class Replay {
    private Replay() {
    }

    public static int main(List<String> args) {
        System.err.println("replay: not implemented yet");
        return 2;
    }
}
