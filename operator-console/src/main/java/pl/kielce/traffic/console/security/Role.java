package pl.kielce.traffic.console.security;

/** Who may do what in the console. */
public enum Role {
    /** Watches the network, acknowledges alerts, approves or rejects signal plans. */
    OPERATOR,
    /** Reviews CTZ cases: confirms (→ notice), rejects with a reason, sends for a second check. */
    ENFORCEMENT_OFFICER,
    /** Does what officers and operators do, and decides disputed cases. */
    SUPERVISOR,
    /** Reads the audit log; changes nothing. */
    AUDITOR,
    /** Manages user accounts. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
