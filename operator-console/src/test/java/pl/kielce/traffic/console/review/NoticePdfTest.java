package pl.kielce.traffic.console.review;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.review.CaseRecords.Notice;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticePdfTest {
    @Test
    void theNoticeIsInPolishWithTheCaseFacts() throws Exception {
        Instant seen = Instant.parse("2027-07-05T06:30:00Z");
        Detail d = new Detail("case-1", "VIOLATION", "TK12345", "PL", "kielce-centre", "stage-1", "kielce-sct",
                "2026.11", "s1-diesel", "Diesel M1 Euro 3 (2004): etap 1 wymaga Euro 4 lub rocznika 2006+", seen,
                seen.plusSeconds(3), List.of("r1"), List.of(), "KCE-CAM-01", 0.97, List.of(), null, null,
                new ReviewState(CaseStatus.CONFIRMED, null, "anna.nowak", null, 1), null, List.of(), null);
        byte[] pdf = NoticePdf.render(d, new Notice("SCT/2027/000042", seen.plusSeconds(86400), "anna.nowak", 500),
                "Sienkiewicza / Paderewskiego");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("ZAWIADOMIENIE nr SCT/2027/000042", "Strefy Czystego Transportu", "TK12345",
                "05.07.2027 08:30", "Sienkiewicza / Paderewskiego", "kielce-sct, wersja 2026.11", "s1-diesel",
                "do 500 zł", "art. 96c Kodeksu wykroczeń", "Pouczenie", "Straż Miejska w Kielcach", "może w terminie 7 dni");
    }
}
