package pl.kielce.traffic.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/** JSON APIs answer bad input with RFC 9457 problem+json naming the field ({@code field} property). */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    @ExceptionHandler(BadInput.class)
    ProblemDetail badInput(BadInput e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request parameter", e.getMessage(), e.field());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Missing request parameter",
                e.getParameterName() + " is required", e.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                e.getName() + " has an invalid value '" + e.getValue() + "'", e.getName());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler({Conflict.class, pl.kielce.traffic.console.review.ReviewRefused.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Action not allowed now", e.getMessage(), null);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://kielce.example/problems/" + title.toLowerCase().replace(' ', '-')));
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}
