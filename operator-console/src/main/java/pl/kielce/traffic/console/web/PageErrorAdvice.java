package pl.kielce.traffic.console.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** HTML pages show domain errors on the error page with the message (never a stack trace). */
@ControllerAdvice(annotations = Controller.class)
class PageErrorAdvice {
    private final org.springframework.context.MessageSource messages;

    PageErrorAdvice(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({BadInput.class, NotFound.class, Conflict.class, pl.kielce.traffic.console.review.ReviewRefused.class})
    String show(RuntimeException e, Model model, HttpServletResponse response) {
        int status = e instanceof NotFound ? 404 : e instanceof BadInput ? 400 : 409;
        response.setStatus(status);
        model.addAttribute("status", status);
        String text = e.getMessage();
        if (e instanceof pl.kielce.traffic.console.review.ReviewRefused r) {
            text = messages.getMessage("refused." + r.code(), r.args(), e.getMessage(),
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        model.addAttribute("problem", text);
        return "problem";
    }
}
