package pl.kielce.traffic.console.audit;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The client address of the current HTTP request, if any (for the audit log). */
final class ClientAddress {
    private ClientAddress() {
    }

    static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRemoteAddr();
        }
        return null;
    }
}
