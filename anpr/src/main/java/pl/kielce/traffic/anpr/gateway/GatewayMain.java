package pl.kielce.traffic.anpr.gateway;

import java.util.List;

public final class GatewayMain {
    private GatewayMain() {
    }

    public static int main(List<String> args) {
        System.err.println("serve: not implemented yet");
        return 2;
    }
}
