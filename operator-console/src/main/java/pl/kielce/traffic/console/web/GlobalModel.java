package pl.kielce.traffic.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import pl.kielce.traffic.console.security.ConsoleUser;
import pl.kielce.traffic.console.security.Role;

import java.util.Set;

/** Puts the current user (name, roles, demo label) into every page's model. */
@ControllerAdvice
class GlobalModel {
    @ModelAttribute("me")
    Me me() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a != null && a.getPrincipal() instanceof ConsoleUser u) {
            return new Me(u.getUsername(), u.getDisplayName(), u.isDemo(), u.getRoles());
        }
        return null;
    }

    /** The request path, so the menu can mark the current page ({@code aria-current}). */
    @ModelAttribute("path")
    String path(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** What a page needs to know about who is looking. */
    public record Me(String username, String displayName, boolean demo, Set<Role> roles) {
        public boolean has(String role) {
            return roles.contains(Role.valueOf(role));
        }

        public boolean reviews() {
            return has("ENFORCEMENT_OFFICER") || has("SUPERVISOR");
        }

        public boolean operates() {
            return has("OPERATOR") || has("SUPERVISOR");
        }
    }
}
